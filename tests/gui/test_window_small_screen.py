"""On a small screen with large text (800×600 at 200 %: 400×300 logical) the window fits the screen.

In French the navigation bar's three buttons held the window at 946 px on an 800 px screen: "Voir
mon conseil" and the language picker were cut off at the right. Run in its own process, as the app
is, since the scale factor is read when Qt starts.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "questionnaires" / "examples" / "example.yaml"


@functools.cache
def _report(lang: str) -> dict[str, Any]:
    """What ``small_screen_app.py`` reports for `lang` on an 800×600 screen at 200 % (run once a language)."""
    folder = Path(tempfile.mkdtemp())
    config = folder / "screen.json"  # the offscreen platform's screen, 800×600 (its default is 800×800)
    config.write_text(json.dumps({"screens": [{"name": "small", "x": 0, "y": 0, "width": 800, "height": 600,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": "2"}
    out = subprocess.run([sys.executable, str(Path(__file__).with_name("small_screen_app.py")), lang, str(EXAMPLE)],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=True)
    report: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return report


@pytest.mark.parametrize("lang", ["fr", "de", "nl", "en"])
def test_the_window_and_its_buttons_fit_a_small_screen(lang: str) -> None:
    report = _report(lang)
    width, height = report["screen"]
    assert (width, height) == (400, 300)  # the offscreen screen, 800×600, at 200 %
    for page in ("welcome", "questions"):
        window = report[page]["window"]
        controls = report[page]["controls"]
        assert window[0] <= width and window[1] <= height, (page, window)
        assert "nextButton" in controls and "backButton" in controls
        if page == "questions":
            assert "languageCombo" in controls
        for name, (x, y, w, h) in controls.items():
            assert x >= 0 and y >= 0 and x + w <= window[0] and y + h <= window[1], (page, name, (x, y, w, h), window)
        stack = controls["pages"]
        assert stack[3] >= 90, (page, stack)  # the page keeps room to read (not squeezed to nothing)


@pytest.mark.parametrize("lang", ["fr", "de", "nl", "en"])
def test_the_navigation_takes_two_rows_and_leaves_the_page_room_to_scroll(lang: str) -> None:
    """At 400×300 logical the French bar took three rows (progress, Back + Next, Start over): the
    question page kept ~104 px to scroll in. The progress now goes beside "Start over"."""
    report = _report(lang)
    for page in ("welcome", "questions"):
        assert report[page]["nav_rows"] <= 2, (page, report[page])
    # the questions page's scroll area: about a third of the 300 px window at the least
    assert report["questions"]["scroll"] >= 120, report["questions"]
    assert report["welcome"]["scroll"] >= 100, report["welcome"]
