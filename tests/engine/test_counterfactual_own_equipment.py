"""From "run it yourself" to a cloud pair: one change of the pair, compared on the model.

Running it yourself on your own equipment has no cloud service layer (``none``). Last session a
change that *made* the pair "run it yourself" stopped being a layer what-if; the reverse had not been
checked: a family's home NAS or a council's own server, told "if you answered … the advice would be
public cloud with SaaS", had that change labelled a *layer* what-if, so the result page compared
"Service layer: no cloud service layer" with "Service layer: SaaS" while the model was what changed.
These tests run every answers file of the bundled case corpus and the examples.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cloudwizard.engine.answers import read_answers
from cloudwizard.engine.decision.counterfactuals import MAX_COUNTERFACTUALS
from cloudwizard.engine.decision.kinds import RankingKind
from cloudwizard.engine.decision.scoring import tops
from cloudwizard.engine.loader import load_bundled
from cloudwizard.engine.model import NO_LAYER, ON_PREMISES, Questionnaire
from cloudwizard.engine.recommender import Recommendation, recommend
from cloudwizard.engine.report import build_view, render
from cloudwizard.engine.session import Session

REPO = Path(__file__).resolve().parents[2]
ANSWERS = sorted((REPO / "questionnaires" / "cases").glob("*.cwanswers.yaml")) + sorted(
    (REPO / "questionnaires" / "examples").glob("answers-*.yaml"))
LANGS = ("en", "nl", "fr", "de")


@pytest.fixture(scope="module")
def advice() -> tuple[Questionnaire, dict[str, Recommendation]]:
    """Every complete answers file's recommendation, with its what-ifs, by file name."""
    q = load_bundled()
    out: dict[str, Recommendation] = {}
    for path in ANSWERS:
        result = read_answers(path, q)
        if result.data is None or result.report.errors:
            continue
        session = Session.from_file(q, result.data)
        if session.is_complete():
            out[path.name] = recommend(q, session.effective_answers(), today="2026-12-01")
    assert len(out) >= 60, "the corpus is not where it was"
    return q, out


def _own_equipment(recs: dict[str, Recommendation]) -> dict[str, Recommendation]:
    found = {name: r for name, r in recs.items() if r.pair is not None and r.pair.model == ON_PREMISES}
    # the home NAS is one of them, and enough councils, hospitals and firms with their own servers
    assert "zz-family-home-nas-photos.cwanswers.yaml" in found and len(found) >= 10, sorted(found)
    return found


def test_GIVEN_run_it_yourself_WHEN_a_change_leads_to_a_cloud_pair_THEN_it_is_a_model_what_if_of_the_whole_pair(
        advice: tuple[Questionnaire, dict[str, Recommendation]]) -> None:
    q, recs = advice
    with_layer_change = 0
    for name, rec in _own_equipment(recs).items():
        assert rec.pair is not None and rec.pair.layer == NO_LAYER
        for cf in rec.what_would_change:
            # the model changes, the layer follows from it: never a layer what-if
            assert cf.kind is RankingKind.MODEL, (name, cf)
            assert cf.new_top != ON_PREMISES and cf.new_other != NO_LAYER, (name, cf)
            # the pair it names is the pair those answers give
            assert tops(q, cf.answers(rec.answers)) == (cf.new_top, cf.new_other), (name, cf)
            with_layer_change += 1
    assert with_layer_change >= 30


def test_GIVEN_run_it_yourself_WHEN_what_ifs_are_kept_THEN_the_cloud_pairs_it_leads_to_are_varied(
        advice: tuple[Questionnaire, dict[str, Recommendation]]) -> None:
    """The layer kind has nothing to say there, so the model kind keeps both kinds' share, one per new pair first.

    A council whose own server is the advice still hears that access from anywhere would make it
    public cloud with SaaS (it was a "layer" what-if before), beside private, community and hybrid.
    """
    _q, recs = advice
    for name, rec in _own_equipment(recs).items():
        cfs = rec.what_would_change
        assert len(cfs) <= 2 * MAX_COUNTERFACTUALS, name
        keys = [tuple((c.question_id, c.after) for c in cf.changes) for cf in cfs]
        assert len(set(keys)) == len(keys), name  # no change said twice
    council = recs["ch-oberengstringen-administration-server.cwanswers.yaml"]
    pairs = {(cf.new_top, cf.new_other) for cf in council.what_would_change}
    assert {("public", "saas"), ("private", "iaas"), ("community", "saas"), ("hybrid", "saas")} <= pairs
    assert any(c.question_id == "access_from" for cf in council.what_would_change for c in cf.changes)


def test_GIVEN_a_cloud_pair_WHEN_a_layer_what_if_is_found_THEN_neither_side_runs_it_yourself(
        advice: tuple[Questionnaire, dict[str, Recommendation]]) -> None:
    """Forward and reverse alike: a layer what-if is one cloud service layer for another."""
    _q, recs = advice
    layer_what_ifs = 0
    for name, rec in recs.items():
        assert rec.pair is not None
        for cf in rec.what_would_change:
            if cf.kind is RankingKind.LAYER:
                layer_what_ifs += 1
                assert rec.pair.layer != NO_LAYER and NO_LAYER not in (cf.new_top,), (name, cf)
                assert ON_PREMISES not in (rec.pair.model, cf.new_other), (name, cf)
    assert layer_what_ifs >= 20  # the check reached real layer what-ifs


@pytest.mark.parametrize("lang", LANGS)
def test_GIVEN_run_it_yourself_WHEN_reported_THEN_each_what_if_names_the_new_pair_in_every_format(
        advice: tuple[Questionnaire, dict[str, Recommendation]], lang: str) -> None:
    q, recs = advice
    for name, rec in _own_equipment(recs).items():
        view = build_view(rec, lang)
        markdown = render(rec, "markdown", lang)
        text = render(rec, "text", lang)
        for w in view.what_would_change:
            cf = rec.what_would_change[w.index]
            trial = build_view(recommend(q, cf.answers(rec.answers), counterfactuals=False, today="2026-12-01"),
                               lang)
            assert w.kind == "model", (name, w.text)
            # one pair change: the what-if names the pair those answers get, never the own pair
            assert w.new_top_name == trial.headline != view.headline, (name, w.text)
            assert trial.headline in w.text, (name, w.text)
            # compared on the model: the own column says the model, not "no cloud service layer"
            assert view.model.heading != trial.model.heading, (name, w.text)
            assert w.text in markdown, (name, lang, w.text)
            first_words = " ".join(w.text.split()[:4])
            assert first_words in " ".join(text.split()), (name, lang, first_words)
