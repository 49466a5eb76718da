"""Defects an outside check found in the commands, each checked with the real command in every language.

`schema`/`influence` take ``--lang``; a whole-number option refuses a word in words; an extra
argument is said under the command's own usage; a save failure of ``schema -o`` is translated; a
missing answers file is said not to exist; ``evaluate`` goes on past a folder that vanishes; ``ask
-o FILE.pdf`` says where the PDF went.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cloudwizard.engine.answers import AnswersFile, save_answers
from cloudwizard.engine.i18n import gettext_for
from cloudwizard.engine.loader import load
from cloudwizard.engine.numbers import format_number
from cloudwizard.engine.report.style import quote
from tests.cli.ptyterm import Terminal, flat

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "questionnaires" / "examples" / "example.yaml"
LANGS = ["en", "nl", "fr", "de"]


def _run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    environment.pop("COLUMNS", None)
    return subprocess.run([sys.executable, "-m", "cloudwizard", *args], capture_output=True, text=True,
                          timeout=120, cwd=cwd, env=environment, check=False)


@pytest.mark.parametrize("lang", LANGS)
def test_schema_save_failure_is_said_in_the_language(lang: str, tmp_path: Path) -> None:
    done = _run("schema", "--lang", lang, "-o", "/dev/full", cwd=tmp_path)
    assert done.returncode == 1
    _ = gettext_for(lang)
    start = "cloudwizard: " + _("{path} could not be saved: {reason}.").split("{reason}")[0].format(path="/dev/full")
    assert " ".join(done.stderr.split()).startswith(" ".join(start.split())), done.stderr
    if lang != "en":
        assert "Could not" not in done.stderr and "device" not in done.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_influence_and_schema_take_lang(lang: str, tmp_path: Path) -> None:
    done = _run("influence", "--lang", lang, "--questionnaire", str(EXAMPLE), "--samples", "3", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    before = _run(f"--lang={lang}", "influence", "--questionnaire", str(EXAMPLE), "--samples", "3", cwd=tmp_path)
    assert before.returncode == 0 and before.stdout == done.stdout
    schema = _run("schema", "--lang", lang, "-o", str(tmp_path / "s.json"), cwd=tmp_path)
    assert schema.returncode == 0, schema.stderr
    assert schema.stderr.strip() == "cloudwizard: " + gettext_for(lang)("wrote {path}").format(path=tmp_path / "s.json")


@pytest.mark.parametrize("lang", LANGS)
def test_a_word_for_a_number_is_refused_in_words(lang: str, tmp_path: Path) -> None:
    _ = gettext_for(lang)
    done = _run("influence", "--lang", lang, "--samples", "x", cwd=tmp_path)
    assert done.returncode == 2
    said = " ".join(done.stderr.split())
    assert " ".join(_("{value} is not a whole number").format(value=quote("x", lang)).split()) in said
    assert "int" not in said.replace("influence", "") and "'x'" not in said
    if lang == "fr":
        assert "«\u00a0x\u00a0» n’est pas un nombre entier" in done.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_too_many_samples_has_the_number_in_the_language(lang: str, tmp_path: Path) -> None:
    done = _run("influence", "--lang", lang, "--samples", "999999999", cwd=tmp_path)
    assert done.returncode == 2
    assert format_number(999999999, lang) in done.stderr, done.stderr
    if lang != "en":
        assert "999999999" not in done.stderr


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("extra", [["A.yaml", "B.yaml", "-o", "x.pdf"], ["--bogus"]])
def test_an_extra_argument_is_said_under_the_command_usage(lang: str, extra: list[str], tmp_path: Path) -> None:
    done = _run("recommend", "--lang", lang, *extra, cwd=tmp_path)
    assert done.returncode == 2
    _ = gettext_for(lang)
    first = done.stderr.splitlines()[0]
    assert first.startswith(_("usage: ").rstrip() + " cloudwizard recommend") or \
        first.startswith(_("usage: ").replace(" ", "\u00a0", 1).rstrip() + " cloudwizard recommend"), first
    assert "{ask," not in done.stderr
    assert ("B.yaml" if "B.yaml" in extra else "--bogus") in done.stderr.splitlines()[-1]
    assert not (tmp_path / "x.pdf").exists()


def test_evaluate_goes_on_past_a_folder_that_vanishes(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    (tree / "a").mkdir(parents=True)
    (tree / "gone").mkdir()
    bundled = REPO / "questionnaires" / "cases"
    case = sorted(bundled.glob("*.case.yaml"))[0]
    (tree / "a" / case.name).write_bytes(case.read_bytes())
    for answers in bundled.glob(case.name.removesuffix(".case.yaml") + ".*"):
        (tree / "a" / answers.name).write_bytes(answers.read_bytes())
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(  # the folder vanishes between its listing and its reading
        "import os\n_real = os.scandir\n"
        "def scandir(path='.'):\n"
        "    if str(path).endswith('gone'):\n"
        "        raise FileNotFoundError(2, os.strerror(2), str(path))\n"
        "    return _real(path)\n"
        "os.scandir = scandir\n", encoding="utf-8")
    for lang in LANGS:
        done = _run("evaluate", "--lang", lang, str(tree), cwd=tmp_path,
                    env={"PYTHONPATH": os.pathsep.join([str(hook), str(REPO)])})
        assert "Traceback" not in done.stderr, done.stderr
        assert done.returncode == 1
        line = next(ln for ln in (done.stdout + done.stderr).splitlines() if "gone" in ln)
        assert line.startswith(f"{tree / 'gone'}: ")
        message = gettext_for(lang)("cannot read this folder: {reason}").split("{reason}")[0]
        assert message in line, line
        if lang == "en":  # one case: not "1 cases"
            assert done.stdout.splitlines()[0].startswith(("0 of 1 case evaluated", "1 of 1 case evaluated"))
    as_json = _run("evaluate", "--json", str(tree), cwd=tmp_path,
                   env={"PYTHONPATH": os.pathsep.join([str(hook), str(REPO)])})
    found = json.loads(as_json.stdout)
    assert found["cases_found"] == 1  # the other folder's case was still found
    assert any("gone" in error for error in map(str, found["errors"]))


@pytest.mark.parametrize("lang", ["en", "de"])
def test_ask_says_where_the_pdf_went(lang: str, tmp_path: Path) -> None:
    q = load(EXAMPLE)
    answers = tmp_path / "done.cwanswers.yaml"
    save_answers(answers, AnswersFile(q.id, q.version, {
        "audience": "business", "staff": 80, "data_kinds": frozenset({"classified"}), "sensitivity": 5,
        "peers": "no", "offline_copy": "yes"}))
    term = Terminal(["ask", "--questionnaire", str(EXAMPLE), "--lang", lang, "--answers", str(answers),
                     "--save", "s.cwanswers.yaml", "-o", "o6.pdf"], columns=80, cwd=tmp_path,
                    env={"QT_QPA_PLATFORM": "offscreen", "DISPLAY": None, "WAYLAND_DISPLAY": None})
    said = gettext_for(lang)("The advice is also saved in {path}.").format(path="o6.pdf")
    deadline = time.monotonic() + 90
    while said not in flat(term.screen) and time.monotonic() < deadline:
        term.send("")  # past the review and the confirmation, with the answers as they are
        time.sleep(1.0)
        if term._exited():
            break
    assert term.wait() == 0
    assert said in flat(term.screen)
    assert (tmp_path / "o6.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("lang", LANGS)
def test_ask_refuses_a_device_or_a_pipe_for_save_before_the_first_question(lang: str, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    _ = gettext_for(lang)
    for target in ("/dev/full", str(fifo)):
        done = _run("ask", "--lang", lang, "--questionnaire", str(EXAMPLE), "--save", target, cwd=tmp_path)
        assert done.returncode == 2, done.stderr
        assert done.stdout == ""  # not one question asked
        said = _("{path} is not a regular file (a device or a pipe); give {option} a file name").format(
            path=target, option="--save")
        assert " ".join(done.stderr.split()) == " ".join(f"cloudwizard: {said}".split())
