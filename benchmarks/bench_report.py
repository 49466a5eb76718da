"""Report benchmarks: the PDF export and the result page's first paint, for each example answers file.

Usage: python benchmarks/bench_report.py [--runs N]

Goals (issue 11): PDF export under 0.5 s; the result page painted under 50 ms after the
recommendation is ready. Baselines from the same run: the report view alone, and the Markdown
export, so a slow machine shows up as a slow baseline too. Goals to watch, not pass/fail tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cloudwizard.engine.answers import read_answers  # noqa: E402
from cloudwizard.engine.loader import load_bundled  # noqa: E402
from cloudwizard.engine.recommender import recommend  # noqa: E402
from cloudwizard.engine.report import build_view, render_text  # noqa: E402
from cloudwizard.engine.report.document import build_document  # noqa: E402

EXAMPLES = sorted((ROOT / "questionnaires" / "examples").glob("answers-*.yaml"))


def timed(fn: object, runs: int) -> float:
    """Median wall time of `runs` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    ns = parser.parse_args()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from cloudwizard.gui.app import build_app
    from cloudwizard.pdf import write_pdf

    app = QApplication.instance() or QApplication([])
    q = load_bundled()
    tmp = Path(tempfile.mkdtemp(prefix="bench-report-"))
    wizard = build_app(language="en", questionnaire=q, settings=QSettings(str(tmp / "s.ini"),
                                                                          QSettings.Format.IniFormat),
                       data_dir=tmp / "data")
    wizard.window.resize(1100, 760)
    wizard.window.show()
    app.processEvents()
    print(f"{'answers':<22}{'lang':<6}{'view':>9}{'markdown':>10}{'pdf':>9}{'page paint':>12}   goals: pdf < 500 ms, "
          "paint < 50 ms")
    worst_pdf = worst_paint = 0.0
    for path in EXAMPLES:
        data = read_answers(path, q).data
        assert data is not None
        rec = recommend(q, data.answers)
        for lang in ("en", "fr"):
            view_ms = timed(lambda rec=rec, lang=lang: build_view(rec, lang), ns.runs)
            md_ms = timed(lambda rec=rec, lang=lang: render_text(build_view(rec, lang), "markdown"), ns.runs)
            pdf_ms = timed(lambda rec=rec, lang=lang: write_pdf(build_document(build_view(rec, lang)),
                                                                tmp / "a.pdf"), ns.runs)
            wizard.controller.restore(data)
            wizard.controller.set_language(lang)
            wizard.controller.show_result()
            wizard.controller._recommendation = rec  # the recommendation is ready: time the page alone
            app.processEvents()

            def paint() -> None:
                wizard.result.show_result(wizard.controller.report_view())
                wizard.result.viewport().repaint()

            paint_ms = timed(paint, ns.runs)
            worst_pdf, worst_paint = max(worst_pdf, pdf_ms), max(worst_paint, paint_ms)
            print(f"{path.stem:<22}{lang:<6}{view_ms:>7.1f}ms{md_ms:>8.1f}ms{pdf_ms:>7.1f}ms{paint_ms:>10.1f}ms")
    print(f"worst: PDF {worst_pdf:.0f} ms ({'met' if worst_pdf < 500 else 'MISSED'}), "
          f"first paint {worst_paint:.1f} ms ({'met' if worst_paint < 50 else 'MISSED'})")
    if wizard.autosave is not None:
        wizard.autosave.end_run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
