"""Property: any complete set of answers to the bundled questionnaire gives full advice in every language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cloudwizard.engine.influence import complete_answers
from cloudwizard.engine.loader import load_bundled
from cloudwizard.engine.model import LANGUAGES, LAYERS, MODELS, NO_LAYER, ON_PREMISES, Question, QuestionType, Text
from cloudwizard.engine.recommender import Recommendation, clarity_for, recommend
from cloudwizard.engine.session import Session

Q = load_bundled()
#: Words a household never sees in the advice (they come with duties households do not have, or
#: are scoring jargon).
CONSUMER_JARGON = ("DPIA", "adequacy decision", "standard contractual", "sub-processor", "margin", "Art. 35",
                   "data protection officer", "NIS2")


def _draw_answers(data: st.DataObject) -> dict[str, Any]:
    """Walk a session, answering each visible question in order with a drawn valid answer."""

    def choose(question: Question, options: Sequence[Any]) -> Any:
        label = question.id
        if question.type is QuestionType.MULTIPLE:
            return data.draw(st.sets(st.sampled_from(list(options)), min_size=1, max_size=len(options)), label=label)
        if question.type in (QuestionType.SCALE, QuestionType.NUMBER) and data.draw(st.booleans(), label="any n"):
            lo, hi = int(question.minimum or 0), int(question.maximum or 10**6)
            valid = [n for n in range(lo, hi + 1, max(1, (hi - lo) // 50 or 1))
                     if all(r.rule({"value": n}) for r in question.validation)]
            return data.draw(st.sampled_from(valid), label=label)
        return data.draw(st.sampled_from(list(options)), label=label)

    return complete_answers(Q, choose)


def _shown_texts(rec: Recommendation) -> list[tuple[str, Text]]:
    shown: list[tuple[str, Text]] = []
    for ranking in (rec.model, rec.layer):
        shown += [(f"{ranking.kind} reason {c.origin}", c.because) for c in ranking.reasons]
        shown += [(f"{ranking.kind} pro", t.text) for t in ranking.pros + ranking.runner_up_pros]
        shown += [(f"{ranking.kind} con", t.text) for t in ranking.cons + ranking.runner_up_cons]
    for a in rec.precautions:
        p = rec.precaution(a.id)
        shown += [(f"precaution {p.id}", p.title), (f"precaution {p.id}", p.text)]
    for a in rec.constraints:
        c = rec.constraint(a.id)
        shown += [(f"constraint {c.id}", c.title), (f"constraint {c.id}", c.reason)]
    for n in rec.notices:
        shown += [(f"notice {n.id}", n.title), (f"notice {n.id}", n.text)]
    for r in rec.further_reading:
        shown += [(f"reading {r.id}", r.title), (f"reading {r.id}", r.text)]
    return shown


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_GIVEN_any_complete_answers_WHEN_recommending_THEN_the_advice_is_full_in_every_language(
    data: st.DataObject,
) -> None:
    answers = _draw_answers(data)
    session = Session.with_answers(Q, answers)
    assert session.is_complete(), [p.question_id for p in session.problems()]

    rec = recommend(Q, answers, counterfactuals=False)

    assert rec.audience in {a.id for a in Q.audiences}
    assert rec.model.recommended in MODELS and rec.layer.recommended in LAYERS
    # (every cloud model may be ruled out, data kept on the premises and no private cloud needed, when
    # the advice is to run it yourself: the deployment ranking, which the report shows, has its option)
    self_run = rec.deployment is not None and rec.deployment.recommended == "on_premises"
    assert not rec.model.conflict or self_run, "a hard constraint excluded every cloud model"
    assert not (rec.deployment or rec.model).conflict and not rec.layer.conflict, "a hard constraint excluded every option"
    assert rec.model.reasons or rec.layer.reasons, "no reason given"
    assert rec.precautions, "no precaution given"
    assert rec.model.pros and rec.model.cons, f"no pro or con for {rec.model.recommended}"
    assert rec.layer.pros and rec.layer.cons, f"no pro or con for {rec.layer.recommended}"
    federal = rec.audience == "public_body" and answers.get("government_level") == "federal"
    belgian_federal = federal and answers.get("based_in") == "belgium"
    # Belgian federal policy is shown to Belgian federal bodies only: a Dutch ministry gets none.
    assert any(n.kind == "policy" and n.id == "comply_or_explain" for n in rec.notices) == belgian_federal
    for where, text in _shown_texts(rec):
        for lang in LANGUAGES:
            assert text.get(lang, "").strip(), (where, lang)
        if rec.audience == "consumer":
            # Households get plain words: no legal or scoring jargon without a gloss.
            english = text.get("en", "")
            for word in CONSUMER_JARGON:
                assert word not in english, (where, word)


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_GIVEN_any_complete_answers_WHEN_asking_what_would_change_THEN_each_change_really_changes_the_top(
    data: st.DataObject,
) -> None:
    answers = _draw_answers(data)
    rec = recommend(Q, answers)
    for cf in rec.what_would_change:
        assert all(c.question_id != "audience" for c in cf.changes)
        # Facts about who you are are never suggested as a change, nor "I don't know".
        assert all(Q.question(c.question_id).what_if for c in cf.changes)
        for c in cf.changes:
            chosen = c.after if isinstance(c.after, frozenset) else {c.after}
            question = Q.question(c.question_id)
            assert not any((ch := question.choice(str(v))) is not None and ch.dont_know for v in chosen), c
        after = recommend(Q, cf.answers(rec.answers), counterfactuals=False)
        assert after.pair is not None
        assert (after.pair.model if cf.kind == "model" else after.pair.layer) == cf.new_top


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_GIVEN_classified_information_WHEN_recommending_THEN_neither_public_nor_hybrid_is_advised(
    data: st.DataObject,
) -> None:
    answers = _draw_answers(data)
    rec = recommend(Q, answers, counterfactuals=False)
    assert rec.pair is not None
    if "classified" in rec.answers.get("data_types", frozenset()):
        assert rec.pair.model not in ("public", "hybrid"), rec.pair
        assert rec.model.recommended not in ("public", "hybrid")
        assert all(part.pair.model not in ("public", "hybrid") for part in rec.split), rec.split


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_GIVEN_any_answers_WHEN_recommending_THEN_the_pair_is_coherent_and_the_clarity_follows_the_margin(
    data: st.DataObject,
) -> None:
    answers = _draw_answers(data)
    rec = recommend(Q, answers, counterfactuals=False)
    assert rec.pair is not None and rec.deployment is not None
    assert rec.pair.model == rec.deployment.recommended
    assert (rec.pair.layer == NO_LAYER) == (rec.pair.model == ON_PREMISES)
    if rec.pair.layer != NO_LAYER:
        assert rec.pair.layer == rec.layer.recommended
    for ranking in (rec.deployment, rec.model, rec.layer):
        if ranking.conflict:
            continue
        assert ranking.clarity is clarity_for(ranking.margin, bool(ranking.decided_by))
        if ranking.is_tie:
            assert ranking.near_tie is not None and ranking.near_tie.is_tie
