"""Precautions and steps fit the pair recommended and the audience (issue 10, section 3).

"Encrypt before it goes to the cloud" is no step for a home NAS, "disconnect the backup drive" no
backup advice for a 2,000-person firm, "open no ports in your router" no advice for a public body's
data centre.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cloudwizard.engine.answers import coerce_for
from cloudwizard.engine.influence import complete_answers
from cloudwizard.engine.loader import load_bundled
from cloudwizard.engine.model import ON_PREMISES, Question, QuestionType
from cloudwizard.engine.recommender import recommend

Q = load_bundled()
#: Steps that speak of a cloud service or its provider: never for advice without a cloud part.
CLOUD_ONLY = {"encrypt", "offline_continuity", "availability_plan", "exit_clause", "eu_region", "eu_region_home",
              "sovereignty_check", "processor_agreement", "free_plans", "transfers_outside_eu"}
#: Steps about equipment of one's own: only when the advice (or a part of it) runs it yourself.
OWN_EQUIPMENT_ONLY = {"encrypt_own", "availability_own", "nas_hardening", "server_hardening"}
HOUSEHOLD_WORDING = {"backup_321", "backup_offline", "nas_hardening"}  # consumers and the self-employed
ORGANISATION_WORDING = {"backup_321_org", "backup_isolated", "server_hardening"}
ORGANISATIONS = {"sme", "large_company", "non_profit", "public_body"}


def _scenario_answers(name: str) -> dict[str, Any]:
    scenario = next(s for s in Q.tests if s.name.startswith(name))
    return {qid: coerce_for(Q, qid, raw.plain() if hasattr(raw, "plain") else raw) for qid, raw in scenario.answers.items()}


def _draw_answers(data: st.DataObject) -> dict[str, Any]:
    def choose(question: Question, options: Sequence[Any]) -> Any:
        if question.type is QuestionType.MULTIPLE:
            return data.draw(st.sets(st.sampled_from(list(options)), min_size=1, max_size=len(options)),
                             label=question.id)
        return data.draw(st.sampled_from(list(options)), label=question.id)

    return complete_answers(Q, choose)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_GIVEN_any_answers_THEN_every_step_fits_the_pair_and_the_audience(data: st.DataObject) -> None:
    rec = recommend(Q, _draw_answers(data), counterfactuals=False)
    assert rec.pair is not None
    models = {rec.pair.model, *(part.pair.model for part in rec.split)}
    shown = {a.id for a in rec.precautions}
    if models == {ON_PREMISES}:
        assert not shown & CLOUD_ONLY, (rec.pair, shown & CLOUD_ONLY)
    if ON_PREMISES not in models:
        assert not shown & OWN_EQUIPMENT_ONLY, (rec.pair, shown & OWN_EQUIPMENT_ONLY)
    if rec.audience in ORGANISATIONS:
        assert not shown & HOUSEHOLD_WORDING, (rec.audience, shown & HOUSEHOLD_WORDING)
    else:
        assert not shown & ORGANISATION_WORDING, (rec.audience, shown & ORGANISATION_WORDING)


def test_a_home_nas_gets_disk_encryption_not_encryption_before_the_cloud() -> None:
    rec = recommend(Q, _scenario_answers("consumer who keeps files at home and sets up devices"), counterfactuals=False)
    assert rec.pair is not None and rec.pair.self_run and not rec.split
    shown = {a.id for a in rec.precautions}
    assert "encrypt_own" in shown and "encrypt" not in shown
    text = Q.text(Q.precautions["encrypt_own"].text, "en")
    assert "before they go to the cloud" not in text and "disks of your NAS" in text


def test_GIVEN_a_change_that_moves_model_and_layer_THEN_it_is_said_once() -> None:
    """A home NAS to public SaaS moves both the model and the layer: one sentence, not two."""
    for scenario in Q.tests:
        rec = recommend(Q, _scenario_answers(scenario.name))
        keys = [tuple((c.question_id, c.after) for c in cf.changes) for cf in rec.what_would_change]
        assert len(keys) == len(set(keys)), scenario.name
