"""Running the scenario tests that a questionnaire carries in its ``tests:`` list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cloudwizard.engine.answers import AnswerError, coerce_for
from cloudwizard.engine.diagnostics import Report
from cloudwizard.engine.model import Questionnaire, Scenario
from cloudwizard.engine.recommender import recommend
from cloudwizard.engine.session import resolve
from cloudwizard.engine.yamlsafe import Node


@dataclass
class ScenarioResult:
    """The outcome of one scenario: `failures` is empty when it passed."""

    scenario: Scenario
    failures: list[str]

    @property
    def passed(self) -> bool:
        """True when every expectation held."""
        return not self.failures


def run_scenario(q: Questionnaire, scenario: Scenario) -> ScenarioResult:
    """Check one scenario's answers against its expectations."""
    failures: list[str] = []
    answers: dict[str, Any] = {}
    for qid, raw in scenario.answers.items():
        value = raw.plain() if isinstance(raw, Node) else raw
        try:
            answers[qid] = coerce_for(q, qid, value)
        except AnswerError as exc:
            failures.append(f"answer to '{qid}': {exc}")
    if failures:
        return ScenarioResult(scenario, failures)
    view = resolve(q, answers)
    rec = recommend(q, answers, counterfactuals=False)
    if scenario.expect_model and rec.model.recommended != scenario.expect_model:
        scores = ", ".join(f"{o.id} {o.score:g}" for o in rec.model.options)
        failures.append(f"expected model {scenario.expect_model}, got {rec.model.recommended} ({scores})")
    if scenario.expect_layer and rec.layer.recommended != scenario.expect_layer:
        scores = ", ".join(f"{o.id} {o.score:g}" for o in rec.layer.options)
        failures.append(f"expected layer {scenario.expect_layer}, got {rec.layer.recommended} ({scores})")
    for qid in scenario.expect_visible:
        if qid not in view.questions:
            failures.append(f"expected '{qid}' to be visible, but it is hidden")
    for qid in scenario.expect_hidden:
        if qid in view.questions:
            failures.append(f"expected '{qid}' to be hidden, but it is visible")
    applied_c = {a.id for a in rec.constraints}
    for cid in scenario.expect_constraints:
        if cid not in applied_c:
            failures.append(f"expected constraint '{cid}' to apply")
    applied_p = {a.id for a in rec.precautions}
    for pid in scenario.expect_precautions:
        if pid not in applied_p:
            failures.append(f"expected precaution '{pid}' to apply")
    for qid in scenario.answers:
        if qid in view.hidden_answers:
            failures.append(f"answers '{qid}', which is hidden for these answers")
    return ScenarioResult(scenario, failures)


def run_scenarios(q: Questionnaire, report: Report | None = None) -> list[ScenarioResult]:
    """Run every scenario; failures go into `report` as errors at the scenario's place."""
    results = [run_scenario(q, s) for s in q.tests]
    if report is not None:
        for r in results:
            for failure in r.failures:
                report.error(r.scenario.location, f"scenario '{r.scenario.name}': {failure}", "scenario")
    return results
