"""The report: one typed view of a `Recommendation`, rendered as Markdown, HTML, text and JSON.

Escaping, hidden answers, comply-or-explain in every format, the language's own quotes and numbers.
"""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser

import pytest

from cloudwizard.engine.answers import answers_from_mapping
from cloudwizard.engine.loader import load_questionnaire_text
from cloudwizard.engine.model import Questionnaire
from cloudwizard.engine.recommender import Recommendation, recommend
from cloudwizard.engine.report import FORMATS, TEXT_FORMATS, Justification, build_view, render
from cloudwizard.engine.report import markdown as md
from cloudwizard.engine.report.document import build_document
from cloudwizard.engine.report.safety import safe_url
from cloudwizard.engine.report.style import long_date, number, quote
from cloudwizard.engine.report.terminal import render as render_terminal

from .minimal import BASIC

ANSWERS = {"who": "firm", "size": 60, "kinds": ["photos"], "offline": "no"}


@pytest.fixture(scope="module")
def bundled_questionnaire() -> Questionnaire:
    from cloudwizard.engine.loader import load_bundled

    return load_bundled()


@pytest.fixture
def q() -> Questionnaire:
    result = load_questionnaire_text(BASIC, "q.yaml")
    assert result.questionnaire is not None
    return result.questionnaire


def test_the_view_is_frozen_and_typed(q: Questionnaire) -> None:
    view = build_view(recommend(q, answers_from_mapping(q, ANSWERS), today="2026-03-04"), "en")
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.headline = "x"  # type: ignore[misc]
    assert view.date_iso == "2026-03-04" and view.date == "4 March 2026"
    assert view.headline == f"{view.model.recommended_name}, used as {view.layer.recommended_name}"
    assert len(view.top_reasons) <= 3
    for r in view.rankings:
        assert min(o.points for o in r.options) == 0  # points are never negative
        assert r.options[0].recommended


def test_json_keeps_the_documented_keys(q: Questionnaire) -> None:
    rec = recommend(q, answers_from_mapping(q, ANSWERS), today="2026-03-04")
    data = json.loads(render(rec, "json", "en"))
    assert data["deployment_model"]["recommended"] in ("public", "private", "community", "hybrid")
    assert data["service_layer"]["recommended"] in ("iaas", "paas", "saas")
    assert data["deployment_model"]["ranking"][0]["id"] == data["deployment_model"]["recommended"]
    assert {"reasons", "tradeoffs", "ranking", "confidence_level", "comparison"} <= set(data["deployment_model"])
    assert {"constraints", "precautions", "what_would_change", "answers", "date", "questionnaire", "summary"} <= set(data)
    assert data["date"] == "2026-03-04"
    assert data["questionnaire"] == {"id": "mini", "version": "1", "title": "Mini"}
    assert data["precautions"][0]["id"] == "backup"
    assert all(o["points"] >= 0 for o in data["deployment_model"]["ranking"])


def test_hidden_answers_never_reach_a_report(q: Questionnaire) -> None:
    rec = recommend(q, answers_from_mapping(q, {"who": "me", "size": 777, "kinds": ["none"]}))
    for fmt in TEXT_FORMATS:
        text = render(rec, fmt, "en")
        assert "777" not in text, fmt
        assert "Staff?" not in text, fmt


def test_questionnaire_text_cannot_inject_markup(q: Questionnaire) -> None:
    evil = BASIC.replace(
        "because: {en: Private use.}",
        "because: {en: \"<script>alert(1)</script> [x](javascript:alert(1)) *b* \\r# heading\\r- item\"}",
    )
    q2 = load_questionnaire_text(evil, "q.yaml").questionnaire
    assert q2 is not None
    rec = recommend(q2, answers_from_mapping(q2, {"who": "me", "kinds": ["none"]}))
    html = render(rec, "html", "en")
    assert "<script>" not in html and "&lt;script&gt;" in html

    class Links(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.hrefs: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.hrefs += [v or "" for k, v in attrs if k == "href"]

    parser = Links()
    parser.feed(html)
    assert all(h.startswith(("http://", "https://")) for h in parser.hrefs)
    text = render(rec, "markdown", "en")
    assert "\\<script\\>" in text and "\\[x\\]" in text and "\\*b\\*" in text
    # a bare CR does not start a Markdown block of its own
    assert not re.search(r"^(# heading|- item)", text, re.MULTILINE)


def test_markdown_links_only_for_plain_web_addresses() -> None:
    assert safe_url("https://example.org/a?b=1#c") == "https://example.org/a?b=1#c"
    for bad in ("javascript:alert(1)", "https://x.org/a b", "https://x.org/<img>", "https://x.org/\x1b[2J",
                "https://x.org/a> <img onerror=alert(1)>", "file:///etc/passwd", "http://"):
        assert safe_url(bad) == "", bad
    assert md.escape("1. not a list") == "1\\. not a list"
    assert md.escape("a\rb\r\nc") == "a b c"


def test_comply_or_explain_goes_into_every_format(q: Questionnaire) -> None:
    rec = recommend(q, answers_from_mapping(q, ANSWERS))
    other = next(o.id for o in rec.model.options if o.id != rec.model.recommended)
    why = Justification(other, "Our data centre contract runs until 2028.")
    for fmt in TEXT_FORMATS:
        assert "Our data centre contract runs until 2028." in render(rec, fmt, "en", why), fmt
    data = json.loads(render(rec, "json", "en", why))["comply_or_explain"]
    assert data["chosen_model"] == other and data["deviates"] is True
    view = build_view(rec, "en", Justification(other, "  "))
    assert view.comply_or_explain is not None and view.comply_or_explain.missing_reason


def test_comply_or_explain_appears_once_for_a_federal_body(bundled_questionnaire: Questionnaire) -> None:
    from pathlib import Path

    from cloudwizard.engine.answers import read_answers

    q = bundled_questionnaire
    path = Path(__file__).resolve().parents[2] / "questionnaires" / "examples" / "answers-federal.yaml"
    data = read_answers(path, q).data
    assert data is not None
    rec = recommend(q, data.answers)
    assert sum(1 for n in rec.notices if n.kind == "policy") >= 2  # two policy notices …
    text = render(rec, "markdown", "en")
    assert text.count("## Comply or explain") == 1  # … one comply-or-explain section


def test_report_language_follows_the_argument(example_questionnaire: Questionnaire) -> None:
    q = example_questionnaire
    rec = recommend(q, answers_from_mapping(q, {"audience": "consumer", "data_kinds": ["photos"], "sensitivity": 2,
                                                "offline_copy": "no"}))
    assert "Voorbeeldvragenlijst" in render(rec, "markdown", "nl")
    assert "Beispielfragebogen" in render(rec, "html", "de")
    # French prose has one kind of apostrophe
    assert json.loads(render(rec, "json", "fr"))["questionnaire"]["title"] == "Questionnaire d\u2019exemple"


def test_each_language_writes_its_own_quotes_numbers_and_dates() -> None:
    assert quote("oui", "fr") == "«\u00a0oui\u00a0»" and quote("ja", "de") == "„ja“" and quote("ja", "nl") == "“ja”"
    assert number(1500000, "en") == "1,500,000" and number(1500000, "de") == "1.500.000"
    assert number(1500000, "fr") == "1\u202f500\u202f000" and number(2.5, "nl") == "2,5"
    assert number(2026, "de") == "2026" and number(-3, "en") == "\u22123"
    assert long_date("2026-12-01", "fr") == "1er décembre 2026" and long_date("2026-03-04", "de") == "4. März 2026"


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
def test_report_numbers_use_the_one_table_of_separators(lang: str) -> None:
    from cloudwizard.engine.numbers import SEPARATORS, parse_number

    decimal, group, _read = SEPARATORS[lang]
    assert number(1234567.25, lang) == f"1{group}234{group}567{decimal}25"
    assert parse_number(number(1234567.25, lang), lang) == 1234567.25  # what a report writes reads back
    assert number(9999.5, lang, 0) == f"10{group}000" and number(1234.5, lang, 1) == f"1234{decimal}5"


def test_unknown_format_is_refused(q: Questionnaire) -> None:
    rec = recommend(q, answers_from_mapping(q, ANSWERS))
    with pytest.raises(ValueError, match="unknown format"):
        render(rec, "pdf", "en")  # the PDF is not a text format: cloudwizard.pdf makes it
    assert {"pdf", "print", "markdown", "html", "json", "text"} == set(FORMATS)


def test_terminal_report_is_wrapped_and_has_no_markdown(q: Questionnaire) -> None:
    rec = recommend(q, answers_from_mapping(q, ANSWERS))
    text = render_terminal(build_document(build_view(rec, "en")), width=60)
    assert all(len(line) <= 60 for line in text.splitlines())
    assert "|---" not in text and "**" not in text and "\x1b" not in text
    colored = render_terminal(build_document(build_view(rec, "en")), width=60, color=True)
    assert "\x1b[1m" in colored


def test_terminal_report_escapes_control_characters(q: Questionnaire) -> None:
    evil = BASIC.replace("because: {en: Private use.}", 'because: {en: "Hi\\e]0;owned\\a\\e[2J\\u009b"}')
    q2 = load_questionnaire_text(evil, "q.yaml").questionnaire
    assert q2 is not None
    rec = recommend(q2, answers_from_mapping(q2, {"who": "me", "kinds": ["none"]}))
    for text in (render_terminal(build_document(build_view(rec, "en")), color=True), render(rec, "text", "en"),
                 render(rec, "json", "en")):
        assert "\x07" not in text and "\x9b" not in text and "\x1b]" not in text and "\x1b[2J" not in text


def test_a_tie_names_both_options_and_what_would_decide(q: Questionnaire) -> None:
    # hybrid: firm +1, 60 staff +3 = 4; private: secret data +4 = 4 — a tie
    rec = recommend(q, answers_from_mapping(q, {"who": "firm", "size": 60, "kinds": ["secret"]}))
    assert rec.model.margin == 0
    view = build_view(rec, "en")
    call = next(c for c in view.close_calls if c.kind == "model")
    assert {call.first, call.second} == {"hybrid", "private"}  # the mini questionnaire has no option names
    assert call.is_tie and call.text.startswith("A tie between") and set(call.options) == {"hybrid", "private"}
    assert view.clarity.value == "close_call" and view.clarity_label == "close call"
    assert "equally well" in view.model.clarity_text
    assert call.decide.startswith(("What would decide:", "Compare the pros and cons"))
    summary = render(rec, "markdown", "en").split("## The details")[0]
    # in the summary, not only the details; the tie said once ("how sure" names it, then what would decide)
    assert view.close_call_line(call) in summary and call.decide.split(":")[0] in summary
    assert view.sureness in summary and summary.count("A tie between") == (call.text in view.close_call_line(call))
    assert summary.count("equally well") == 1  # the sureness says it; the tie's sentence does not again



@pytest.fixture(scope="module")
def sme_advice(bundled_questionnaire: Questionnaire) -> Recommendation:
    from pathlib import Path

    from cloudwizard.engine.answers import read_answers

    path = Path(__file__).resolve().parents[2] / "questionnaires" / "examples" / "answers-sme.yaml"
    data = read_answers(path, bundled_questionnaire).data
    assert data is not None
    return recommend(bundled_questionnaire, data.answers)


def test_a_change_that_turns_both_rankings_is_listed_once(sme_advice: Recommendation) -> None:
    view = build_view(sme_advice, "en")
    texts = [w.text for w in view.what_would_change]
    assert texts and len(set(texts)) == len(texts)  # "run it yourself" turns model and layer: said once
    listed = render(sme_advice, "markdown", "en").split("## What would change this advice")[1].split("\n## ")[0]
    items = [line for line in listed.splitlines() if line.startswith("- ")]
    assert len(items) == len(set(texts)) and len(set(items)) == len(items)
    assert "would be “You run it yourself" in listed  # a pair mid-sentence is quoted, not a capital in the middle


def test_html_keeps_dates_on_one_line(sme_advice: Recommendation) -> None:
    body = render(sme_advice, "html", "en").split("<body>")[1]
    assert re.search(r'<span class="nowrap">\d{4}-\d{2}-\d{2}</span>', body)
    assert not re.search(r"(?<!>)\b\d{4}-\d{2}-\d{2}\b(?!</span>)", body)  # every date, in citations and sources


@pytest.mark.parametrize(("lang", "small", "large"), [
    ("en", "1,500", "1,500,000"), ("nl", "1.500", "1.500.000"), ("de", "1.500", "1.500.000"),
    ("fr", "1\u202f500", "1\u202f500\u202f000")])
def test_numbers_in_quoted_answers_are_grouped_alike(lang: str, small: str, large: str) -> None:
    """1500 and 1500000 people are written with the same grouping rule, and Markdown shows no stray escape."""
    from pathlib import Path

    from cloudwizard.engine.answers import read_answers
    from cloudwizard.engine.loader import load_bundled

    q = load_bundled()
    shown = {}
    for name in ("sme", "federal"):
        data = read_answers(Path(f"questionnaires/examples/answers-{name}.yaml"), q).data
        assert data is not None
        md = render(recommend(q, data.answers), "markdown", lang)
        shown[name] = md
        assert "1\\." not in md.replace("1\\. ", "")  # "1\." only where a line would start a list
    assert f"**{small} " in shown["sme"] and f"**{large} " in shown["federal"]


def test_score_tables_have_no_empty_column_and_the_html_page_names_the_advice_and_prints_well() -> None:
    """A header for every column; the browser tab says the advice and the date; print rules."""
    from pathlib import Path

    from cloudwizard.engine.answers import read_answers
    from cloudwizard.engine.loader import load_bundled

    q = load_bundled()
    data = read_answers(Path("questionnaires/examples/answers-federal.yaml"), q).data
    assert data is not None
    rec = recommend(q, data.answers)
    view = build_view(rec, "de")
    md = render(rec, "markdown", "de")
    tables = [line for line in md.splitlines() if line.startswith("| ")]
    assert tables and not any("|  |" in line or line.endswith("| |") for line in tables)
    page = render(rec, "html", "de")
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title is not None
    assert view.labels.title in title.group(1) and view.headline in title.group(1) and view.date in title.group(1)
    assert "@media print" in page and "break-inside: avoid" in page
