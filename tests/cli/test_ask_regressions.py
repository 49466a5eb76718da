"""Findings of a second pass over ``cloudwizard ask`` and ``recommend``, each kept fixed here.

Driven through a pseudo-terminal as a person would; where something is saved, the file is read back.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from cloudwizard.cli import format_for_output, main
from cloudwizard.engine.answers import read_answers
from cloudwizard.engine.i18n import gettext_for
from cloudwizard.engine.loader import load
from tests.cli.ptyterm import Terminal, to_stop_question, words_intact
from tests.cli.test_ask_terminal import resume_command

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminals as on Linux")

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "questionnaires" / "examples" / "example.yaml"
SME = REPO / "questionnaires" / "examples" / "answers-sme.yaml"


def _copy_sme(tmp_path: Path) -> Path:
    answers = tmp_path / "answers.yaml"
    shutil.copyfile(SME, answers)
    return answers


# -- finding: "-o report.pdf" wrote Markdown into a file named .pdf -------------------------------


@pytest.mark.parametrize(("name", "fmt"), [("a.pdf", "pdf"), ("a.PDF", "pdf"), ("a.md", "markdown"),
                                           ("a.markdown", "markdown"), ("a.html", "html"), ("a.htm", "html"),
                                           ("a.txt", "text"), ("a.json", "json"),
                                           ("a", "markdown")])
def test_the_file_suffix_names_the_format(name: str, fmt: str) -> None:
    assert format_for_output(None, Path(name)) == fmt
    assert format_for_output("json", Path(name)) == "json"  # an explicit --format wins
    assert format_for_output(None, None) is None  # no file: the terminal's own rendering


def test_ask_with_o_pdf_writes_a_pdf_and_shows_the_advice(tmp_path: Path) -> None:
    answers = _copy_sme(tmp_path)
    report = tmp_path / "report.pdf"
    term = Terminal(["ask", "--answers", str(answers), "--lang", "en", "-o", str(report)], columns=80, cwd=tmp_path)
    term.expect("Press Enter to see the advice, b to go back, q to quit:")
    term.send("")
    assert term.wait() == 0
    assert report.read_bytes().startswith(b"%PDF-")
    assert "CloudWizard advice" in term.screen  # also on screen, rendered for the terminal
    assert words_intact(term.screen, f"The advice is also saved in {report}.")


@pytest.mark.parametrize(("suffix", "check"), [
    (".html", lambda text: text.lstrip().lower().startswith("<!doctype html")),
    (".json", lambda text: json.loads(text)["language"] == "fr"),
    (".md", lambda text: text.startswith("# ")),
])
def test_recommend_o_writes_the_suffix_format(suffix: str, check: object, tmp_path: Path) -> None:
    out = tmp_path / f"advice{suffix}"
    assert main(["recommend", "--answers", str(SME), "-o", str(out)]) == 0
    assert callable(check) and check(out.read_text(encoding="utf-8"))


# -- finding: a reply that is neither yes nor no was taken for "no" in silence ---------------------


def test_did_you_mean_asks_again_until_yes_or_no_and_saves_the_number(tmp_path: Path) -> None:
    saved = tmp_path / "a.yaml"
    term = Terminal(["ask", "--questionnaire", str(EXAMPLE), "--lang", "en", "--save", str(saved)],
                    columns=40, cwd=tmp_path)
    term.expect("Number:")
    term.send("2")
    term.expect("people:")
    term.send("1.500")  # English reads "." as a decimal point: asked back
    term.expect("Did you mean 1\u00a0500? [y/n]")
    term.send("1 500")  # the number typed again is not an answer to y/n
    term.expect("Please answer y or n.")
    term.expect("Did you mean 1\u00a0500? [y/n]")
    term.send("y")
    term.expect("spaces:")
    term.send("q")
    term.expect("[y/n]")
    term.send("perhaps")  # neither: asked again, not taken for "no"
    term.expect("Please answer y or n.")
    term.send("y")
    assert term.wait() == 1
    result = read_answers(saved, load(EXAMPLE))
    assert result.data is not None and result.data.answers == {"audience": "business", "staff": 1500}
    assert term.overlong_lines() == []


@pytest.mark.parametrize(("lang", "save", "again"), [("fr", "o", "Répondez a, o ou n."),
                                                     ("de", "j", "Bitte antworten Sie o, j oder n."),
                                                     ("nl", "j", "Antwoord z, j of n.")])
def test_the_three_way_stop_question_asks_again_in_the_language(lang: str, save: str, again: str,
                                                                tmp_path: Path) -> None:
    _ = gettext_for(lang)
    term = Terminal(["ask", "--questionnaire", str(EXAMPLE), "--lang", lang], columns=80, cwd=tmp_path)
    to_stop_question(term, _)
    term.send("x")
    term.expect(again)
    term.send(save)
    assert term.wait() == 1
    result = read_answers(tmp_path / "cloudwizard-answers.yaml", load(EXAMPLE))
    assert result.data is not None and result.data.answers == {"audience": "consumer"}


# -- finding: the command to go on later was broken mid-command and left out --questionnaire -------


@pytest.mark.parametrize("columns", [40, 80, 120])
def test_the_resume_command_is_whole_and_works(columns: int, tmp_path: Path) -> None:
    folder = tmp_path / "my answers"
    folder.mkdir()
    saved = folder / "half done.yaml"  # a space: the command must quote it
    term = Terminal(["ask", "--questionnaire", str(EXAMPLE), "--lang", "de", "--save", str(saved)],
                    columns=columns, cwd=tmp_path)
    term.expect("Nummer:")
    term.send("2")
    term.expect("Personen:")
    term.send("7")
    term.expect("Leerzeichen:")
    term.send_raw(b"\x03")
    assert term.wait() == 130
    # only a file path longer than the terminal itself may stick out
    assert [line for line in term.overlong_lines() if f"'{saved}'" not in line] == []
    command = resume_command(term.screen)
    assert command == ["cloudwizard", "ask", "--questionnaire", str(EXAMPLE), "--answers", str(saved)]
    # the command, as printed, goes on where the run stopped
    again = Terminal(command[1:], columns=columns, cwd=tmp_path)
    resumed = again.expect("Leerzeichen:")
    assert words_intact(resumed, "(bereits beantwortete Fragen: 2)")
    again.send("1")
    again.expect("sehr):")
    again.send_raw(b"\x04")
    assert again.wait() == 1
    result = read_answers(saved, load(EXAMPLE))
    assert result.data is not None
    assert result.data.answers == {"audience": "business", "staff": 7, "data_kinds": frozenset({"photos"})}


# -- finding: the choice prompt read "Getal:" / "Nombre :" / "Zahl:" (a quantity, not a choice's number)


@pytest.mark.parametrize(("lang", "prompt"), [("nl", "Nummer:"), ("fr", "Numéro :"), ("de", "Nummer:"),
                                              ("en", "Number:")])
def test_the_choice_prompt_asks_for_the_choice_number(lang: str, prompt: str, tmp_path: Path) -> None:
    term = Terminal(["ask", "--questionnaire", str(EXAMPLE), "--lang", lang], columns=80, cwd=tmp_path)
    term.expect(prompt)
    term.send("9")
    refusal = term.expect(prompt)
    assert words_intact(refusal, {"nl": "“9” is niet een van de getallen 1 tot 3",
                                  "fr": "«\u00a09\u00a0» n’est pas un des numéros de 1 à 3",
                                  "de": "„9“ ist keine der Nummern 1 bis 3",
                                  "en": "'9' is not one of the numbers 1 to 3"}[lang])
    term.send_raw(b"\x04")
    assert term.wait() == 1


# -- finding: the report on a narrow terminal: "    :" lines in the scores, web addresses cut in "https"


def test_the_report_on_a_40_column_terminal(tmp_path: Path) -> None:
    term = Terminal(["recommend", "--answers", str(SME), "--lang", "en"], columns=40, cwd=tmp_path)
    assert term.wait() == 0
    screen = term.screen
    lines = screen.split("\n")
    assert not [line for line in lines if line.strip() == ":"]
    # the scores as a table of two aligned columns, the long names wrapped under themselves
    scores = screen.split("How the options scored\n", 1)[1].split("\n\n", 1)[0].split("\n")
    assert scores[0].split() == ["Option", "Points"] and set(scores[1].strip()) == {"─"}, scores
    assert "  Run it yourself on your own          0" in scores and "    equipment (no cloud)" in scores, scores
    assert term.overlong_lines() == []
    # a web address is never cut (it could be neither clicked nor copied): whole, on a line of its own
    assert [line for line in lines if re.search(r"<https?:?/{0,2}$", line)] == []
    assert "<https://csrc.nist.gov/pubs/sp/800/145/final>" in screen
    assert [line for line in lines if "<http" in line and ">" not in line] == []


# -- finding: --save into a missing folder was found out only at the end, and the answers were lost --


@pytest.mark.parametrize(("option", "target", "message"), [
    ("--save", "missing/a.yaml",
     "missing/a.yaml\u00a0: ce dossier n’existe pas\u202f; donnez à --save un fichier dans un dossier existant"),
    ("--save", "folder", "folder est un dossier\u202f; donnez à --save un nom de fichier"),
    ("-o", "missing/advice.pdf",
     "missing/advice.pdf\u00a0: ce dossier n’existe pas\u202f; donnez à -o un fichier dans un dossier existant"),
])
def test_a_file_that_cannot_be_written_is_refused_before_the_first_question(option: str, target: str, message: str,
                                                                            tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    term = Terminal(["ask", "--questionnaire", str(EXAMPLE), "--lang", "fr", option, target],
                    columns=80, cwd=tmp_path)
    assert term.wait() == 2
    assert words_intact(term.screen, message)
    assert "Numéro :" not in term.screen  # no question was asked
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]


def test_a_save_that_fails_at_the_end_keeps_the_answers_in_the_current_folder(tmp_path: Path) -> None:
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    term = Terminal(["ask", "--questionnaire", str(EXAMPLE), "--lang", "nl", "--save", str(folder / "a.yaml")],
                    columns=80, cwd=tmp_path)
    term.expect("Nummer:")
    term.send("2")
    term.expect("personen:")
    term.send("40")
    term.expect("spaties:")
    folder.rmdir()  # the stick was pulled out meanwhile
    term.send("q")
    term.expect("[j/n]")
    term.send("j")
    assert term.wait() == 1
    assert words_intact(term.screen, f"Je antwoorden konden niet bewaard worden in {folder / 'a.yaml'}: "
                                     "de map bestaat niet")
    assert "Could not save" not in term.screen  # the reason in the session's language
    recovery = tmp_path / "cloudwizard-answers.yaml"
    assert words_intact(term.screen, "Je antwoorden zijn bewaard in cloudwizard-answers.yaml.")
    assert resume_command(term.screen) == ["cloudwizard", "ask", "--questionnaire", str(EXAMPLE),
                                           "--answers", "cloudwizard-answers.yaml"]
    result = read_answers(recovery, load(EXAMPLE))
    assert result.data is not None and result.data.answers == {"audience": "business", "staff": 40}


# -- finding: a scale's prompt said "a number from 1 to 5", then refused 2,5 as "not a whole number" --


@pytest.mark.parametrize(("lang", "prompt", "refusal"), [
    ("fr", "Un nombre entier de 1 à 5 (1 = pas du tout, 5 = très)\u00a0:", "«\u00a02,5\u00a0» n’est pas un nombre entier"),
    ("en", "A whole number from 1 to 5 (1 = not at all, 5 = very):", "'2.5' is not a whole number"),
])
def test_a_scale_prompt_says_whole_numbers(lang: str, prompt: str, refusal: str, tmp_path: Path) -> None:
    saved = tmp_path / "a.yaml"
    _ = gettext_for(lang)
    term = Terminal(["ask", "--questionnaire", str(EXAMPLE), "--lang", lang, "--save", str(saved)],
                    columns=40, cwd=tmp_path)
    term.expect(_("Number: "))
    term.send("1")  # for myself: the data question comes next
    term.expect(_("Numbers, separated by commas or spaces: "))
    term.send("1")
    term.expect(prompt)
    term.send("2,5" if lang == "fr" else "2.5")
    assert words_intact(term.expect(prompt), refusal)
    term.send("4")
    term.expect(_("1 = yes, 2 = no: "))
    term.send_raw(b"\x04")
    assert term.wait() == 1
    result = read_answers(saved, load(EXAMPLE))
    assert result.data is not None
    assert result.data.answers == {"audience": "consumer", "data_kinds": frozenset({"photos"}), "sensitivity": 4}
    assert term.overlong_lines() == []


# -- finding: "recommend" on a run stopped early gave the advice without a word about the open questions


def test_recommend_on_an_unfinished_file_says_so_and_how_to_go_on(tmp_path: Path) -> None:
    partial = tmp_path / "half.yaml"
    term = Terminal(["ask", "--questionnaire", str(EXAMPLE), "--lang", "nl", "--save", str(partial)],
                    columns=80, cwd=tmp_path)
    term.expect("Nummer:")
    term.send("2")
    term.expect("personen:")
    term.send_raw(b"\x04")
    assert term.wait() == 1
    term = Terminal(["recommend", "--questionnaire", str(EXAMPLE), "--answers", str(partial)], columns=80,
                    cwd=tmp_path)
    assert term.wait() == 0
    assert words_intact(term.screen, f"{partial}: nog niet alle vragen zijn beantwoord (open: 3); dit advies steunt "
                                     "op de antwoorden tot nu toe. Verder antwoorden: cloudwizard ask "
                                     f"--questionnaire {EXAMPLE} --answers {partial}")
    assert "CloudWizard-advies" in term.screen
    assert term.overlong_lines() == []  # the message is wrapped on a terminal too
    # a finished file gets no such line
    term = Terminal(["recommend", "--answers", str(SME)], columns=80, cwd=tmp_path)
    assert term.wait() == 0
    assert "pas encore de réponse" not in term.screen and "Conseil CloudWizard" in term.screen


# -- finding: the French report on a terminal began lines with ": Non)" and "? »" -----------------


@pytest.mark.parametrize("columns", [40, 80])
def test_french_report_lines_never_start_with_a_spaced_mark(columns: int, tmp_path: Path) -> None:
    term = Terminal(["recommend", "--answers", str(SME), "--lang", "fr"], columns=columns, cwd=tmp_path)
    assert term.wait() == 0
    assert "Conseil CloudWizard" in term.screen
    starts = [line for line in term.screen.split("\n") if re.match(r"[┃\s]*[:;?!»]", line)]
    assert starts == []
    assert term.overlong_lines() == []


# -- finding: Ctrl-C in the pager killed cloudwizard under it ("interrupted", in English, exit 130) --


#: less's prompt at the bottom of the screen (LESS=FRX): drawn once a screen is complete and it waits for a key.
LESS_PROMPT = "\n:\x1b[K"


@pytest.mark.skipif(shutil.which("less") is None, reason="needs less")
def test_ctrl_c_in_the_pager_belongs_to_the_pager(tmp_path: Path) -> None:
    """Synchronised on what less draws, not on time (it failed once under load when it slept 0.5 s).

    less installs its SIGINT handler before it writes anything (strace: rt_sigaction(SIGINT) comes
    before the first write), so a Ctrl-C after its first screen is always its own. The test waits
    for the whole first screen (the prompt) rather than its first line: a Ctrl-C while less still
    reads and draws that screen cuts its reading short (with -F from LESS=FRX, less could then take
    the report for one that fits the screen and quit; see docs/reliability.md). Then it waits for less to answer a key after
    the Ctrl-C rather than for half a second of nothing happening.
    """
    term = Terminal(["recommend", "--answers", str(SME), "--lang", "de"], columns=80, cwd=tmp_path,
                    env={"PAGER": "less"})
    term.expect("Empfehlung")  # the report's first screen, in the pager
    term.expect_raw(LESS_PROMPT)  # drawn whole: less waits for a key
    term.send_raw(b"\x03")
    # Then a key only a living less answers: G shows the report's end and less's "(END)" prompt. A
    # pager killed by Ctrl-C would end the program instead, which press_until reports. (Not less's
    # bell: the terminal flushes its output queue when it sends SIGINT, so the bell can be lost; and
    # it flushes its input queue too, so G is pressed again until less answers it.)
    term.press_until(b"G", "(END)")
    assert not term._exited(), term.screen[-500:]  # cloudwizard still waits on its pager
    term.send_raw(b"q")
    assert term.wait() == 0
    assert "interrupted" not in term.screen and "Unterbrochen" not in term.screen


# -- finding: "b" at the first question printed the same question again without a word -------------


@pytest.mark.parametrize(("lang", "message"), [("fr", "C’est la première question\u00a0: il n’y a rien avant."),
                                               ("en", "This is the first question: there is nothing to go back to.")])
def test_back_at_the_first_question_says_so(lang: str, message: str, tmp_path: Path) -> None:
    _ = gettext_for(lang)
    saved = tmp_path / "a.yaml"
    term = Terminal(["ask", "--questionnaire", str(EXAMPLE), "--lang", lang, "--save", str(saved)],
                    columns=40, cwd=tmp_path)
    term.expect(_("Number: "))
    term.send("b")
    shown = term.expect(_("Number: "))
    assert words_intact(shown, message)
    assert "1." not in shown  # the question is not printed again, only the prompt
    term.send("2")
    term.expect("people:" if lang == "en" else "personnes :")
    term.send_raw(b"\x04")
    assert term.wait() == 1
    result = read_answers(saved, load(EXAMPLE))
    assert result.data is not None and result.data.answers == {"audience": "business"}


# -- the terminal's refusal of "none of these" with others follows the engine's one rule ----------


def test_the_terminal_and_the_engine_agree_on_exclusive_choices() -> None:
    from itertools import combinations

    from cloudwizard.engine.coercion import exclusive_conflict as engine_rule
    from cloudwizard.engine.loader import load_bundled
    from cloudwizard.terminal import exclusive_conflict

    checked = 0
    for q in (load_bundled(), load(EXAMPLE)):
        for question in q.questions:
            if not any(c.exclusive for c in question.choices):
                continue
            ids = [c.id for c in question.choices]
            for size in range(1, len(ids) + 1):
                for chosen in combinations(ids, size):
                    assert (exclusive_conflict(question, list(chosen)) is None) == \
                        (engine_rule(question, chosen) is None), (question.id, chosen)
                    checked += 1
    assert checked > 20


# -- finding: "--format pdf" without -o was refused in English in a German session ---------------


def test_format_pdf_without_a_file_is_refused_in_the_language(tmp_path: Path) -> None:
    term = Terminal(["ask", "--lang", "de", "--format", "pdf"], columns=80, cwd=tmp_path)
    assert term.wait() == 2
    assert words_intact(term.screen, "--format pdf schreibt eine Datei: geben Sie sie mit -o DATEI.pdf an")
    assert "Nummer:" not in term.screen
    term = Terminal(["recommend", "--answers", str(SME), "--format", "pdf", "--lang", "fr"], columns=80, cwd=tmp_path)
    assert term.wait() == 2
    assert "utilisation\u00a0: cloudwizard recommend" in term.screen and "usage:" not in term.screen
    assert words_intact(term.screen, "--format pdf écrit un fichier : indiquez-le avec -o FICHIER.pdf")


# -- finding: "12 people", written as the prompt writes it, was "not a number" ---------------------


@pytest.mark.parametrize(("lang", "typed", "prompt"), [("en", "12 people", "people:"), ("nl", "12 personen", "personen:"),
                                                       ("fr", "12 Personnes", "personnes :"),
                                                       ("de", "1.200 Personen", "Personen:")])
def test_a_number_with_the_unit_of_the_prompt(lang: str, typed: str, prompt: str, tmp_path: Path) -> None:
    _ = gettext_for(lang)
    saved = tmp_path / "a.yaml"
    term = Terminal(["ask", "--questionnaire", str(EXAMPLE), "--lang", lang, "--save", str(saved)],
                    columns=80, cwd=tmp_path)
    term.expect(_("Number: "))
    term.send("2")
    term.expect(prompt)
    term.send(typed)
    term.expect(_("Numbers, separated by commas or spaces: "))
    term.send_raw(b"\x04")
    assert term.wait() == 1
    result = read_answers(saved, load(EXAMPLE))
    assert result.data is not None
    assert result.data.answers == {"audience": "business", "staff": 1200 if lang == "de" else 12}
