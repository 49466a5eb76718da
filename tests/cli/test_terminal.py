"""The terminal questionnaire's rules without a terminal: progress, exclusive choices, escapes."""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import pytest

from cloudwizard.cli import main
from cloudwizard.engine.answers import read_answers
from cloudwizard.engine.loader import load, load_bundled
from cloudwizard.engine.model import Questionnaire
from cloudwizard.engine.session import Session
from cloudwizard.terminal import exclusive_conflict, progress, recovery_path, safe_for_terminal
from tests.cli.ptyterm import Terminal

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "questionnaires" / "examples" / "example.yaml"
EXAMPLES = sorted((REPO / "questionnaires" / "examples").glob("answers-*.yaml"))
HOSTILE = '"Example \\e]0;pwned\\a\\x9b2J questionnaire\\r\\b forged"'


def test_safe_for_terminal_escapes_every_control() -> None:
    text = "a\x1b[2Jb\x07c\rd\x08e\x9bf\u202eg\x7fh\ni\tj"
    assert safe_for_terminal(text) == "a\\x1b[2Jb\\x07c\\rd\\x08e\\x9bf\\u202eg\\x7fh\ni\tj"


def _walk(q: Questionnaire, answers: dict[str, object]) -> list[tuple[str, tuple[int, int, int, int]]]:
    """Answer question by question as a person would; the progress line at each question."""
    session = Session(q)
    seen = []
    index = 0
    while index < len(session.visible_questions()):
        question = session.visible_questions()[index]
        p = progress(session, question)
        seen.append((question.id, (p.part, p.parts, p.question, p.questions)))
        if question.id in answers:
            session.set_answer(question.id, answers[question.id])
        index += 1
    return seen


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_progress_never_grows_going_on_and_is_the_same_going_back(path: Path) -> None:
    q = load_bundled()
    data = read_answers(path, q).data
    assert data is not None
    answers = {k: sorted(v) if isinstance(v, frozenset) else v for k, v in data.answers.items()}
    seen = _walk(q, answers)
    assert len(seen) > 10
    parts = [p[1] for _qid, p in seen]
    assert parts == sorted(parts, reverse=True), parts  # the number of parts only ever shrinks
    for (_a, one), (_b, two) in itertools.pairwise(seen):
        if one[0] == two[0]:  # within a part: the question number goes up by one, the count never grows
            assert two[2] == one[2] + 1 and two[3] <= one[3], (one, two)
        else:
            assert two[0] == one[0] + 1 and two[2] == 1
        assert 1 <= one[2] <= one[3] and 1 <= one[0] <= one[1]
    # going back, with every later answer given: each question shows what it showed the first time
    full = Session.with_answers(q, answers)
    for qid, shown in seen:
        p = progress(full, q.question(qid))
        assert (p.part, p.parts, p.question, p.questions) == shown, qid
    # and at the end the counts are exact: the last question is the last of the last part
    assert seen[-1][1][0] == seen[-1][1][1] and seen[-1][1][2] == seen[-1][1][3]


def test_exclusive_conflict_names_the_entry_and_the_others() -> None:
    q = load(EXAMPLE)
    question = q.question("data_kinds")
    assert exclusive_conflict(question, ["customers", "nothing"]) == ("nothing", ["customers"])
    assert exclusive_conflict(question, ["nothing"]) is None
    assert exclusive_conflict(question, ["photos", "customers"]) is None


def test_recovery_path_never_overwrites(tmp_path: Path) -> None:
    assert recovery_path(tmp_path) == tmp_path / "cloudwizard-answers.yaml"
    (tmp_path / "cloudwizard-answers.yaml").write_text("x")
    assert recovery_path(tmp_path) == tmp_path / "cloudwizard-answers-2.yaml"


def _hostile_questionnaire(tmp_path: Path) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8").replace("  en: Example questionnaire", f"  en: {HOSTILE}", 1)
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_ask_escapes_questionnaire_and_typed_text(tmp_path: Path) -> None:
    hostile = _hostile_questionnaire(tmp_path)
    saved = tmp_path / "a.yaml"
    term = Terminal(["ask", "--questionnaire", str(hostile), "--lang", "en", "--save", str(saved)], columns=80, cwd=tmp_path)
    term.expect("Number:")
    term.send("1")
    term.expect("spaces:")
    term.send("1")
    term.expect("very):")
    term.send("2")
    term.expect("1 = yes, 2 = no:")
    term.send("2")
    term.expect("Your answer:")
    term.send("hi \x16\x1b]2;owned\x16\x07 there")  # Ctrl-V quotes the control characters in the terminal
    term.expect("q to quit:")
    term.send("")
    assert term.wait() == 0
    # what the program printed (the terminal's own echo of typed keys aside) holds no raw control
    printed = "\n".join(line for line in term.screen.split("\n") if "Your answer:" not in line)
    for raw in ("\x1b", "\x07", "\x9b", "\x08"):
        assert raw not in printed, repr(raw)
    assert "Example \\x1b]0;pwned\\x07\\x9b2J questionnaire\\r\\x08 forged" in term.screen
    assert "hi \\x1b]2;owned\\x07 there" in term.screen  # the summary shows the typed text escaped
    data = read_answers(saved, load(hostile)).data
    assert data is not None and data.answers["notes"] == "hi \x1b]2;owned\x07 there"  # kept as typed


def test_recommend_escapes_controls_in_json_and_on_standard_output(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    hostile = _hostile_questionnaire(tmp_path)
    answers = tmp_path / "a.yaml"
    answers.write_text('cloudwizard_answers: 1\nquestionnaire: {id: example, version: "1.0"}\nlanguage: en\n'
                       'answers: {audience: consumer, data_kinds: [photos], sensitivity: 2, offline_copy: "no", '
                       'notes: "x\\x9by"}\n', encoding="utf-8")
    assert main(["recommend", "--answers", str(answers), "--questionnaire", str(hostile), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert "\x9b" not in out and "\x1b" not in out and "\\u009b" in out
    assert "\x9b2J" in json.loads(out)["questionnaire"]["title"]  # the same JSON value, escaped
    target = tmp_path / "r.json"
    assert main(["recommend", "--answers", str(answers), "--questionnaire", str(hostile), "--format", "json",
                 "-o", str(target)]) == 0
    assert "\x9b" not in target.read_text(encoding="utf-8")
    assert main(["recommend", "--answers", str(answers), "--questionnaire", str(hostile)]) == 0
    out = capsys.readouterr().out
    assert not any(c in out for c in "\x1b\x07\x9b\x08\r"), out[:300]
    assert "\\x1b" in out and "pwned" in out  # shown, harmless


def test_recommend_errors_are_translated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("nonsense: [", encoding="utf-8")
    assert main(["recommend", "--answers", str(bad), "--questionnaire", str(EXAMPLE), "--lang", "fr"]) == 1
    assert "ce fichier de réponses est inutilisable\u202f; il n’a pas été modifié" in capsys.readouterr().err


@pytest.mark.parametrize("lang", ["nl", "fr", "de"])
def test_ask_messages_are_translated(lang: str, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    import io

    # business; 30000000 staff (above the maximum); 12; then the input ends
    monkeypatch.setattr(sys, "stdin", io.StringIO("2\n30000000\n12\n"))
    assert main(["ask", "--questionnaire", str(EXAMPLE), "--lang", lang]) == 1
    err = capsys.readouterr().err
    assert "maximum" in err.lower() or "Höchstwert" in err
    for english in ("is above the maximum", "Input ended", "Not understood", "were not saved", "Part 1 of"):
        assert english not in err, (lang, english)


def test_words_for_yes_and_no_and_a_declined_did_you_mean() -> None:
    import io

    from cloudwizard.terminal import Outcome, TerminalAsker

    q = load(EXAMPLE)
    # business; "200,000" asked back and declined; "1.500"; photos + customers; 3; "nee"; "ja"; no note; advice
    script = "2\n200,000\nn\n1.500\n1 2\n3\nnee\nja\n\n\n"
    out = io.StringIO()
    asker = TerminalAsker(q, "nl", io.StringIO(script), out, echo=True, width=60)
    assert asker.run() is Outcome.DONE
    assert asker.session.effective_answers() == {
        "audience": "business", "staff": 1500, "data_kinds": frozenset({"photos", "customers"}), "sensitivity": 3,
        "peers": "no", "offline_copy": "yes"}
    text = out.getvalue()
    assert "Bedoel je 200\u00a0000 (1) of 200 (2)? [1/2/n]" in text  # both readings, the whole number first
    assert all(len(line) <= 60 for line in text.splitlines())
