"""Responsive layout: nothing scrolls sideways and no text is clipped, on every page, in every language.

The pages of three paths (a consumer, a small business, a local authority under NIS2: together every
section) are checked at 800x600 (French and German also at the default size and at 1024x640) and at 200 % (QT_SCALE_FACTOR=2, in a
fresh process). `layout_check.py` fails a page on a visible horizontal scroll bar, a label whose text
needs more height (or a wider word) than it has, a button narrower or lower than its text needs, or a
label or button that sticks out of the window.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cloudwizard.gui.window import COMPACT_WIDTH
from tests.gui.layout_check import check_language

HERE = Path(__file__).resolve().parent
LANGUAGES = ("en", "nl", "fr", "de")


#: Every language at 800x600; the longest languages also at the default size and at 1024x640.
CASES = [(lang, 800, 600) for lang in LANGUAGES] + [("fr", 1100, 760), ("de", 1024, 640)]


@pytest.mark.parametrize(("language", "width", "height"), CASES, ids=[f"{c[0]}-{c[1]}x{c[2]}" for c in CASES])
def test_no_page_scrolls_sideways_or_clips(qtbot: Any, language: str, width: int, height: int) -> None:
    assert check_language(language, width, height) == []


def test_no_page_scrolls_sideways_or_clips_at_double_scale(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="2", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, str(HERE / "layout_check.py"), ",".join(LANGUAGES), "800x600"],
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == []


def test_the_sidebar_folds_away_in_a_narrow_window(wizard: Any, qtbot: Any) -> None:
    window = wizard.window
    window.resize(COMPACT_WIDTH + 100, 700)
    qtbot.waitUntil(lambda: window.sidebar.isVisible())
    assert not window.compact_progress.isVisible()
    window.resize(COMPACT_WIDTH - 100, 700)
    qtbot.waitUntil(lambda: not window.sidebar.isVisible())
    assert window.compact and window.compact_progress.isVisible()
    assert window.compact_progress.text() == window.progress_label.text() != ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_step_label_wraps_instead_of_being_cut(make_wizard: Any, language: str) -> None:
    """All step labels wrap (none is elided): each item is as tall as its text needs at the list's width."""
    from PySide6.QtCore import QRect, Qt

    from cloudwizard.engine.loader import load_bundled

    wizard = make_wizard(language, questionnaire=load_bundled())
    wizard.window.resize(COMPACT_WIDTH + 10, 700)
    wizard.controller.set_answer("audience", "public_body")
    wizard.controller.set_answer("government_level", "local")
    steps = wizard.window.steps
    assert steps is not None and steps.isVisible()
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
    for i in range(steps.count()):
        item = steps.item(i)
        need = steps.fontMetrics().boundingRect(QRect(0, 0, steps.text_width(), 10_000), flags, item.text()).height()
        assert steps.visualItemRect(item).height() >= need + 16, f"{item.text()!r} is cut"
    assert steps.count() >= 9
