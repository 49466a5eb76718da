"""The tests of a process share one QApplication: a PDF test first in a process breaks no widget test.

`cloudwizard.pdf` makes a bare QGuiApplication when it finds none (the command line has no widgets);
tests/conftest.py makes the run's application a QApplication before that can happen. Each order is
run in a pytest of its own, as a developer running two files would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
#: A test that writes a PDF in the test process, and a widget test (keys on the focused widget).
PDF = "tests/gui/test_result_pdf.py::test_pdf_reads_as_promised[answers-consumer-en]"
WIDGETS = "tests/gui/test_focus.py::test_enter_moves_the_focus_straight_to_the_new_page_with_no_stop_on_the_way[en]"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is needed")
@pytest.mark.parametrize("order", [(PDF, WIDGETS), (WIDGETS, PDF)], ids=["pdf-first", "widgets-first"])
def test_a_pdf_test_and_a_widget_test_pass_in_either_order_in_one_process(order: tuple[str, str],
                                                                            tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
                          "--basetemp", str(tmp_path / "run"), *order], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]
    assert "2 passed" in out.stdout, out.stdout[-2000:]
