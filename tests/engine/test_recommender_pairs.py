"""The decision model: first candidates, running it yourself, pairs, split advice, clarity, plausible what-ifs."""

from __future__ import annotations

from typing import Any

import pytest

from cloudwizard.engine.loader import load_questionnaire_text
from cloudwizard.engine.model import Questionnaire
from cloudwizard.engine.recommender import (
    Clarity,
    Combination,
    Pair,
    RankingKind,
    clarity_for,
    recommend,
)

from .minimal import ME_OR_FIRM, mini

Q = mini(
    audiences=ME_OR_FIRM,
    body="""\
    constraints:
      - id: platform
        title: {en: Sector platform}
        reason: {en: There is one.}
        prefers: [community]
      - id: at_home
        title: {en: At home}
        reason: {en: Stays here.}
        rules_out: [public, community]
    sections:
      - id: s1
        title: {en: One}
        questions:
          - id: who
            type: single
            what_if: false
            label: {en: Who?}
            choices:
              - {id: me, label: {en: Me}, score: {public: 2, saas: 2}, because: {en: Private use.}}
              - {id: firm, label: {en: Firm}, score: {public: 3}, because: {en: A firm.}}
          - id: needs
            type: multiple
            needs: true
            label: {en: Needs?}
            choices:
              - {id: mail, label: {en: Mail}, score: {saas: 3}, because: {en: Mail is SaaS.}}
              - {id: app, label: {en: Own app}, score: {paas: 5}, because: {en: An app needs a platform.}}
              - {id: idk, label: {en: Not sure}, exclusive: true, dont_know: true}
          - id: where
            type: single
            label: {en: Where?}
            choices:
              - {id: home, label: {en: At home}, score: {on_premises: 6}, because: {en: At home.},
                 constraints: [at_home]}
              - {id: anywhere, label: {en: Anywhere}}
              - {id: idk, label: {en: Not sure}, dont_know: true}
          - id: peers
            type: yesno
            label: {en: Sector platform?}
            choices:
              - {id: "yes", label: {en: "Yes"}, score: {community: 1}, because: {en: Platform.},
                 constraints: [platform]}
              - {id: "no", label: {en: "No"}}
    """
)


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    result = load_questionnaire_text(Q, "q.yaml")
    assert result.questionnaire is not None, result.report.format()
    return result.questionnaire


def rec(q: Questionnaire, **answers: Any) -> Any:
    plain = {k: frozenset(v) if isinstance(v, (list, set)) else v for k, v in answers.items()}
    return recommend(q, plain, today="2026-12-01")


def test_a_first_candidate_beats_higher_weights_but_not_a_rule_out(q: Questionnaire) -> None:
    r = rec(q, who="firm", needs=["mail"], where="anywhere", peers="yes")
    assert r.pair == Pair("community", "saas")
    assert r.model.score_of("public").score > r.model.score_of("community").score
    assert r.model.decided_by == ("platform",) and r.model.clarity is Clarity.CLEAR
    ruled = rec(q, who="firm", needs=["mail"], where="home", peers="yes")
    assert ruled.model.score_of("community").excluded_by == ("at_home",)
    assert ruled.pair.model != "community"


def test_running_it_yourself_is_a_pair_with_no_cloud_layer(q: Questionnaire) -> None:
    r = rec(q, who="me", needs=["mail"], where="home", peers="no")
    assert r.pair == Pair("on_premises", "none") and r.pair.self_run
    assert r.deployment is not None and r.deployment.kind is RankingKind.DEPLOYMENT
    assert r.deployment.recommended == "on_premises"
    # The cloud rankings keep their meaning: the best cloud model and layer if you do go to a cloud.
    assert r.model.recommended in ("public", "private", "community", "hybrid")
    assert r.layer.recommended == "saas"
    with pytest.raises(ValueError):
        Pair("on_premises", "saas")


def test_needs_for_another_layer_get_a_part_of_their_own(q: Questionnaire) -> None:
    r = rec(q, who="me", needs=["mail", "app"], where="home", peers="no")
    assert r.pair.self_run
    # Public and community are ruled out (the data stays at home), and hybrid is never a fallback.
    assert [p.pair for p in r.split] == [Pair("on_premises", "none"), Pair("private", "paas"), Pair("private", "saas")]
    assert [p.needs for p in r.split] == [(), (("needs", "app"),), (("needs", "mail"),)]
    assert r.combination is Combination.ON_PREMISES_PLUS_CLOUD
    assert all(p.pair.model not in ("public", "community") for p in r.split), "a rule-out holds for every part"
    single = rec(q, who="firm", needs=["mail"], where="anywhere", peers="no")
    assert single.split == () and single.combination is Combination.SINGLE


def test_one_clarity_scale_and_ties_said_as_such(q: Questionnaire) -> None:
    assert clarity_for(0, False) is Clarity.CLOSE_CALL
    assert clarity_for(1.9, False) is Clarity.CLOSE_CALL
    assert clarity_for(2, False) is Clarity.FAIRLY_CLEAR
    assert clarity_for(5, False) is Clarity.CLEAR
    assert clarity_for(0, True) is Clarity.CLEAR
    r = rec(q, who="firm", needs=["mail", "app"], where="anywhere", peers="no")
    # A split advice: PaaS for the app, SaaS for mail. SaaS (3 points, 2 behind) is a part of the
    # advice, so the layer's lead is over IaaS, the best option that is not; the score table keeps
    # every option in order.
    assert r.split and r.layer.skipped == ("saas",) and r.layer.runner_up == "iaas"
    assert [o.id for o in r.layer.options][:2] == ["paas", "saas"]
    assert r.layer.margin == r.layer.score_of("paas").score - r.layer.score_of("iaas").score
    assert r.runner_up_pair is not None and r.runner_up_pair not in {p.pair for p in r.split}
    assert r.layer.clarity is clarity_for(r.layer.margin, False)
    tie = rec(q, who="firm", needs=["idk"], where="anywhere", peers="no")
    assert tie.layer.is_tie and tie.layer.near_tie is not None and tie.layer.near_tie.is_tie
    assert tie.layer.clarity is Clarity.CLOSE_CALL and len(tie.layer.near_tie.options) == 3


def test_what_would_change_never_suggests_who_you_are_or_not_knowing(q: Questionnaire) -> None:
    r = rec(q, who="me", needs=["mail"], where="home", peers="no")
    assert r.what_would_change
    for cf in r.what_would_change:
        for c in cf.changes:
            assert c.question_id != "who"
            assert c.after not in ("idk", frozenset({"idk"}))
        after = recommend(q, cf.answers(r.answers), counterfactuals=False)
        assert (after.pair.model if cf.kind is RankingKind.MODEL else after.pair.layer) == cf.new_top
    # The kinds are an enum that still compares equal to the old strings.
    assert RankingKind.MODEL == "model" and r.model.kind == "model"


def test_a_near_tie_says_what_would_decide_it(q: Questionnaire) -> None:
    r = rec(q, who="firm", needs=["idk"], where="anywhere", peers="no")
    assert r.layer.near_tie is not None
    assert r.near_ties and all(t.kind in (RankingKind.DEPLOYMENT, RankingKind.LAYER) for t in r.near_ties)
    assert "needs" in r.layer.near_tie.deciding
