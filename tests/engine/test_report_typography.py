"""French punctuation spacing: one function (`engine.typography.typeset`) for the report view, the
terminal and the GUI; no-break spaces before ; : ? ! and inside « », web addresses and code left alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cloudwizard.engine.answers import read_answers
from cloudwizard.engine.loader import load_bundled
from cloudwizard.engine.recommender import recommend
from cloudwizard.engine.report import render
from cloudwizard.engine.report.view import build_view
from cloudwizard.engine.typography import colon, typeset

NNBSP, NBSP = "\u202f", "\u00a0"
EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "questionnaires" / "examples").glob("answers-*.yaml"))
#: An ordinary (breakable) space before a high mark or inside guillemets: what must not be left in French.
LOOSE = re.compile(r" [;:?!»]|« ")


@pytest.mark.parametrize(("text", "expected"), [
    ("Quel cloud vous convient ?", f"Quel cloud vous convient{NNBSP}?"),
    ("Cloud public : des services ; lu le 1er", f"Cloud public{NBSP}: des services{NNBSP}; lu le 1er"),
    ("« souverain » veut dire", f"«{NBSP}souverain{NBSP}» veut dire"),
    ("«souverain»", f"«{NBSP}souverain{NBSP}»"),
    ("Pourquoi? Parce que!", f"Pourquoi{NNBSP}? Parce que{NNBSP}!"),
    ("Vraiment ?!", f"Vraiment{NNBSP}?!"),
    (f"déjà{NBSP}?", f"déjà{NNBSP}?"),  # the wrong no-break space becomes the right one
    ("Note:", f"Note{NBSP}:"),
])
def test_french_gets_no_break_spaces(text: str, expected: str) -> None:
    assert typeset(text, "fr") == expected
    assert typeset(expected, "fr") == expected  # idempotent: the view, then the terminal, may both typeset
    assert typeset(text, "fr-BE") == expected


@pytest.mark.parametrize("text", [
    "à 10:30 ou 3:1",                         # times and ratios
    "https://example.org/a?b=1&c=2",          # web addresses, with their ? and :
    "voir www.example.org/x?y",
    "le code `a ? b : c` reste",              # code between backticks
    "a!=b, x?y, {n:g} points",                # a mark inside a word, a placeholder
    "(?) douteux",                            # no space after an opening bracket
    "? en début de ligne\n! aussi",           # nothing to glue a mark to at a line's start
])
def test_urls_numbers_and_code_are_left_alone(text: str) -> None:
    assert typeset(text, "fr") == text


def test_a_space_after_an_address_is_typeset_but_not_the_address() -> None:
    assert typeset("voir https://ex.org/? ; puis", "fr") == f"voir https://ex.org/?{NNBSP}; puis"


@pytest.mark.parametrize("lang", ["en", "nl", "de"])
def test_other_languages_are_unchanged(lang: str) -> None:
    text = "Really ? « x » Note :"
    assert typeset(text, lang) == text
    assert colon(lang) == ": "


def test_the_label_colon_is_french_in_french() -> None:
    assert colon("fr") == f"{NBSP}: "


@pytest.mark.parametrize("answers", EXAMPLES, ids=lambda p: p.stem)
def test_every_french_report_text_is_typeset(answers: Path) -> None:
    q = load_bundled()
    data = read_answers(answers, q).data
    assert data is not None
    rec = recommend(q, data.answers)
    view = build_view(rec, "fr")
    texts = [view.headline, view.sureness, view.combination_text, *(r.text + " " + r.tag for r in view.reasons),
             *(i.title + " " + i.text for i in view.checklist), *(n.text for n in view.notices),
             *(a.question_text + " " + a.answer for s in view.answers for a in s.answers)]
    assert not [t for t in texts if LOOSE.search(t)]
    for fmt in ("markdown", "text"):
        out = render(rec, fmt, "fr")
        assert not LOOSE.findall(out), fmt
        assert NNBSP + "?" in out or NNBSP + ";" in out, fmt  # the questionnaire's own texts were typeset
    # English keeps its texts as written
    assert build_view(rec, "en").headline == build_view(rec, "en").pair.text


def test_french_reports_use_one_kind_of_apostrophe_and_continue_a_sentence_after_a_colon() -> None:
    """No "l'option" beside "l’option"; no capital after a colon that continues the sentence."""
    import re

    from cloudwizard.engine.answers import read_answers
    from cloudwizard.engine.loader import load_bundled
    from cloudwizard.engine.recommender import recommend
    from cloudwizard.engine.report import render
    from cloudwizard.engine.typography import apostrophes

    kept = "voir https://ex.be/l'a et `a'b`"
    assert apostrophes("l'option, " + kept, "fr") == "l\u2019option, " + kept
    assert apostrophes("l'option", "en") == "l'option"
    q = load_bundled()
    data = read_answers(Path("questionnaires/examples/answers-federal.yaml"), q).data
    assert data is not None
    rec = recommend(q, data.answers)
    for fmt in ("markdown", "text", "html"):
        out = render(rec, fmt, "fr")
        prose = re.sub(r"https?://\S+|<[^>]*>", "", out)
        assert not re.search(r"[^\W\d_]'[^\W\d_]", prose), fmt
        assert "\u2019" in prose
    md = render(rec, "markdown", "fr")
    assert re.search(r"Principe «\scomply or explain\s»\s:\*\* vous suivez", md)
    assert "Avantages de " not in md and "Inconvénients de " not in md
    assert not re.search(r"(?:Ce qui trancherait|À propos de « [^»]+ »)\u00a0:\**\s+[A-Z][a-z]", md)
