"""Where the organisation is based decides which national and EU content it is shown (issue 10, §2).

A Dutch ministry or a US city gets no Belgian federal policy, G-Cloud or CCB advice; a body based
outside the EU/EEA gets no NIS2 steps and no EDPB findings. Also: every question where a person
may not know offers "I don't know", and no step starts with a proper noun that the reports would
put in lower case after its title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cloudwizard.engine.influence import complete_answers
from cloudwizard.engine.loader import load_bundled
from cloudwizard.engine.model import Question, QuestionType
from cloudwizard.engine.recommender import recommend
from cloudwizard.engine.typography import continuation

Q = load_bundled()
#: Sources about Belgian federal policy and G-Cloud only (S3, the federal plan to categorise
#: information, may be cited beside the rules for classified information when the text says it is Belgian).
BELGIAN_POLICY = {"S2", "S14", "S14b"}
#: Steps that give the CCB's or the GBA's own advice, for bodies based in Belgium only.
BELGIAN_STEPS = {"supplier_security", "nis2_check"}
#: Steps that speak of NIS2 or the EDPB's findings: for bodies based in the EU/EEA only.
EU_STEPS = {"nis2_obligations", "supplier_security", "supplier_security_eu", "nis2_check", "nis2_check_eu",
            "public_roles", "cyfun_supplier"}


def _draw_answers(data: st.DataObject, based_in: str) -> dict[str, Any]:
    def choose(question: Question, options: Sequence[Any]) -> Any:
        if question.id == "based_in":
            return based_in
        if question.type is QuestionType.MULTIPLE:
            return data.draw(st.sets(st.sampled_from(list(options)), min_size=1, max_size=len(options)),
                             label=question.id)
        return data.draw(st.sampled_from(list(options)), label=question.id)

    return complete_answers(Q, choose)


def _cited(rec: Any) -> set[str]:
    cited: set[str] = set()
    for applied in rec.precautions:
        cited |= set(Q.precautions[applied.id].sources)
    for applied in rec.constraints:
        cited |= set(Q.constraints[applied.id].sources)
    for notice in rec.notices:
        cited |= set(notice.sources)
    return cited


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.sampled_from(["eu_eea", "elsewhere"]))
def test_GIVEN_a_body_not_based_in_Belgium_THEN_no_Belgian_policy_G_Cloud_or_CCB_advice(
    data: st.DataObject, based_in: str
) -> None:
    rec = recommend(Q, _draw_answers(data, based_in), counterfactuals=False)
    assert rec.answers.get("based_in") == based_in
    shown = {a.id for a in rec.precautions}
    assert not _cited(rec) & BELGIAN_POLICY, _cited(rec) & BELGIAN_POLICY
    assert not shown & BELGIAN_STEPS, shown & BELGIAN_STEPS
    texts = [Q.precautions[a.id].text["en"] for a in rec.precautions if "S3" in Q.precautions[a.id].sources]
    texts += [Q.constraints[a.id].reason["en"] for a in rec.constraints if "S3" in Q.constraints[a.id].sources]
    assert all("Belgian federal government" in text for text in texts), texts
    for applied in rec.precautions:
        text = Q.precautions[applied.id].text["en"]
        assert "Belgian Data Protection Authority" not in text and "Centre for Cybersecurity Belgium advises" not in text
    if based_in == "elsewhere":
        assert not shown & EU_STEPS, shown & EU_STEPS


@pytest.mark.parametrize("based_in, expected", [("belgium", "supplier_security"), ("eu_eea", "supplier_security_eu")])
def test_GIVEN_a_federal_administration_THEN_its_NIS2_steps_follow_where_it_is_based(based_in: str, expected: str) -> None:
    def choose(question: Question, options: Sequence[Any]) -> Any:
        fixed = {"audience": "public_body", "based_in": based_in, "government_level": "federal"}
        if question.id in fixed:
            return fixed[question.id]
        return [options[0]] if question.type is QuestionType.MULTIPLE else options[0]

    shown = {a.id for a in recommend(Q, complete_answers(Q, choose), counterfactuals=False).precautions}
    assert {"nis2_obligations", expected} <= shown
    assert not shown & ({"supplier_security", "supplier_security_eu"} - {expected})


def test_GIVEN_a_regional_government_in_another_EU_country_THEN_it_is_told_to_check_NIS2_not_that_it_is_covered() -> None:
    def choose(question: Question, options: Sequence[Any]) -> Any:
        fixed = {"audience": "public_body", "based_in": "eu_eea", "government_level": "regional"}
        if question.id in fixed:
            return fixed[question.id]
        return [options[0]] if question.type is QuestionType.MULTIPLE else options[0]

    shown = {a.id for a in recommend(Q, complete_answers(Q, choose), counterfactuals=False).precautions}
    assert "nis2_check_eu" in shown
    assert not shown & {"nis2_obligations", "supplier_security", "nis2_check"}


#: Questions a person may not know the answer to (issue 10, §2: servers, backups, who runs IT, exit,
#: size, NIS2, data, location, availability, load, sharing of platforms).
MAY_NOT_KNOW = ("gcloud_use", "turnover", "org_apps", "load_pattern", "downtime_cost", "existing_servers",
                "server_plan", "it_skills", "internet", "peers", "dedicated", "combine_clouds", "data_types",
                "data_location", "sovereignty", "backup_frequency", "backup_where", "backup_practices",
                "loss_impact", "lock_in", "nis2", "nis2_supplier")


@pytest.mark.parametrize("qid", MAY_NOT_KNOW)
def test_GIVEN_a_question_a_person_may_not_know_THEN_it_offers_I_dont_know(qid: str) -> None:
    question = Q.question(qid)
    assert question is not None
    dont_know = [c for c in question.choices if c.dont_know]
    assert dont_know, qid
    assert "I don't know" in {c.label.get("en") for c in dont_know}, qid


def _proper_nouns(lang: str) -> set[str]:
    """Words written with a capital in the middle of a sentence, and never in lower case, in the texts."""
    words: set[str] = set()
    texts = [p.text[lang] for p in Q.precautions.values()] + [c.reason[lang] for c in Q.constraints.values()]
    for text in texts:
        for before, word in re.findall(r"(\S+) ([A-Z][a-z’']+)", text):
            if not before.endswith((".", ":", "?", "!", ";")):
                words.add(word)
    lower = {w for text in texts for w in re.findall(r"[a-z][a-z’']+", text)}
    known = {"Europe", "Europe's", "Europese", "L’Europe", "Belgium", "België", "Belgique", "Safeonweb"}
    return known | {w for w in words if w[0].lower() + w[1:] not in lower}


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_GIVEN_a_step_or_requirement_THEN_its_first_word_is_no_proper_noun_put_in_lower_case(lang: str) -> None:
    nouns = _proper_nouns(lang)
    texts = {**{f"precaution {k}": p.text[lang] for k, p in Q.precautions.items()},
             **{f"constraint {k}": c.reason[lang] for k, c in Q.constraints.items()}}
    for where, text in texts.items():
        first = text.split(" ", 1)[0]
        if first in nouns:
            assert continuation(text, lang).startswith(first), (where, first)
