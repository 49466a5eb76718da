"""The report after an outside check: sentences that read as the user would read them."""

from __future__ import annotations

from pathlib import Path

from cloudwizard.engine.answers import read_answers
from cloudwizard.engine.loader import load_bundled
from cloudwizard.engine.recommender import recommend
from cloudwizard.engine.report import build_view

EXAMPLES = Path(__file__).resolve().parents[2] / "questionnaires" / "examples"
Q = load_bundled()


def _federal_view(lang: str = "en"):  # type: ignore[no-untyped-def]
    data = read_answers(EXAMPLES / "answers-federal.yaml", Q).data
    assert data is not None
    return build_view(recommend(Q, data.answers), lang)


def test_a_multiple_choice_what_if_says_what_to_add_or_drop() -> None:
    view = _federal_view()
    question = Q.question("org_apps")
    texts = [w.text for w in view.what_would_change if any(c.question == "org_apps" for c in w.changes)]
    assert texts, [w.text for w in view.what_would_change]
    legacy = Q.text(question.choice("legacy_software").label, "en")
    assert texts[0].startswith(f"If you did not choose “{legacy}” for “{Q.text(question.label, 'en')}”, "), texts[0]
    assert "If you answered “Mail" not in texts[0]  # not the whole list, read as the user's own answer


def test_french_elides_before_a_vowel_and_spaces_its_citations() -> None:
    from cloudwizard.engine.report.view import cite, elide

    assert elide("Réponses en faveur de Infrastructure", "fr") == "Réponses en faveur d’Infrastructure"
    assert elide("mieux que Infrastructure", "fr") == "mieux qu’Infrastructure"
    assert elide("de un à dix, de Cloud privé", "fr") == "de un à dix, de Cloud privé"  # lower case, consonant
    assert elide("de Infrastructure", "en") == "de Infrastructure"
    import yaml

    from cloudwizard.engine.answers import parse_answers
    from tests.engine.test_report_sureness import SME_FIRST_CHOICES

    data = parse_answers(yaml.safe_dump({"cloudwizard_answers": 1, "questionnaire": {"id": Q.id, "version": Q.version},
                                         "answers": SME_FIRST_CHOICES}), Q).data
    assert data is not None
    layer = build_view(recommend(Q, data.answers), "fr").layer
    assert layer.runner_up_name.startswith("Infrastructure")
    assert layer.against_title == f"Réponses en faveur d’{layer.runner_up_name}"
    assert f"qu’{layer.runner_up_name}" in layer.clarity_text and "que Infrastructure" not in layer.clarity_text
    view = _federal_view("fr")
    tags = next(r.sources for r in view.top_reasons if len(r.sources) > 1)
    assert "2024-02-12\u202f; S14" in cite(tags)
    assert all("\u202f;" not in cite(r.sources) for r in _federal_view("en").top_reasons)


def test_a_wrong_choice_lists_the_choices_by_their_labels() -> None:
    from cloudwizard.engine.answers import parse_answers
    from cloudwizard.engine.diagnostic_text import format_report

    text = (f"cloudwizard_answers: 1\nquestionnaire: {{id: {Q.id}, version: '{Q.version}'}}\n"
            "answers:\n  audience: sme\n  budget: cheap\n")
    result = parse_answers(text, Q, "a.yaml")
    assert result.data is None
    shown = format_report(result.report, "nl", Q)
    question = Q.question("budget")
    monthly = Q.text(question.choice("monthly").label, "nl")
    assert f"“{monthly}” (monthly)" in shown, shown
    assert "keuzes: free, monthly" not in shown and shown.endswith("[budget]")
