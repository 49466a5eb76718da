"""Every word of the reports is translated, and stays so.

1. Every translatable string of the source is in each catalog, translated. Babel's extractor does
   not look inside f-strings (``f"## {_('Sources')}"``): that is how ten report headings stayed
   English. So the source is also walked with `ast`, which sees those calls.
2. Every format, rendered in nl/fr/de for each example answers file, contains no English text of
   the catalog (a message id that has a translation of its own).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cloudwizard.engine.answers import read_answers
from cloudwizard.engine.i18n import gettext_for
from cloudwizard.engine.loader import load_bundled
from cloudwizard.engine.model import Questionnaire
from cloudwizard.engine.recommender import Recommendation, recommend
from cloudwizard.engine.report import TEXT_FORMATS, Justification, build_view, render_text
from cloudwizard.engine.report.document import build_document
from cloudwizard.engine.report.terminal import render as render_terminal
from tests.cli.test_report_terminal import overlong
from tools.translations import ast_msgids

babel = pytest.importorskip("babel.messages.pofile", reason="Babel is needed to read the catalogs")

REPO = Path(__file__).resolve().parents[2]
LOCALE = REPO / "resources" / "locale"
EXAMPLES = sorted((REPO / "questionnaires" / "examples").glob("answers-*.yaml"))
LANGS = ("nl", "fr", "de")


def source_msgids() -> set[str]:
    """Every string literal passed to _(), self._(), N_(), tr(), ngettext() or gettext_for(lang)() in the
    package, f-strings included (the walk ``tools/translations.py extract`` uses too)."""
    return ast_msgids(REPO / "cloudwizard")


def babel_msgids(tmp_path: Path) -> set[str]:
    pot = tmp_path / "now.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "--no-location", "--omit-header",
                    "-k", "N_", "-k", "_", "-k", "tr", "-o", str(pot), "cloudwizard"],
                   check=True, cwd=REPO, capture_output=True)
    with pot.open("rb") as fh:
        return {m.id for m in babel.read_po(fh) if m.id and isinstance(m.id, str)}


def catalog(lang: str) -> dict[str, str]:
    """msgid -> translation; a plural entry gives its singular and plural ids, translated when every form is."""
    out: dict[str, str] = {}
    with (LOCALE / lang / "LC_MESSAGES" / "cloudwizard.po").open("rb") as fh:
        for m in babel.read_po(fh):
            if m.id and isinstance(m.id, str):
                out[m.id] = m.string
            elif m.id and isinstance(m.id, tuple):
                forms = m.string if isinstance(m.string, tuple) else (m.string,)
                for mid, form in zip(m.id, forms, strict=False):
                    out[mid] = form if all(forms) else ""
    return out


def test_the_ast_walk_finds_what_babel_misses(tmp_path: Path) -> None:
    found = source_msgids()
    assert babel_msgids(tmp_path) <= found | {""}  # nothing Babel sees is missed here …
    assert "Sources" in found and "Comply or explain" in found  # … and report headings are seen


@pytest.mark.parametrize("lang", LANGS)
def test_every_source_string_is_in_the_catalog_translated(lang: str, tmp_path: Path) -> None:
    messages = catalog(lang)
    missing = sorted(m for m in source_msgids() | babel_msgids(tmp_path) if not messages.get(m))
    assert not missing, f"missing or untranslated in {lang}: {missing}"


@pytest.fixture(scope="module")
def bundled() -> Questionnaire:
    return load_bundled()


@pytest.fixture(scope="module")
def recommendations(bundled: Questionnaire) -> dict[str, Recommendation]:
    out = {}
    for path in EXAMPLES:
        data = read_answers(path, bundled).data
        assert data is not None, path
        out[path.stem] = recommend(bundled, data.answers)
    return out


#: English phrases that the translations rightly keep (names, terms of art).
SAME_IN: dict[str, set[str]] = {"nl": set(), "fr": set(), "de": set()}


def english_phrases(lang: str) -> list[str]:
    """The English texts of the catalog, cut at placeholders, as phrases to look for in the output.

    A translation copied from the English is caught too: only `SAME_IN` may stay English.
    """
    out = []
    for msgid in catalog(lang):
        for piece in re.split(r"\{[^{}]*\}|[“”\"«»„]", msgid):
            piece = piece.strip(" .,:;()…—-&")
            if len(piece) >= 9 and " " in piece and piece not in SAME_IN[lang]:  # prose, not a name
                out.append(piece)
    return sorted(set(out))


@pytest.mark.parametrize("lang", LANGS)
def test_no_english_in_any_format(lang: str, recommendations: dict[str, Recommendation]) -> None:
    phrases = english_phrases(lang)
    assert len(phrases) > 50  # the check has teeth
    for name, rec in recommendations.items():
        other = next(o.id for o in rec.model.options if o.id != rec.model.recommended)
        view = build_view(rec, lang, Justification(other, "—"))
        outputs = {fmt: render_text(view, fmt) for fmt in TEXT_FORMATS}
        outputs["terminal"] = render_terminal(build_document(view), width=100, color=False)
        _ = gettext_for(lang)
        for fmt, text in outputs.items():
            flat = " ".join(text.split())
            leaked = [p for p in phrases if p in flat]
            assert not leaked, f"{name} {lang} {fmt}: English left: {leaked}"
            for heading in ("Sources", "Further reading", "Comply or explain", "Option", "Justification"):
                assert _(heading) != heading or heading in ("Option", "Justification", "Sources"), heading


# -- the command line, as a user runs it -------------------------------------------------------

ALL_LANGS = ("en", *LANGS)


def _leaks(text: str, phrases: list[str]) -> list[str]:
    flat = " ".join(text.split())
    return [p for p in phrases if p in flat]


def _json_texts(value: object) -> str:
    """Every string of a JSON document, one after the other (what a reader of the JSON would show)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "\n".join(_json_texts(v) for v in value.values())
    if isinstance(value, list):
        return "\n".join(_json_texts(v) for v in value)
    return ""


@pytest.mark.parametrize("answers", EXAMPLES, ids=lambda p: p.stem)
def test_recommend_writes_every_text_format_in_every_language(answers: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``cloudwizard recommend --format X`` for every text format of `FORMATS`: it works, and nl/fr/de say no English."""
    import json

    from cloudwizard.cli import main
    from cloudwizard.engine.report import FILE_FORMATS, FORMATS

    formats = [f for f in FILE_FORMATS if FORMATS[f].render is not None]
    assert set(formats) == {"markdown", "html", "text", "json"}
    for lang in ALL_LANGS:
        phrases = english_phrases(lang) if lang != "en" else []
        for fmt in formats:
            assert main(["recommend", "--answers", str(answers), "--lang", lang, "--format", fmt]) == 0, (lang, fmt)
            out = capsys.readouterr().out
            assert len(out) > 2000, (lang, fmt)
            shown = _json_texts(json.loads(out)) if fmt == "json" else out
            assert not _leaks(shown, phrases), f"{answers.stem} {lang} {fmt}: English left: {_leaks(shown, phrases)}"


def _run_in_pty(args: list[str], columns: int, rows: int) -> str:
    """`cloudwizard ARGS` on a pseudo-terminal of that size (no pager: it is tall enough); what it printed."""
    import os

    from tests.cli.test_report_terminal import run_in_pty

    env = {k: v for k, v in os.environ.items() if k not in ("PAGER", "LESS", "COLUMNS", "LINES")}
    env.update(NO_COLOR="1", TERM="xterm", PAGER="false")  # a pager that would be used fails loudly
    return run_in_pty(args, env, columns=columns, rows=rows)


@pytest.mark.parametrize("answers", EXAMPLES, ids=lambda p: p.stem)
def test_recommend_on_a_terminal_says_no_english(answers: Path) -> None:
    """The terminal's own format (``recommend`` with no ``--format`` on a terminal), as a user sees it."""
    for lang in ALL_LANGS:
        text = _run_in_pty(["recommend", "--answers", str(answers), "--lang", lang], columns=90, rows=2000)
        assert "\x1b[" not in text and "**" not in text and "|---" not in text, lang  # the terminal's, not Markdown
        assert overlong(text, 90) == [], lang
        if lang != "en":
            assert not _leaks(text, english_phrases(lang)), f"{answers.stem} {lang}: {_leaks(text, english_phrases(lang))}"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize("answers", EXAMPLES, ids=lambda p: p.stem)
def test_recommend_pdf_says_no_english(answers: Path, tmp_path: Path) -> None:
    """``recommend --format pdf -o`` in every language; the PDF's text (pdftotext) has no English in nl/fr/de."""
    for lang in ALL_LANGS:
        pdf = tmp_path / f"{answers.stem}-{lang}.pdf"
        done = subprocess.run([sys.executable, "-m", "cloudwizard", "recommend", "--answers", str(answers),
                               "--lang", lang, "--format", "pdf", "-o", str(pdf)],
                              capture_output=True, text=True, cwd=REPO, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert len(text) > 2000 and "\f" in text, lang  # several pages of text
        if lang != "en":
            assert not _leaks(text, english_phrases(lang)), f"{answers.stem} {lang} pdf: {_leaks(text, english_phrases(lang))}"
        if lang == "fr":  # a no-break space keeps ; : ? ! » on the line of the word before
            assert not re.findall(r"(?m)^\s*[;:?!»]", text), lang
