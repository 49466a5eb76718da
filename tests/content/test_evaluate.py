"""`cloudwizard evaluate`: the advice scored against independent cases (fixtures in tests/data/cases)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cloudwizard.cli import main
from cloudwizard.engine.diagnostics import Report
from cloudwizard.engine.evaluation import bundled_cases, evaluate_cases, format_evaluation, read_case
from cloudwizard.engine.loader import load_bundled

DATA = Path(__file__).resolve().parent.parent / "data"
CASES = DATA / "cases"
BROKEN = DATA / "cases-broken"


def test_GIVEN_the_fixture_cases_WHEN_evaluated_THEN_each_pair_is_compared_with_what_its_source_states() -> None:
    ev = evaluate_cases(load_bundled(), [CASES])
    assert ev.cases_found == 4
    assert [c.id for c in ev.unanswered] == ["no-answers-yet"]
    by_id = {o.case.id: o for o in ev.outcomes}
    # A source's "on-premises"/"none" must match the pair "you run it yourself".
    assert (by_id["family-nas"].model, by_id["family-nas"].layer) == ("on_premises", "none")
    assert by_id["family-nas"].model_ok and by_id["family-nas"].layer_ok
    assert (by_id["municipalities"].model, by_id["municipalities"].layer) == ("community", "saas")
    assert (by_id["start-up"].model, by_id["start-up"].layer) == ("public", "paas")
    assert ev.summary("calibration") == {"n": 2, "model": 1.0, "model_agree": 2, "model_stated": 2,
                                         "layer": 1.0, "layer_agree": 2, "layer_stated": 2}
    assert ev.summary("validation")["n"] == 1
    assert ev.confusion("model") == {"on-premises": {"on-premises": 1}, "community": {"community": 1},
                                     "public": {"public": 1}}
    assert ev.report.errors == []


def test_GIVEN_a_disagreement_WHEN_printed_THEN_the_case_and_the_answers_that_decided_it_are_listed(
    tmp_path: Path,
) -> None:
    for name in ("start-up.case.yaml", "start-up.cwanswers.yaml"):
        text = (CASES / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace("model: public", "model: private"), encoding="utf-8")
    ev = evaluate_cases(load_bundled(), [tmp_path])
    (o,) = ev.outcomes
    assert o.model_ok is False and o.layer_ok is True
    text = format_evaluation(ev)
    assert "Disagreements: 1" in text
    assert "A start-up builds its app on a platform service (start-up)\nCalibration · Small or medium-sized business" in text
    assert "  • The source: Private cloud, used as Platform as a Service (PaaS)\n" in text
    assert "  • The advice: Public cloud, used as Platform as a Service (PaaS)" in text
    # The answers that decided the pair, with their reasons, by question and answer.
    assert o.reasons and "The answers that decided it:" in text
    assert " ".join(text.split()).count("(Answer to “") == len([r for r in o.reasons if r.question_text]) > 0
    assert ev.summary("calibration")["model"] == 0.0 and ev.summary("validation")["model"] is None


def test_GIVEN_broken_case_files_WHEN_evaluated_THEN_every_problem_is_reported_with_its_place() -> None:
    report = Report()
    assert read_case(BROKEN / "bad-split.case.yaml", report) is None
    text = report.format()
    for expected in (
        "bad-split.case.yaml:3:11: error: “audience” must be one of",
        "bad-split.case.yaml:9:8: error: “split” must be one of calibration, validation, not “testing”",
        "bad-split.case.yaml:8:17: error: “stated.model” must be one of",
        "“stated” is missing “layer”",
        "bad-split.case.yaml:10:1: error: unknown key “colour”",
        "“source.url” must be an http or https address",
    ):
        assert expected in text, (expected, text)
    ev = evaluate_cases(load_bundled(), [BROKEN])
    assert ev.outcomes == [] and any("not-yaml.case.yaml:2:1" in str(d) for d in ev.report.errors)


def test_the_command_prints_json_with_both_halves(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "--json", str(CASES)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["cases"] == 3
    for half in ("calibration", "validation"):
        assert set(data[half]) >= {"n", "model", "layer"}
        assert data[half]["model"] is None or 0.0 <= data[half]["model"] <= 1.0
    assert data["unanswered"] == ["no-answers-yet"]


def test_the_command_fails_with_located_errors_for_broken_cases(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(BROKEN)]) == 1
    out = capsys.readouterr().out
    assert "bad-split.case.yaml:9:8: error:" in out
    assert main(["evaluate", str(DATA / "nowhere")]) == 1
    assert "no such file or folder" in capsys.readouterr().err


def test_without_cases_the_bundled_corpus_is_used() -> None:
    out = subprocess.run([sys.executable, "-m", "cloudwizard", "evaluate", "--json"], capture_output=True,
                         text=True, timeout=300)
    assert out.returncode in (0, 1), out.stderr
    data = json.loads(out.stdout)
    assert data["cases_found"] == len(list(bundled_cases().glob("*.case.yaml")))


def test_a_loop_of_symbolic_links_among_the_cases_is_a_located_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Found by the blind hostile-input check: a loop in a folder crashed `evaluate` with a traceback."""
    (tmp_path / "l1.case.yaml").symlink_to("l2.case.yaml")
    (tmp_path / "l2.case.yaml").symlink_to("l1.case.yaml")
    assert main(["evaluate", str(tmp_path)]) == 1
    assert main(["evaluate", str(tmp_path / "l1.case.yaml")]) == 1  # named: read and said, not "no such file"
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text and "no such file" not in text
    assert text.count("l1.case.yaml: error: the path is a loop of symbolic links") == 2
