"""An export from the File menu before the result page was shown works the advice out off the GUI thread (issue 14).

It used to call `recommend` on the GUI thread (the window froze for as long as the search took). Now
it goes the result page's way: a worker thread, the busy note after a moment, the event loop running.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from cloudwizard.gui.app import BUSY_DELAY_MS, Wizard
from tests.gui.conftest import dialogs, make_wizard, wizard  # noqa: F401 - the GUI tests' fixtures
from tests.gui.test_background_result import SLOW_S, Slow, Ticker, slow, to_review  # noqa: F401


@pytest.mark.parametrize("fmt", ["markdown", "pdf"])
def test_a_menu_export_before_the_result_page_keeps_the_window_responsive(
        qtbot: Any, wizard: Wizard, slow: Slow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
        fmt: str) -> None:
    to_review(qtbot, wizard)
    target = tmp_path / f"advice.{'md' if fmt == 'markdown' else fmt}"
    monkeypatch.setattr(wizard.window, "ask_save_path", lambda *_args: str(target))
    action = wizard.window.act_pdf if fmt == "pdf" else wizard.window.act_exports[fmt]
    assert action.isEnabled()
    ticker = Ticker(wizard)
    started = time.perf_counter()
    action.trigger()  # File ▸ Export: returns once the file is written; events ran meanwhile
    waited = time.perf_counter() - started
    ticker.timer.stop()
    assert target.is_file() and target.stat().st_size > 0
    assert slow.calls == 1 and slow.threads[0] is not threading.main_thread()
    assert waited >= SLOW_S
    assert ticker.ticks >= 3, f"only {ticker.ticks} ticks in {waited:.2f} s: the GUI thread was blocked"
    assert ticker.note_seen is not None and ticker.note_seen >= BUSY_DELAY_MS / 1000 * 0.9
    assert not wizard.busy_note.isVisible() if wizard.busy_note is not None else True
    assert wizard.controller.page == "review"  # the export did not move the person on
    # the advice is kept: a second export (or the result page) does not search again
    target.unlink()
    action.trigger()
    assert target.is_file() and slow.calls == 1


def test_an_export_whose_answers_change_meanwhile_writes_nothing(
        qtbot: Any, wizard: Wizard, slow: Slow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
) -> None:
    from PySide6.QtCore import QTimer

    to_review(qtbot, wizard)
    target = tmp_path / "advice.md"
    monkeypatch.setattr(wizard.window, "ask_save_path", lambda *_args: str(target))
    QTimer.singleShot(300, lambda: wizard.controller.set_answer("sensitivity", 4))  # while it works
    assert wizard.export("markdown") is False
    assert not target.exists()
    assert QApplication.activeModalWidget() is None
    assert not wizard.controller.busy
