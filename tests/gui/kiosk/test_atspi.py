"""The kiosk's "Larger text" and "High contrast" are toggle buttons to a screen reader, not check boxes.

In process through QAccessible, and from outside through a real AT-SPI client (pyatspi under Xvfb
and a D-Bus session): role push button (Qt's AT-SPI bridge has no toggle-button role), states
checkable, and checked and pressed once pressed, the name in the visitor's language, and a press
through the client's action interface works as a tap.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible

from cloudwizard.gui.app import Wizard
from cloudwizard.gui.l10n import Localizer
from tests.gui.atspi_run import atspi_missing, run_under_atspi

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]


def test_the_toggles_are_buttons_that_are_pressed_or_not(kiosk: Wizard) -> None:
    assert kiosk.kiosk is not None
    for button, name in ((kiosk.kiosk.text_button, "Larger text"), (kiosk.kiosk.contrast_button, "High contrast")):
        iface = QAccessible.queryAccessibleInterface(button)
        assert iface is not None
        assert iface.role() == QAccessible.Role.Button, iface.role()
        assert iface.text(QAccessible.Text.Name) == name
        state = iface.state()
        assert state.checkable and not state.checked and not state.pressed
        assert "Toggle" in iface.actionInterface().actionNames()
        iface.actionInterface().doAction("Toggle")
        assert button.isChecked()
        state = iface.state()
        assert state.checked and state.pressed
        button.click()
        assert not iface.state().pressed
    assert not kiosk.high_contrast and not kiosk.kiosk.large_text


@pytest.mark.xvfb
@pytest.mark.skipif(bool(atspi_missing()), reason=atspi_missing() or "ok")
@pytest.mark.parametrize("lang", ["nl", "fr", "de", "en"])
def test_a_screen_reader_hears_toggle_buttons_in_the_visitors_language(lang: str, tmp_path: Path) -> None:
    _ = Localizer(lang).gettext
    names = [_("Larger text"), _("High contrast")]
    assert lang == "en" or names != ["Larger text", "High contrast"], "the names are not translated"
    report = run_under_atspi(tmp_path, ["kiosk/atspi_kiosk_app.py", lang],
                             ["kiosk/atspi_kiosk_client.py", *(shlex.quote(n) for n in names)], timeout=120)
    for name in names:
        button = report["buttons"][name]
        assert button is not None, f"no showing node named {name!r}: {report}"
        assert button["role"] == "push button", button  # not "check box"
        assert "checkable" in button["before"] and "focusable" in button["before"], button
        assert "pressed" not in button["before"] and "checked" not in button["before"], button
        assert {"checked", "pressed"} <= set(button["after"] or []), button
