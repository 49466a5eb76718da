"""``cloudwizard validate`` speaks the session's language (issue 14 leftover).

Every broken questionnaire of the corpus (``tests/data/bad/questionnaires``) is validated in
English and in nl/fr/de; each problem line keeps its ``FILE:LINE:COL: severity: message`` form,
and its message must differ from the English one, except for the messages listed in
`STILL_ENGLISH` (not translated yet: they stay wholly English, never half). A message that is
translated is one the translation tables know whole (`diagnostic_text.is_known`), its nested part
included.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cloudwizard.cli import main
from cloudwizard.engine.diagnostic_text import is_known
from cloudwizard.engine.i18n import gettext_for

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
FILES = sorted(p for p in (BAD / "questionnaires").glob("*.yaml") if p.is_file() and not p.is_symlink())
LANGS = ("nl", "fr", "de")
#: A problem line: the place, the severity and the message (the place is FILE or FILE:LINE:COL).
#: (French puts a no-break space before the colon after the severity: « erreur : ».)
LINE = re.compile(r"^(?P<place>questionnaires/[^:]+\.yaml(?::\d+:\d+)?): "
                  r"(?P<severity>[^:\u00a0]+)\u00a0?: (?P<message>.*)$")

#: English messages that no catalog translates yet (patterns of the whole message, its [ref] included).
STILL_ENGLISH: tuple[str, ...] = ()


def _typewriter(message: str) -> str:
    """An English message as its reader wrote it: English output quotes ids with “…”, the message ids with '…'."""
    return message.replace("\u201c", "'").replace("\u201d", "'")


def _validate(capsys: pytest.CaptureFixture[str], lang: str, path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(BAD)
    main(["validate", "--strict", "--lang", lang, str(path.relative_to(BAD))])
    out = capsys.readouterr()
    return out.err.splitlines() + out.out.splitlines()


def test_the_corpus_is_there() -> None:
    assert len(FILES) > 60


@pytest.mark.parametrize("lang", LANGS)
def test_validate_says_every_message_in_the_language(lang: str, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _ = gettext_for(lang)
    english_left: list[str] = []
    for path in FILES:
        english = _validate(capsys, "en", path, monkeypatch)
        shown = _validate(capsys, lang, path, monkeypatch)
        assert len(shown) == len(english), (path.name, shown)
        for en_line, line in zip(english, shown, strict=True):
            en_match, match = LINE.match(en_line), LINE.match(line)
            if en_match is None:  # the closing line: "FILE: invalid (2 problems)" / "FILE: valid (…)"
                assert match is None and line != en_line, (path.name, line)
                assert not re.search(r"\b(problems?|warnings?|valid|invalid)\b", line), line
                continue
            assert match is not None, (path.name, line)  # FILE:LINE:COL: severity: message, as in English
            assert match["place"] == en_match["place"]
            assert match["severity"] == _(en_match["severity"]) != en_match["severity"]
            if match["message"] == en_match["message"]:
                if not any(re.fullmatch(p, en_match["message"]) for p in STILL_ENGLISH):
                    english_left.append(f"{path.name}: {line}")
            else:  # translated: then wholly, never a translated frame around an English message
                assert is_known(_typewriter(re.sub(r" \[[^\]]*\]$", "", en_match["message"]))), (path.name, line)
    assert english_left == [], "\n".join(english_left)


@pytest.mark.parametrize(("lang", "words"), [("nl", "te groot"), ("fr", "trop grand"), ("de", "zu groß")])
def test_a_number_too_large_for_a_questionnaire_is_said_in_the_language(
        lang: str, words: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _validate(capsys, lang, BAD / "questionnaires" / "number_too_large_for_a_question.yaml", monkeypatch)
    assert any("1e+20" in line and words in line and "10^15" in line for line in lines), lines
    assert not any("too large" in line for line in lines), lines


def test_french_messages_use_the_typographic_apostrophe() -> None:
    from cloudwizard.engine.diagnostic_text import QUESTIONNAIRE_MESSAGES, WRAPPERS

    fr = gettext_for("fr")
    for msgid in (*WRAPPERS, *QUESTIONNAIRE_MESSAGES):
        text = fr(msgid)
        assert text != msgid, msgid
        assert not re.search(r"\w'\w", text.replace("'{quoted}'", "")), text
