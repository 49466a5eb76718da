"""`cloudwizard evaluate` speaks the session's language: its frame, the option names, who decided, the questions.

An advice centre reads "Nuage public", not ``public``; a case by its title in the language (the case
file's ``titles``; its id, which names the file, in brackets); the answers that decided a case by
question text and answer label. ``--json`` keeps the ids.
"""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stderr, redirect_stdout
from functools import cache

import pytest

from cloudwizard import cli
from cloudwizard.engine.diagnostics import Report
from cloudwizard.engine.evaluation import (
    AUDIENCES,
    Case,
    audience_label,
    bundled_cases,
    find_case_files,
    read_case,
)
from cloudwizard.engine.i18n import gettext_for
from cloudwizard.engine.loader import load_bundled
from cloudwizard.engine.report.view import option_name

from ..cli.ptyterm import REPO

#: English phrases of the frame (none of them French, Dutch or German as well)
FRAME = ("cases evaluated", "Deployment model", "Service layer", "(rows:", "stated \\", "Disagreements", "The advice",
         "The source", "Calibration ", "without an answers file", "problems", "decided it", "Answer to", "combination of",
         "numbered as its row")
#: Ids that used to stand in the tables and the disagreements
IDS = ("on-premises", "not-stated", "public/", "/saas", "/iaas", "/paas", "/none", "[calibration", "[validation",
       "federal-public", "regional-public", "local-public", "large-company", " = ")


@cache
def _evaluate(lang: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        assert cli.main(["evaluate", "--lang", lang]) == 0
    return out.getvalue()


@cache
def _cases() -> tuple[Case, ...]:
    return tuple(c for c in (read_case(p, Report()) for p in find_case_files([bundled_cases()])) if c is not None)


def _titles(lang: str) -> tuple[str, ...]:
    """Each bundled case as the report names it in `lang`: "title (id)", spaces folded."""
    return tuple(" ".join(f"{c.title_in(lang)} ({c.id})".split()) for c in _cases())


def _without_titles(text: str, lang: str) -> str:
    """The output with the case titles of `lang` taken out (they are no catalog text), spaces folded."""
    flat = " ".join(text.split())
    for title in sorted(_titles(lang), key=len, reverse=True):
        flat = flat.replace(title, "")
    return flat


def _catalog_english(lang: str) -> list[str]:
    """Pieces (12+ characters, between placeholders) of every catalog msgid translated differently in `lang`."""
    po = (REPO / "resources" / "locale" / lang / "LC_MESSAGES" / "cloudwizard.po").read_text(encoding="utf-8")
    pieces = []
    for mid, mstr in re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"$', po, re.M):
        if not mstr or mstr == mid:
            continue
        pieces += [p.strip() for p in re.split(r"\{[^}]*\}", mid.replace('\\"', '"')) if len(p.strip()) >= 12]
    return pieces


@pytest.mark.parametrize("lang", ["nl", "fr", "de"])
def test_the_frame_is_translated(lang: str) -> None:
    text = _evaluate(lang).replace("\u00a0", " ").replace("\u202f", " ")  # French no-break spaces
    _ = gettext_for(lang)
    assert text.splitlines()[0].endswith(_("{evaluated} of {found} cases evaluated").split("{found}")[-1])
    assert _("Disagreements: {count}").split("{count}")[0].replace("\u00a0", " ").strip() in text
    flat = _without_titles(text, lang)
    for word in FRAME:
        assert word not in flat, (lang, word)


@pytest.mark.parametrize("lang", ["nl", "fr", "de"])
def test_no_english_source_string_in_the_output(lang: str) -> None:
    flat = _without_titles(_evaluate(lang), lang).replace("\u00a0", " ").replace("\u202f", " ")
    english = [p for p in _catalog_english(lang) if p in flat]
    assert english == [], english
    q = load_bundled()
    for question in q.questions:  # the questions and answers in the language, not in English
        en, there = q.text(question.label, "en"), q.text(question.label, lang)
        if en != there:
            assert en not in flat, (lang, en)


@pytest.mark.parametrize("lang", ["nl", "fr", "de"])
def test_options_audiences_and_splits_are_named_not_given_by_id(lang: str) -> None:
    text = _evaluate(lang)
    q = load_bundled()
    flat = " ".join(text.split())
    for option in ("public", "private", "community", "hybrid", "on_premises", "saas", "paas", "iaas", "none"):
        name = option_name(q, option, lang)
        assert name[:1].upper() + name[1:] in flat, (lang, option, name)  # in the confusion tables
    for word in IDS:
        assert word not in flat, (lang, word)
    audiences = {audience_label(a, lang) for a in AUDIENCES}
    assert len(audiences) == len(AUDIENCES) and all(a not in AUDIENCES for a in audiences)
    _ = gettext_for(lang)
    split = _("calibration")
    assert re.search(rf"^{re.escape(split[:1].upper() + split[1:])} · \S", text, re.M)
    # a disagreeing case: its title, then its id in brackets (the file's name)
    assert any(t in flat for t in _titles(lang))


@pytest.mark.parametrize("lang", ["nl", "fr", "de"])
def test_cases_are_named_by_their_title_in_the_language(lang: str) -> None:
    flat = " ".join(_evaluate(lang).replace("\u00a0", " ").replace("\u202f", " ").split())
    named = [c for c in _cases() if f"({c.id})" in flat]
    assert named, "no case is named"
    for case in named:
        assert case.titles.get(lang), f"{case.id} has no {lang} title"
        assert " ".join(f"{case.title_in(lang)} ({case.id})".replace("\u202f", " ").split()) in flat, (lang, case.id)
        assert " ".join(case.title.split()) not in flat, (lang, case.id)  # no English title left


def test_every_bundled_case_has_its_title_in_each_language() -> None:
    missing = [f"{c.id}: {lang}" for c in _cases() for lang in ("nl", "fr", "de") if not c.titles.get(lang)]
    assert not missing, missing
    # a translation, not the English copied
    for lang in ("nl", "fr", "de"):
        assert all(c.titles[lang] != c.title for c in _cases()), lang


def test_in_french_the_options_are_french_and_the_answers_quoted_in_guillemets() -> None:
    text = " ".join(_evaluate("fr").replace("\u00a0", " ").replace("\u202f", " ").split())
    assert "Cloud public" in text and "Cloud communautaire" in text
    assert "Réponse à « " in text and "La source : " in text and "Le conseil : " in text
    assert "Public cloud" not in text and "Community cloud" not in text


def test_english_reads_the_same_way() -> None:
    text = _evaluate("en")
    assert any(t in " ".join(text.split()) for t in _titles("en"))  # the English titles
    assert text.splitlines()[0].endswith("cases evaluated")
    assert "stated \\ advice" in text and "Disagreements: " in text
    assert "Public cloud" in text and "Run it yourself on your own equipment (no cloud)" in text
    assert "Federal or national public body" in text


@pytest.mark.parametrize("lang", ["nl", "fr", "de"])
def test_json_keeps_the_ids(lang: str) -> None:
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        assert cli.main(["evaluate", "--json", "--lang", lang]) == 0
    data = json.loads(out.getvalue())
    assert {"cases", "calibration", "validation"} <= set(data)
    assert {"n", "model", "layer"} <= set(data["calibration"]) and {"n", "model", "layer"} <= set(data["validation"])
    outcome = data["outcomes"][0]
    assert outcome["advice"]["model"] in ("public", "private", "community", "hybrid", "on_premises")
    assert outcome["audience"] in AUDIENCES and outcome["split"] in ("calibration", "validation")
    q = load_bundled()
    assert all(r["question"] in q.question_index or r["question"].startswith("rule:")
               for o in data["outcomes"] for r in o["reasons"])
