"""The shortened form of a huge number is translated with the message around it (issue 14 red-team)."""

from __future__ import annotations

import pytest

from cloudwizard.engine.diagnostic_text import translate

HUGE = "the number 999999999999…999999 (5000 digits) is too large: numbers must stay below 1.8e308 in size"
TAG = "the YAML tag '!!int' cannot stand on a mapping; remove the tag"


@pytest.mark.parametrize(("lang", "unit"), [("nl", "cijfers"), ("fr", "chiffres"), ("de", "Ziffern")])
def test_too_large_and_tag_messages_are_translated_whole(lang: str, unit: str) -> None:
    shown = translate(HUGE, lang)
    assert f"999999999999…999999 (5000 {unit})" in shown and "digits" not in shown and "too large" not in shown
    tag = translate(TAG, lang)
    assert "!!int" in tag and "cannot stand" not in tag


YAML_BOOL = "the unquoted 'no' is read as a yes/no boolean by YAML 1.1 tools; write it in quotes: 'no'"


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
def test_the_quotes_to_type_into_yaml_stay_typewriter_quotes(lang: str) -> None:
    """Found in review: the hint to quote a YAML word showed „no“ / « no », which YAML does not read as quotes."""
    shown = translate(YAML_BOOL, lang)
    assert shown.endswith(": 'no'"), shown
    assert shown != YAML_BOOL or lang == "en"  # translated (English: the prose quote is “no”)
    assert "'no' is read" not in shown  # the word named in prose has the language's quotes
