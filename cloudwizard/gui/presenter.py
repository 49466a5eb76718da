"""What the window shows, worked out from the controller's state: pure functions, no widgets.

The composition root (`app.Wizard.render`) calls these and hands the results to the window and the
pages, so the rules (which steps are open, what counts as progress, which answers the review lists,
where opened answers land) can be read and tested without building a window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cloudwizard.gui.controller import QUESTIONS, RESULT, REVIEW, WELCOME

if TYPE_CHECKING:
    from cloudwizard.engine.model import Section
    from cloudwizard.gui.controller import WizardController

#: One step of the side list: (key, text, enabled); keys are ``welcome``, ``section:<id>``, ``review``, ``result``.
Step = tuple[str, str, bool]
#: The review page's rows: per section, (question id, answer) in reading order.
ReviewRows = list[tuple["Section", list[tuple[str, Any]]]]


def is_complete(c: WizardController) -> bool:
    """Whether every question is answered (and the audience chosen): the advice can be shown."""
    return c.session is not None and c.is_complete() and not c.audience_problem()


def current_step(c: WizardController) -> str:
    """The key of the step the window shows now."""
    if c.page == QUESTIONS and c.session is not None and c.session.current_section is not None:
        return f"section:{c.session.current_section.id}"
    return {WELCOME: "welcome", REVIEW: "review", RESULT: "result"}.get(c.page, "")


def steps(c: WizardController, gettext: Callable[[str], str], language: str) -> list[Step]:
    """The side list: welcome, each section shown (✓ when nothing is missing, • otherwise), review, advice."""
    session, q = c.session, c.questionnaire
    assert session is not None and q is not None
    _ = gettext
    started = not c.audience_problem()
    complete = is_complete(c)
    out: list[Step] = [("welcome", _("Welcome"), True)]
    for section in c.displayable_sections():
        missing = [p for p in c.problems(section.id) if c.shows_question(q.question(p.question_id))]
        out.append((f"section:{section.id}", ("• " if missing else "✓ ") + q.text(section.title, language), started))
    out.append(("review", _("Check answers"), complete))
    out.append(("result", _("Your advice"), complete))
    return out


def progress(c: WizardController) -> tuple[int, int]:
    """(answered, total) of the questions the wizard asks.

    Without free text (kiosk) only the questions it shows are counted.
    """
    session, q = c.session, c.questionnaire
    assert session is not None and q is not None
    if c.options.allow_free_text:
        return session.progress()
    asked = [x.id for x in session.visible_questions() if x.id == q.audience_question or c.shows_question(x)]
    given = session.effective_answers()
    return sum(1 for x in asked if x in given), len(asked)


def section_position(c: WizardController, section_id: str) -> tuple[int, int]:
    """("Part i of n"): the section's place among the sections shown, counted from 1 (0 if not shown)."""
    ids = [s.id for s in c.displayable_sections()]
    return (ids.index(section_id) + 1 if section_id in ids else 0), len(ids)


def review_rows(c: WizardController) -> ReviewRows:
    """Every answer the review lists: the audience and the questions shown, by visible section."""
    session, q = c.session, c.questionnaire
    assert session is not None and q is not None
    rows: ReviewRows = []
    for section in session.visible_sections():
        ids = [x.id for x in session.visible_questions(section.id) if x.id == q.audience_question or c.shows_question(x)]
        if ids:
            rows.append((section, [(qid, session.answer(qid)) for qid in ids]))
    return rows


def first_open_page(c: WizardController) -> tuple[str, str | None]:
    """Where answers just opened should land: (page, section id for the question page).

    The welcome page while the audience is missing, else the first section shown with a question to
    answer, else the review; never a section without questions to show.
    """
    session, q = c.session, c.questionnaire
    assert session is not None and q is not None
    if c.audience_problem():
        return WELCOME, None
    sections = c.displayable_sections()
    for section in sections:
        if any(c.shows_question(q.question(p.question_id)) for p in c.problems(section.id)):
            return QUESTIONS, section.id
    if is_complete(c) or not sections:
        return REVIEW, None
    return QUESTIONS, sections[0].id
