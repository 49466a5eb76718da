"""Questionnaire text cannot inject anything into reports: every text of the example questionnaire is
replaced by hostile HTML, Markdown and links, and no format lets any of it through as markup."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest
import yaml

from cloudwizard.engine.answers import answers_from_mapping
from cloudwizard.engine.loader import load_questionnaire_text
from cloudwizard.engine.model import Questionnaire
from cloudwizard.engine.recommender import recommend
from cloudwizard.engine.report import render

from .strategies import EXAMPLE_TEXT, dump

EVIL = ('<script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a>'
        ' [click](javascript:alert(4)) [file](file:///etc/passwd) ![i](http://evil.invalid/t.png)'
        ' <!-- c --> &amp; *em* `code` # heading | table |')
ANSWER_SETS = (
    {"audience": "consumer", "data_kinds": ["photos"], "sensitivity": 4, "offline_copy": "no",
     "notes": "<script>alert(5)</script> [x](javascript:alert(6))"},
    {"audience": "business", "staff": 80, "data_kinds": ["classified", "customers"], "sensitivity": 5,
     "peers": "yes", "offline_copy": "yes"},
)


def _poison(node: Any) -> Any:
    if isinstance(node, dict):
        if "en" in node and isinstance(node["en"], str):
            return {k: (f"{EVIL} {v}" if isinstance(v, str) else v) for k, v in node.items()}
        return {k: _poison(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_poison(v) for v in node]
    return node


@pytest.fixture(scope="module")
def evil() -> Questionnaire:
    result = load_questionnaire_text(dump(_poison(yaml.safe_load(EXAMPLE_TEXT))), "evil.yaml")
    assert result.report.errors == [], result.report.format()
    assert result.questionnaire is not None
    return result.questionnaire


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(k, v or "") for k, v in attrs]

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


@pytest.mark.parametrize("answers", ANSWER_SETS)
def test_html_report_lets_no_markup_through(evil: Questionnaire, answers: dict[str, Any]) -> None:
    rec = recommend(evil, answers_from_mapping(evil, answers))
    for lang in ("en", "nl"):
        html = render(rec, "html", lang)
        parser = _Tags()
        parser.feed(html)
        assert "script" not in parser.tags and "img" not in parser.tags
        assert not any(k.startswith("on") for k, _ in parser.attrs)
        assert all(v.startswith(("http://", "https://", "#")) for k, v in parser.attrs if k in ("href", "src"))
        assert "evil.invalid" not in " ".join(v for _, v in parser.attrs)
        assert not any(" c " in c for c in parser.comments)
        if lang == "en":
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("answers", ANSWER_SETS)
def test_markdown_report_escapes_links_and_markup(evil: Questionnaire, answers: dict[str, Any]) -> None:
    md = render(recommend(evil, answers_from_mapping(evil, answers)), "markdown", "en")
    assert re.findall(r"(?<!\\)<(?:script|img|a |!--)", md) == []  # every '<' of the text is escaped
    assert re.findall(r"(?<!\\)\[[^\]]*(?<!\\)\]\((?:javascript|file|http)", md) == []  # no live links
    assert "\\<script\\>" in md


@pytest.mark.parametrize("answers", ANSWER_SETS)
def test_json_report_is_data_only(evil: Questionnaire, answers: dict[str, Any]) -> None:
    data = json.loads(render(recommend(evil, answers_from_mapping(evil, answers)), "json", "en"))

    def urls(node: Any) -> list[str]:
        if isinstance(node, dict):
            return [v for k, v in node.items() if k == "url" and v] + [u for v in node.values() for u in urls(v)]
        if isinstance(node, list):
            return [u for v in node for u in urls(v)]
        return []

    assert all(u.startswith(("http://", "https://")) for u in urls(data))
