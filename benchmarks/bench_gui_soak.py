"""GUI soak: many complete sessions through the real wizard in one process; memory and Qt warnings.

Each session goes welcome → every question page → review → result → "Start over", driving the real
widgets (radio buttons, check boxes, scale buttons, number and text fields, the Next button) of one
wizard built by `build_app`, as a user would. Sessions alternate the language (en, nl, fr, de) and
the audience; answers are random but reproducible (seeded). On the result page (once it has added
its cards below the fold, which come on later turns of the event loop) every fifth session tries a
what-if with its Compare button and closes the comparison, and every tenth exports the Markdown
report. A what-if that cannot be tried where one was worked out stops the run with an exception, as
does a run in which no what-if was tried at all: the figures must cover that branch.

Measured after a warm-up: growth of the peak RSS (``ru_maxrss``) and of the current RSS, growth of
the Python heap (tracemalloc, optional because it slows Python down about twofold), of the number of
QObjects under the window and of Python objects; Qt warnings through `qInstallMessageHandler` (the
offscreen platform's "does not support propagateSizeHints" notice is counted apart, as pytest's
``qt_log_ignore`` does). Targets: peak RSS growth < 20 MB, 0 Qt warnings.

Usage: python benchmarks/bench_gui_soak.py [--sessions 1000] [--warmup 20] [--tracemalloc]
       [--questionnaire PATH]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QObject, QSettings, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "nl", "fr", "de")
IGNORED = ("This plugin does not support propagateSizeHints",)
MIB = 1024 * 1024


class QtLog:
    """Counts Qt's messages by kind."""

    def __init__(self) -> None:
        self.warnings: list[str] = []
        self.ignored = 0

    def __call__(self, kind: QtMsgType, _context: Any, message: str) -> None:
        if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            return
        if message.startswith(IGNORED):
            self.ignored += 1
        else:
            self.warnings.append(f"{kind.name}: {message}")


def rss_bytes() -> int:
    """The current resident set size."""
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def settle(app: QApplication) -> None:
    """Run deferred deletions and posted events, as the event loop would between user actions."""
    from PySide6.QtCore import QCoreApplication, QEvent

    app.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


def finish_result(app: QApplication, page: Any, limit: float = 30.0) -> None:
    """Let the event loop turn until the result page has added its cards below the fold.

    The page paints its summary first and adds the rest (what would change, the details) on later
    turns of the event loop, as a user sees it; the soak waits for that as a user would, instead of
    calling `finish_building`, so the chain of turns is what runs. RuntimeError when it never ends.
    """
    deadline = time.monotonic() + limit
    while page.building:
        if time.monotonic() > deadline:
            raise RuntimeError(f"the result page was still adding its cards after {limit:g} s")
        settle(app)
        if page.building:
            time.sleep(0.002)  # a card may wait for a timer (250 ms when no paint comes)


def answer_visible(wizard: Any, rng: random.Random) -> None:
    """Answer every visible, unanswered question of the section through its widgets."""
    from cloudwizard.gui.widgets.questions import ChoiceInput, NumberInput, ScaleInput, TextInput

    c = wizard.controller
    for _ in range(6):  # an answer can show further questions in the same section
        section = c.session.current_section
        todo = [q for q in c.questions_of(section.id) if c.session.answer(q.id) is None]
        if not todo:
            return
        for question in todo:
            card = wizard.questions.cards[question.id]
            widget = card.input
            if isinstance(widget, ChoiceInput):
                offered = [b for cid, b in widget.buttons.items() if not b.isHidden()
                           and not (widget.multiple and question.choice(cid).exclusive)]
                offered = offered or [b for b in widget.buttons.values() if not b.isHidden()]
                for button in rng.sample(offered, 1 if not widget.multiple else rng.randint(1, min(2, len(offered)))):
                    button.click()
            elif isinstance(widget, ScaleInput):
                widget.buttons[rng.randrange(len(widget.buttons))].click()
            elif isinstance(widget, NumberInput):
                lo = question.minimum if question.minimum is not None else 0
                hi = min(question.maximum if question.maximum is not None else lo + 200, lo + 200)
                text = str(rng.randint(int(lo), int(hi)))
                widget.edit.setText(text)
                widget.edit.textEdited.emit(text)
            elif isinstance(widget, TextInput):
                widget.edit.setPlainText(rng.choice(("", "Nothing else.", "We also keep paper files.")))
                if not question.required and c.session.answer(question.id) is None:
                    continue


def one_session(wizard: Any, app: QApplication, index: int, rng: random.Random, out: Path) -> bool:
    """Drive one session from the welcome page to "Start over"; returns whether a what-if was tried."""
    c, win = wizard.controller, wizard.window
    language = LANGUAGES[index % len(LANGUAGES)]
    wizard.welcome.language_buttons[language].click()
    if wizard.welcome.audience_buttons:
        wizard.welcome.audience_buttons[index % len(wizard.welcome.audience_buttons)].click()
    win.next_button.click()
    settle(app)
    guard = 0
    while c.page == "questions":
        answer_visible(wizard, rng)
        before = (c.page, c.session.current_section.id if c.session.current_section else None)
        win.next_button.click()
        settle(app)
        guard += 1
        after = (c.page, c.session.current_section.id if c.session.current_section else None)
        if after == before and guard > 50:
            raise SystemExit(f"session {index}: stuck on {after}: {c.current_problems()}")
    assert c.page == "review", c.page
    win.next_button.click()
    settle(app)
    assert c.page == "result", c.page
    page = wizard.result
    finish_result(app, page)
    tried = False
    if index % 5 == 0:
        offered = len(c.recommendation.what_would_change)
        if len(page.what_if_buttons) != offered:  # the branch below must not be skipped in silence
            raise RuntimeError(f"session {index}: {offered} what-ifs worked out, "
                               f"{len(page.what_if_buttons)} Compare buttons on the result page")
        if offered:
            page.what_if_buttons[0].click()  # works the trial out (waits in a local event loop), then rebuilds
            settle(app)
            finish_result(app, page)
            if c.trial is None or page.undo_button is None:
                raise RuntimeError(f"session {index}: the what-if comparison was not shown")
            page.undo_button.click()
            settle(app)
            finish_result(app, page)
            if c.trial is not None or len(page.what_if_buttons) != offered:
                raise RuntimeError(f"session {index}: \"Back to my own answers\" did not close the comparison")
            tried = True
    if index % 10 == 0:
        assert wizard.export("markdown", str(out / "advice.md"))
    win.start_over_button.click()  # confirmation answered yes (see main)
    settle(app)
    assert c.page == "welcome" and not c.session.answers, (c.page, c.session.answers)
    return tried


def main() -> None:
    parser = argparse.ArgumentParser(description="GUI soak: many sessions in one process")
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--tracemalloc", action="store_true", help="also trace the Python heap (slower)")
    parser.add_argument("--questionnaire", help="questionnaire file (default: the bundled one)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    log = QtLog()
    qInstallMessageHandler(log)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    from cloudwizard.gui.app import build_app

    tmp = Path(tempfile.mkdtemp(prefix="cw-soak-"))
    wizard = build_app(language="en", questionnaire=args.questionnaire, data_dir=tmp / "data",
                       settings=QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
    wizard.window.confirm = lambda *_a, **_k: True  # type: ignore[method-assign]  # "Start over?" → yes, no modal loop
    wizard.window.resize(1000, 700)
    wizard.window.show()
    settle(app)
    rng = random.Random(args.seed)

    for i in range(args.warmup):
        one_session(wizard, app, i, rng, tmp)
    gc.collect()
    settle(app)
    if args.tracemalloc:
        tracemalloc.start()
    start_peak, start_rss = peak_rss_bytes(), rss_bytes()
    start_qobjects = len(wizard.window.findChildren(QObject))
    start_objects = len(gc.get_objects())
    start_traced = tracemalloc.get_traced_memory()[0] if args.tracemalloc else 0
    samples = []
    what_ifs = 0
    started = time.perf_counter()
    for i in range(args.warmup, args.warmup + args.sessions):
        what_ifs += one_session(wizard, app, i, rng, tmp)
        if (i - args.warmup + 1) % max(1, args.sessions // 10) == 0:
            gc.collect()
            samples.append((i - args.warmup + 1, rss_bytes()))
            print(f"  {i - args.warmup + 1:5d} sessions: RSS {rss_bytes() / MIB:6.1f} MiB, "
                  f"peak {peak_rss_bytes() / MIB:6.1f} MiB, QObjects {len(wizard.window.findChildren(QObject))}",
                  flush=True)
    elapsed = time.perf_counter() - started
    gc.collect()
    settle(app)
    end_peak, end_rss = peak_rss_bytes(), rss_bytes()
    end_qobjects = len(wizard.window.findChildren(QObject))
    end_objects = len(gc.get_objects())
    print(f"sessions: {args.sessions} after {args.warmup} warm-up, {elapsed:.1f} s, "
          f"{args.sessions / elapsed:.2f} sessions/s; what-ifs tried and undone: {what_ifs}")
    if what_ifs == 0 and args.sessions >= 5:
        raise RuntimeError("no session tried a what-if: the result page's what-if was not measured")
    print(f"peak RSS: {start_peak / MIB:.1f} → {end_peak / MIB:.1f} MiB, growth {(end_peak - start_peak) / MIB:.2f} MiB "
          f"(target < 20 MB)")
    print(f"current RSS: {start_rss / MIB:.1f} → {end_rss / MIB:.1f} MiB, growth {(end_rss - start_rss) / MIB:.2f} MiB")
    if args.tracemalloc:
        traced, traced_peak = tracemalloc.get_traced_memory()
        print(f"Python heap (tracemalloc): growth {(traced - start_traced) / MIB:.2f} MiB, "
              f"peak {traced_peak / MIB:.2f} MiB above the start of tracing")
        top = tracemalloc.take_snapshot().statistics("lineno")[:5]
        for stat in top:
            print(f"    {stat}")
    print(f"QObjects under the window: {start_qobjects} → {end_qobjects}; Python objects: {start_objects} → {end_objects}")
    print(f"Qt warnings: {len(log.warnings)} (plus {log.ignored} ignored offscreen notices)")
    for message in log.warnings[:10]:
        print(f"    {message}")
    if wizard.autosave is not None:
        wizard.autosave.end_run()
    failed = (end_peak - start_peak) >= 20 * 1000 * 1000 or log.warnings
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
