"""``cloudwizard ask`` driven through a pseudo-terminal, as a person would, at 40, 80 and 120 columns.

Each test asserts what was saved (the answers file read back), not only what was printed, and that
no line is wider than the terminal or splits a word.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cloudwizard.engine.answers import read_answers
from cloudwizard.engine.i18n import gettext_for
from cloudwizard.engine.loader import load
from cloudwizard.engine.model import Questionnaire
from tests.cli.ptyterm import Terminal, to_stop_question, words_intact

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminals as on Linux")

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "questionnaires" / "examples" / "example.yaml"
LANGS = ("nl", "fr", "de", "en")
WIDTHS = (40, 80, 120)
NNBSP, NBSP = "\u202f", "\u00a0"

# Per language: the staff prompt as it must read (the accepted range, written the language's way),
# then typed entries with what each must answer, ending with an entry that reads as 1 500.
NUMBERS = {
    "en": ("A whole number from 1 to 100,000 people:", [
        ("10.5", "'10.5' is not a whole number"),
        ("1.000.000", "1,000,000 is above the maximum, 100,000."),  # read the other way, out of range: not offered
        ("1.500", "Did you mean 1 500? [y/n]"), ("n", None),
        ("1,500", None)]),
    "nl": ("Een geheel getal van 1 tot 100.000 personen:", [
        ("10,5", "“10,5” is geen geheel getal"),
        ("1,000,000", "1.000.000 is meer dan het maximum, 100.000."),  # read the other way, out of range
        ("1,500", "Bedoel je 1 500? [j/n]"), ("n", None),
        ("1.500", None)]),
    "fr": (f"Un nombre entier de 1 à 100{NNBSP}000 personnes :", [
        ("1.5", "«\u00a01.5\u00a0» n’est pas un nombre entier"),
        (f"2{NNBSP}000{NNBSP}000", f"2{NNBSP}000{NNBSP}000 dépasse le maximum, 100{NNBSP}000."),
        (f"1{NBSP}500", None)]),
    "de": ("Eine ganze Zahl von 1 bis 100.000 Personen:", [
        ("1.5", "„1.5“ ist keine ganze Zahl"),
        ("1,500", "Meinten Sie 1 500? [j/n]"), ("j", None)]),
}


def ask(*args: str, columns: int, cwd: Path) -> Terminal:
    return Terminal(["ask", *args], columns=columns, cwd=cwd)


def check_layout(term: Terminal, texts: list[str]) -> None:
    """No line wider than the terminal; every questionnaire text shown with its words whole."""
    # the advice is rendered for the terminal too: every line of the whole run fits
    assert term.overlong_lines() == []
    for text in texts:
        assert words_intact(term.screen, text), text


def saved_answers(path: Path, q: Questionnaire) -> dict[str, Any]:
    """The answers saved in `path`, read back as the app reads them (the file must be usable)."""
    result = read_answers(path, q)
    assert result.data is not None, result.report.format()
    return dict(result.data.answers)


def for_my_business(term: Terminal, q: Questionnaire, _: Callable[[str], str]) -> None:
    """At the first question (who is the cloud for?), answer "for my business"; the staff question comes next."""
    term.expect(_("Number: "))
    term.send(str(1 + [c.id for c in q.question("audience").choices].index("business")))


def keep_anyway(q: Questionnaire, value: int, lang: str) -> str:
    """The plausibility warning's question for `value` staff: "Keep 100,000 people anyway? [y/n, q to quit]"."""
    _ = gettext_for(lang)
    return _("Keep {answer} anyway? [{yes}/{no}, q to quit]").format(
        answer=f"{_fmt(value, lang)} {q.text(q.question('staff').unit, lang)}", yes=_("y"), no=_("n"))


def _stop_and_read_saved(term: Terminal, saved: Path, q: Questionnaire, _: Callable[[str], str], *,
                         at: str | None = None) -> dict[str, Any]:
    """At the next question (`at`, by default "which data?"), press q, agree to stop, and read back what was saved.

    With ``--save`` given the stop question names the file (``[y/n]``); the run ends with status 1.
    """
    term.expect(_("Numbers, separated by commas or spaces: ") if at is None else at)
    term.send("q")
    term.expect(_("Stop now? Your answers so far will be saved in {path}. [{yes}/{no}]").format(
        path=saved, yes=_("y"), no=_("n")))
    term.send(_("y"))
    assert term.wait() == 1
    return saved_answers(saved, q)


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_whole_run(lang: str, columns: int, tmp_path: Path) -> None:
    _ = gettext_for(lang)
    q = load(EXAMPLE)
    saved, report = tmp_path / "answers.yaml", tmp_path / "advice.md"
    term = ask("--questionnaire", str(EXAMPLE), "--lang", lang, "--save", str(saved), "-o", str(report),
               columns=columns, cwd=tmp_path)
    term.expect(_("Number: "))
    term.send("2")  # for my business
    staff_prompt, entries = NUMBERS[lang]
    term.expect(staff_prompt)
    for n, (typed, answer) in enumerate(entries):
        term.send(typed)
        shown = term.expect(answer) if answer is not None else ""
        if answer is not None:
            assert words_intact(shown, answer)
        asked_back = answer is not None and answer.endswith("]")
        if n < len(entries) - 1 and not asked_back:
            term.expect(staff_prompt)  # never type ahead: the prompt comes again first
    multiple = _("Numbers, separated by commas or spaces: ")
    term.expect(multiple)
    term.send("2,4")  # customer data + "nothing special": contradictory
    data_kinds = q.question("data_kinds")
    labels = {c.id: q.text(c.label, lang) for c in data_kinds.choices}
    nothing, customers = labels["nothing"], labels["customers"]
    refusal = term.expect(multiple)
    assert words_intact(refusal, f"4 ({nothing})") and words_intact(refusal, f"2 ({customers})")
    term.send("1 2")  # spaces separate too
    sensitivity = q.question("sensitivity")
    term.expect(f"5 = {q.text(sensitivity.max_label, lang)})")
    term.send("?")
    term.expect(_("No further help for this question."))
    term.send("4")
    yes_no = _("1 = yes, 2 = no: ")
    term.expect(yes_no)
    term.send("2")  # peers: no
    term.expect(yes_no)
    term.send("b")  # back to peers, which keeps its answer
    no_label = q.text(q.question("peers").choices[1].label, lang)
    term.expect(_("{prompt} [Enter keeps: {current}] ").format(prompt=yes_no.rstrip(), current=no_label))
    term.send("")
    term.expect(yes_no)
    term.send("1")  # offline copy: yes
    term.expect(_("Your answer: "))
    term.send("")  # the optional note
    term.expect(_("Press Enter to see the advice, b to go back, q to quit: "))
    term.send("")
    assert term.wait() == 0
    screen = term.screen
    # the advice is on screen, and in the file, and the screen says where
    assert words_intact(screen, _("The advice is also saved in {path}.").format(path=report))
    assert _("CloudWizard advice") in screen
    assert "|---" not in screen and "**" not in screen  # rendered for the terminal, not raw Markdown
    assert _("CloudWizard advice") in report.read_text(encoding="utf-8")
    result = read_answers(saved, q)
    assert result.data is not None and result.data.language == lang
    answers = saved_answers(saved, q)
    assert answers == {"audience": "business", "staff": 1500, "data_kinds": frozenset({"photos", "customers"}),
                       "sensitivity": 4, "peers": "no", "offline_copy": "yes"}
    texts = [q.text(item.label, lang) for item in q.questions if item.id in answers]  # those asked
    texts += [q.text(c.label, lang) for c in data_kinds.choices]
    check_layout(term, texts)


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_plausibility_warning_may_be_confirmed_and_q_saves(lang: str, columns: int, tmp_path: Path) -> None:
    """The example questionnaire warns above 10 000 staff; the prompt shows the real limit, 100 000."""
    _ = gettext_for(lang)
    q = load(EXAMPLE)
    saved = tmp_path / "progress.yaml"
    term = ask("--questionnaire", str(EXAMPLE), "--lang", lang, "--save", str(saved), columns=columns, cwd=tmp_path)
    audience = q.question("audience")
    for_my_business(term, q, _)
    term.expect(NUMBERS[lang][0])
    term.send("100000")
    staff = q.question("staff")
    warned = term.expect(keep_anyway(q, 100000, lang))
    assert words_intact(warned, q.text(staff.validation[0].message, lang))
    term.send(_("y"))
    # the next question, which data: stop there
    assert _stop_and_read_saved(term, saved, q, _) == {"audience": "business", "staff": 100000}
    assert words_intact(term.screen, _("Your answers are saved in {path}. To go on later:").format(path=saved))
    assert resume_command(term.screen) == ["cloudwizard", "ask", "--questionnaire", str(EXAMPLE), "--answers", str(saved)]
    texts = [q.text(q.title, lang), q.text(q.introduction, lang), q.text(audience.label, lang),
             q.text(audience.hint, lang), q.text(staff.label, lang), q.text(staff.hint, lang)]
    texts += [q.text(c.label, lang) + (f" — {q.text(c.hint, lang)}" if c.hint else "") for c in audience.choices]
    check_layout(term, texts)


@pytest.mark.parametrize("lang", LANGS)
def test_q_at_keep_anyway_stops_without_saving_the_unkept_number(lang: str, tmp_path: Path) -> None:
    """"Keep 100,000 people anyway? [y/n, q to quit]": q stops there as at every prompt (it was "Please answer y or n").

    Going on asks "keep it anyway?" again; stopping saves the answers kept so far, not the number the
    warning is about (it was never kept): the question is asked again when the run goes on.
    """
    _ = gettext_for(lang)
    q = load(EXAMPLE)
    saved = tmp_path / "progress.yaml"
    term = ask("--questionnaire", str(EXAMPLE), "--lang", lang, "--save", str(saved), columns=60, cwd=tmp_path)
    for_my_business(term, q, _)
    term.expect(NUMBERS[lang][0])
    term.send("100000")
    keep = keep_anyway(q, 100000, lang)
    shown = term.expect(keep)
    assert words_intact(shown, keep)  # the hint names q, wrapped at word boundaries at 60 columns
    stop = _("Stop now? Your answers so far will be saved in {path}. [{yes}/{no}]").format(
        path=saved, yes=_("y"), no=_("n"))
    term.send("q")
    term.expect(stop)
    term.send(_("n"))  # go on: the same question again, the number still waiting to be kept
    term.expect(keep)
    assert _("Please answer {choices} or {last}.").format(choices=_("y"), last=_("n")) not in term.screen
    term.send("q")
    term.expect(stop)
    term.send(_("y"))
    assert term.wait() == 1
    assert saved_answers(saved, q) == {"audience": "business"}
    assert term.overlong_lines() == []
    # going on from the file: the staff question is the first one asked
    term = ask("--questionnaire", str(EXAMPLE), "--lang", lang, "--answers", str(saved), columns=60, cwd=tmp_path)
    term.expect(NUMBERS[lang][0])
    term.send("12")
    assert _stop_and_read_saved(term, saved, q, _) == {"audience": "business", "staff": 12}


def test_q_at_keep_anyway_keeps_the_answer_there_was_before(tmp_path: Path) -> None:
    """Going back to a kept answer (30 people), typing 100 000 and stopping at "keep it anyway?" saves the 30."""
    _ = gettext_for("nl")
    q = load(EXAMPLE)
    saved = tmp_path / "progress.yaml"
    term = ask("--questionnaire", str(EXAMPLE), "--lang", "nl", "--save", str(saved), columns=100, cwd=tmp_path)
    for_my_business(term, q, _)
    term.expect(NUMBERS["nl"][0])
    term.send("30")
    term.expect(_("Numbers, separated by commas or spaces: "))
    term.send("b")
    term.expect(_("{prompt} [Enter keeps: {current}] ").format(
        prompt=NUMBERS["nl"][0], current=f"30{NBSP}{q.text(q.question('staff').unit, 'nl')}"))
    term.send("100000")
    term.expect(keep_anyway(q, 100000, "nl"))
    term.send("q")
    term.expect(_("Stop now? Your answers so far will be saved in {path}. [{yes}/{no}]").format(
        path=saved, yes=_("y"), no=_("n")))
    term.send(_("y"))
    assert term.wait() == 1
    assert saved_answers(saved, q) == {"audience": "business", "staff": 30}


def resume_command(screen: str) -> list[str]:
    """The command printed to go on later, as the shell reads it (lines joined where they end in a backslash)."""
    import re
    import shlex

    found = re.search(r"\n(  cloudwizard ask(?:[^\n]* \\\n)*[^\n]*)\n", screen)
    assert found is not None, screen[-800:]
    return shlex.split(found.group(1).replace("\\\n", " "))


def _fmt(value: int, lang: str) -> str:
    from cloudwizard.engine.numbers import format_number

    return format_number(value, lang)


def test_q_without_save_offers_to_save_and_asks_first(tmp_path: Path) -> None:
    term = ask("--questionnaire", str(EXAMPLE), "--lang", "fr", columns=80, cwd=tmp_path)
    term.expect("Numéro :")
    term.send("q")
    term.expect("Arrêter maintenant ? [o/n]")  # nothing answered yet: nothing to save
    term.send("n")
    term.expect("Numéro :")
    term.send("2")
    term.expect("personnes :")
    term.send("q")
    term.expect("n = continuer :")
    term.send("n")  # go on
    term.expect("personnes :")
    term.send("12")
    term.expect("espaces :")
    term.send("q")
    term.expect("n = continuer :")
    term.send("e")  # save ("enregistrer") and stop
    assert term.wait() == 1
    recovery = tmp_path / "cloudwizard-answers.yaml"
    assert words_intact(term.screen, f"Vos réponses sont enregistrées dans {recovery.name}.")
    assert saved_answers(recovery, load(EXAMPLE)) == {"audience": "business", "staff": 12}


def test_q_without_save_can_stop_without_saving(tmp_path: Path) -> None:
    term = ask("--questionnaire", str(EXAMPLE), "--lang", "en", columns=80, cwd=tmp_path)
    term.expect("Number:")
    term.send("1")
    term.expect("spaces:")
    term.send("q")
    term.expect("n = go on:")
    term.send("d")  # discarding takes its own letter
    assert term.wait() == 1
    assert "Your answers were not saved (use --save FILE to keep them)." in term.screen
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("lang", "yes"), [("en", "y"), ("nl", "j"), ("fr", "o"), ("de", "j")])
def test_q_then_yes_saves_the_answers(lang: str, yes: str, tmp_path: Path) -> None:
    """Found by the blind terminal check: "yes", the answer given by habit, stopped without saving."""
    from cloudwizard.engine.i18n import gettext_for

    _ = gettext_for(lang)
    term = ask("--questionnaire", str(EXAMPLE), "--lang", lang, columns=80, cwd=tmp_path)
    to_stop_question(term, _)
    term.send(yes)
    assert term.wait() == 1
    assert saved_answers(tmp_path / "cloudwizard-answers.yaml", load(EXAMPLE)) == {"audience": "consumer"}


@pytest.mark.parametrize("key", [b"\x03", b"\x04"], ids=["ctrl-c", "ctrl-d"])
def test_ctrl_c_and_end_of_input_keep_the_answers(key: bytes, tmp_path: Path) -> None:
    saved = tmp_path / "a.yaml"
    term = ask("--questionnaire", str(EXAMPLE), "--lang", "de", "--save", str(saved), columns=80, cwd=tmp_path)
    term.expect("Nummer:")
    term.send("2")
    term.expect("Personen:")
    term.send("7")
    term.expect("Leerzeichen:")
    term.send_raw(key)
    assert term.wait() == (130 if key == b"\x03" else 1)
    assert "Traceback" not in term.screen
    assert words_intact(term.screen, f"Ihre Antworten sind in {saved} gespeichert.")
    assert saved_answers(saved, load(EXAMPLE)) == {"audience": "business", "staff": 7}


def test_ctrl_c_without_save_keeps_the_answers_in_the_current_folder(tmp_path: Path) -> None:
    term = ask("--questionnaire", str(EXAMPLE), "--lang", "nl", columns=80, cwd=tmp_path)
    term.expect("Nummer:")
    term.send("1")
    term.expect("spaties:")
    term.send_raw(b"\x03")
    assert term.wait() == 130
    assert saved_answers(tmp_path / "cloudwizard-answers.yaml", load(EXAMPLE)) == {"audience": "consumer"}


def test_resume_from_a_saved_file(tmp_path: Path) -> None:
    q = load(EXAMPLE)
    saved = tmp_path / "a.yaml"
    term = ask("--questionnaire", str(EXAMPLE), "--lang", "en", "--save", str(saved), columns=80, cwd=tmp_path)
    term.expect("Number:")
    term.send("2")
    term.expect("people:")
    term.send("30")
    assert _stop_and_read_saved(term, saved, q, gettext_for("en"), at="spaces:") == {"audience": "business",
                                                                                    "staff": 30}
    # go on later: the run starts at the first open question and saves back to the same file
    term = ask("--questionnaire", str(EXAMPLE), "--answers", str(saved), columns=80, cwd=tmp_path)
    resumed = term.expect("spaces:")
    assert "Going on from your answers file (questions answered so far: 2)." in resumed
    assert "Which data?" in resumed and "Who is the cloud for?" not in resumed
    term.send("b")
    term.expect("[Enter keeps: 30\u00a0people]")
    term.send("")
    term.expect("spaces:")
    term.send("3")
    term.expect("very):")
    term.send("5")
    term.expect("1 = yes, 2 = no:")
    term.send("2")
    term.expect("1 = yes, 2 = no:")
    term.send("1")
    term.expect("Your answer:")
    term.send("Thanks")
    term.expect("q to quit:")
    term.send("")
    assert term.wait() == 0
    assert saved_answers(saved, q) == {"audience": "business", "staff": 30, "data_kinds": frozenset({"classified"}),
                                       "sensitivity": 5, "peers": "no", "offline_copy": "yes", "notes": "Thanks"}
    assert "Private cloud" in term.screen  # the advice, on screen (standard output is the terminal)
    assert [line for line in term.overlong_lines() if not line.startswith("|")] == []  # wrapped there too


@pytest.mark.parametrize(("lang", "typed", "reply", "saved_value"), [
    ("nl", "1.000,000", "j", 1000), ("de", "1.000,000", "", None), ("fr", "1.000,000", "n", None),
    ("en", "1,000.000", "yes", 1000)])
def test_a_reading_beyond_the_range_is_not_offered(lang: str, typed: str, reply: str, saved_value: int | None,
                                                   tmp_path: Path) -> None:
    """"1.000,000" in Dutch is 1 000 or 1 000 000; the example takes at most 100 000, so only 1 000 is asked back.

    Found in review: 1 000 000 was offered as choice 2, and picking it was refused as above the maximum.
    """
    from cloudwizard.engine.numbers import format_number

    _ = gettext_for(lang)
    q = load(EXAMPLE)
    saved = tmp_path / "progress.yaml"
    term = ask("--questionnaire", str(EXAMPLE), "--lang", lang, "--save", str(saved), columns=80, cwd=tmp_path)
    for_my_business(term, q, _)
    term.expect(NUMBERS[lang][0])
    term.send(typed)
    # the plain yes/no question, the number with no-break spaces between the groups
    asked = term.expect(_("Did you mean {number}? [{yes}/{no}]").format(
        number=format_number(1000, lang, group=NBSP), yes=_("y"), no=_("n")))
    assert "(2)" not in asked and format_number(1000000, lang, group=NBSP) not in term.screen
    term.send(reply)
    if saved_value is None:
        term.expect(NUMBERS[lang][0])  # "no": the question again
        term.send("1500")
    assert _stop_and_read_saved(term, saved, q, _) == {"audience": "business", "staff": saved_value or 1500}


# -- review: the ask-back for two readings (its retry hint, and readings outside the range) ------------


def _wide_example(tmp_path: Path) -> Path:
    """The example questionnaire with the staff question taking up to 10 000 000, so that both readings fit."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count("max: 100000\n") == 1
    wide = tmp_path / "wide.yaml"
    wide.write_text(text.replace("max: 100000\n", "max: 10000000\n"), encoding="utf-8")
    return wide


@pytest.mark.parametrize(("lang", "typed", "pick", "saved_value"), [
    ("nl", "1.000,000", "2", 1000000), ("fr", "1.000,000", "1", 1000), ("de", "1.000,000", "n", None),
    ("en", "1,000.000", "2", 1000000)])
def test_two_readings_ask_again_naming_1_2_and_no(lang: str, typed: str, pick: str, saved_value: int | None,
                                                  tmp_path: Path) -> None:
    """The retry hint of "[1/2/n]" names 1, 2 and no; yes is not an answer there (it was taken for 1 in silence)."""
    from cloudwizard.engine.numbers import format_number

    _ = gettext_for(lang)
    wide = _wide_example(tmp_path)
    q = load(wide)
    saved = tmp_path / "progress.yaml"
    term = ask("--questionnaire", str(wide), "--lang", lang, "--save", str(saved), columns=80, cwd=tmp_path)
    for_my_business(term, q, _)
    staff_prompt = NUMBERS[lang][0].replace(_fmt(100000, lang), _fmt(10000000, lang))
    term.expect(staff_prompt)
    term.send(typed)
    question = _("Did you mean {first} (1) or {second} (2)? [1/2/{no}]").format(
        first=format_number(1000, lang, group=NBSP), second=format_number(1000000, lang, group=NBSP), no=_("n"))
    hint = _("Please answer {choices} or {last}.").format(choices="1, 2", last=_("n"))
    term.expect(question)
    term.send(_("y"))  # not offered: asked again, not read as 1
    term.expect(hint)  # exactly "1, 2 or n": no yes named
    term.expect(question)
    term.send("3")
    term.expect(hint)
    term.expect(question)
    term.send(pick)
    if saved_value == 1000000:  # above the plausibility rule (10 000): kept on confirming
        term.expect(keep_anyway(q, 1000000, lang))
        term.send(_("y"))
    if saved_value is None:
        term.expect(staff_prompt)  # "no": the question again
        term.send("1500")
    assert _stop_and_read_saved(term, saved, q, _) == {"audience": "business", "staff": saved_value or 1500}
    assert term.overlong_lines() == []


@pytest.mark.parametrize("lang", LANGS)
def test_no_reading_in_the_range_says_the_range_without_asking(lang: str, tmp_path: Path) -> None:
    """"200.000,000" (200 000 or 200 000 000) on a question up to 100 000: the range, not a question."""
    _ = gettext_for(lang)
    q = load(EXAMPLE)
    typed = "200,000.000" if lang == "en" else "200.000,000"
    saved = tmp_path / "progress.yaml"
    term = ask("--questionnaire", str(EXAMPLE), "--lang", lang, "--save", str(saved), columns=80, cwd=tmp_path)
    for_my_business(term, q, _)
    term.expect(NUMBERS[lang][0])
    term.send(typed)
    term.expect(_("{value} is above the maximum, {maximum}.").format(value=_fmt(200000, lang),
                                                                     maximum=_fmt(100000, lang)))
    assert _("Did you mean {number}? [{yes}/{no}]").split("{")[0] not in term.screen  # nothing asked back
    term.expect(NUMBERS[lang][0])  # asked again
    term.send("12")
    assert _stop_and_read_saved(term, saved, q, _) == {"audience": "business", "staff": 12}


@pytest.mark.parametrize(("lang", "typed", "readings", "reply", "saved_value"), [
    # a lone decimal sign and three digits: the whole number the English way first, then the Dutch decimal
    ("nl", "200,000", (200000, 200), "2", 200),  # (200 000 asks "keep it anyway?": a plausibility rule)
    ("de", "5,000", (5000, 5), "1", 5000), ("en", "250.000", (250000, 250), "2", 250)])
def test_a_lone_decimal_sign_with_three_digits_offers_both(lang: str, typed: str, readings: tuple[int, int],
                                                           reply: str, saved_value: int, tmp_path: Path) -> None:
    """"200,000" in Dutch is 200 000 (the English way) or 200 (the Dutch way): both are offered when both are
    in range, as in the GUI, and the one chosen is saved."""
    from cloudwizard.engine.numbers import format_number

    _ = gettext_for(lang)
    wide = _wide_example(tmp_path)
    q = load(wide)
    saved = tmp_path / "progress.yaml"
    term = ask("--questionnaire", str(wide), "--lang", lang, "--save", str(saved), columns=80, cwd=tmp_path)
    for_my_business(term, q, _)
    term.expect(NUMBERS[lang][0].replace(_fmt(100000, lang), _fmt(10000000, lang)))
    term.send(typed)
    term.expect(_("Did you mean {first} (1) or {second} (2)? [1/2/{no}]").format(
        first=format_number(readings[0], lang, group=NBSP), second=format_number(readings[1], lang, group=NBSP),
        no=_("n")))
    term.send(reply)
    assert _stop_and_read_saved(term, saved, q, _) == {"audience": "business", "staff": saved_value}


def test_a_lone_decimal_sign_whose_whole_reading_is_out_of_range(tmp_path: Path) -> None:
    """"200,000" in Dutch on a question that takes at most 100 000: only 200 is asked back."""
    from cloudwizard.engine.numbers import format_number

    _ = gettext_for("nl")
    q = load(EXAMPLE)
    saved = tmp_path / "progress.yaml"
    term = ask("--questionnaire", str(EXAMPLE), "--lang", "nl", "--save", str(saved), columns=80, cwd=tmp_path)
    for_my_business(term, q, _)
    term.expect(NUMBERS["nl"][0])
    term.send("200,000")
    asked = term.expect(_("Did you mean {number}? [{yes}/{no}]").format(
        number=format_number(200, "nl", group=NBSP), yes=_("y"), no=_("n")))
    assert "(2)" not in asked
    term.send(_("y"))
    assert _stop_and_read_saved(term, saved, q, _) == {"audience": "business", "staff": 200}
