"""The corpus of broken files: each gives exactly the messages in ``tests/data/bad/expected.yaml``.

Every file in ``tests/data/bad/questionnaires`` and ``tests/data/bad/answers`` (answers are checked
against ``questionnaires/examples/example.yaml``) is run three ways:

* through the engine API (`load_questionnaire`, `read_answers`): the report, line for line;
* through the command line in-process (``cloudwizard validate`` / ``cloudwizard recommend``): the
  exact lines on standard error and the exit status;
* a handful through the real ``cloudwizard`` program in a subprocess: the exit status, no traceback,
  and the file left byte for byte as it was.

Files too big to commit (or that cannot be committed, such as a folder) are made at test time from
the ``make`` recipe of their entry. To refresh the expectations after an intended change of a
message, run ``python -m tests.reliability.test_corpus`` and review the diff of ``expected.yaml``.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
import yaml

from cloudwizard import cli
from cloudwizard.engine.answers import read_answers
from cloudwizard.engine.diagnostic_text import short_question
from cloudwizard.engine.loader import load, load_questionnaire
from cloudwizard.engine.scenarios import run_scenarios

REPO = Path(__file__).resolve().parents[2]
BAD = REPO / "tests" / "data" / "bad"
EXPECTED_FILE = BAD / "expected.yaml"
EXAMPLE = REPO / "questionnaires" / "examples" / "example.yaml"
#: How the answers files are checked: the example questionnaire, named relative to the corpus folder.
EXAMPLE_ARG = os.path.relpath(EXAMPLE, BAD)
KINDS = ("questionnaires", "answers")


def _expected() -> dict[str, dict[str, Any]]:
    with EXPECTED_FILE.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return {f"{kind}/{name}": entry for kind in KINDS for name, entry in (data.get(kind) or {}).items()}


EXPECTED = _expected()


@contextmanager
def _cwd(path: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def _make(root: Path, rel: str, recipe: dict[str, Any]) -> None:
    """Create a file that is not committed, from its recipe in ``expected.yaml``."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if "sparse" in recipe:  # a big file that takes no room on disk
        with path.open("wb") as fh:
            fh.truncate(int(recipe["sparse"]))
    elif recipe.get("folder"):
        path.mkdir()
    elif recipe.get("fifo"):  # reading it would block for ever
        os.mkfifo(path)
    elif "symlink" in recipe:  # e.g. to /dev/zero, or to itself (a loop)
        path.symlink_to(recipe["symlink"])
    elif "list_items" in recipe:  # a long flat list: many values in few bytes
        with path.open("w", encoding="utf-8") as fh:
            fh.write("items: [" + "1," * (int(recipe["list_items"]) - 1) + "1]\n")
    elif recipe.get("missing"):
        pass
    else:  # pragma: no cover - a typo in expected.yaml
        raise ValueError(f"unknown recipe {recipe!r}")


@contextmanager
def _in_place(rel: str, tmp_path: Path) -> Iterator[Path]:
    """Run from the folder that holds the file (the corpus, or a temporary one for made files)."""
    entry = EXPECTED[rel]
    if "make" in entry:
        # The repository's layout under tmp_path, so that EXAMPLE_ARG ('../../../questionnaires/…')
        # stays inside tmp_path instead of reaching the system's temporary folder.
        root = tmp_path / BAD.relative_to(REPO)
        _make(root, rel, entry["make"])
        example = root / EXAMPLE_ARG
        example.parent.mkdir(parents=True, exist_ok=True)
        if not example.exists():
            example.write_bytes(EXAMPLE.read_bytes())
        with _cwd(root):
            yield root
    else:
        with _cwd(BAD):
            yield BAD


def _cli_args(rel: str, strict: bool = False) -> list[str]:
    if rel.startswith("answers/"):
        return ["recommend", "--answers", rel, "--questionnaire", EXAMPLE_ARG, "--format", "json"]
    return ["validate", *(["--strict"] if strict else []), rel]


def _as_printed(rel: str, lines: list[str]) -> list[str]:
    """The lines of `expected.yaml` as the command line prints them for an answers file.

    It names a question by its text, not its id ("answer to “How many staff?”"); the id stays in
    the ``[reference]`` at the end of the line.
    """
    if not rel.startswith("answers/"):
        return lines
    q = load_questionnaire(EXAMPLE).questionnaire
    assert q is not None

    def named(m: re.Match[str]) -> str:
        qid = m.group(1)
        return f"answer to “{short_question(q, qid, 'en')}”" if qid in q.question_index else m.group()

    def labelled(m: re.Match[str]) -> str:
        # the choices as the user saw them, each with its id: "“For myself” (consumer), …"
        qid = m.group(2)
        if qid not in q.question_index:
            return m.group()
        question = q.question(qid)
        shown = []
        for cid in m.group(1).split(", "):
            choice = question.choice(cid)
            shown.append(f"“{q.text(choice.label, 'en')}” ({cid})" if choice else cid)
        return f"choices: {', '.join(shown)} [{qid}]"

    return [re.sub(r"answer to [“']([a-z_]+)[”']", named, re.sub(r"choices: ([a-z_, ]+) \[([a-z_]+)\]$", labelled, line))
            for line in lines]


def _run_cli(args: list[str]) -> tuple[int, list[str]]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = cli.main(args)
    return status, err.getvalue().splitlines()


def _engine_lines(rel: str) -> list[str]:
    if rel.startswith("answers/"):
        report = read_answers(rel, load(EXAMPLE_ARG)).report
    else:
        result = load_questionnaire(rel)
        report = result.report
        if result.questionnaire is not None:  # as `validate` does: the scenario tests run too
            run_scenarios(result.questionnaire, report)
    return report.format().splitlines()


def _corpus_files() -> set[str]:
    return {f"{kind}/{p.name}" for kind in KINDS for p in (BAD / kind).iterdir() if not p.name.startswith(".")}


def test_corpus_is_big_enough_and_every_file_has_an_expectation() -> None:
    committed = _corpus_files()
    assert committed <= set(EXPECTED), f"no expectation for {sorted(committed - set(EXPECTED))}"
    made = {rel for rel, e in EXPECTED.items() if "make" in e}
    assert set(EXPECTED) - made == committed, f"expectation without a file: {sorted(set(EXPECTED) - made - committed)}"
    assert sum(r.startswith("questionnaires/") for r in EXPECTED) >= 40
    assert sum(r.startswith("answers/") for r in EXPECTED) >= 20


@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_engine_reports_exactly_the_expected_problems(rel: str, tmp_path: Path) -> None:
    entry = EXPECTED[rel]
    with _in_place(rel, tmp_path):
        lines = _engine_lines(rel)
    assert lines == [line for line in entry["stderr"] if not line.startswith("cloudwizard: ")]
    for line in lines:  # FILE:LINE:COL: severity: message, or FILE: severity: message for the whole file
        assert line.startswith(f"{rel}:"), line
        rest = line[len(rel) + 1:]
        if not rest.startswith(" "):
            line_no, col, rest = rest.split(":", 2)
            assert int(line_no) >= 1 and int(col) >= 0, line
        assert rest.startswith((" error: ", " warning: ")), line
        assert ":0:0:" not in line


@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_command_line_prints_exactly_the_expected_lines(rel: str, tmp_path: Path) -> None:
    entry = EXPECTED[rel]
    with _in_place(rel, tmp_path):
        status, err = _run_cli(_cli_args(rel))
        assert (status, err) == (entry["exit"], _as_printed(rel, entry["stderr"]))
        if "strict_exit" in entry:
            status, err = _run_cli(_cli_args(rel, strict=True))
            assert (status, err) == (entry["strict_exit"], _as_printed(rel, entry["stderr"]))


SUBPROCESS_SAMPLE = [
    "questionnaires/alias_bomb.yaml",
    "questionnaires/binary_junk.yaml",
    "questionnaires/latin1.yaml",
    "questionnaires/many_problems.yaml",
    "questionnaires/escape_sequence_in_key.yaml",
    "answers/other_version_migrated.yaml",
    "answers/utf16.yaml",
    "answers/many_problems.yaml",
    "answers/python_tag.yaml",
]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("rel", SUBPROCESS_SAMPLE)
def test_real_program_exits_cleanly_and_leaves_the_file_alone(rel: str) -> None:
    entry = EXPECTED[rel]
    before = _digest(BAD / rel)
    mtime = (BAD / rel).stat().st_mtime_ns
    proc = subprocess.run(
        [sys.executable, "-m", "cloudwizard", *_cli_args(rel)],
        cwd=BAD, capture_output=True, text=True, timeout=60, check=False,
    )
    assert proc.returncode == entry["exit"], proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == _as_printed(rel, entry["stderr"])
    assert _digest(BAD / rel) == before and (BAD / rel).stat().st_mtime_ns == mtime
    assert sorted(p.name for p in (BAD / rel).parent.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize(
    "args",
    [["validate"], ["recommend"], ["recommend", "--answers"], ["validate", "--no-such-flag", "x.yaml"],
     ["recommend", "--answers", "a.yaml", "--format", "pdf"]],
)
def test_usage_errors_exit_2_without_traceback(args: list[str]) -> None:
    proc = subprocess.run([sys.executable, "-m", "cloudwizard", *args], cwd=BAD, capture_output=True, text=True,
                          timeout=60, check=False)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "usage:" in proc.stderr


# -- refreshing the expectations -------------------------------------------------------------------

def _regenerate() -> None:  # pragma: no cover - a maintenance tool
    """Rewrite ``expected.yaml`` from what the engine says now (keeps each entry's ``about`` and ``make``)."""
    import tempfile

    old = yaml.safe_load(EXPECTED_FILE.read_text(encoding="utf-8")) if EXPECTED_FILE.exists() else {}
    out: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
    names = _corpus_files() | {f"{k}/{n}" for k in KINDS for n, e in (old.get(k) or {}).items() if "make" in e}
    for rel in sorted(names):
        kind, name = rel.split("/", 1)
        prev = (old.get(kind) or {}).get(name, {})
        entry: dict[str, Any] = {}
        about = prev.get("about") or _about(BAD / rel)
        if about:
            entry["about"] = about
        if "make" in prev:
            entry["make"] = prev["make"]
        EXPECTED[rel] = entry
        with tempfile.TemporaryDirectory() as tmp, _in_place(rel, Path(tmp)):
            entry["exit"], entry["stderr"] = _run_cli(_cli_args(rel))
            if kind == "questionnaires" and entry["exit"] == 0 and entry["stderr"]:
                entry["strict_exit"] = _run_cli(_cli_args(rel, strict=True))[0]
        out[kind][name] = entry
    header = (
        "# What each broken file in tests/data/bad must give: the exact lines on standard error and the exit\n"
        "# status of `cloudwizard validate FILE` (questionnaires) or `cloudwizard recommend --answers FILE\n"
        "# --questionnaire questionnaires/examples/example.yaml` (answers), run from tests/data/bad.\n"
        "# `strict_exit` is the status with --strict; `make` builds a file that is not committed.\n"
        "# Refresh with `python -m tests.reliability.test_corpus` and review the diff.\n"
    )
    class Dumper(yaml.SafeDumper):
        pass

    def text_style(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:  # double quotes read better than ''
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if "'" in value else None)

    Dumper.add_representer(str, text_style)
    text = yaml.dump(out, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=1_000_000)
    EXPECTED_FILE.write_text(header + text, encoding="utf-8")


def _about(path: Path) -> str:  # pragma: no cover - used by _regenerate
    try:
        first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    return first[2:].strip() if first.startswith("# ") else ""


if __name__ == "__main__":  # pragma: no cover
    _regenerate()
