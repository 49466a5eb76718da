"""GUI benchmarks: figures and ratios, not pass/fail tests.

1. Cold start to the first painted page: ``cloudwizard --quit-after-first-paint`` (the GUI's
   `run()` with that option) against a bare PySide6 program that shows one QLabel, run
   alternately in one go; median of N runs each. Target ratio ≤ 1.30.
2. Peak memory (max RSS of the child, from resource.getrusage) of the same two programs. Target ≤ 1.30.
3. Page change time (median over the pages of a full path). Target < 50 ms. The recommendation is
   worked out on a worker thread (issue 14): for review → result the figures are the time until it
   is ready and the result page's first paint after that (target < 50 ms).
4. PDF export of a full report. Target < 0.5 s.

Usage: python benchmarks/bench_gui.py [--runs 7] [--questionnaire PATH]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
label = QLabel("Hello")
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False
f = FirstPaint()
label.installEventFilter(f)
label.show()
sys.exit(app.exec())
"""

APP = """
import argparse, sys
from cloudwizard.gui.app import run
sys.exit(run(argparse.Namespace(lang="en", questionnaire=None, answers_file=None,
                                quit_after_first_paint=True, kiosk=False)))
"""


def child(code: str, env: dict[str, str]) -> tuple[float, int]:
    """Wall time (s) and peak RSS (KiB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"child failed with status {status}")
    del before
    return elapsed, usage.ru_maxrss


def start_up(runs: int) -> dict[str, float]:
    tmp = tempfile.mkdtemp()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"), HOME=tmp,
               XDG_CONFIG_HOME=tmp, XDG_DATA_HOME=tmp)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # else an editable install compiles every module in every run
    child(BARE, env)  # warm the file cache and .pyc files for both
    child(APP, env)
    bare_t, app_t, bare_m, app_m = [], [], [], []
    for _ in range(runs):
        t, m = child(BARE, env)
        bare_t.append(t)
        bare_m.append(m)
        t, m = child(APP, env)
        app_t.append(t)
        app_m.append(m)
    # Each app run is compared with the bare run just before it: a busy moment of the machine then
    # slows both, and the spread of these ratios says how far one median can be trusted.
    ratios = sorted(a / b for a, b in zip(app_t, bare_t, strict=True))
    quartiles = statistics.quantiles(ratios, n=4) if len(ratios) >= 2 else [ratios[0]] * 3
    return {
        "bare_start_s": statistics.median(bare_t), "app_start_s": statistics.median(app_t),
        "bare_rss_mib": statistics.median(bare_m) / 1024, "app_rss_mib": statistics.median(app_m) / 1024,
        "pair_ratio_median": statistics.median(ratios), "pair_ratio_min": ratios[0], "pair_ratio_max": ratios[-1],
        "pair_ratio_q1": quartiles[0], "pair_ratio_q3": quartiles[2],
        "bare_min_s": min(bare_t), "bare_max_s": max(bare_t), "app_min_s": min(app_t), "app_max_s": max(app_t),
    }


def in_process(questionnaire: str | None) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from cloudwizard.gui.app import build_app

    tmp = tempfile.mkdtemp()
    q = questionnaire or str(ROOT / "questionnaires" / "examples" / "example.yaml")
    w = build_app(language="en", questionnaire=q, data_dir=tmp,
                  settings=QSettings(f"{tmp}/s.ini", QSettings.Format.IniFormat))
    w.window.resize(1000, 700)
    w.window.show()
    QApplication.processEvents()
    c = w.controller
    answers = {"audience": "business", "staff": 80, "data_kinds": frozenset({"customers"}), "sensitivity": 4,
               "peers": "yes", "offline_copy": "no"}

    def timed(action: Callable[[], object]) -> float:
        start = time.perf_counter()
        action()
        w.window.repaint()  # include layout and painting of the new page
        return time.perf_counter() - start

    times = []
    shown = c.questionnaire
    assert shown is not None
    first = shown.audience_question
    if first is not None and first in answers:
        c.set_answer(first, answers[first])
    times.append(timed(c.go_next))
    while c.page == "questions":
        assert c.session is not None and c.session.current_section is not None
        for question in c.questions_of(c.session.current_section.id):
            if question.id in answers:
                c.set_answer(question.id, answers[question.id])
        times.append(timed(c.go_next))
    ready: list[float] = []
    c.busyChanged.connect(lambda busy: None if busy else ready.append(time.perf_counter()))
    start = time.perf_counter()
    c.go_next()  # review → result: the recommendation on a worker thread, then the page
    w.window.repaint()
    painted = time.perf_counter()
    assert c.page == "result" and ready, "the result page did not come"
    result_ready_ms = (ready[-1] - start) * 1000
    first_paint_ms = (painted - ready[-1]) * 1000
    times.append(timed(c.go_back))
    times.append(timed(c.go_next))  # the advice is known by now: a plain page change
    pdf = Path(tmp) / "advice.pdf"
    pdf_times = []
    for _ in range(5):
        start = time.perf_counter()
        assert w.export("pdf", str(pdf))
        pdf_times.append(time.perf_counter() - start)
    return {"page_change_median_ms": statistics.median(times) * 1000, "page_change_max_ms": max(times) * 1000,
            "result_ready_ms": result_ready_ms, "result_first_paint_ms": first_paint_ms,
            "pdf_export_median_s": statistics.median(pdf_times), "pdf_bytes": pdf.stat().st_size}


def main() -> None:
    parser = argparse.ArgumentParser(description="GUI benchmarks (figures and ratios)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--questionnaire", help="questionnaire for the in-process figures (default: example)")
    args = parser.parse_args()
    s = start_up(args.runs)
    print(f"cold start to first paint: bare QLabel {s['bare_start_s'] * 1000:.0f} ms, "
          f"cloudwizard {s['app_start_s'] * 1000:.0f} ms, ratio {s['app_start_s'] / s['bare_start_s']:.2f} "
          f"(target <= 1.30; median of {args.runs})")
    print(f"  spread: bare {s['bare_min_s'] * 1000:.0f}-{s['bare_max_s'] * 1000:.0f} ms, cloudwizard "
          f"{s['app_min_s'] * 1000:.0f}-{s['app_max_s'] * 1000:.0f} ms; ratio of each run to the bare run before it: "
          f"median {s['pair_ratio_median']:.2f}, quartiles {s['pair_ratio_q1']:.2f}-{s['pair_ratio_q3']:.2f}, "
          f"range {s['pair_ratio_min']:.2f}-{s['pair_ratio_max']:.2f}")
    print(f"peak memory (max RSS): bare QLabel {s['bare_rss_mib']:.1f} MiB, cloudwizard {s['app_rss_mib']:.1f} MiB, "
          f"ratio {s['app_rss_mib'] / s['bare_rss_mib']:.2f} (target <= 1.30)")
    p = in_process(args.questionnaire)
    print(f"page change: median {p['page_change_median_ms']:.1f} ms, slowest {p['page_change_max_ms']:.1f} ms "
          f"(target < 50 ms)")
    print(f"review → result: recommendation ready after {p['result_ready_ms']:.1f} ms (worker thread), "
          f"result page painted {p['result_first_paint_ms']:.1f} ms after that (target < 50 ms)")
    print(f"PDF export of the full report: median {p['pdf_export_median_s'] * 1000:.0f} ms, "
          f"{p['pdf_bytes'] / 1024:.0f} KiB (target < 500 ms)")


if __name__ == "__main__":
    main()
