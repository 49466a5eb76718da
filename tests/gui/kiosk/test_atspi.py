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


@pytest.mark.xvfb
@pytest.mark.skipif(bool(atspi_missing()), reason=atspi_missing() or "ok")
@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_screen_reader_hears_the_idle_warning_twice_not_every_second(lang: str, tmp_path: Path) -> None:
    """The warning is an alert, announced when it appears and with 10 s left, and "More time" describes it."""
    _ = Localizer(lang).gettext
    question = _("Are you still there?")
    report = run_under_atspi(tmp_path, ["kiosk/atspi_idle_app.py", lang], ["kiosk/atspi_idle_client.py"],
                             timeout=150)
    said = [e["said"] for e in report["events"] if e["type"] == "object:announcement"]
    first = _("In {seconds} seconds this screen starts over and your answers are cleared.").format(seconds=14)
    last = _("In {seconds} seconds this screen starts over and your answers are cleared.").format(seconds=10)
    assert said == [f"{question} {first}", f"{question} {last}"], report
    alert = report["alert"]
    assert alert is not None, f"no showing alert: {report}"
    assert alert["name"] == question, alert
    assert question in alert["texts"], alert
    focused = report["focused"]
    assert focused is not None and focused["role"] == "push button", report
    assert focused["name"] == _("More time"), focused
    assert focused["description"] == f"{question} {first}", focused
