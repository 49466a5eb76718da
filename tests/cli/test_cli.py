"""The command line: exit statuses, clear errors without tracebacks, and the terminal questionnaire."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cloudwizard.cli import main

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "questionnaires" / "examples" / "example.yaml"
ANSWERS = """\
cloudwizard_answers: 1
questionnaire: {id: example, version: "1.0"}
language: en
answers:
  audience: business
  staff: 80
  data_kinds: [classified]
  sensitivity: 5
  peers: "no"
  offline_copy: "yes"
"""


def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cloudwizard", *args], input=stdin, capture_output=True,
                          text=True, timeout=60)


def test_version() -> None:
    out = run_cli("--version")
    assert out.returncode == 0
    assert out.stdout.startswith("CloudWizard ")


def test_validate_exit_codes(tmp_path: Path) -> None:
    assert run_cli("validate", str(EXAMPLE)).returncode == 0
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: x\n")
    out = run_cli("validate", str(broken))
    assert out.returncode == 1
    assert f"{broken}:1:1: error: missing key “version” in questionnaire" in out.stderr
    assert "Traceback" not in out.stderr
    assert run_cli("validate").returncode == 2
    assert run_cli("validate", "--bogus", str(EXAMPLE)).returncode == 2


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "the file is empty"),
        (b"\x00\xff\xfe junk", "binary file"),
        ("title: caf\u00e9".encode("latin-1"), "not UTF-8"),
        (b"a: [", "YAML syntax error"),
        (b"a: !!python/object/apply:os.system [ls]", "is not allowed"),
    ],
)
def test_validate_bad_files_without_traceback(tmp_path: Path, content: bytes, fragment: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(content)
    out = run_cli("validate", str(bad))
    assert out.returncode == 1
    assert fragment in out.stderr
    assert out.stderr.startswith(f"{bad}:")
    assert "Traceback" not in out.stderr


def test_validate_missing_path_and_directory(tmp_path: Path) -> None:
    out = run_cli("validate", str(tmp_path / "nope.yaml"), str(tmp_path))
    assert out.returncode == 1
    assert "no such file" in out.stderr and "folder" in out.stderr


def test_strict_turns_warnings_into_failure(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("      de: Eine fertige Anwendung im Browser.\n", "")
    path = tmp_path / "partial.yaml"
    path.write_text(text, encoding="utf-8")
    assert run_cli("validate", str(path)).returncode == 0
    out = run_cli("validate", "--strict", str(path))
    assert out.returncode == 1
    assert "missing translation: de" in out.stderr


def test_recommend_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(ANSWERS)
    code = main(["recommend", "--answers", str(answers), "--questionnaire", str(EXAMPLE), "--format", "json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["deployment_model"]["recommended"] == "private"
    assert data["service_layer"]["recommended"] == "iaas"
    assert "what_would_change" in data


def test_recommend_writes_output_file_in_language(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(ANSWERS)
    out_file = tmp_path / "report.html"
    code = main(["recommend", "--answers", str(answers), "--questionnaire", str(EXAMPLE), "--lang", "de",
                 "--format", "html", "-o", str(out_file)])
    assert code == 0
    assert "Beispielfragebogen" in out_file.read_text(encoding="utf-8")


def test_recommend_reports_the_comply_or_explain_of_the_answers_file(tmp_path: Path) -> None:
    """Issue 12: a federal body's chosen model and reason, saved in its answers file, are in the batch report."""
    answers = tmp_path / "a.yaml"
    answers.write_text((REPO / "questionnaires" / "examples" / "answers-federal.yaml").read_text(encoding="utf-8")
                       + "comply_or_explain: {chosen: private, reason: 'Our data must stay here until 2028.'}\n",
                       encoding="utf-8")
    out_file = tmp_path / "report.md"
    assert main(["recommend", "--answers", str(answers), "--format", "markdown", "-o", str(out_file)]) == 0
    text = out_file.read_text(encoding="utf-8")
    assert "Chosen: Private cloud." in text
    assert "> Our data must stay here until 2028." in text


def test_ask_keeps_the_comply_or_explain_of_the_answers_file(tmp_path: Path) -> None:
    """`ask --answers FILE` saves the chosen model and reason back and puts them in its report."""
    answers = tmp_path / "a.yaml"
    answers.write_text((REPO / "questionnaires" / "examples" / "answers-federal.yaml").read_text(encoding="utf-8")
                       + "comply_or_explain: {chosen: private, reason: 'Our data must stay here until 2028.'}\n",
                       encoding="utf-8")
    saved, report = tmp_path / "b.yaml", tmp_path / "b.md"
    out = run_cli("ask", "--answers", str(answers), "--save", str(saved), "-o", str(report), stdin="\n" * 8)
    assert out.returncode == 0, out.stderr
    assert "comply_or_explain: {chosen: private, reason: Our data must stay here until 2028.}" in saved.read_text(
        encoding="utf-8")
    assert "> Our data must stay here until 2028." in report.read_text(encoding="utf-8")


def test_recommend_damaged_answers_is_reported_and_untouched(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    damaged = ANSWERS.replace("staff: 80", "staff: lots")
    answers.write_text(damaged)
    out = run_cli("recommend", "--answers", str(answers), "--questionnaire", str(EXAMPLE))
    assert out.returncode == 1
    assert f"{answers}:6:10: error: answer to “How many staff?”: expected a number, got “lots” [staff]" in out.stderr
    assert "left unchanged" in out.stderr
    assert answers.read_text() == damaged


def test_ask_in_the_terminal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # consumer; photos; sensitivity 2; no offline copy; skip the optional note; confirm.
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\n1\n2\n2\n\n\n"))
    code = main(["ask", "--questionnaire", str(EXAMPLE), "--lang", "en", "--format", "json"])
    captured = capsys.readouterr()
    assert code == 0
    data = json.loads(captured.out)
    assert (data["deployment_model"]["recommended"], data["service_layer"]["recommended"]) == ("public", "saas")
    assert "Who is the cloud for?" in captured.err  # questions go to stderr when stdout is not a terminal


def test_ask_back_help_and_validation(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                      tmp_path: Path) -> None:
    # business; ? help; staff 20000 warns, not kept; 30; back; 40; secret data; sensitivity 5; peers no; ...
    script = "2\n?\n20000\nn\n30\nb\n40\n3\n5\n2\n1\n\n\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(script))
    saved = tmp_path / "saved.yaml"
    code = main(["ask", "--questionnaire", str(EXAMPLE), "--lang", "en", "--save", str(saved)])
    captured = capsys.readouterr()
    assert code == 0
    assert "This questionnaire is meant for smaller organisations." in captured.err
    assert "staff: 40" in saved.read_text()
    assert "Private cloud, used as IaaS" in captured.out  # the screen's wording


def test_ask_end_of_input_exits_1(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\n"))
    assert main(["ask", "--questionnaire", str(EXAMPLE), "--lang", "nl"]) == 1


def test_schema_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "CloudWizard questionnaire"


def test_gui_refuses_a_broken_questionnaire_before_starting_qt(tmp_path: Path) -> None:
    broken = tmp_path / "b.yaml"
    broken.write_text("format: 1\n")
    out = run_cli("--questionnaire", str(broken), "--quit-after-first-paint")
    assert out.returncode == 1
    assert "missing key “id”" in out.stderr


def test_influence_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["influence", "--samples", "30"]) == 0
    table = capsys.readouterr().out
    assert [w.lower() for w in table.splitlines()[0].split()[:3]] == ["question", "shown", "model"]
    assert "audience" in table


def test_kiosk_pin_command_prints_a_salted_hash_without_qt() -> None:
    code = (
        "import sys, io; sys.stdin = io.StringIO('482913\\n');"
        "from cloudwizard.cli import main; rc = main(['kiosk-pin', '--stdin']);"
        "bad = [m for m in sys.modules if m.startswith('PySide6')]; print('qt:', bad); sys.exit(rc)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    lines = dict(line.split("=", 1) for line in out.stdout.splitlines() if "=" in line)
    assert len(lines["pin_hash"]) == 64 and len(lines["pin_salt"]) == 32
    assert "482913" not in out.stdout
    assert "qt: []" in out.stdout
