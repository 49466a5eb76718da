"""The kiosk's wide scroll bars follow the theme: light, dark and high contrast, at 100 % and 200 %.

Checked on grabbed pixels of the step list's scroll bar (it scrolls on the advice page with larger
text): the groove is the window colour, the handle the theme's muted colour, at least 3:1 apart, and
nothing of another theme (the light theme's handle was black).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QListWidget

from cloudwizard.gui import theme
from cloudwizard.gui.app import Wizard, build_app
from tests.gui.kiosk.conftest import bundled_answers, kiosk_config

REPO = Path(__file__).resolve().parents[3]
THEMES = ("light", "dark", "high-contrast")


def _luminance(c: QColor) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def _ratio(a: QColor, b: QColor) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _distance(a: QColor, b: QColor) -> int:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue()))


def step_list_scroll_bar_problems(w: Wizard, name: str) -> list[str]:
    """Show the advice with larger text in theme `name`; what is wrong with the step list's scroll bar."""
    assert w.kiosk is not None
    if name == "high-contrast":
        w.kiosk.contrast_button.click()
    w.kiosk.text_button.click()
    w.controller.show_result()
    for _ in range(5):
        QApplication.processEvents()
    expected = theme.HIGH_CONTRAST if name == "high-contrast" else theme.DARK if name == "dark" else theme.LIGHT
    steps = w.window.findChild(QListWidget, "sectionList")
    assert steps is not None
    bar = steps.verticalScrollBar()
    if not bar.isVisible():
        return [f"{name}: the step list does not scroll at {w.window.width()}x{w.window.height()}"]
    image = bar.grab().toImage()
    colours = Counter(image.pixel(x, y) for y in range(image.height()) for x in range(image.width()))
    groove = QColor.fromRgb(colours.most_common(1)[0][0])
    # The handle: the most common colour that stands out from the groove (not an anti-aliased edge).
    handle = next((QColor.fromRgb(rgb) for rgb, _n in colours.most_common() if _ratio(QColor.fromRgb(rgb), groove) >= 1.5),
                  None)
    problems = []
    if _distance(groove, QColor(expected.window)) > 8:
        problems.append(f"{name}: groove {groove.name()}, not the window colour {expected.window}")
    if handle is None:
        problems.append(f"{name}: no handle drawn")
    else:
        if _distance(handle, QColor(expected.muted)) > 8:
            problems.append(f"{name}: handle {handle.name()}, not the theme's {expected.muted}")
        if _ratio(handle, groove) < 3:
            problems.append(f"{name}: handle only {_ratio(handle, groove):.1f}:1 against the groove")
    if bar.width() < 24:
        problems.append(f"{name}: {bar.width()} px wide, under the 24 px touch width")
    return problems


def build(theme_name: str, monkeypatch: Any = None) -> Wizard:
    """A kiosk at 1366 x 768 in German with the federal answers, in the system's light or dark."""
    dark = theme_name == "dark"
    if monkeypatch is not None:
        monkeypatch.setattr(theme, "system_is_dark", lambda: dark)
    else:
        theme.system_is_dark = lambda: dark  # a process of its own
    q, values = bundled_answers("federal")
    w = build_app(questionnaire=q, kiosk=kiosk_config(default_language="de"))
    assert w.kiosk is not None
    w.kiosk.show()
    w.window.showNormal()
    w.window.resize(1366, 768)
    for qid, value in values.items():
        w.controller.set_answer(qid, value)
    return w


@pytest.mark.parametrize("name", THEMES)
def test_step_list_scroll_bar_follows_the_theme(qtbot: Any, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    w = build(name, monkeypatch)
    qtbot.addWidget(w.window)
    qtbot.waitExposed(w.window)
    try:
        assert step_list_scroll_bar_problems(w, name) == []
    finally:
        assert w.kiosk is not None
        w.kiosk.shutdown()
        w.window.close()


def test_step_list_scroll_bar_follows_the_theme_at_200_percent(tmp_path: Path) -> None:
    code = f"""
import sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from tests.gui.kiosk.test_theme import build, step_list_scroll_bar_problems
bad = []
for name in {THEMES!r}:
    w = build(name)
    w.window.show()
    bad += step_list_scroll_bar_problems(w, name)
    w.kiosk.shutdown()
    w.window.close()
print(bad)
sys.exit(1 if bad else 0)
"""
    screen = tmp_path / "screen.json"  # the offscreen screen is 800 x 600: one that holds 1366 x 768 at 200 %
    screen.write_text('{"screens": [{"name": "big", "x": 0, "y": 0, "width": 2732, "height": 1536, '
                      '"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}', encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}", QT_SCALE_FACTOR="2", HOME=str(tmp_path),
               PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=180, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_pressed_toggle_with_the_focus_shows_the_focus_ring(qtbot: Any, kiosk: Wizard) -> None:
    """The checked style (accent border) drew over the focus ring: a keyboard user lost the focus."""
    assert kiosk.kiosk is not None
    for button in (kiosk.kiosk.text_button, kiosk.kiosk.contrast_button):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert button.isChecked() and button.hasFocus()
        focus = QColor(theme.HIGH_CONTRAST.focus if kiosk.high_contrast else theme.LIGHT.focus)
        image = button.grab().toImage()
        ring = sum(1 for x in range(image.width()) if _distance(image.pixelColor(x, 1), focus) < 40)
        assert ring > image.width() // 2, f"{button.text()}: no focus ring along the top ({ring} px)"


def test_the_header_toggles_stand_apart(kiosk: Wizard) -> None:
    assert kiosk.kiosk is not None
    text, contrast = kiosk.kiosk.text_button.geometry(), kiosk.kiosk.contrast_button.geometry()
    assert contrast.left() - text.right() >= 6, (text, contrast)
