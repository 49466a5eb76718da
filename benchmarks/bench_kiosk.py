"""Kiosk soak benchmark: many visitors in one process, and how much memory stays behind.

Each simulated visitor picks a language and an audience, answers a path, reaches the result (which
renders the QR code) and waits until the page has added its cards below the fold (they come on later
turns of the event loop), sometimes tries a what-if with its Compare button or larger text, and is
then reset as an idle reset would. A what-if that cannot be tried where one was worked out, or a run
in which none was tried, stops with an exception. After a warm-up, the peak RSS (resource.getrusage)
must not grow by 10 MB or more over the rest of the run; the Python heap (tracemalloc, optional)
shows whether growth is ours or Qt's.

Usage: python benchmarks/bench_kiosk.py [--visitors 500] [--warm-up 50] [--tracemalloc]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GOAL_MB = 10.0
LANGS = ("nl", "fr", "de", "en")
PATHS = (
    {"audience": "business", "staff": 80, "data_kinds": ["customers"], "sensitivity": 4, "peers": "yes",
     "offline_copy": "no"},
    {"audience": "consumer", "data_kinds": ["photos"], "sensitivity": 2, "offline_copy": "yes"},
    {"audience": "business", "staff": 12, "data_kinds": ["classified"], "sensitivity": 5, "peers": "no",
     "offline_copy": "yes"},
)


def peak_rss_mb() -> float:
    """The process's peak resident set so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    """The resident set now (Linux), else the peak."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return peak_rss_mb()
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> int:
    """Run the soak; exit status 1 when the memory goal is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visitors", type=int, default=500)
    parser.add_argument("--warm-up", type=int, default=50)
    parser.add_argument("--questionnaire", default=str(ROOT / "questionnaires" / "examples" / "example.yaml"))
    parser.add_argument("--tracemalloc", action="store_true", help="also trace the Python heap (slower)")
    args = parser.parse_args()

    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from cloudwizard.engine.loader import load
    from cloudwizard.gui.app import build_app
    from cloudwizard.gui.kiosk.config import KioskConfig

    app = QApplication.instance() or QApplication(sys.argv[:1])
    q = load(args.questionnaire)
    w = build_app(questionnaire=q, kiosk=KioskConfig(enabled=True, default_language="en"))
    kiosk = w.kiosk
    assert kiosk is not None
    kiosk.print_html = lambda html, title: True  # no printer here: the report is still rendered to HTML
    kiosk.cancel_jobs = lambda: None
    w.window.resize(1280, 800)
    kiosk.show()
    c = w.controller

    def settle() -> None:
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def finish_result(limit: float = 30.0) -> None:
        """Turn the event loop until the result page has added its cards below the fold, as a visitor waits.

        The page adds them on later turns (after its summary is painted); reset before that, the
        visitor would never have seen the page whole. RuntimeError when it never ends.
        """
        deadline = time.monotonic() + limit
        while w.result.building:
            if time.monotonic() > deadline:
                raise RuntimeError(f"the result page was still adding its cards after {limit:g} s")
            settle()
            if w.result.building:
                time.sleep(0.002)  # a card may wait for a timer (250 ms when no paint comes)

    def one_visitor(n: int) -> bool:
        """One visitor from the welcome page to the idle reset; returns whether a what-if was tried."""
        w.l10n.set_language(LANGS[n % len(LANGS)])
        answers = PATHS[n % len(PATHS)]
        c.set_answer("audience", answers["audience"])
        c.go_next()
        for qid, value in answers.items():
            if qid != "audience":
                c.set_answer(qid, frozenset(value) if isinstance(value, list) else value)
        c.show_review()
        c.show_result()
        assert c.page == "result" and kiosk.take_home is not None, f"visitor {n} got no result"
        finish_result()
        tried = False
        if n % 5 == 0:
            offered = len(c.recommendation.what_would_change)
            if len(w.result.what_if_buttons) != offered:  # the what-if must not be skipped in silence
                raise RuntimeError(f"visitor {n}: {offered} what-ifs worked out, "
                                   f"{len(w.result.what_if_buttons)} Compare buttons on the result page")
            if offered:
                w.result.what_if_buttons[0].click()  # the visitor's Compare: the trial beside the advice
                settle()
                finish_result()
                if c.trial is None or w.result.undo_button is None:
                    raise RuntimeError(f"visitor {n}: the what-if comparison was not shown")
                tried = True
        if n % 7 == 0:
            kiosk.set_large_text(True)
            settle()
            finish_result()
        kiosk.print_report()
        settle()
        kiosk.reset(idle=True)
        settle()
        assert c.page == "welcome" and c.session is not None and not c.session.answers
        return tried

    for n in range(args.warm_up):
        one_visitor(n)
    if args.tracemalloc:
        tracemalloc.start()
    start_peak, start_now = peak_rss_mb(), current_rss_mb()
    started = time.perf_counter()
    what_ifs = 0
    for n in range(args.warm_up, args.warm_up + args.visitors):
        what_ifs += one_visitor(n)
    elapsed = time.perf_counter() - started
    if what_ifs == 0 and args.visitors >= 5:
        raise RuntimeError("no visitor tried a what-if: the result page's what-if was not measured")
    growth = peak_rss_mb() - start_peak
    print(f"visitors: {args.visitors} after {args.warm_up} warm-up, {elapsed:.1f} s, "
          f"{args.visitors / elapsed:.1f} visitors/s ({1000 * elapsed / args.visitors:.0f} ms each); "
          f"what-ifs compared: {what_ifs}")
    print(f"peak RSS: {start_peak:.1f} MiB after warm-up -> {peak_rss_mb():.1f} MiB, growth {growth:.2f} MiB "
          f"(goal < {GOAL_MB:g} MB): {'met' if growth < GOAL_MB else 'NOT met'}")
    print(f"current RSS: {start_now:.1f} MiB -> {current_rss_mb():.1f} MiB")
    if args.tracemalloc:
        current, peak = tracemalloc.get_traced_memory()
        print(f"Python heap (tracemalloc) after the run: {current / 2**20:.2f} MiB held, peak {peak / 2**20:.2f} MiB")
    kiosk.shutdown()
    w.window.close()
    return 0 if growth < GOAL_MB else 1


if __name__ == "__main__":
    sys.exit(main())
