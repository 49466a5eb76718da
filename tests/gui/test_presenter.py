"""The presenter's rules, checked on a controller alone (no window)."""

from __future__ import annotations

from typing import Any

import pytest

from cloudwizard.engine.loader import load_bundled
from cloudwizard.gui import presenter
from cloudwizard.gui.controller import WizardController
from cloudwizard.gui.options import WizardOptions


@pytest.fixture
def controller(qapp: Any) -> WizardController:
    c = WizardController(WizardOptions(), "en")
    c.set_questionnaire(load_bundled())
    return c


def test_steps_before_the_audience_is_chosen(controller: WizardController) -> None:
    steps = presenter.steps(controller, str, "en")
    assert steps[0] == ("welcome", "Welcome", True)
    assert [s[0] for s in steps[-2:]] == ["review", "result"]
    assert not any(enabled for key, _text, enabled in steps if key != "welcome")
    assert presenter.current_step(controller) == "welcome"


def test_a_consumer_lands_on_the_first_open_section_and_counts_only_shown_sections(controller: WizardController) -> None:
    controller.set_answer("audience", "consumer")
    sections = controller.displayable_sections()
    first = sections[0].id  # "about" still asks a consumer where they live
    assert presenter.first_open_page(controller) == ("questions", first)
    assert presenter.section_position(controller, first) == (1, len(sections))
    shown = {s.id for s in sections}
    assert all(controller.questions_of(s) for s in shown)  # a section that asks nothing is not counted
    steps = presenter.steps(controller, str, "en")
    assert all(text.startswith("• ") for key, text, _ in steps if key.startswith("section:"))
    answered, total = presenter.progress(controller)
    assert answered == 1 and total > 10


def test_review_rows_list_the_audience_first(controller: WizardController) -> None:
    controller.set_answer("audience", "sme")
    rows = presenter.review_rows(controller)
    first_section, first_answers = rows[0]
    assert first_section.id == "about" and first_answers[0] == ("audience", "sme")
    assert presenter.first_open_page(controller) == ("questions", "about")  # staff is still to answer
