"""The bundled questionnaire (questionnaires/cloudwizard-be.yaml): clean, complete, cited and tested."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from cloudwizard.engine.answers import coerce_for, read_answers
from cloudwizard.engine.loader import bundled_path, load_bundled, load_questionnaire
from cloudwizard.engine.model import (
    DEPLOYMENTS,
    LANGUAGES,
    LAYERS,
    MODELS,
    NO_LAYER,
    ON_PREMISES,
    Effect,
    Questionnaire,
    Text,
)
from cloudwizard.engine.recommender import recommend
from cloudwizard.engine.scenarios import run_scenarios
from cloudwizard.engine.session import Session, resolve
from cloudwizard.engine.yamlsafe import Node

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "questionnaires" / "examples"

#: Words that must appear (per language) in any text citing a source under appeal or a proposal.
STATUS_WORDS = {
    "under_appeal": {"nl": "beroep", "fr": "recours", "de": "rechtsmittel", "en": "appeal"},
    "proposal": {"nl": "voorgesteld", "fr": "propos", "de": "vorgeschlagen", "en": "propos"},
}


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    return load_bundled()


def _plain(raw: Any) -> Any:
    return raw.plain() if isinstance(raw, Node) else raw


def _scenario_answers(q: Questionnaire, raw: dict[str, Any]) -> dict[str, Any]:
    return {qid: coerce_for(q, qid, _plain(v)) for qid, v in raw.items()}


def _texts(obj: Any, path: str = "") -> Iterator[tuple[str, Text]]:
    """Every non-empty Text reachable from `obj`, with a path naming where it is."""
    if isinstance(obj, Text):
        if len(obj):
            yield path, obj
        return
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            if f.name in ("question_index", "location"):
                continue
            yield from _texts(getattr(obj, f.name), f"{path}.{f.name}")
    elif isinstance(obj, (tuple, list)):
        for i, item in enumerate(obj):
            yield from _texts(item, f"{path}[{i}]")
    elif isinstance(obj, Mapping):
        for k, v in obj.items():
            yield from _texts(v, f"{path}[{k}]")


# -- loading -----------------------------------------------------------------------------------


def test_GIVEN_the_bundled_file_WHEN_loaded_strictly_THEN_there_are_no_errors_and_no_warnings() -> None:
    result = load_questionnaire(bundled_path())
    assert result.report.errors == [], result.report.format()
    assert result.report.warnings == [], result.report.format()
    assert result.questionnaire is not None


def test_the_bundled_questionnaire_has_the_agreed_identity(q: Questionnaire) -> None:
    assert (q.id, q.version, q.languages, q.fallback_language) == ("cloudwizard-be", "2026.12", LANGUAGES, "en")
    assert q.audience_question == "audience"
    audiences = ["consumer", "self_employed", "sme", "large_company", "non_profit", "public_body"]
    assert [a.id for a in q.audiences] == audiences
    assert q.questions[0].id == "audience"
    assert q.question("audience").choice_ids == tuple(audiences)
    assert "federal" in q.question("government_level").choice_ids


def test_the_file_states_what_it_is_in_a_comment_header() -> None:
    first = bundled_path().read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# CloudWizard's bundled questionnaire")


def test_question_count_and_path_lengths_stay_manageable(q: Questionnaire) -> None:
    assert 25 <= len(q.questions) <= 45
    lengths: dict[str, list[int]] = {}
    for s in q.tests:
        view = resolve(q, _scenario_answers(q, dict(s.answers)))
        lengths.setdefault(_plain(s.answers["audience"]), []).append(len(view.questions))
    for audience, found in lengths.items():
        assert min(found) >= 12 and max(found) <= 32, (audience, found)


def test_every_question_explains_itself_with_a_hint_and_a_help_text(q: Questionnaire) -> None:
    for question in q.questions:
        assert question.hint and question.help, question.id


def test_there_is_at_most_one_free_text_question_and_it_is_optional(q: Questionnaire) -> None:
    free = [question for question in q.questions if question.type.value == "text"]
    assert len(free) <= 1
    assert all(question.required is False for question in free)


def test_all_eight_options_are_described(q: Questionnaire) -> None:
    assert set(q.options) == set(MODELS + LAYERS + (ON_PREMISES,))
    for option in q.options.values():
        assert option.name and option.summary and option.pros and option.cons, option.id


def test_a_home_nas_is_running_it_yourself_and_a_hybrid_cloud_binds_two_clouds(q: Questionnaire) -> None:
    assert "NAS" in q.options[ON_PREMISES].examples["consumer"]["en"]
    assert "NAS" not in q.options["private"].examples["consumer"]["en"]
    for audience, example in q.options["hybrid"].examples.items():
        assert "NAS" not in example["en"] and "G-Cloud" not in example["en"], audience
    assert "bound together" in q.options["hybrid"].summary["en"]
    assert any("G-Cloud" in t.text["en"] and "community" in t.text["en"] for t in q.options["community"].pros)


# -- texts -------------------------------------------------------------------------------------


def test_GIVEN_any_text_WHEN_it_exists_THEN_it_is_non_empty_in_all_four_languages(q: Questionnaire) -> None:
    found = list(_texts(q))
    assert len(found) > 400
    missing = [(path, lang) for path, text in found for lang in LANGUAGES if not text.get(lang, "").strip()]
    assert missing == []


def test_every_scoring_effect_says_why_in_a_full_sentence(q: Questionnaire) -> None:
    effects: list[tuple[str, Effect]] = []
    for question in q.questions:
        effects += [(f"{question.id}.{c.id}", c.effect) for c in question.choices]
        effects += [(question.id, r.effect) for r in question.effects]
    effects += [(f"rule:{r.id}", r.effect) for r in q.rules]
    for where, effect in effects:
        if effect.score:
            assert effect.because, where
            for lang in LANGUAGES:
                sentence = effect.because[lang]
                assert sentence[0].isupper() and sentence.endswith("."), (where, lang, sentence)


def test_official_belgian_terms_are_used(q: Questionnaire) -> None:
    processor = q.precautions["processor_agreement"].text
    assert "verwerkingsverantwoordelijke" in processor["nl"] and "verwerker" in processor["nl"]
    assert "responsable du traitement" in processor["fr"] and "sous-traitant" in processor["fr"]
    assert "gegevensbeschermingseffectbeoordeling" in q.precautions["dpia"].title["nl"]
    assert "AIPD" in q.precautions["dpia"].title["fr"]
    assert "Dataverordening" in q.precautions["exit_clause"].text["nl"]
    assert "règlement sur les données" in q.precautions["exit_clause"].text["fr"]
    assert "comply or explain" in q.notices[0].text["nl"] and "FOD BOSA" in q.notices[0].text["nl"]
    assert "SPF BOSA" in q.notices[0].text["fr"] and "FÖD BOSA" in q.notices[0].text["de"]
    sme = next(a for a in q.audiences if a.id == "sme")
    assert "kmo" in sme.label["nl"].lower() and "PME" in sme.label["fr"]


# -- sources -----------------------------------------------------------------------------------


def _citations(q: Questionnaire) -> list[tuple[str, tuple[str, ...], list[Text]]]:
    out: list[tuple[str, tuple[str, ...], list[Text]]] = []
    for option in q.options.values():
        for t in option.pros + option.cons:
            out.append((f"option {option.id}", t.sources, [t.text]))
    out += [(f"constraint {c.id}", c.sources, [c.title, c.reason]) for c in q.constraints.values()]
    out += [(f"precaution {p.id}", p.sources, [p.title, p.text]) for p in q.precautions.values()]
    out += [(f"notice {n.id}", n.sources, [n.title, n.text]) for n in q.notices]
    out += [(f"reading {r.id}", r.sources, [r.title, r.text]) for r in q.further_reading]
    return out


def test_sources_are_s1_to_s14_with_dates_and_web_addresses(q: Questionnaire) -> None:
    ids = [s.id for s in q.sources]
    assert [i for i in ids if i[1:].isdigit()] == [f"S{i}" for i in range(1, 15)]
    assert all(re.fullmatch(r"S\d+[a-z]?", i) for i in ids) and len(set(ids)) == len(ids)
    for s in q.sources:
        assert len(s.date) == 10 and s.url.startswith("https://"), s.id
    assert q.source("S7") is not None and q.source("S7").status == "under_appeal"  # type: ignore[union-attr]


def test_every_cited_source_exists_and_every_source_is_cited(q: Questionnaire) -> None:
    known = {s.id for s in q.sources}
    cited: Counter[str] = Counter()
    for _where, sources, _ in _citations(q):
        cited.update(sources)
    assert set(cited) <= known
    assert set(cited) == known, f"never cited: {sorted(known - set(cited))}"


def test_constraints_precautions_notices_and_readings_all_cite_a_source(q: Questionnaire) -> None:
    for where, sources, _ in _citations(q):
        if not where.startswith("option"):
            assert sources, where


def test_GIVEN_a_text_citing_a_source_under_appeal_or_proposed_THEN_it_says_so_in_every_language(
    q: Questionnaire,
) -> None:
    status = {s.id: s.status for s in q.sources}
    for where, sources, texts in _citations(q):
        for sid in sources:
            words = STATUS_WORDS.get(status[sid])
            if words is None:
                continue
            for lang, word in words.items():
                assert any(word in t[lang].lower() for t in texts), (where, sid, lang)


def test_draft_and_proposed_rules_are_labelled_as_such(q: Questionnaire) -> None:
    omnibus = next(n for n in q.notices if n.id == "switching_rights").text
    assert "proposed" in omnibus["en"] and "may change" in omnibus["en"]
    assert "voorgesteld" in omnibus["nl"] and "propos" in omnibus["fr"] and "vorgeschlagen" in omnibus["de"]
    assert "draft" in q.precautions["sovereignty_check"].text["en"]
    assert "not known" in q.notices[0].text["en"]  # whether the 2025 adoption plan was adopted


# -- scenarios ---------------------------------------------------------------------------------


def test_all_scenarios_pass(q: Questionnaire) -> None:
    results = run_scenarios(q)
    failures = [(r.scenario.name, r.failures) for r in results if not r.passed]
    assert failures == []


def test_there_are_at_least_24_scenarios_covering_every_model_layer_and_audience(q: Questionnaire) -> None:
    assert len(q.tests) >= 24
    models = Counter(s.expect_model for s in q.tests)
    layers = Counter(s.expect_layer for s in q.tests)
    for option in DEPLOYMENTS:
        assert models[option] >= 2, (option, models)
    for option in (*LAYERS, NO_LAYER):
        assert layers[option] >= 2, (option, layers)
    audiences = Counter(_plain(s.answers["audience"]) for s in q.tests)
    assert set(audiences) == {a.id for a in q.audiences}
    assert all(n >= 5 for a, n in audiences.items() if a in ("consumer", "sme", "public_body")), audiences
    assert sum("borderline" in s.name for s in q.tests) >= 3


def test_GIVEN_each_scenario_WHEN_replayed_in_a_session_THEN_its_path_is_answered_completely(
    q: Questionnaire,
) -> None:
    for s in q.tests:
        session = Session.with_answers(q, {k: _plain(v) for k, v in s.answers.items()})
        assert session.set_aside == {}, (s.name, session.set_aside)
        assert session.problems() == [], (s.name, [p.question_id for p in session.problems()])


def test_the_comply_or_explain_notice_shows_exactly_for_federal_bodies(q: Questionnaire) -> None:
    for s in q.tests:
        answers = _scenario_answers(q, dict(s.answers))
        rec = recommend(q, answers, counterfactuals=False)
        notice_ids = {n.id for n in rec.notices}
        federal = answers.get("government_level") == "federal" and answers.get("based_in") == "belgium"
        assert ("comply_or_explain" in notice_ids) == federal, s.name
        if federal:
            assert next(n for n in rec.notices if n.id == "comply_or_explain").kind == "policy"
            assert {"fod_bosa", "g_cloud"} <= {r.id for r in rec.further_reading}


def test_only_the_decisive_facts_rule_options_out(q: Questionnaire) -> None:
    ruling = {c.id: c.rules_out for c in q.constraints.values() if c.rules_out}
    assert ruling == {
        "classified_no_public": ("public", "hybrid"),
        "own_premises_only": ("public", "community", "hybrid"),  # a hybrid cloud has a public or community part
        "public_data_needs_no_private": ("private",),
        "dedicated_only": ("public",),
    }


# -- example answers files ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "audience", "model", "layer", "language"),
    [
        ("consumer", "consumer", "public", "saas", "nl"),
        ("sme", "sme", "public", "saas", "fr"),
        ("federal", "public_body", "community", "iaas", "en"),
    ],
)
def test_GIVEN_an_example_answers_file_WHEN_read_THEN_it_is_clean_complete_and_gives_that_audience_advice(
    q: Questionnaire, name: str, audience: str, model: str, layer: str, language: str
) -> None:
    result = read_answers(EXAMPLES / f"answers-{name}.yaml", q)
    assert list(result.report) == [], result.report.format()
    assert result.data is not None and result.data.language == language
    session = Session.from_file(q, result.data)
    assert session.is_complete(), [p.question_id for p in session.problems()]
    assert session.set_aside == {}
    rec = recommend(q, session.effective_answers())
    assert rec.audience == audience
    assert (rec.model.recommended, rec.layer.recommended) == (model, layer)
    assert rec.precautions and rec.model.reasons and rec.model.pros and rec.model.cons


def test_the_federal_example_carries_the_policy_context(q: Questionnaire) -> None:
    result = read_answers(EXAMPLES / "answers-federal.yaml", q)
    assert result.data is not None
    rec = recommend(q, result.data.answers)
    assert [n.id for n in rec.notices if n.kind == "policy"] == ["comply_or_explain", "nis2_for_administrations"]
    assert any("G-Cloud" in t.text["en"] for t in rec.model.pros)


#: Names of sources a reason may quote; a reason that names one carries the source's tag.
SOURCE_NAMES = ("FPS Economy", "FOD Economie", "NIST", "GDPR", "AVG", "Data Act", "Dataverordening", "NIS2",
                "G-Cloud", "Safeonweb", "Centre for Cybersecurity", "Eurostat", "Council of Ministers", "EDPB")


def test_every_reason_that_names_a_source_carries_its_tag(q: Questionnaire) -> None:
    effects: list[tuple[str, Effect]] = []
    for question in q.questions:
        effects += [(f"{question.id}.{c.id}", c.effect) for c in question.choices]
        effects += [(question.id, r.effect) for r in question.effects]
    effects += [(f"rule:{r.id}", r.effect) for r in q.rules]
    known = {s.id for s in q.sources}
    for where, effect in effects:
        for lang in LANGUAGES:
            text = effect.because.get(lang, "")
            tags = set(re.findall(r"\b(S\d+[a-z]?)\b", text))
            assert tags <= known, (where, lang, tags - known)
            if any(name in text for name in SOURCE_NAMES):
                assert tags, (where, lang, text)


def test_sources_are_specific_pages(q: Questionnaire) -> None:
    for s in q.sources:
        path = s.url.split("://", 1)[1].partition("/")[2]
        assert path, (s.id, s.url)


def test_further_reading_points_at_specific_pages(q: Questionnaire) -> None:
    # Home pages kept, said so here: for Beltug's Belgium Cloud group, FPS BOSA (where to ask;
    # no cloud guidelines were published, SOURCES.md) and the GBA no specific page was found that
    # a source confirms (checked 1 December 2026); each stays a home page until one is.
    home_pages = {"beltug_belgium_cloud", "fod_bosa", "gba_apd"}
    for r in q.further_reading:
        path = r.url.split("://", 1)[1].partition("/")[2].strip("/")
        assert path or r.id in home_pages, (r.id, r.url)
        assert not path or r.id not in home_pages, f"{r.id} now has a specific page: drop it from the list"
    by_id = {r.id: r for r in q.further_reading}
    # The pages the sources cite (SOURCES.md): Safeonweb's backup tips, Belgif's G-Cloud
    # building block, the EDPB's coordinated action on public bodies' cloud use, Gaia-X's labels.
    sources = {s.id: s.url for s in q.sources}
    assert by_id["safeonweb"].url == sources["S12"]
    assert by_id["g_cloud"].url == sources["S14"]
    assert by_id["edpb_public_cloud"].url == sources["S8"]
    assert by_id["gaia_x"].url == sources["S11"]


def _answers_of(q: Questionnaire, name: str) -> dict[str, Any]:
    s = next(s for s in q.tests if s.name.startswith(name))
    return _scenario_answers(q, dict(s.answers))


def test_where_the_organisation_is_based_decides_which_policy_and_law_are_shown(q: Questionnaire) -> None:
    belgian = _answers_of(q, "federal service with standard office needs")
    rec = recommend(q, belgian, counterfactuals=False)
    assert "comply_or_explain" in {n.id for n in rec.notices}
    assert {"fod_bosa", "g_cloud", "ccb"} <= {r.id for r in rec.further_reading}
    dutch = dict(belgian, based_in="eu_eea")
    dutch.pop("gcloud_use", None)
    rec = recommend(q, dutch, counterfactuals=False)
    assert not {"comply_or_explain", "nis2_for_administrations"} & {n.id for n in rec.notices}
    assert not {"fod_bosa", "g_cloud", "ccb", "beltug_belgium_cloud"} & {r.id for r in rec.further_reading}
    assert "exit_clause" in {a.id for a in rec.precautions}  # EU law (the Data Act) still holds
    american = dict(dutch, based_in="elsewhere")
    rec = recommend(q, american, counterfactuals=False)
    shown = {a.id for a in rec.precautions}
    assert not {"processor_agreement", "dpia", "exit_clause", "transfers_outside_eu"} & shown
    assert not {"switching_rights", "us_framework_under_appeal"} & {n.id for n in rec.notices}


def test_a_household_gets_no_controller_duties(q: Questionnaire) -> None:
    family = _answers_of(q, "consumer with phone photos")
    # The family's own health papers are "own" data (the choice's hint says so): household use.
    assert "health" in q.question("data_types").choice("own").hint["en"].lower()
    family["data_types"] = frozenset({"own"})
    rec = recommend(q, family, counterfactuals=False)
    shown = {a.id for a in rec.precautions}
    assert not {"processor_agreement", "dpia", "public_roles", "association_controller"} & shown
    club = dict(family, data_types=frozenset({"own", "others"}))
    rec = recommend(q, club, counterfactuals=False)
    assert "association_controller" in {a.id for a in rec.precautions}
    assert "processor_agreement" not in {a.id for a in rec.precautions}
