"""EU law and Belgian pointers are shown only to those they concern (issue 10, session-20 audit leftovers).

GDPR Art. 32 is quoted, as background to encryption and restore tests, only to organisations based
in the EU/EEA that hold other people's personal data (`security_of_processing`); the Gaia-X reading
names Agoria's Belgian hub to bodies based in Belgium only; and the reason quoted for a preference
for sovereignty speaks for what it scores (private: infrastructure under one's own control), not
for "a middle way".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cloudwizard.engine.influence import complete_answers
from cloudwizard.engine.loader import load_bundled
from cloudwizard.engine.model import Question, QuestionType
from cloudwizard.engine.recommender import recommend

Q = load_bundled()
LANGS = ("nl", "fr", "de", "en")
GDPR_NAMES = ("GDPR", "AVG", "RGPD", "DSGVO")
AGORIA = "Agoria"


def _draw(data: st.DataObject, fixed: dict[str, Any]) -> dict[str, Any]:
    def choose(question: Question, options: Sequence[Any]) -> Any:
        if question.id in fixed and fixed[question.id] in options:
            return fixed[question.id]
        if question.type is QuestionType.MULTIPLE:
            return data.draw(st.sets(st.sampled_from(list(options)), min_size=1, max_size=len(options)),
                             label=question.id)
        return data.draw(st.sampled_from(list(options)), label=question.id)

    return complete_answers(Q, choose)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_GIVEN_a_body_based_outside_the_EU_EEA_THEN_no_step_quotes_GDPR_Art_32(data: st.DataObject) -> None:
    rec = recommend(Q, _draw(data, {"based_in": "elsewhere"}), counterfactuals=False)
    assert rec.answers.get("based_in") == "elsewhere"
    assert not {a.id for a in rec.precautions} & {"security_of_processing"}
    for applied in rec.precautions:
        p = Q.precautions[applied.id]
        for lang in LANGS:
            assert "art. 32" not in p.text[lang].lower(), (applied.id, lang)
    for pid in ("backup_test_restore", "backup_isolated", "encrypt", "encrypt_own", "availability_plan"):
        assert "S6" not in Q.precautions[pid].sources, pid
        for lang in LANGS:
            assert not any(name in Q.precautions[pid].text[lang] for name in GDPR_NAMES), (pid, lang)


@pytest.mark.parametrize("based_in, shown", [("belgium", True), ("eu_eea", True), ("elsewhere", False)])
def test_security_of_processing_is_the_one_step_that_quotes_Art_32_for_other_peoples_data(
    based_in: str, shown: bool
) -> None:
    answers = {"audience": "sme", "based_in": based_in, "data_types": ["staff_data"]}
    rec = recommend(Q, answers, counterfactuals=False)
    ids = {a.id for a in rec.precautions}
    assert ("security_of_processing" in ids) is shown, ids
    for pid in ("backup_test_restore", "encrypt", "encrypt_own"):
        for lang in LANGS:
            assert "32" not in Q.precautions[pid].text[lang], (pid, lang)
    for lang in LANGS:
        assert "art. 32" in Q.precautions["security_of_processing"].text[lang].lower()


@pytest.mark.parametrize("based_in", ["belgium", "eu_eea", None])
def test_GIVEN_a_sovereignty_need_THEN_only_a_body_in_Belgium_reads_of_the_Belgian_Gaia_X_hub(
    based_in: str | None,
) -> None:
    answers: dict[str, Any] = {"audience": "sme", "data_location": "eu_required", "sovereignty": "preferred"}
    if based_in:
        answers["based_in"] = based_in
    rec = recommend(Q, answers, counterfactuals=False)
    readings = [r for r in rec.further_reading if r.id.startswith("gaia_x")]
    assert len(readings) == 1, [r.id for r in readings]
    for lang in LANGS:
        assert (AGORIA in readings[0].text[lang]) is (based_in == "belgium"), (based_in, lang)


def test_the_reason_quoted_for_preferring_sovereignty_speaks_for_private_not_for_a_middle_way() -> None:
    sovereignty = next(q for q in Q.questions if q.id == "sovereignty")
    preferred = next(c for c in sovereignty.choices if c.id == "preferred")
    assert preferred.effect.score.get("private", 0) > 0
    for lang, word in zip(LANGS, ("middenweg", "voie médiane", "Mittelweg", "middle way"), strict=True):
        assert word not in preferred.effect.because[lang]
    assert "own control" in preferred.effect.because["en"] and "(S11b)" in preferred.effect.because["en"]
