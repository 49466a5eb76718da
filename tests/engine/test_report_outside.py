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
