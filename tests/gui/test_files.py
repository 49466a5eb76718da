"""Exports, answers files, autosave and crash restore, start over, the language switch."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from cloudwizard.engine.answers import AnswersFile, save_answers
from cloudwizard.engine.report.style import long_date
from cloudwizard.gui.app import Wizard
from tests.gui.conftest import Dialogs, click, find

REPO = Path(__file__).resolve().parents[2]


def answer_business(wizard: Wizard) -> None:
    c = wizard.controller
    click_audience = find(wizard, "audience_business")
    click_audience.click()
    for qid, value in (("staff", 80), ("data_kinds", frozenset({"classified"})), ("sensitivity", 5),
                       ("peers", "no"), ("offline_copy", "yes")):
        c.set_answer(qid, value)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdf_export_has_advice_date_version_and_answers(wizard: Wizard, tmp_path: Path) -> None:
    answer_business(wizard)
    wizard.controller.show_result()
    target = tmp_path / "advice.pdf"
    assert wizard.export("pdf", str(target))
    assert target.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout
    rec = wizard.controller.recommendation
    assert "Private cloud" in text
    assert long_date(rec.created, "en") in text  # "1 December 2026"
    assert wizard.controller.questionnaire.version in text
    assert "80 people" in text  # the answers summary
    assert not list(tmp_path.glob(".*.tmp"))


def test_text_exports(wizard: Wizard, tmp_path: Path) -> None:
    answer_business(wizard)
    wizard.controller.show_result()
    for fmt, suffix in (("markdown", ".md"), ("html", ".html"), ("json", ".json")):
        path = tmp_path / f"advice{suffix}"
        assert wizard.export(fmt, str(path))
        assert "Private cloud" in path.read_text(encoding="utf-8")


def test_comply_or_explain_reason_goes_into_the_report(qtbot: Any, wizard: Wizard, tmp_path: Path,
                                                       dialogs: Dialogs) -> None:
    answer_business(wizard)
    wizard.controller.show_result()
    combo = find(wizard, "justifyModel")
    combo.setCurrentIndex(combo.findData("hybrid"))
    assert find(wizard, "justificationError").isVisible()
    assert not wizard.export("markdown", str(tmp_path / "a.md"))  # a reason is required
    assert dialogs.errors
    qtbot.keyClicks(find(wizard, "justifyText"), "Our partners already run one.")
    assert not find(wizard, "justificationError").isVisible()
    assert wizard.export("markdown", str(tmp_path / "a.md"))
    assert "Our partners already run one." in (tmp_path / "a.md").read_text(encoding="utf-8")


def test_answers_round_trip(wizard: Wizard, tmp_path: Path, dialogs: Dialogs) -> None:
    answer_business(wizard)
    before = wizard.controller.session.answers
    path = tmp_path / "mine.cwanswers.yaml"
    assert wizard.save_answers(str(path))
    wizard.on_start_over()
    assert dialogs.asked  # asked first
    assert wizard.controller.session.answers == {}
    assert wizard.open_answers(str(path))
    assert wizard.controller.session.answers == before
    assert wizard.controller.page == "review"  # every question answered: the review, not an empty page


def test_back_from_the_review_after_opening_answers_goes_to_the_last_part(
    qtbot: Any, wizard: Wizard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+O with a complete file lands on the review; Back (Alt+Left, then the button) is the last part."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from cloudwizard.gui.window import MainWindow
    from tests.gui.conftest import key

    answer_business(wizard)
    path = tmp_path / "done.cwanswers.yaml"
    assert wizard.save_answers(str(path))
    c = wizard.controller
    c.go_to_section(c.displayable_sections()[0].id)  # the file is opened from elsewhere than its last part
    monkeypatch.setattr(MainWindow, "ask_open_path", lambda *_args: str(path))
    key(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert c.page == "review"
    last = c.displayable_sections()[-1].id
    key(qtbot, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert c.page == "questions" and wizard.questions.section_id == last
    total = len(c.displayable_sections())
    assert wizard.questions.step.text() == f"Part {total} of {total}"
    # Next goes back to the review, and the Back button says the same as Alt+Left
    key(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert c.page == "review"
    find(wizard, "backButton").setFocus()
    assert QApplication.focusWidget() is find(wizard, "backButton")
    key(qtbot, Qt.Key.Key_Space)
    assert c.page == "questions" and wizard.questions.section_id == last


def test_opening_answers_lands_on_the_first_question_to_answer(
    make_wizard: Any, tmp_path: Path, dialogs: Dialogs
) -> None:
    """Ctrl+O with a half-answered file: the first section still to answer, never "Part 0 of n"."""
    from cloudwizard.engine.loader import load_bundled

    wizard = make_wizard(questionnaire=load_bundled())
    c = wizard.controller
    c.set_answer("audience", "consumer")  # the first section with a question still to answer is shown
    path = tmp_path / "half.cwanswers.yaml"
    assert wizard.save_answers(str(path))
    c.set_answer("audience", "sme")
    assert wizard.open_answers(str(path))
    assert c.page == "questions"
    assert wizard.questions.section_id == c.displayable_sections()[0].id
    assert wizard.questions.step.text() == f"Part 1 of {len(c.displayable_sections())}"


def test_broken_answers_file_shows_where_and_changes_nothing(wizard: Wizard, tmp_path: Path,
                                                             dialogs: Dialogs) -> None:
    answer_business(wizard)
    before = wizard.controller.session.answers
    broken = tmp_path / "broken.yaml"
    broken.write_text("cloudwizard_answers: 1\nanswers: [oops\n", encoding="utf-8")
    assert not wizard.open_answers(str(broken))
    _title, text, details = dialogs.errors[-1]
    assert str(broken) in text
    assert f"{broken}:" in details and "error" in details
    assert wizard.controller.session.answers == before


def test_start_over_asks_first(wizard: Wizard, dialogs: Dialogs) -> None:
    answer_business(wizard)
    dialogs.answer = False
    wizard.on_start_over()
    assert wizard.controller.session.answers
    dialogs.answer = True
    wizard.on_start_over()
    assert wizard.controller.session.answers == {}
    assert wizard.controller.page == "welcome"


def test_language_switch_midway_keeps_answers(qtbot: Any, wizard: Wizard) -> None:
    answer_business(wizard)
    wizard.controller.go_next()
    assert wizard.questions.section_id == "about"
    combo = find(wizard, "languageCombo")
    combo.setCurrentIndex(combo.findData("nl"))
    assert wizard.l10n.language == "nl"
    assert find(wizard, "sectionTitle").text() == "Over jou"
    assert find(wizard, "nextButton").text().startswith("Volgende")
    assert wizard.controller.session.answer("staff") == 80
    assert find(wizard, "input_staff").text() == "80"
    wizard.controller.show_result()
    headline = wizard.result.findChild(QLabel, "headline")
    assert "Private cloud" in headline.text()
    combo.setCurrentIndex(combo.findData("fr"))
    assert "Cloud privé" in wizard.result.findChild(QLabel, "headline").text()
    assert wizard.settings.value("language") == "fr"


def test_autosave_and_crash_restore(make_wizard: Any, tmp_path: Path, qtbot: Any, dialogs: Dialogs,
                                    example_questionnaire: Any) -> None:
    data = tmp_path / "data"
    first = make_wizard(data_dir=data)
    answer_business(first)
    first.autosave.save_now()
    assert (data / "autosave.cwanswers.yaml").is_file()
    # a crash: the run marker stays behind with a process id that is gone
    (data / "running.pid").write_text("999999999", encoding="utf-8")
    first.autosave = None  # the crashed run does not clean up
    second = make_wizard(data_dir=data)
    assert "Restore your answers?" in dialogs.asked
    assert second.controller.session.answer("staff") == 80
    assert second.controller.page == "questions"


def test_unfinished_session_is_offered_on_the_welcome_page(make_wizard: Any, tmp_path: Path, qtbot: Any,
                                                          example_questionnaire: Any) -> None:
    data = tmp_path / "data"
    data.mkdir()
    save_answers(data / "autosave.cwanswers.yaml",
                 AnswersFile("example", example_questionnaire.version, {"audience": "consumer", "sensitivity": 2}))
    wizard = make_wizard(data_dir=data)
    assert find(wizard, "resumeCard").isVisible()
    click(qtbot, find(wizard, "resumeButton"))
    assert wizard.controller.session.answer("sensitivity") == 2


def test_window_geometry_is_remembered(make_wizard: Any) -> None:
    first = make_wizard()
    first.window.resize(900, 650)
    first.window.close()
    second = make_wizard()
    assert second.settings.value("window/geometry") is not None


def test_quit_after_first_paint_exits_zero(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path),
               XDG_DATA_HOME=str(tmp_path))
    code = (
        "import argparse, sys; from cloudwizard.gui.app import run; "
        "sys.exit(run(argparse.Namespace(lang='en', questionnaire=None, answers_file=None, "
        "quit_after_first_paint=True, kiosk=False)))"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, timeout=60, capture_output=True)
    assert done.returncode == 0, done.stderr.decode()


def _choose_by_keys(qtbot: Any, combo: Any, model: str) -> None:
    """Pick `model` in the focused comply-or-explain combo with the Home and Down keys, as a keyboard user does."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    combo.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is combo)
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == model:
            return
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert combo.currentData() == model


def test_comply_or_explain_survives_the_answers_file_and_the_autosave(
    make_wizard: Any, tmp_path: Path, qtbot: Any, dialogs: Dialogs
) -> None:
    """Issue 12: the chosen model and the reason are kept in the answers file and the autosave."""
    from PySide6.QtWidgets import QApplication

    from cloudwizard.engine.answers import read_answers

    reason = "Our partners already run one."
    data = tmp_path / "data"
    first = make_wizard(data_dir=data)
    answer_business(first)
    first.controller.show_result()
    _choose_by_keys(qtbot, find(first, "justifyModel"), "hybrid")
    box = find(first, "justifyText")
    box.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box)
    qtbot.keyClicks(QApplication.focusWidget(), reason)
    path = tmp_path / "mine.cwanswers.yaml"
    assert first.save_answers(str(path))
    read = read_answers(path, first.controller.questionnaire)
    assert read.data is not None and read.data.justification == ("hybrid", reason)
    assert first.autosave is not None and first.autosave._timer.isActive()  # the reason is autosaved too
    first.autosave.save_now()
    assert "comply_or_explain" in (data / "autosave.cwanswers.yaml").read_text(encoding="utf-8")

    second = make_wizard(data_dir=tmp_path / "other")
    assert second.open_answers(str(path))
    second.controller.show_result()
    combo, text = find(second, "justifyModel"), find(second, "justifyText")
    assert combo.currentData() == "hybrid"
    assert text.toPlainText() == reason and text.isEnabled()
    assert not find(second, "justificationError").isVisible()
    assert second.export("markdown", str(tmp_path / "a.md"))
    md = (tmp_path / "a.md").read_text(encoding="utf-8")
    assert reason in md and "Hybrid cloud" in md

    # after a crash the autosave brings the choice back as well
    (data / "running.pid").write_text("999999999", encoding="utf-8")
    first.autosave = None
    third = make_wizard(data_dir=data)
    assert "Restore your answers?" in dialogs.asked
    assert third.controller.justification is not None
    third.controller.show_result()
    assert find(third, "justifyModel").currentData() == "hybrid"
    assert find(third, "justifyText").toPlainText() == reason

    # following the advice again takes the choice out of the next save; starting over forgets it
    _choose_by_keys(qtbot, find(third, "justifyModel"), "")
    assert third.save_answers(str(path))
    assert "comply_or_explain" not in path.read_text(encoding="utf-8")
    second.controller.start_over()
    assert second.controller.justification is None
