"""`cloudwizard evaluate` as an advice centre uses it: its own questionnaire and cases, 80 columns, errors."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from cloudwizard.cli import main

REPO = Path(__file__).resolve().parent.parent.parent
DATA = REPO / "tests" / "data"
CASES = DATA / "cases"
EXAMPLE = REPO / "questionnaires" / "examples" / "example.yaml"

_CASE = """\
id: {id}
title: Visitor {id}
audience: {audience}
country: BE
narrative: |
  A visitor of our advice centre, told in a few sentences of facts.
source: {{title: Intake notes, publisher: Advice centre, url: "https://example.org/{id}", date: "2026-11"}}
stated: {{model: {model}, layer: {layer}, basis: explicit, evidence: The visitor said so.}}
split: {split}
"""
_ANSWERS = """\
cloudwizard_answers: 1
questionnaire: {{id: example, version: '1.0'}}
language: en
answers:
{answers}
set_aside: {{}}
"""


def _write_case(folder: Path, cid: str, model: str, layer: str, split: str, audience: str, answers: str) -> None:
    (folder / f"{cid}.case.yaml").write_text(
        _CASE.format(id=cid, model=model, layer=layer, split=split, audience=audience), encoding="utf-8")
    (folder / f"{cid}.cwanswers.yaml").write_text(_ANSWERS.format(answers=answers), encoding="utf-8")


def _centre_cases(folder: Path) -> Path:
    """Three cases of an advice centre for the example questionnaire, one of them disagreeing."""
    _write_case(folder, "family-photos", "public", "saas", "calibration", "consumer",
                "  audience: consumer\n  data_kinds: [photos]\n  sensitivity: 2\n  offline_copy: 'yes'")
    _write_case(folder, "shop-customers", "public", "saas", "validation", "sme",
                "  audience: business\n  staff: 5\n  data_kinds: [customers]\n  sensitivity: 3\n"
                "  peers: 'no'\n  offline_copy: 'no'")
    # The visitor chose a public cloud, but the classified data makes the advice private: a disagreement.
    _write_case(folder, "agency-classified", "public", "iaas", "validation", "federal-public",
                "  audience: business\n  staff: 300\n  data_kinds: [classified]\n  sensitivity: 5\n"
                "  peers: 'yes'\n  offline_copy: 'yes'")
    return folder


def test_GIVEN_an_own_questionnaire_and_cases_WHEN_evaluated_THEN_json_has_the_documented_shape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    folder = _centre_cases(tmp_path)
    assert main(["evaluate", "--questionnaire", str(EXAMPLE), "--json", str(folder)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["cases"] == 3
    assert data["calibration"]["n"] == 1 and data["calibration"]["model"] == 1.0
    assert data["validation"]["n"] == 2 and data["validation"]["model"] == 0.5
    assert data["validation"]["layer"] == 1.0
    assert data["errors"] == []


def test_GIVEN_a_disagreement_WHEN_printed_THEN_every_line_fits_80_columns_and_names_its_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    folder = _centre_cases(tmp_path)
    assert main(["evaluate", "--questionnaire", str(EXAMPLE), str(folder)]) == 0
    out = capsys.readouterr().out
    too_long = [line for line in out.splitlines() if len(line) > 80]
    assert too_long == []
    assert "Disagreements: 1" in out
    # the case by its title, the id (its file's name) in brackets; options by their names, not their ids
    block = out.split("Visitor agency-classified (agency-classified)\n", 1)[1].split("\n\n\n")[0].splitlines()
    assert block[0] == "Validation · Federal or national public body", block
    assert "  • The source: Public cloud, used as IaaS (infrastructure as a service)" in block, block
    assert any(line.startswith("  • The advice: Private cloud, used as ") for line in block), block
    text = " ".join(" ".join(block).split())
    assert "(close call)" in text
    # the answer that decided it, by question text and answer label
    assert "(Answer to “Which data?”: Classified information)" in text, text
    assert "data_kinds" not in out and "federal-public" not in out and "public/iaas" not in out


def test_the_bundled_corpus_report_fits_80_columns(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate"]) == 0
    out = capsys.readouterr().out
    assert [line for line in out.splitlines() if len(line) > 80] == []
    assert "stated \\ advice" in out and "Disagreements:" in out


def test_GIVEN_a_case_without_answers_WHEN_printed_THEN_it_is_named_with_the_file_it_needs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["evaluate", str(CASES)]) == 0
    out = capsys.readouterr().out
    assert "Without an answers file (not evaluated): 1" in out
    assert "- A case that nobody has answered yet (no-answers-yet): expected" in out
    assert f"\n    {CASES / 'no-answers-yet.cwanswers.yaml'}\n" in out  # the path unbroken, to copy


def test_GIVEN_an_empty_folder_WHEN_evaluated_THEN_it_says_no_case_was_found_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "notes.txt").write_text("not a case", encoding="utf-8")
    assert main(["evaluate", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no case files (*.case.yaml) in" in captured.err and str(tmp_path) in captured.err


def test_GIVEN_answers_for_another_questionnaire_WHEN_evaluated_THEN_the_error_is_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    folder = _centre_cases(tmp_path)
    assert main(["evaluate", str(folder)]) == 1  # the bundled questionnaire, but answers for 'example'
    out = capsys.readouterr().out
    assert "agency-classified.cwanswers.yaml:2:21: error: these answers are for questionnaire 'example'" in out


def test_GIVEN_lang_nl_WHEN_evaluated_THEN_the_quoted_answers_and_reasons_are_dutch(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["evaluate", "--json", str(CASES)]) == 0
    english = json.loads(capsys.readouterr().out)
    assert main(["evaluate", "--json", "--lang", "nl", str(CASES)]) == 0
    dutch = json.loads(capsys.readouterr().out)
    pairs = [(e["because"], d["because"]) for eo, do in zip(english["outcomes"], dutch["outcomes"], strict=True)
             for e, d in zip(eo["reasons"], do["reasons"], strict=True)]
    assert pairs and all(e != d for e, d in pairs), pairs


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
                   check=True, capture_output=True, text=True, timeout=600)
    (found,) = out.glob("cloudwizard-*.whl")
    return found


def test_the_wheel_carries_the_bundled_corpus_and_evaluate_finds_it_from_another_folder(
    wheel: Path, tmp_path: Path,
) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for case in (REPO / "questionnaires" / "cases").glob("*.yaml"):
        assert f"cloudwizard/questionnaires/cases/{case.name}" in names, case.name
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, text=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from cloudwizard.cli import main;"
            "sys.exit(main(['evaluate', '--json']))")
    out = subprocess.run([sys.executable, "-c", code, str(target)], cwd=elsewhere, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["cases"] == len(list((REPO / "questionnaires" / "cases").glob("*.case.yaml")))
