"""The exclusive-choice rule ("none of these" cannot stand with others) holds on every way in."""

from __future__ import annotations

from pathlib import Path

import pytest

from cloudwizard.engine.answers import AnswerError, answers_from_mapping, parse_answers
from cloudwizard.engine.coercion import exclusive_conflict, settle_exclusive, without_exclusive
from cloudwizard.engine.loader import load_questionnaire_text
from cloudwizard.engine.model import Questionnaire
from cloudwizard.engine.recommender import recommend
from cloudwizard.engine.session import Session

from .minimal import BASIC


@pytest.fixture
def q() -> Questionnaire:
    result = load_questionnaire_text(BASIC, "q.yaml")
    assert result.questionnaire is not None
    return result.questionnaire


def test_the_public_check_gives_the_reason(q: Questionnaire) -> None:
    kinds = q.question("kinds")
    assert exclusive_conflict(kinds, {"photos", "none"}) == "'none' cannot be chosen together with other choices"
    assert exclusive_conflict(kinds, ["none"]) is None
    assert exclusive_conflict(kinds, frozenset({"photos", "secret"})) is None
    assert exclusive_conflict(q.question("who"), "me") is None


def test_ticking_boxes_follows_the_rule(q: Questionnaire) -> None:
    kinds = q.question("kinds")
    assert settle_exclusive(kinds, frozenset({"photos"}), frozenset({"photos", "none"})) == {"none"}
    assert settle_exclusive(kinds, frozenset({"none"}), frozenset({"photos", "none"})) == {"photos"}
    assert settle_exclusive(kinds, frozenset({"none", "photos"}), frozenset({"none", "photos"})) == {"none"}
    assert without_exclusive(kinds, frozenset({"photos", "none"})) == ({"photos"}, ("none",))


def test_set_answer_applies_it(q: Questionnaire) -> None:
    s = Session.with_answers(q, {"who": "firm"})
    s.set_answer("kinds", ["photos"])
    s.set_answer("kinds", ["photos", "none"])
    assert s.answer("kinds") == {"none"}


def test_update_and_with_answers_refuse_a_conflicting_set_and_change_nothing(q: Questionnaire) -> None:
    s = Session.with_answers(q, {"who": "firm", "kinds": ["photos"]})
    with pytest.raises(AnswerError, match="answer to 'kinds': 'none' cannot be chosen together"):
        s.update({"who": "me", "kinds": ["photos", "none"]})
    assert s.answer("who") == "firm" and s.answer("kinds") == {"photos"}
    with pytest.raises(AnswerError, match="'none' cannot be chosen together"):
        Session.with_answers(q, {"kinds": ["photos", "none"]})
    with pytest.raises(AnswerError, match="'none' cannot be chosen together"):
        answers_from_mapping(q, {"kinds": ["photos", "none"]})


def test_with_answers_raises_answer_error_for_an_unknown_id(q: Questionnaire) -> None:
    with pytest.raises(AnswerError, match="unknown question 'nobody'"):
        Session.with_answers(q, {"nobody": 1})


def test_an_answers_file_keeps_the_specific_choices_and_says_which_was_dropped(q: Questionnaire) -> None:
    text = "cloudwizard_answers: 1\nquestionnaire: {id: mini, version: '1'}\nanswers:\n  who: firm\n  kinds: [photos, none]\n"
    result = parse_answers(text, q, "a.yaml")
    assert result.data is not None and result.data.answers["kinds"] == {"photos"}
    assert [str(d) for d in result.report.diagnostics] == [
        "a.yaml:5:10: warning: answer to “kinds”: “none” cannot be chosen together with other choices; "
        "“none” was dropped and the other choices kept [kinds]"]
    rec = recommend(q, Session.from_file(q, result.data).effective_answers())
    assert rec is not None


def test_the_answers_reader_never_passes_both_to_the_recommender(q: Questionnaire, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("cloudwizard_answers: 1\nquestionnaire: {id: mini, version: '1'}\n"
                    "answers:\n  kinds: [none, photos, secret]\n", encoding="utf-8")
    from cloudwizard.engine.answers import read_answers

    result = read_answers(path, q)
    assert result.data is not None
    assert exclusive_conflict(q.question("kinds"), result.data.answers["kinds"]) is None
