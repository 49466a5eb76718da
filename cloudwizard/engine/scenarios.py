"""Running the scenario tests that a questionnaire carries in its ``tests:`` list."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cloudwizard.engine.answers import AnswerError, coerce_for
from cloudwizard.engine.diagnostics import Report
from cloudwizard.engine.model import Location, Questionnaire, Scenario
from cloudwizard.engine.recommender import recommend
from cloudwizard.engine.session import resolve
from cloudwizard.engine.yamlsafe import Node


@dataclass
class ScenarioResult:
    """The outcome of one scenario: `failures` is empty when it passed.

    Attributes:
        scenario: the scenario.
        failures: what did not hold, one message each.
        places: where each failure is (the answer at fault, else the scenario), same order.
    """

    scenario: Scenario
    failures: list[str]
    places: list[Location] = field(default_factory=list)

    def fail(self, message: str, place: Location | None = None) -> None:
        """Record a failure at `place` (default: the scenario)."""
        self.failures.append(message)
        self.places.append(place or self.scenario.location)

    @property
    def passed(self) -> bool:
        """True when every expectation held."""
        return not self.failures


def run_scenario(q: Questionnaire, scenario: Scenario) -> ScenarioResult:
    """Check one scenario's answers against its expectations."""
    result = ScenarioResult(scenario, [])
    fail = result.fail
    answers: dict[str, Any] = {}
    places = {qid: raw.location for qid, raw in scenario.answers.items() if isinstance(raw, Node)}
    for qid, raw in scenario.answers.items():
        value = raw.plain() if isinstance(raw, Node) else raw
        try:
            answers[qid] = coerce_for(q, qid, value)
        except AnswerError as exc:
            fail(f"answer to '{qid}': {exc}", places.get(qid))
    if result.failures:
        return result
    view = resolve(q, answers)
    rec = recommend(q, answers, counterfactuals=False)
    # The recommended pair: its model may be on_premises ("you run it yourself"), its layer none.
    pair = rec.pair
    got_model = pair.model if pair is not None else rec.model.recommended
    got_layer = pair.layer if pair is not None else rec.layer.recommended
    if scenario.expect_model and got_model != scenario.expect_model:
        ranking = rec.deployment or rec.model
        # Running it yourself is listed only where the questionnaire uses it.
        options = [o for o in ranking.options if o.id != "on_premises" or o.score or o.id == got_model]
        scores = ", ".join(f"{o.id} {o.score:g}" for o in options)
        fail(f"expected model {scenario.expect_model}, got {got_model} ({scores})")
    if scenario.expect_layer and got_layer != scenario.expect_layer:
        scores = ", ".join(f"{o.id} {o.score:g}" for o in rec.layer.options)
        fail(f"expected layer {scenario.expect_layer}, got {got_layer} ({scores})")
    for qid in scenario.expect_visible:
        if qid not in view.questions:
            fail(f"expected '{qid}' to be visible, but it is hidden")
    for qid in scenario.expect_hidden:
        if qid in view.questions:
            fail(f"expected '{qid}' to be hidden, but it is visible")
    applied_c = {a.id for a in rec.constraints}
    for cid in scenario.expect_constraints:
        if cid not in applied_c:
            fail(f"expected constraint '{cid}' to apply")
    applied_p = {a.id for a in rec.precautions}
    for pid in scenario.expect_precautions:
        if pid not in applied_p:
            fail(f"expected precaution '{pid}' to apply")
    for qid in scenario.answers:
        if qid in view.hidden_answers:
            fail(f"answers '{qid}', which is hidden for these answers", places.get(qid))
    return result


def run_scenarios(q: Questionnaire, report: Report | None = None) -> list[ScenarioResult]:
    """Run every scenario; failures go into `report` as errors at the answer at fault, else the scenario."""
    results = [run_scenario(q, s) for s in q.tests]
    if report is not None:
        for r in results:
            for failure, place in zip(r.failures, r.places, strict=True):
                report.error(place, f"scenario '{r.scenario.name}': {failure}", "scenario")
    return results
