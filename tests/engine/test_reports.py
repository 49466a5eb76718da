"""Reports: one structure rendered as JSON, Markdown and HTML; escaped; no hidden answers."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from cloudwizard.engine.answers import answers_from_mapping
from cloudwizard.engine.loader import load_questionnaire_text
from cloudwizard.engine.model import Questionnaire
from cloudwizard.engine.recommender import recommend
from cloudwizard.engine.reports import Justification, render, render_html, render_json, render_markdown

from .minimal import BASIC

ANSWERS = {"who": "firm", "size": 60, "kinds": ["photos"], "offline": "no"}


@pytest.fixture
def q() -> Questionnaire:
    result = load_questionnaire_text(BASIC, "q.yaml")
    assert result.questionnaire is not None
    return result.questionnaire


def test_json_has_the_documented_keys(q: Questionnaire) -> None:
    rec = recommend(q, answers_from_mapping(q, ANSWERS), today="2026-03-04")
    data = json.loads(render_json(rec, "en"))
    assert data["deployment_model"]["recommended"] in ("public", "private", "community", "hybrid")
    assert data["service_layer"]["recommended"] in ("iaas", "paas", "saas")
    assert data["deployment_model"]["ranking"][0]["id"] == data["deployment_model"]["recommended"]
    assert {"reasons", "tradeoffs", "ranking", "confidence_level"} <= set(data["deployment_model"])
    assert {"constraints", "precautions", "what_would_change", "answers", "date", "questionnaire"} <= set(data)
    assert data["date"] == "2026-03-04"
    assert data["questionnaire"] == {"id": "mini", "version": "1", "title": "Mini"}
    assert data["precautions"][0]["id"] == "backup"


def test_hidden_answers_never_reach_a_report(q: Questionnaire) -> None:
    answers = answers_from_mapping(q, {"who": "me", "size": 777, "kinds": ["none"]})
    rec = recommend(q, answers)
    for fmt in ("json", "markdown", "html"):
        text = render(rec, fmt, "en")
        assert "777" not in text, fmt
        assert "Staff?" not in text, fmt


def test_questionnaire_text_cannot_inject_markup(q: Questionnaire) -> None:
    evil = BASIC.replace(
        "because: {en: Private use.}",
        "because: {en: \"<script>alert(1)</script> [x](javascript:alert(1)) *b*\"}",
    )
    q2 = load_questionnaire_text(evil, "q.yaml").questionnaire
    assert q2 is not None
    rec = recommend(q2, answers_from_mapping(q2, {"who": "me", "kinds": ["none"]}))
    html = render_html(rec, "en")
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
    md = render_markdown(rec, "en")
    assert "\\<script\\>" in md and "\\[x\\]" in md and "\\*b\\*" in md


def test_comply_or_explain_goes_into_every_format(q: Questionnaire) -> None:
    rec = recommend(q, answers_from_mapping(q, ANSWERS))
    why = Justification("private", "Our data centre contract runs until 2028.")
    for fmt in ("json", "markdown", "html"):
        assert "Our data centre contract runs until 2028." in render(rec, fmt, "en", why)
    assert json.loads(render_json(rec, "en", why))["comply_or_explain"]["chosen_model"] == "private"


def test_report_language_follows_the_argument(example_questionnaire: Questionnaire) -> None:
    q = example_questionnaire
    rec = recommend(q, answers_from_mapping(q, {"audience": "consumer", "data_kinds": ["photos"], "sensitivity": 2,
                                                "offline_copy": "no"}))
    assert "Voorbeeldvragenlijst" in render_markdown(rec, "nl")
    assert "Beispielfragebogen" in render_html(rec, "de")
    assert json.loads(render_json(rec, "fr"))["questionnaire"]["title"] == "Questionnaire d'exemple"


def test_unknown_format_is_refused(q: Questionnaire) -> None:
    rec = recommend(q, answers_from_mapping(q, ANSWERS))
    with pytest.raises(ValueError, match="unknown format"):
        render(rec, "pdf", "en")
