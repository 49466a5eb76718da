"""The report defects blind outside checkers found (session 21), checked in every language and format.

Tagged reasons said once, "no single change" for clear advice, the comparison with the option a near
tie names and grouped by option, the close call said once, sources merged with their dates in words,
terminal rules as wide as their headings, the summary box worded as the screen, and data kept on
the premises ruling out the hybrid cloud too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cloudwizard.engine.answers import answers_from_mapping, read_answers
from cloudwizard.engine.loader import load_bundled
from cloudwizard.engine.recommender import Recommendation, recommend
from cloudwizard.engine.report import build_view, render, terminal
from cloudwizard.engine.report.document import Document, Heading, build_document, comparison_groups
from cloudwizard.engine.report.terminal import width_of
from cloudwizard.engine.report.view import _SOURCE_ID

LANGS = ("nl", "fr", "de", "en")
Q = load_bundled()
EXAMPLES = Path(__file__).parents[2] / "questionnaires" / "examples"

#: The checkers' consumer: the data must stay at home, a clear advice to run it yourself.
AT_HOME = {
    "audience": "consumer", "based_in": "belgium", "consumer_data": ["documents", "photos"],
    "access_from": "several_devices", "sharing": "yes", "volume": "medium", "consumer_skills": "handy",
    "consumer_projects": "nothing", "budget": "upfront", "control_feeling": "refuse", "internet": "reliable",
    "data_types": ["own"], "data_location": "own_premises", "backup_frequency": "regularly",
    "backup_where": ["nas_server"], "backup_practices": ["versions_kept"], "loss_impact": "some", "exit_plan": "yes",
}


#: The checkers' federal body: a close call between IaaS and PaaS, the runner-up pair another cloud model.
FEDERAL = {
    "audience": "public_body", "based_in": "belgium", "government_level": "federal", "gcloud_use": "not_used",
    "staff": 1200, "turnover": "above_10m", "sector": "government", "org_apps": ["office", "own_software", "website"],
    "access_from": "anywhere", "load_pattern": "peaks", "downtime_cost": "serious", "existing_servers": "recent",
    "server_plan": "keep_some", "it_skills": "team", "budget": "no_preference", "internet": "reliable",
    "peers": "shared_platform", "dedicated": "preferred", "combine_clouds": "unknown",
    "data_types": ["others", "public_info", "special"], "people_count": 250000, "data_location": "own_country",
    "sovereignty": "preferred", "backup_frequency": "regularly", "backup_where": ["elsewhere", "nas_server"],
    "backup_practices": ["offline_copy", "versions_kept"], "loss_impact": "some", "lock_in": "high", "exit_plan": "yes",
}


def _texts(value: object) -> str:
    """Every text of a block (spans, titles), one after the other."""
    if isinstance(value, str):
        return value + " "
    if isinstance(value, tuple):
        return "".join(_texts(v) for v in value)
    if hasattr(value, "__dataclass_fields__"):
        return "".join(_texts(getattr(value, f)) for f in value.__dataclass_fields__)
    return ""


@pytest.fixture(scope="module")
def close_federal() -> Recommendation:
    return recommend(Q, answers_from_mapping(Q, FEDERAL))


@pytest.fixture(scope="module")
def at_home() -> Recommendation:
    return recommend(Q, answers_from_mapping(Q, AT_HOME))


def _example(name: str) -> Recommendation:
    data = read_answers(EXAMPLES / f"answers-{name}.yaml", Q).data
    assert data is not None
    return recommend(Q, data.answers)


@pytest.fixture(scope="module")
def examples() -> dict[str, Recommendation]:
    return {name: _example(name) for name in ("consumer", "sme", "federal")}


@pytest.mark.parametrize("lang", LANGS)
def test_every_top_reason_has_its_tag_and_cites_a_source_once(at_home: Recommendation,
                                                             examples: dict[str, Recommendation], lang: str) -> None:
    for rec in (at_home, *examples.values()):
        view = build_view(rec, lang)
        assert len(view.top_reasons) == 3
        for r in view.top_reasons:
            assert r.tag and r.source_tag.startswith("(" + r.tag + ")")
            # the sources are in the tag with their dates, not in the sentence as well
            assert not any(t.id in _SOURCE_ID.findall(r.text) for t in r.sources), r.text
            # a rule's reason names the question(s) it reads, not "a combination of your answers" alone
            if r.question.startswith("rule:"):
                assert any(mark in r.tag for mark in ("“", "«", "„")), r.tag
    home = build_view(at_home, lang)
    rule = next(r for r in home.top_reasons if r.question.startswith("rule:"))
    assert Q.text(Q.question("data_location").label, lang) in rule.tag and rule.sources


@pytest.mark.parametrize("lang", LANGS)
def test_clear_advice_says_no_single_change_would_alter_it(at_home: Recommendation, lang: str) -> None:
    view = build_view(at_home, lang)
    assert not view.what_would_change and view.no_change
    held = [r.question_text for r in view.top_reasons if r.question_text]
    assert held and all(q in view.no_change for q in held)
    for fmt in ("markdown", "html", "text"):
        out = " ".join(render(at_home, fmt, lang).replace("&#x27;", "'").split())
        assert view.labels.what_would_change in out and " ".join(view.no_change.split()[:6]) in out, fmt


@pytest.mark.parametrize("lang", LANGS)
def test_the_comparison_is_with_the_near_tie_and_grouped_by_option(close_federal: Recommendation,
                                                                 lang: str) -> None:
    view = build_view(close_federal, lang)
    call = view.sure.close_call
    assert call is not None and view.pair_comparison
    # the close call names IaaS and PaaS: the comparison is with PaaS, not with another cloud model
    assert view.pair_comparison_title.endswith(call.second) or call.second in view.pair_comparison_title
    groups = comparison_groups(view)
    assert len(groups) == 2 and len({lead for lead, _ in groups}) == 2
    assert call.first in groups[0][0] and call.second in groups[1][0]
    assert view.runner_up_pair is not None and view.runner_up_pair.model != view.pair.model  # the old comparison
    md = render(close_federal, "markdown", lang)
    for lead, items in groups:
        assert md.count(lead) == 1
        assert {i.marker for i in items} == {"advice", "other"}  # each option's own side and the other's
    # the close call said once in the summary: "how sure" names it, then what would decide
    summary = md.split("\n## ")[0]
    assert call.text not in summary and call.decide in summary and view.sureness in summary


@pytest.mark.parametrize("lang", LANGS)
def test_sources_are_merged_and_dated_in_words(at_home: Recommendation, examples: dict[str, Recommendation],
                                              lang: str) -> None:
    for rec in (at_home, *examples.values()):
        view = build_view(rec, lang)
        urls = [s.url for s in view.sources if s.url] + [r.url for r in view.further_reading if r.url]
        assert len(urls) == len(set(urls)), "a page listed twice"
        assert all(s.date_text and not re.fullmatch(r"\d{4}-\d\d-\d\d", s.date_text) for s in view.sources if s.date)
        md = render(rec, "markdown", lang)
        section = md.split("## " + view.labels.sources_and_reading)[1]
        assert not re.search(r"\), \d{4}-\d\d-\d\d", section), "an ISO date in the sources"
        assert md.count("## " + view.labels.sources_and_reading) == 1


@pytest.mark.parametrize("lang", LANGS)
def test_terminal_rules_are_as_wide_as_their_headings(at_home: Recommendation, examples: dict[str, Recommendation],
                                                     lang: str) -> None:
    for rec in (at_home, *examples.values()):
        lines = render(rec, "text", lang).split("\n")
        rules = [(lines[i - 1], line) for i, line in enumerate(lines) if line and set(line) <= {"─", "═"} and i]
        assert rules and all(width_of(head) == len(rule) for head, rule in rules), rules


def test_a_wide_heading_gets_a_rule_of_its_display_width() -> None:
    doc = Document("en", "t", "", "", "", (Heading(2, "データ"), Heading(2, "Quellen")))
    lines = terminal.render(doc, width=40).split("\n")
    assert "──────" in lines and "───────" in lines and "────────" not in lines


@pytest.mark.parametrize("lang", LANGS)
def test_the_summary_box_is_worded_as_the_screen(at_home: Recommendation, examples: dict[str, Recommendation],
                                                lang: str) -> None:
    for rec in (at_home, examples["federal"]):
        view = build_view(rec, lang)
        box = build_document(view).blocks[1]
        words = _texts(box)
        assert box.title == view.labels.our_advice  # "Our advice", as the screen's summary says
        assert view.for_example and view.for_example in words
        assert view.constraints and view.labels.requirements in words
        assert all(c.title in words for c in view.constraints)


@pytest.mark.parametrize("lang", LANGS)
def test_data_kept_on_the_premises_rules_out_the_hybrid_cloud(at_home: Recommendation, lang: str) -> None:
    view = build_view(at_home, lang)
    excluded = {o.id for o in view.model.options if o.excluded}
    assert {"public", "community", "hybrid"} <= excluded
    assert view.runner_up_pair is not None and view.runner_up_pair.model not in excluded
