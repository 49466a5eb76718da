"""``cloudwizard kiosk-pin`` refuses in the session's language (issue 11: no English left in nl/fr/de).

The real command (`cloudwizard.cli.main`, the language from ``LANG``: the command has no ``--lang``):
too few iterations and a PIN that is not 6 to 12 digits are refused with the language's words, its
number grouping and its colon after the severity.
"""

from __future__ import annotations

import io

import pytest

from cloudwizard.cli import main

SAID = {
    "nl": ("fout: --iterations 5 is te weinig: gebruik er minstens 200.000", "fout: de pincode moet 6 tot 12 cijfers"),
    "fr": ("erreur\u00a0: --iterations 5 est trop peu\u00a0: utilisez-en au moins 200\u202f000",
           "erreur\u00a0: le code PIN doit compter 6 à 12 chiffres"),
    "de": ("Fehler: --iterations 5 ist zu wenig: verwenden Sie mindestens 200.000", "Fehler: die PIN muss 6 bis 12 Ziffern"),
    "en": ("error: --iterations 5 is too few: use at least 200,000", "error: the PIN must be 6 to 12 digits"),
}
LOCALES = {"nl": "nl_BE.UTF-8", "fr": "fr_BE.UTF-8", "de": "de_DE.UTF-8", "en": "C.UTF-8"}


@pytest.mark.parametrize("lang", sorted(SAID))
def test_refusals_in_the_language(lang: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", LOCALES[lang])
    few, short = SAID[lang]
    assert main(["kiosk-pin", "--iterations", "5"]) == 2
    err = capsys.readouterr().err
    assert few in err, err
    monkeypatch.setattr("sys.stdin", io.StringIO("12\n"))
    assert main(["kiosk-pin", "--stdin"]) == 1
    err = capsys.readouterr().err
    assert short in err, err
    if lang != "en":
        assert "nothing was made" not in err and "error:" not in err
