"""Keyboard only: every option of every question of the bundled questionnaire is chosen by key events.

Each path (a consumer, a small business, a federal body: the example answers files) is walked from
the welcome page to the advice with real key events sent to whatever has the focus: Tab between
questions, the arrow keys within a question's choices, Space to choose, Enter to go on. On the way
every offered option of every question is chosen once and checked in the session; then the path's
own answer is given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from cloudwizard.engine.answers import read_answers
from cloudwizard.engine.loader import load_bundled
from cloudwizard.engine.model import Questionnaire, QuestionType
from cloudwizard.gui.app import Wizard
from cloudwizard.gui.widgets.questions import ChoiceInput, NumberInput, QuestionCard, ScaleInput
from tests.gui.conftest import key

REPO = Path(__file__).resolve().parents[2]
#: (answers file, answers changed): the example paths, and a local authority under NIS2 (its own section).
PATHS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("answers-consumer.yaml", {}),
    ("answers-sme.yaml", {}),
    ("answers-federal.yaml", {}),
    ("answers-federal.yaml", {"government_level": "local", "nis2": "in_scope"}),
)
Key = Qt.Key


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def inside(widget: QWidget | None, ancestor: QWidget) -> bool:
    while widget is not None:
        if widget is ancestor:
            return True
        widget = widget.parentWidget()
    return False


def tab_into(qtbot: Any, card: QuestionCard, limit: int = 4) -> None:
    """Tab until the focus is in the card's input; in reading order that takes only a few presses."""
    for _ in range(limit):
        if inside(focused(), card.input):
            return
        key(qtbot, Key.Key_Tab)
    assert inside(focused(), card.input), (
        f"{limit} presses of Tab did not reach {card.question.id}; the focus is on {focused().objectName()}"
    )


def arrow_to(qtbot: Any, buttons: Sequence[QAbstractButton], target: QAbstractButton) -> None:
    """Move the focus to `target` with the arrow keys only."""
    for _ in range(len(buttons) + 1):
        current = focused()
        if current is target:
            return
        assert current in buttons, f"the focus left the choices: {current.objectName()}"
        forward = list(buttons).index(target) > [*buttons].index(current)  # type: ignore[arg-type]
        key(qtbot, Key.Key_Down if forward else Key.Key_Up)
    assert focused() is target, f"the arrow keys never reached {target.objectName()}"


def type_number(qtbot: Any, value: float) -> None:
    qtbot.keyClick(focused(), Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(), str(int(value)) if float(value).is_integer() else str(value))


def answer_by_keys(qtbot: Any, wizard: Wizard, card: QuestionCard, wanted: Any, chosen: set[tuple[str, str]]) -> None:
    """Choose every offered option of `card` once, then `wanted` (the path's answer), by keys alone."""
    session = wizard.controller.session
    assert session is not None
    qid = card.question.id
    tab_into(qtbot, card)
    entry = card.input
    if isinstance(entry, ChoiceInput):
        buttons = entry.offered_buttons()
        ids = {b: cid for cid, b in entry.buttons.items()}
        for button in buttons:
            arrow_to(qtbot, buttons, button)
            was = button.isChecked()
            key(qtbot, Key.Key_Space)
            answer = session.answer(qid)
            if entry.multiple:
                if was:  # it was on: Space took it off; put it on again
                    assert ids[button] not in (answer or ()), f"Space did not clear {button.objectName()}"
                    key(qtbot, Key.Key_Space)
                    answer = session.answer(qid)
                assert ids[button] in answer, f"Space did not choose {button.objectName()}: {answer}"
                key(qtbot, Key.Key_Space)
            else:
                assert answer == ids[button], f"Space did not choose {button.objectName()}: {answer}"
            chosen.add((qid, ids[button]))
        targets = set(wanted) if entry.multiple else {wanted}
        for button in buttons:
            if button.isChecked() != (ids[button] in targets):
                arrow_to(qtbot, buttons, button)
                key(qtbot, Key.Key_Space)
        assert session.answer(qid) == (frozenset(wanted) if entry.multiple else wanted)
    elif isinstance(entry, ScaleInput):
        for button in entry.buttons:
            arrow_to(qtbot, entry.buttons, button)
            key(qtbot, Key.Key_Space)
            chosen.add((qid, button.text()))
        arrow_to(qtbot, entry.buttons, entry.buttons[entry.values.index(wanted)])
        key(qtbot, Key.Key_Space)
        assert session.answer(qid) == wanted
    else:
        assert isinstance(entry, NumberInput), f"{qid}: no keyboard recipe for {type(entry).__name__}"
        type_number(qtbot, wanted)
        assert session.answer(qid) == wanted, f"typing {wanted} gave {session.answer(qid)}"


def walk(qtbot: Any, wizard: Wizard, answers: dict[str, Any], chosen: set[tuple[str, str]],
         check: Callable[[str], None] | None = None) -> None:
    """Walk the path by keys; `check(page)` runs on every page once it is shown and once it is answered."""
    look = check or (lambda _page: None)
    c = wizard.controller
    q = c.questionnaire
    assert q is not None and q.audience_question
    wizard.render(focus=True)  # as `run()` does once the window is up (the fixture loads before showing it)
    qtbot.waitUntil(lambda: inside(QApplication.focusWidget(), wizard.window))
    look("welcome")
    # Welcome: the focus is on the title; Tab reaches the audiences, arrows and Space choose one, Enter starts.
    buttons = list(wizard.welcome.audience_buttons)
    for _ in range(3):
        if focused() not in buttons:
            key(qtbot, Key.Key_Tab)
    ids = list(wizard.welcome._audience_ids)
    for button in buttons:
        arrow_to(qtbot, buttons, button)
        key(qtbot, Key.Key_Space)
        assert c.session is not None and c.session.answer(q.audience_question) == ids[buttons.index(button)]
        chosen.add((q.audience_question, ids[buttons.index(button)]))
    arrow_to(qtbot, buttons, buttons[ids.index(answers[q.audience_question])])
    key(qtbot, Key.Key_Space)
    look("welcome, answered")
    key(qtbot, Key.Key_Return)
    pages = 0
    session = c.session
    assert session is not None
    while c.page == "questions":
        section = session.current_section
        assert section is not None
        look(f"section {section.id}")
        done: set[str] = set()
        while True:
            todo = [card for qid, card in wizard.questions.cards.items() if not card.isHidden() and qid not in done]
            if not todo:
                break
            card = todo[0]
            qid = card.question.id
            assert qid in answers, f"{qid} is asked but the path has no answer for it"
            answer_by_keys(qtbot, wizard, card, answers[qid], chosen)
            done.add(qid)
        look(f"section {section.id}, answered")
        key(qtbot, Key.Key_Return)
        assert session.current_section is not section or c.page != "questions", (
            f"Enter did not go on from {section.id}: {[p.question_id for p in c.current_problems()]}"
        )
        pages += 1
    assert c.page == "review" and pages >= 5
    look("review")
    key(qtbot, Key.Key_Return)
    assert c.page == "result"
    qtbot.waitUntil(lambda: c.has_recommendation)
    look("result")


def every_option(q: Questionnaire) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for section in q.sections:
        for question in section.questions:
            if question.type.has_choices:
                out |= {(question.id, cid) for cid in question.choice_ids}
            elif question.type is QuestionType.SCALE:
                raise AssertionError("add scale options here")
    return out


@pytest.fixture(scope="module")
def bundled() -> Questionnaire:
    return load_bundled()


def path_answers(bundled: Questionnaire, path: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    data = read_answers(REPO / "questionnaires" / "examples" / path[0], bundled).data
    assert data is not None
    return {**data.answers, **path[1]}


@pytest.mark.parametrize("path", PATHS, ids=["consumer", "sme", "federal", "local"])
def test_a_keyboard_user_walks_the_path_choosing_every_option(
    qtbot: Any, make_wizard: Any, bundled: Questionnaire, path: tuple[str, dict[str, Any]]
) -> None:
    wizard = make_wizard(questionnaire=bundled)
    walk(qtbot, wizard, path_answers(bundled, path), set())


def test_the_paths_together_choose_every_option_of_the_bundled_questionnaire(
    qtbot: Any, make_wizard: Any, bundled: Questionnaire, tmp_path: Path
) -> None:
    chosen: set[tuple[str, str]] = set()
    for i, path in enumerate(PATHS):
        wizard = make_wizard(questionnaire=bundled, data_dir=tmp_path / str(i))  # no autosave to resume
        walk(qtbot, wizard, path_answers(bundled, path), chosen)
        wizard.window.close()
    assert every_option(bundled) - chosen == set()


#: The paths of the layout check (`layout_check.PATHS`): together they show every section.
LAYOUT_PATHS = (PATHS[0], PATHS[1], PATHS[3])


@pytest.mark.parametrize("language", ["nl", "fr", "de", "en"])
def test_every_page_by_keyboard_at_800_by_600_neither_clips_nor_scrolls_sideways(
    qtbot: Any, make_wizard: Any, bundled: Questionnaire, tmp_path: Path, language: str
) -> None:
    """The keyboard walks of every section at 800x600 in each language, each page checked as it is shown."""
    from tests.gui.layout_check import problems_on_page

    problems: list[str] = []
    for i, path in enumerate(LAYOUT_PATHS):
        wizard = make_wizard(language, questionnaire=bundled, data_dir=tmp_path / str(i))
        wizard.window.resize(800, 600)
        qtbot.waitUntil(lambda w=wizard: w.window.width() == 800 and w.window.compact)

        def check(page: str, w: Wizard = wizard) -> None:
            QApplication.processEvents()
            problems.extend(problems_on_page(w.window, f"{language} {page}"))

        walk(qtbot, wizard, path_answers(bundled, path), set(), check)
        wizard.window.close()
    assert problems == []
