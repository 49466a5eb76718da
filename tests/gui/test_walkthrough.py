"""Going through the wizard as people do: by keyboard only and by mouse only, for each audience."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from cloudwizard.gui.app import Wizard
from tests.gui.conftest import checked, click, find, key, tab_to

ENTER = Qt.Key.Key_Return


def headline(wizard: Wizard) -> str:
    label = wizard.result.findChild(QLabel, "headline")
    assert label is not None
    return label.text()


def test_consumer_by_keyboard_only(qtbot: Any, wizard: Wizard) -> None:
    # GIVEN the welcome page, the focus at its top (the title); Tab: the language, then the audiences
    assert wizard.controller.page == "welcome"
    assert QApplication.focusWidget() is wizard.welcome.title
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is find(wizard, "language_en")
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is find(wizard, "audience_consumer")
    # WHEN choosing "for myself" with Space and going on with Enter
    key(qtbot, Qt.Key.Key_Space)
    assert checked(wizard, "audience_consumer")
    key(qtbot, ENTER)
    # THEN the first section with something to ask is shown (staff is only for businesses)
    assert wizard.controller.page == "questions"
    assert wizard.questions.section_id == "data"
    assert QApplication.focusWidget() is wizard.questions.title  # the page's top; one Tab to the first question
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is find(wizard, "choice_data_kinds_photos")
    key(qtbot, Qt.Key.Key_Space)
    # Enter with a required question unanswered: an inline message, the focus goes there
    key(qtbot, ENTER)
    assert wizard.controller.page == "questions"
    assert find(wizard, "error_sensitivity").isVisible()
    assert QApplication.focusWidget() is find(wizard, "choice_sensitivity_1")
    key(qtbot, Qt.Key.Key_Space)
    key(qtbot, Qt.Key.Key_Right)  # arrows move between choices
    assert checked(wizard, "choice_sensitivity_2")
    assert not find(wizard, "error_sensitivity").isVisible()
    key(qtbot, ENTER)
    assert wizard.questions.section_id == "habits"
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Space)  # Yes …
    key(qtbot, Qt.Key.Key_Down)  # … then the arrow moves to No
    assert checked(wizard, "choice_offline_copy_no")
    tab_to(qtbot, "input_notes")
    qtbot.keyClicks(QApplication.focusWidget(), "Mostly photos")
    key(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # Alt+Right goes on, too
    assert wizard.controller.page == "review"
    assert find(wizard, "answer_notes").text() == "Mostly photos"
    key(qtbot, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # Alt+Left goes back …
    assert wizard.controller.page == "questions"
    assert checked(wizard, "choice_offline_copy_no")  # … and keeps the answers
    key(qtbot, ENTER)
    key(qtbot, ENTER)
    assert wizard.controller.page == "result"
    assert "Public cloud" in headline(wizard)
    assert "SaaS" in headline(wizard)


def test_business_by_mouse_only(qtbot: Any, wizard: Wizard) -> None:
    click(qtbot, find(wizard, "audience_business"))
    click(qtbot, find(wizard, "nextButton"))
    assert wizard.questions.section_id == "about"
    staff = find(wizard, "input_staff")
    assert isinstance(staff, QLineEdit)
    click(qtbot, staff)
    qtbot.keyClicks(staff, "80")
    click(qtbot, find(wizard, "nextButton"))
    assert wizard.questions.section_id == "data"
    # choices that only businesses get are offered now
    click(qtbot, find(wizard, "choice_data_kinds_classified"))
    click(qtbot, find(wizard, "choice_sensitivity_5"))
    click(qtbot, find(wizard, "choice_peers_no"))
    click(qtbot, find(wizard, "nextButton"))
    click(qtbot, find(wizard, "choice_offline_copy_yes"))
    click(qtbot, find(wizard, "nextButton"))
    assert wizard.controller.page == "review"
    click(qtbot, find(wizard, "nextButton"))
    assert wizard.controller.page == "result"
    assert "Private cloud" in headline(wizard)
    # comply or explain: the policy notice offers another model, with a reason
    assert find(wizard, "justifyModel").isVisible()


def test_exclusive_choice_and_live_visibility(qtbot: Any, wizard: Wizard) -> None:
    click(qtbot, find(wizard, "audience_consumer"))
    click(qtbot, find(wizard, "nextButton"))
    assert not find(wizard, "question_peers").isVisible()
    assert not find(wizard, "choice_data_kinds_customers").isVisible()
    click(qtbot, find(wizard, "choice_data_kinds_photos"))
    click(qtbot, find(wizard, "choice_data_kinds_nothing"))
    assert not checked(wizard, "choice_data_kinds_photos")
    assert wizard.controller.session.answer("data_kinds") == frozenset({"nothing"})


def test_changing_an_earlier_answer_updates_later_pages(qtbot: Any, wizard: Wizard) -> None:
    click(qtbot, find(wizard, "audience_consumer"))
    click(qtbot, find(wizard, "nextButton"))
    assert wizard.questions.section_id == "data"
    click(qtbot, find(wizard, "backButton"))
    assert wizard.controller.page == "welcome"
    click(qtbot, find(wizard, "audience_business"))
    click(qtbot, find(wizard, "nextButton"))
    assert wizard.questions.section_id == "about"  # staff appears for a business
    assert find(wizard, "input_staff").isVisible()


def test_number_out_of_range_shows_inline_message(qtbot: Any, wizard: Wizard) -> None:
    click(qtbot, find(wizard, "audience_business"))
    click(qtbot, find(wizard, "nextButton"))
    staff = find(wizard, "input_staff")
    click(qtbot, staff)
    qtbot.keyClicks(staff, "20000")
    error = find(wizard, "error_staff")
    assert error.isVisible()
    assert "smaller organisations" in error.text()  # the questionnaire's validation message
    click(qtbot, find(wizard, "nextButton"))
    assert wizard.questions.section_id == "about"


def test_review_edit_returns_to_review(qtbot: Any, wizard: Wizard) -> None:
    c = wizard.controller
    click(qtbot, find(wizard, "audience_consumer"))
    c.set_answer("data_kinds", frozenset({"photos"}))
    c.set_answer("sensitivity", 2)
    c.set_answer("offline_copy", "no")
    c.go_next()
    c.go_next()
    c.go_next()
    assert c.page == "review"
    click(qtbot, find(wizard, "edit_sensitivity"))
    assert c.page == "questions"
    assert QApplication.focusWidget() is find(wizard, "choice_sensitivity_2")
    click(qtbot, find(wizard, "choice_sensitivity_4"))
    click(qtbot, find(wizard, "nextButton"))
    assert c.page == "review"
    assert find(wizard, "answer_sensitivity").text().startswith("4")
    click(qtbot, find(wizard, "edit_audience"))
    assert c.page == "welcome"


def test_what_would_change_applies_and_goes_back(qtbot: Any, wizard: Wizard) -> None:
    c = wizard.controller
    click(qtbot, find(wizard, "audience_business"))
    for qid, value in (("staff", 80), ("data_kinds", frozenset({"classified"})), ("sensitivity", 5),
                       ("peers", "no"), ("offline_copy", "yes")):
        c.set_answer(qid, value)
    c.show_result()
    before = headline(wizard)
    assert "Private cloud" in before
    click(qtbot, find(wizard, "whatIf_0"))  # a comparison: the advice stays the user's own
    assert find(wizard, "whatIfCompare").isVisible()
    assert headline(wizard) == before
    assert find(wizard, "compareTrial").text() != before
    click(qtbot, find(wizard, "adoptWhatIf"))  # "use these answers"
    assert find(wizard, "whatIfBanner").isVisible()
    assert headline(wizard) != before
    click(qtbot, find(wizard, "undoWhatIf"))
    assert headline(wizard) == before
    assert c.session.answer("data_kinds") == frozenset({"classified"})


def test_step_list_and_progress(qtbot: Any, wizard: Wizard) -> None:
    click(qtbot, find(wizard, "audience_consumer"))
    assert "1 of" in find(wizard, "progressLabel").text()
    wizard.window.steps.stepChosen.emit("section:habits")
    assert wizard.questions.section_id == "habits"
