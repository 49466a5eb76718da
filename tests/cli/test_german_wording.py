"""German says "Empfehlung" for "advice" everywhere (the terminal once mixed it with "Rat")."""

from __future__ import annotations

import re
from pathlib import Path

from cloudwizard.engine.i18n import gettext_for

PO = Path(__file__).resolve().parents[2] / "resources" / "locale" / "de" / "LC_MESSAGES" / "cloudwizard.po"


def _entries() -> list[tuple[str, str]]:
    """(msgid, msgstr) pairs of the German catalog, continuation lines joined."""
    pairs, msgid, msgstr, field = [], "", "", None
    for line in [*PO.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("msgid "):
            if msgid:
                pairs.append((msgid, msgstr))
            msgid, msgstr, field = line[7:-1], "", "id"
        elif line.startswith("msgstr "):
            msgstr, field = line[8:-1], "str"
        elif line.startswith('"') and field == "id":
            msgid += line[1:-1]
        elif line.startswith('"') and field == "str":
            msgstr += line[1:-1]
    if msgid:
        pairs.append((msgid, msgstr))
    return pairs


def test_advice_is_empfehlung_in_every_german_message() -> None:
    about_advice = [(i, s) for i, s in _entries() if re.search(r"\badvice\b", i, re.IGNORECASE) and s]
    assert len(about_advice) >= 20
    wrong = [s for _i, s in about_advice if re.search(r"\bRat(e?s)?\b|Ratschl", s)]
    assert wrong == []


def test_the_terminal_prompts_say_empfehlung() -> None:
    _ = gettext_for("de")
    assert "Empfehlung" in _("Press Enter to see the advice, b to go back, q to quit: ")
    assert "Empfehlung" in _("Press Enter for the advice, or type b or q.")
    assert "Empfehlung" in _("The advice is also saved in {path}.")
