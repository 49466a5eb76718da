"""A public website needs no private cloud, also as one part of a split advice (issue 10, section 2).

A consumer who keeps her files at home and builds a public website gets "run it yourself" for the
files and a public platform (PaaS) for the site, not a private cloud: her reasons for keeping files
at home (no company, buy once, a large collection) say nothing against a public platform for what
anyone may see.
"""

from __future__ import annotations

from cloudwizard.engine.answers import coerce_for
from cloudwizard.engine.decision.kinds import Pair
from cloudwizard.engine.loader import load_bundled
from cloudwizard.engine.recommender import recommend

Q = load_bundled()
RAW = {"audience": "consumer", "based_in": "belgium", "consumer_data": ["photos", "documents"],
       "access_from": "several_devices", "sharing": "no", "volume": "large", "consumer_skills": "handy",
       "consumer_projects": "build_apps", "budget": "upfront", "control_feeling": "refuse",
       "internet": "reliable", "data_types": ["own", "public_info"], "data_location": "unknown",
       "backup_frequency": "regularly", "backup_where": ["external_drive"], "backup_practices": ["offline_copy"],
       "loss_impact": "some", "exit_plan": "yes"}


def test_GIVEN_files_at_home_and_a_public_website_THEN_the_site_goes_to_a_public_platform() -> None:
    rec = recommend(Q, {k: coerce_for(Q, k, v) for k, v in RAW.items()}, counterfactuals=False)
    assert rec.pair == Pair("on_premises", "none")
    assert [part.pair for part in rec.split][1:] == [Pair("public", "paas")], rec.split
    assert "public_website_on_a_public_platform" in {c.origin.removeprefix("rule:") for c in rec.contributions}


def test_GIVEN_the_same_person_with_only_private_files_THEN_the_rule_does_not_apply() -> None:
    raw = {**RAW, "data_types": ["own"]}
    rec = recommend(Q, {k: coerce_for(Q, k, v) for k, v in raw.items()}, counterfactuals=False)
    assert "public_website_on_a_public_platform" not in {c.origin.removeprefix("rule:") for c in rec.contributions}
