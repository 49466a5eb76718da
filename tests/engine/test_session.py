"""Sessions: visibility, set-aside answers, navigation, progress and checks."""

from __future__ import annotations

import pytest

from cloudwizard.engine.answers import AnswerError
from cloudwizard.engine.loader import load_questionnaire_text
from cloudwizard.engine.model import Questionnaire
from cloudwizard.engine.session import Session

from .minimal import BASIC


@pytest.fixture
def q() -> Questionnaire:
    result = load_questionnaire_text(BASIC, "q.yaml")
    assert result.questionnaire is not None
    return result.questionnaire


def test_visibility_follows_answers(q: Questionnaire) -> None:
    s = Session(q)
    assert [x.id for x in s.visible_sections()] == ["s1"]
    assert [x.id for x in s.visible_questions()] == ["who"]
    s.set_answer("who", "firm")
    assert [x.id for x in s.visible_questions()] == ["who", "size", "kinds", "offline"]
    assert s.visible_choices("kinds") == ("photos", "secret", "none")
    s.set_answer("who", "me")
    assert not s.is_visible("size")
    assert s.visible_choices("kinds") == ("photos", "none")


def test_hidden_answers_are_set_aside_and_come_back(q: Questionnaire) -> None:
    s = Session(q)
    s.set_answer("who", "firm")
    s.set_answer("size", 80)
    s.set_answer("kinds", ["secret"])
    s.set_answer("who", "me")
    assert s.answer("size") is None
    assert s.set_aside == {"size": 80, "kinds": frozenset({"secret"})}
    assert "size" not in s.effective_answers()
    s.set_answer("who", "firm")
    assert s.answer("size") == 80
    assert s.answer("kinds") == frozenset({"secret"})
    assert s.set_aside == {}


def test_exclusive_choice_clears_the_others_and_back(q: Questionnaire) -> None:
    s = Session.with_answers(q, {"who": "me", "kinds": ["photos"]})
    s.set_answer("kinds", ["photos", "none"])
    assert s.answer("kinds") == frozenset({"none"})
    s.set_answer("kinds", ["none", "photos"])
    assert s.answer("kinds") == frozenset({"photos"})


def test_bad_answers_raise_with_a_message(q: Questionnaire) -> None:
    s = Session(q)
    with pytest.raises(AnswerError, match="'boss' is not a choice here"):
        s.set_answer("who", "boss")
    s.set_answer("who", "firm")
    with pytest.raises(AnswerError, match="above the maximum 1000"):
        s.set_answer("size", 5000)
    with pytest.raises(AnswerError, match="expected a number"):
        s.set_answer("size", "ten")
    with pytest.raises(AnswerError, match="expected yes or no"):
        s.set_answer("offline", "maybe")


def test_required_conditions_validation_and_progress(q: Questionnaire) -> None:
    s = Session.with_answers(q, {"who": "firm", "size": 600, "kinds": ["secret"]})
    problems = {(p.question_id, p.kind) for p in s.problems()}
    assert problems == {("size", "validation")}  # offline is only required with photos
    s.set_answer("kinds", ["photos"])
    assert ("offline", "required") in {(p.question_id, p.kind) for p in s.problems()}
    assert s.progress() == (3, 4)
    s.set_answer("size", 20)
    s.set_answer("offline", True)
    assert s.is_complete()
    assert s.progress() == (4, 4)


def test_navigation_with_history(q: Questionnaire) -> None:
    s = Session(q)
    assert s.current_section is not None and s.current_section.id == "s1"
    assert not s.go_next()  # s2 is hidden until 'who' is answered
    s.set_answer("who", "me")
    assert s.go_next()
    assert s.current_section.id == "s2"
    assert s.go_back()
    assert s.current_section.id == "s1"
    assert not s.can_go_back()
    s.go_to("s2")
    assert s.go_back() and s.current_section.id == "s1"
    with pytest.raises(KeyError):
        s.go_to("nope")


def test_current_section_moves_when_it_becomes_hidden(q: Questionnaire) -> None:
    s = Session.with_answers(q, {"who": "me"})
    s.go_next()
    s.clear_answer("who")
    assert s.current_section is not None and s.current_section.id == "s1"


def test_file_round_trip_keeps_answers_and_set_aside(q: Questionnaire) -> None:
    s = Session.with_answers(q, {"who": "firm", "size": 80, "kinds": ["photos"], "offline": "no"}, language="fr")
    s.set_answer("who", "me")
    data = s.to_file()
    again = Session.from_file(q, data)
    assert again.answers == s.answers
    assert again.set_aside == {"size": 80}
    assert again.language == "fr"


def test_reset_forgets_everything(q: Questionnaire) -> None:
    s = Session.with_answers(q, {"who": "firm", "size": 80})
    s.go_next()
    s.reset()
    assert s.answers == {} and s.set_aside == {}
    assert s.current_section is not None and s.current_section.id == "s1"
    assert not s.can_go_back()
