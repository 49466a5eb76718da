"""Reports never hold answers to questions that are hidden at the end.

An answer given and then hidden by a later change of an earlier answer stays in the session (so it
comes back if the question does), and the answers file keeps it under ``set_aside`` by design (see
docs/answers-format.md: an answers file is not a report). Every report the GUI makes leaves it out.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from PySide6.QtWidgets import QLabel

from cloudwizard.gui.app import Wizard
from tests.gui.conftest import find

STAFF = 4321  # an answer that cannot turn up in a report by chance


def answer_then_hide(wizard: Wizard) -> None:
    c = wizard.controller
    find(wizard, "audience_business").click()
    c.set_answer("staff", STAFF)
    c.set_answer("data_kinds", frozenset({"photos", "customers"}))
    c.set_answer("peers", "yes")
    # WHEN an earlier answer changes so that staff, peers and the 'customers' choice are hidden
    find(wizard, "audience_consumer").click()
    assert c.session.answer("data_kinds") is None  # an answer with a hidden choice is set aside whole
    c.set_answer("data_kinds", frozenset({"photos"}))
    c.set_answer("sensitivity", 2)
    c.set_answer("offline_copy", "no")
    assert wizard.controller.session.is_complete()
    c.show_result()
    assert c.page == "result"


def _assert_clean(text: str, where: str) -> None:
    assert str(STAFF) not in text, where
    assert "How many staff?" not in text, where
    assert "Customer data" not in text and "customers" not in text, where
    assert "Do businesses in your sector have the same requirements?" not in text, where


def test_exports_leave_out_hidden_answers(wizard: Wizard, tmp_path: Path) -> None:
    answer_then_hide(wizard)
    session = wizard.controller.session
    assert session.answer("staff") is None or "staff" not in session.effective_answers()
    for fmt, suffix in (("markdown", ".md"), ("html", ".html"), ("json", ".json")):
        path = tmp_path / f"advice{suffix}"
        assert wizard.export(fmt, str(path))
        text = path.read_text(encoding="utf-8")
        _assert_clean(text, fmt)
        assert "Photos" in text or "photos" in text  # the visible part of the answer is there
    data = json.loads((tmp_path / "advice.json").read_text(encoding="utf-8"))
    assert "staff" not in json.dumps(data.get("answers", data))
    # the screen says the same as the reports
    _assert_clean(" ".join(label.text() for label in wizard.result.findChildren(QLabel)), "result page")
    wizard.controller.show_review()
    _assert_clean(" ".join(label.text() for label in wizard.review.findChildren(QLabel)), "review page")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdf_leaves_out_hidden_answers(wizard: Wizard, tmp_path: Path) -> None:
    answer_then_hide(wizard)
    target = tmp_path / "advice.pdf"
    assert wizard.export("pdf", str(target))
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Photos" in text
    _assert_clean(text, "pdf")


def test_answers_file_keeps_hidden_answers_only_set_aside(wizard: Wizard, tmp_path: Path) -> None:
    answer_then_hide(wizard)
    path = tmp_path / "mine.cwanswers.yaml"
    assert wizard.save_answers(str(path))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert "staff" not in data["answers"] and "peers" not in data["answers"]
    assert data["set_aside"]["staff"] == STAFF  # by design: it comes back if the question does
    assert data["answers"]["data_kinds"] == ["photos"]
