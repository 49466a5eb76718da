"""Report benchmarks: the result page's first paint and the PDF export, for each example answers file.

Usage: python benchmarks/bench_report.py [--runs N] [--languages en,fr]

Goals (issue 11): the result page painted under 50 ms after the recommendation is ready; the PDF
export under 0.5 s. Goals to watch, not pass/fail tests. Every figure is a median with its
quartiles over N runs, beside a baseline measured in the same run, so a loaded machine shows up as
a slow baseline too:

- first paint: from "the recommendation is ready" (the wizard on its review page, the
  recommendation worked out, then "See my advice": what `Controller._open_result` does when the
  worker's result arrives) to the end of the event-loop pass in which the advice page is first
  painted. The page is shown and painted by Qt's own event loop, as in the app: nothing is
  repainted by hand. Baseline: a bare page of the same size (one label in a scroll area, in a
  window of the same size) whose text is changed, timed the same way. "complete" is when the cards
  below the fold have been added too (they come on the next turns of the event loop); "1st run" is
  the first (cold) run; "whole" is the same page built whole before its first paint, as before.
- PDF: `write_pdf` of the report document; baseline: the Markdown export of the same view.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cloudwizard.engine.answers import read_answers  # noqa: E402
from cloudwizard.engine.loader import load_bundled  # noqa: E402
from cloudwizard.engine.recommender import Recommendation, recommend  # noqa: E402
from cloudwizard.engine.report import build_view, render_text  # noqa: E402
from cloudwizard.engine.report.document import build_document  # noqa: E402

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

EXAMPLES = sorted((ROOT / "questionnaires" / "examples").glob("answers-*.yaml"))
PAINT_GOAL_MS = 50.0
PDF_GOAL_MS = 500.0


def quartiles(times: list[float]) -> tuple[float, float, float]:
    """First quartile, median and third quartile."""
    q1, q2, q3 = statistics.quantiles(times, n=4, method="inclusive")
    return q1, q2, q3


def export_pdf(rec: Recommendation, lang: str, path: Path) -> None:
    """The PDF export of the advice (what the app writes)."""
    from cloudwizard.pdf import write_pdf

    write_pdf(build_document(build_view(rec, lang)), path)


def export_markdown(rec: Recommendation, lang: str) -> str:
    """The Markdown export of the advice (the baseline of the PDF)."""
    return render_text(build_view(rec, lang), "markdown")


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    """Wall times of `runs` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


class PaintWatch:
    """Notes the Paint event of one widget (an event filter on it alone, so that it costs nothing else)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QEvent, QObject

        watch = self

        class Filter(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
                if event.type() == QEvent.Type.Paint:
                    watch.painted = True
                return False

        self.painted = False
        self._filter = Filter()

    def arm(self, root: QWidget) -> None:
        """Watch `root` (the page's own body, painted under everything the page shows) from now on."""
        self.painted = False
        root.installEventFilter(self._filter)

    def until_painted(self, root: QWidget, start: float, timeout_s: float = 10.0) -> float:
        """Turn the event loop until `root` is painted; ms from `start` to the end of that pass of the loop."""
        from PySide6.QtWidgets import QApplication

        while not self.painted:
            if time.perf_counter() - start > timeout_s:
                raise RuntimeError("the page was never painted")
            QApplication.processEvents()
        end = time.perf_counter()
        root.removeEventFilter(self._filter)
        return (end - start) * 1000


def main() -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--languages", default="en,fr")
    ns = parser.parse_args()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QLabel, QScrollArea

    from cloudwizard.gui.app import build_app

    app = QApplication.instance() or QApplication([])
    q = load_bundled()
    tmp = Path(tempfile.mkdtemp(prefix="bench-report-"))
    wizard = build_app(language="en", questionnaire=q, settings=QSettings(str(tmp / "s.ini"),
                                                                          QSettings.Format.IniFormat),
                       data_dir=tmp / "data")
    size = (1100, 760)
    wizard.window.resize(*size)
    wizard.window.show()
    # the baseline: a bare page of the same size, painted by the same event loop
    bare = QScrollArea()
    bare.setWidgetResizable(True)
    bare_label = QLabel("…")
    bare.setWidget(bare_label)
    bare.resize(*size)
    bare.show()
    for _ in range(5):
        app.processEvents()
    watch = PaintWatch()
    c = wizard.controller
    try:
        with open("/proc/loadavg", encoding="ascii") as f:
            print(f"load average at start: {f.read().split()[0]} ({os.cpu_count()} CPUs)")
    except OSError:
        pass
    print(f"{ns.runs} runs each; median [first quartile – third quartile] in ms")
    print(f"{'answers':<18}{'lang':<5}{'first paint':>24}{'bare page':>12}{'ratio':>7}{'complete':>10}"
          f"{'1st run':>9}{'whole':>8}  "
          f"{'goal':<8}{'pdf':>22}{'markdown':>10}{'ratio':>7}  goal")
    worst_paint = worst_pdf = 0.0
    for path in EXAMPLES:
        data = read_answers(path, q).data
        assert data is not None
        rec = recommend(q, data.answers)
        for lang in ns.languages.split(","):
            c.restore(data)
            # the whole app in that language, as a switch in the header does (the page's own strings too:
            # "For example:", the export bar), not the controller's report language alone
            wizard.on_language(lang)
            assert c.language == lang, (c.language, lang)
            c.show_review()
            _ = c.recommendation  # worked out now: "ready" below means ready
            paints, bares, completes, wholes = [], [], [], []
            for i in range(ns.runs):
                c.show_review()
                for _ in range(3):
                    app.processEvents()
                wizard.result.finish_building()
                # the recommendation is ready; the user is shown the advice
                watch.arm(wizard.result.host)
                start = time.perf_counter()
                c.show_result()
                paints.append(watch.until_painted(wizard.result.host, start))
                while wizard.result.building:
                    app.processEvents()
                completes.append((time.perf_counter() - start) * 1000)
                # the same page built whole before its first paint (as it was before issue 11's split)
                c.show_review()
                for _ in range(3):
                    app.processEvents()
                watch.arm(wizard.result.host)
                start = time.perf_counter()
                c.show_result()
                wizard.result.finish_building()
                wholes.append(watch.until_painted(wizard.result.host, start))
                # the baseline, timed the same way
                watch.arm(bare_label)
                start = time.perf_counter()
                bare_label.setText(f"{path.stem} {lang} {i}")
                bares.append(watch.until_painted(bare_label, start))
            pdf = timed(functools.partial(export_pdf, rec, lang, tmp / "a.pdf"), ns.runs)
            md = timed(functools.partial(export_markdown, rec, lang), ns.runs)
            p1, p2, p3 = quartiles(paints)
            b2 = statistics.median(bares)
            d1, d2, d3 = quartiles(pdf)
            m2 = statistics.median(md)
            worst_paint, worst_pdf = max(worst_paint, p2), max(worst_pdf, d2)
            paint_range = f"{p2:.1f} [{p1:.1f}–{p3:.1f}]"
            pdf_range = f"{d2:.0f} [{d1:.0f}–{d3:.0f}]"
            print(f"{path.stem.removeprefix('answers-'):<18}{lang:<5}{paint_range:>24}{b2:>12.1f}{p2 / b2:>7.1f}"
                  f"{statistics.median(completes):>10.1f}{paints[0]:>9.1f}{statistics.median(wholes):>8.1f}  "
                  f"{'met' if p2 < PAINT_GOAL_MS else 'MISSED':<8}"
                  f"{pdf_range:>22}{m2:>10.1f}{d2 / m2:>7.1f}  {'met' if d2 < PDF_GOAL_MS else 'MISSED'}")
    print(f"worst median: first paint {worst_paint:.1f} ms ({'met' if worst_paint < PAINT_GOAL_MS else 'MISSED'}"
          f" < {PAINT_GOAL_MS:.0f} ms), PDF {worst_pdf:.0f} ms ({'met' if worst_pdf < PDF_GOAL_MS else 'MISSED'}"
          f" < {PDF_GOAL_MS:.0f} ms)")
    try:
        with open("/proc/loadavg", encoding="ascii") as f:
            print(f"load average at end: {f.read().split()[0]}")
    except OSError:
        pass
    if wizard.autosave is not None:
        wizard.autosave.end_run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
