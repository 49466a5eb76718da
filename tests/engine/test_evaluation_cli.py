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
    assert "agency-classified.cwanswers.yaml:2:21: error: these answers are for questionnaire “example”" in out


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


def test_GIVEN_titles_per_language_WHEN_evaluated_in_dutch_THEN_cases_are_named_in_dutch_else_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    folder = _centre_cases(tmp_path)
    case = folder / "agency-classified.case.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace(
        "title: Visitor agency-classified\n",
        "title: Visitor agency-classified\ntitles:\n  nl: Bezoeker met gerubriceerde gegevens\n"
        "  fr: Visiteur aux données classifiées\n"), encoding="utf-8")
    (folder / "no-answers.case.yaml").write_text(_CASE.format(
        id="no-answers", model="public", layer="saas", split="validation", audience="sme"), encoding="utf-8")
    assert main(["evaluate", "--questionnaire", str(EXAMPLE), "--lang", "nl", str(folder)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Bezoeker met gerubriceerde gegevens (agency-classified)" in out
    assert "Visitor agency-classified" not in out
    assert "Visitor no-answers (no-answers)" in out  # no Dutch title: the English one
    assert main(["evaluate", "--questionnaire", str(EXAMPLE), "--lang", "de", str(folder)]) == 0
    assert "Visitor agency-classified (agency-classified)" in " ".join(capsys.readouterr().out.split())
    assert main(["evaluate", "--questionnaire", str(EXAMPLE), "--lang", "nl", "--json", str(folder)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "agency-classified" in {o["id"] for o in data["outcomes"]} and "Bezoeker" not in json.dumps(data)


@pytest.mark.parametrize(("titles", "expected"), [
    ("titles: Een titel\n", ":3:9: error: “titles” must be a mapping of language to title"),
    ("titles:\n  nl: Een titel\n  en: A title\n", ":5:3: error: “titles” may give nl, fr, de, not “en”; the English"),
    ("titles:\n  es: Un título\n", ":4:3: error: “titles” may give nl, fr, de, not “es”"),
    ("titles:\n  nl: ''\n", ":4:7: error: “titles.nl” must be a non-empty text"),
    ("titles:\n  fr: [a, b]\n", ":4:7: error: “titles.fr” must be a non-empty text"),
])
def test_GIVEN_bad_titles_WHEN_evaluated_THEN_each_problem_is_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], titles: str, expected: str,
) -> None:
    folder = _centre_cases(tmp_path)
    case = folder / "family-photos.case.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("title: Visitor family-photos\n",
                                                             "title: Visitor family-photos\n" + titles),
                    encoding="utf-8")
    assert main(["evaluate", "--questionnaire", str(EXAMPLE), "--lang", "en", str(folder)]) == 1
    out = capsys.readouterr().out
    assert f"family-photos.case.yaml{expected}" in out, out

NBSP = "\u00a0"


@pytest.mark.parametrize("lang", ["nl", "fr", "de"])
def test_GIVEN_broken_case_files_WHEN_evaluated_in_a_language_THEN_every_problem_is_said_in_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str,
) -> None:
    from cloudwizard.engine.i18n import gettext_for

    folder = _centre_cases(tmp_path)
    for name in ("bad-split.case.yaml",):
        (folder / name).write_bytes((DATA / "cases-broken" / name).read_bytes())
    case = folder / "family-photos.case.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace(
        "title: Visitor family-photos\n", "title: Visitor family-photos\ntitles:\n  en: Visitor\n  nl: ''\n"),
        encoding="utf-8")
    (folder / "shop-customers.cwanswers.yaml").write_text(_ANSWERS.format(answers="  audience: business"),
                                                          encoding="utf-8")
    assert main(["evaluate", "--questionnaire", str(EXAMPLE), "--lang", lang, str(folder)]) == 1
    problems = [line for line in capsys.readouterr().out.splitlines() if str(folder) in line and ".yaml:" in line]
    assert len(problems) >= 9, problems
    error = gettext_for(lang)("error")
    english = ("must be", "unknown key", "is missing", "case file", "incomplete", "may give", "English title")
    for line in problems:
        assert f": {error}{NBSP if lang == 'fr' else ''}: " in line, line  # French: « erreur : »
        assert not any(word in line for word in english), line
