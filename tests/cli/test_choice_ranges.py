"""Multiple choice takes ranges ("1-3", "1–3", "1 - 3"); the exclusive-choice rule still holds, and a
refused entry is named with the reason. Driven through a pseudo-terminal at 40, 80 and 120 columns
in all four languages; what was saved is read back."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from cloudwizard.engine.answers import read_answers
from cloudwizard.engine.i18n import gettext_for
from cloudwizard.engine.loader import load
from cloudwizard.terminal import TerminalAsker
from tests.cli.ptyterm import Terminal, words_intact

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "questionnaires" / "examples" / "example.yaml"
PROMPTS = {"nl": ("Nummer:", "personen:", "spaties:"), "fr": ("Numéro :", "personnes :", "espaces :"),
           "de": ("Nummer:", "Personen:", "Leerzeichen:"), "en": ("Number:", "people:", "spaces:")}


@pytest.fixture(autouse=True)
def _in_a_temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run that ends early keeps its answers in the current folder: never the repository's."""
    monkeypatch.chdir(tmp_path)


def _data_kinds(entries: list[str], lang: str = "en") -> tuple[object, str]:
    """Answer business, 12 staff, then `entries` at the data question; returns (its answer, the output)."""
    out = io.StringIO()
    asker = TerminalAsker(load(EXAMPLE), lang, io.StringIO("\n".join(["2", "12", *entries]) + "\n"), out, width=80)
    asker.run()
    return asker.session.answer("data_kinds"), out.getvalue()


@pytest.mark.parametrize("entry", ["1-3", "1–3", "1 - 3", "1 – 3", "3 1-2", "1-2,3", "2-3 1", "1-1 2 3"])
def test_a_range_stands_for_every_number_in_it(entry: str) -> None:
    answer, _out = _data_kinds([entry])
    assert answer == frozenset({"photos", "customers", "classified"})


@pytest.mark.parametrize(("entry", "said"), [
    ("3-1", "'3-1': a range goes from the lower number to the higher, e.g. 1-3."),
    ("2-7", "'2-7' goes beyond the choices: the numbers are 1 to 4."),
    ("0-2", "'0-2' goes beyond the choices: the numbers are 1 to 4."),
    ("1-", "'1-' is not one of the numbers 1 to 4"),
    ("1-2-3", "'1-2-3' is not one of the numbers 1 to 4"),
])
def test_a_range_that_cannot_be_read_is_refused_by_name(entry: str, said: str) -> None:
    answer, out = _data_kinds([entry, "1"])
    assert words_intact(out, said)
    assert answer == frozenset({"photos"})  # nothing of the refused entry was kept


def test_a_range_over_the_exclusive_choice_is_refused() -> None:
    answer, out = _data_kinds(["2-4", "2"])
    assert words_intact(out, "4 (Nothing special) cannot be chosen together with 2 (Customer data), "
                             "3 (Classified information)")
    assert answer == frozenset({"customers"})


def test_a_single_choice_question_refuses_a_range() -> None:
    out = io.StringIO()
    asker = TerminalAsker(load(EXAMPLE), "en", io.StringIO("1-2\n1\n"), out, width=80)
    asker.run()
    assert "Not understood: choose one number" in out.getvalue()
    assert asker.session.answer("audience") == "consumer"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminals as on Linux")
@pytest.mark.parametrize("columns", [40, 80, 120])
@pytest.mark.parametrize("lang", ["nl", "fr", "de", "en"])
def test_ranges_at_a_terminal(lang: str, columns: int, tmp_path: Path) -> None:
    _ = gettext_for(lang)
    q = load(EXAMPLE)
    labels = {c.id: q.text(c.label, lang) for c in q.question("data_kinds").choices}
    saved = tmp_path / "a.yaml"
    term = Terminal(["ask", "--questionnaire", str(EXAMPLE), "--lang", lang, "--save", str(saved)],
                    columns=columns, cwd=tmp_path)
    choice, people, several = PROMPTS[lang]
    term.expect(choice)
    term.send("2")
    term.expect(people)
    term.send("12")
    term.expect(several)
    term.send("1-4")  # runs into "nothing special"
    refusal = term.expect(several)
    assert words_intact(refusal, f"4 ({labels['nothing']})") and words_intact(refusal, f"1 ({labels['photos']})")
    term.send("3 - 1")
    refusal = term.expect(several)
    assert words_intact(refusal, _("'{value}': a range goes from the lower number to the higher, e.g. {low}-{high}.")
                        .format(value="3-1", low=1, high=3))
    term.send("2–9")
    refusal = term.expect(several)
    assert words_intact(refusal, _("'{value}' goes beyond the choices: the numbers are 1 to {count}.")
                        .format(value="2–9", count=4))
    term.send("1–2 3")  # an en dash, as word processors write it
    term.expect({"nl": "zeer):", "fr": "très) :", "de": "sehr):", "en": "very):"}[lang])
    term.send_raw(b"\x04")
    assert term.wait() == 1
    assert term.overlong_lines() == [] or all(str(saved) in line for line in term.overlong_lines())
    result = read_answers(saved, q)
    assert result.data is not None
    assert result.data.answers == {"audience": "business", "staff": 12,
                                   "data_kinds": frozenset({"photos", "customers", "classified"})}
