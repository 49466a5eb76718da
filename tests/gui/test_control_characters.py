r"""Control characters of questionnaire text are shown escaped in the GUI (``\x1b``), as in every other
output: raw, they were drawn as boxes and the text after a CR went missing (issue 14 red-team)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from PySide6.QtWidgets import QLabel

from cloudwizard.engine.loader import load_questionnaire_text
from cloudwizard.gui.app import Wizard
from tests.gui.conftest import find

EXAMPLE = Path(__file__).resolve().parents[2] / "questionnaires" / "examples" / "example.yaml"
RAW = "Bad\x1b[2J title\rafter\x9b\x07"
SHOWN = "Bad\\x1b[2J title\\rafter\\x9b\\x07"


def test_the_welcome_title_and_the_check_answers_page_show_control_characters_escaped(
        make_wizard: Callable[..., Wizard]) -> None:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data.pop("tests", None)
    data["title"] = {lang: RAW for lang in data["title"]}
    section = data["sections"][1]
    section["title"] = {lang: RAW for lang in section["title"]}
    result = load_questionnaire_text(yaml.safe_dump(data, allow_unicode=True), "controls.yaml")
    assert result.questionnaire is not None, result.report.format()
    wizard = make_wizard(questionnaire=result.questionnaire)
    title = find(wizard, "welcomeTitle")
    assert isinstance(title, QLabel) and title.text() == SHOWN
    find(wizard, "audience_business").click()  # type: ignore[attr-defined]
    wizard.window.nextRequested.emit()
    c = wizard.controller
    for qid, value in (("staff", 80), ("data_kinds", frozenset({"classified"})), ("sensitivity", 5),
                       ("peers", "no"), ("offline_copy", "yes")):
        c.set_answer(qid, value)
    c.show_review()
    texts = [label.text() for label in wizard.window.findChildren(QLabel) if label.isVisible()]
    assert SHOWN in texts, texts
    assert not any(ch in text for text in texts for ch in "\x1b\r\x9b\x07")
    wizard.on_language("fr")  # rewritten texts pass the same way
    assert find(wizard, "welcomeTitle").text() == SHOWN  # type: ignore[attr-defined]
