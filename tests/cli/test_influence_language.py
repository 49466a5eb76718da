"""``cloudwizard influence`` prints its table in the session's language (issue 11, words left English).

The real command (`cloudwizard.cli.main`, the language from ``LANG`` as for a user: the command has
no ``--lang``), two samples of the bundled questionnaire: the headings, the notes and the closing
sentence must be the catalog's, and none of the English ones may remain.
"""

from __future__ import annotations

import pytest

from cloudwizard.cli import main

#: The English words of the table and what each language says instead (the headings, notes, sums).
ENGLISH = ("shown", "precautions", "constraints", "notices", "never shown", "advice only", "IDLE",
           "change the result", "changes the result", " idle", "questions:")
EXPECTED = {
    "nl": ("vraag", "getoond", "voorzorgen", "randvoorwaarden", "meldingen", "opmerking", "nooit getoond",
           "alleen bijkomend advies", "vragen:", "veranderen het resultaat", "zonder invloed"),
    "fr": ("affichée", "précautions", "contraintes", "avis", "remarque", "jamais affichée",
           "conseils annexes seulement", "questions\u00a0:", "changent le résultat", "sans effet", "100\u00a0%"),
    "de": ("Frage", "gezeigt", "Vorkehrungen", "Randbedingungen", "Hinweise", "Anmerkung", "nie gezeigt",
           "nur begleitende Empfehlungen", "Fragen:", "ändern das Ergebnis", "ohne Wirkung", "100\u00a0%"),
}


def _influence(lang: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", {"nl": "nl_BE.UTF-8", "fr": "fr_BE.UTF-8", "de": "de_DE.UTF-8", "en": "C.UTF-8"}[lang])
    assert main(["influence", "--samples", "2"]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("lang", sorted(EXPECTED))
def test_the_table_is_in_the_language(lang: str, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    table = _influence(lang, capsys, monkeypatch)
    for word in EXPECTED[lang]:
        assert word in table, (word, table)
    for word in ENGLISH:
        assert word not in table, (word, table)
    head = table.splitlines()[0]
    assert head.split()[0] == {"nl": "vraag", "fr": "question", "de": "Frage"}[lang]


def test_english_keeps_its_words(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    table = _influence("en", capsys, monkeypatch)
    assert table.splitlines()[0].split() == ["question", "shown", "model", "layer", "precautions", "constraints",
                                              "notices", "note"]
    assert "never shown" in table and "100%" in table
    assert table.rstrip().splitlines()[-1].startswith("37 questions: ")


@pytest.mark.parametrize("lang", ["nl", "fr", "de", "en"])
def test_the_columns_line_up_under_their_headings(lang: str, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Each column is as wide as its heading in the language: every row's cells end under the heading's end."""
    lines = _influence(lang, capsys, monkeypatch).splitlines()
    head = lines[0]
    ends = [i + 1 for i in range(len(head) - 1) if head[i] != " " and head[i + 1] == " "][:7]
    for row in lines[2:]:
        if not row.strip():
            break
        for end in ends[1:]:
            assert row[end - 1] != " ", (end, head, row)
