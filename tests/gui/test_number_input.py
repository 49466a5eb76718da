"""Number inputs read numbers like the terminal and answers files do (issue 13), typed for real.

Every entry is typed with key presses on the focused widget, and the test checks the answer the
session holds, not only what is shown. The example questionnaire's "How many staff?" counts people
(whole numbers, 1 to 100 000) and warns above 10 000 ("meant for smaller organisations").
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton

from cloudwizard.gui.app import Wizard
from cloudwizard.gui.widgets.questions import NumberInput
from tests.gui.conftest import click, find

LANGUAGES = ("nl", "fr", "de", "en")
EXAMPLE = Path(__file__).resolve().parents[2] / "questionnaires" / "examples" / "example.yaml"


def to_staff(qtbot: Any, wizard: Wizard) -> QLineEdit:
    """Business audience, then the staff question; returns its field, focused."""
    click(qtbot, find(wizard, "audience_business"))
    click(qtbot, find(wizard, "nextButton"))
    edit = find(wizard, "input_staff")
    assert isinstance(edit, QLineEdit)
    wizard.render(focus=True)  # as `run()` does once the window is up (the fixture loads before showing it)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    click(qtbot, edit)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit, timeout=2000)
    return edit


def type_in(qtbot: Any, text: str) -> QLineEdit:
    """Type `text` into the focused field, key by key (after selecting what it holds)."""
    edit = QApplication.focusWidget()
    assert isinstance(edit, QLineEdit)
    QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(edit, Qt.Key.Key_Backspace)
    for char in text:
        if ord(char) < 256:
            qtbot.keyClicks(edit, char)
        else:  # QTest's key clicks abort on characters beyond Latin-1: send the key event a keyboard layout would
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(edit, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))
    return edit


def message(wizard: Wizard, qtbot: Any, qid: str = "staff") -> str:
    """The inline message once the typing has paused."""
    label = find(wizard, f"error_{qid}")
    assert isinstance(label, QLabel)
    qtbot.waitUntil(label.isVisible, timeout=3000)
    return label.text()


def staff(wizard: Wizard) -> Any:
    session = wizard.controller.session
    assert session is not None
    return session.answer("staff")


# (language, typed, answer stored) — read the language's way, with every group separator.
READ = [
    ("nl", "2.500", 2500), ("nl", "2 500", 2500), ("nl", "2\u00a0500", 2500), ("nl", "12 personen", 12),
    ("fr", "2 500", 2500), ("fr", "2\u202f500", 2500), ("fr", "2.500", 2500),
    ("de", "2.500", 2500), ("de", "2 500", 2500), ("de", "40", 40),
    ("en", "2,500", 2500), ("en", "2 500", 2500), ("en", "12 people", 12),
]


@pytest.mark.parametrize(("lang", "typed", "stored"), READ)
def test_numbers_are_read_the_languages_way(qtbot: Any, make_wizard: Callable[..., Wizard], lang: str, typed: str,
                                           stored: int) -> None:
    wizard = make_wizard(lang)
    to_staff(qtbot, wizard)
    type_in(qtbot, typed)
    assert staff(wizard) == stored
    find(wizard, "input_staff").clearFocus()  # leaving the field shows any message at once
    assert not find(wizard, "error_staff").isVisible()


def confirm_shown(wizard: Wizard) -> bool:
    """Whether the staff question's "Yes, …" / "Keep this answer" button is there and shown (it is made when first needed)."""
    button = wizard.window.findChild(QPushButton, "confirm_staff")
    return button is not None and button.isVisible()


# (language, typed, the number offered back, the question as written)
ASKED_BACK = [
    ("en", "2.500", 2500, "Did you mean 2\u00a0500?"),
    ("nl", "2,500", 2500, "Bedoel je 2\u00a0500?"),
    ("fr", "2,500", 2500, "Vouliez-vous dire 2\u00a0500\u202f?"),
    ("de", "2,500", 2500, "Meinten Sie 2\u00a0500?"),
]


@pytest.mark.parametrize(("lang", "typed", "number", "asked"), ASKED_BACK)
def test_an_ambiguous_entry_is_asked_back_and_confirmed_by_keyboard(
        qtbot: Any, make_wizard: Callable[..., Wizard], lang: str, typed: str, number: int, asked: str) -> None:
    wizard = make_wizard(lang)
    to_staff(qtbot, wizard)
    edit = type_in(qtbot, typed)
    assert staff(wizard) is None  # never truncated to 2 or guessed: nothing is kept until confirmed
    assert message(wizard, qtbot) == asked
    assert edit.accessibleDescription() == asked
    # Next does not go on past an entry that is asked back about: the focus goes to "Yes, 2 500"
    QTest.keyClick(edit, Qt.Key.Key_Return)
    assert wizard.questions.section_id == "about" and wizard.controller.page == "questions"
    button = QApplication.focusWidget()
    assert isinstance(button, QPushButton) and button.objectName() == "confirm_staff"
    assert asked.split()[-1].rstrip("?") in button.text()
    assert button.accessibleDescription() == asked  # what a screen reader reads on arrival
    QTest.keyClick(button, Qt.Key.Key_Return)  # Enter on the button takes it, and does not go on
    assert wizard.questions.section_id == "about"
    number_taken = staff(wizard)
    if number_taken is None:  # above the maximum: refused with the range, nothing kept
        assert number > 100000 and find(wizard, "error_staff").isVisible()
        return
    assert number_taken == number
    assert not find(wizard, "error_staff").isVisible()
    assert QApplication.focusWidget() is edit
    # rewritten the language's way, which reads back as the same number
    from cloudwizard.engine.numbers import format_number

    assert edit.text() == format_number(number, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("leave", ["tab", "next"])
def test_the_ask_back_is_reached_at_once_when_typing_goes_straight_on(
        qtbot: Any, make_wizard: Callable[..., Wizard], lang: str, leave: str) -> None:
    """Typed and left at once (no pause): Tab or Enter lands on "Yes, …", never past it."""
    wizard = make_wizard(lang)
    to_staff(qtbot, wizard)
    typed = {"en": "2.500"}.get(lang, "2,500")
    edit = type_in(qtbot, typed)
    assert not find(wizard, "error_staff").isVisible()  # still typing: nothing shown yet
    QTest.keyClick(edit, Qt.Key.Key_Tab if leave == "tab" else Qt.Key.Key_Return)
    button = QApplication.focusWidget()
    assert isinstance(button, QPushButton) and button.objectName() == "confirm_staff", button
    assert find(wizard, "error_staff").isVisible()
    assert wizard.questions.section_id == "about"
    # Shift+Tab goes back to the field, to type another number instead
    QTest.keyClick(button, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is edit
    QTest.keyClick(edit, Qt.Key.Key_Tab)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert staff(wizard) == 2500
    assert QApplication.focusWidget() is edit
    QTest.keyClick(edit, Qt.Key.Key_Return)  # now Next goes on
    assert wizard.questions.section_id != "about"


def test_a_reading_out_of_range_is_not_asked_back_but_refused_with_the_range(
        qtbot: Any, make_wizard: Callable[..., Wizard]) -> None:
    wizard = make_wizard("nl")
    to_staff(qtbot, wizard)
    type_in(qtbot, "1,000,000")  # only the English way, above the maximum: refused, never asked back
    assert staff(wizard) is None
    assert message(wizard, qtbot) == ("1.000.000 is meer dan het maximum, 100.000. "
                                      "Geef een geheel getal van 1 tot 100.000.")
    assert not confirm_shown(wizard)


# (language, typed, start of the message) — refused with the range the way the language writes it
REFUSED = [
    ("en", "200000", "200,000 is above the maximum, 100,000. Enter a whole number from 1 to 100,000."),
    ("nl", "200.000", "200.000 is meer dan het maximum, 100.000. Geef een geheel getal van 1 tot 100.000."),
    ("fr", "200 000", "200\u202f000 dépasse le maximum, 100\u202f000. Saisissez un nombre entier de 1 à 100\u202f000."),
    ("de", "200.000", "200.000 liegt über dem Höchstwert 100.000. Geben Sie eine ganze Zahl von 1 bis 100.000 ein."),
    ("en", "0", "0 is below the minimum, 1. Enter a whole number from 1 to 100,000."),
    ("en", "2.5", "'2.5' is not a whole number; type a whole number. Enter a whole number from 1 to 100,000."),
    ("nl", "2,5", "“2,5” is geen geheel getal"),
    ("en", "1e309", "'1e309' is not a number. Enter a whole number from 1 to 100,000."),
    ("de", "1e309", "„1e309“ ist keine Zahl"),
    ("fr", "inf", "«\u00a0inf\u00a0» n’est pas un nombre"),
    ("en", "9" * 400, "'" + "9" * 40 + "…' is too long for a number"),
    ("en", "-5", "-5 is below the minimum, 1."),
]


@pytest.mark.parametrize(("lang", "typed", "expected"), REFUSED)
def test_refused_entries_get_an_inline_message_and_no_answer(
        qtbot: Any, make_wizard: Callable[..., Wizard], lang: str, typed: str, expected: str) -> None:
    wizard = make_wizard(lang)
    to_staff(qtbot, wizard)
    if len(typed) > 50:  # typing 400 keys one by one takes long: paste it, as a person would
        edit = QApplication.focusWidget()
        assert isinstance(edit, QLineEdit)
        QApplication.clipboard().setText(typed)
        QTest.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    else:
        edit = type_in(qtbot, typed)
    assert edit.text() == typed  # what was typed stays as typed
    assert message(wizard, qtbot).startswith(expected)
    assert staff(wizard) is None
    assert not confirm_shown(wizard)
    click(qtbot, find(wizard, "nextButton"))
    assert wizard.controller.page == "questions" and wizard.questions.section_id == "about"


def test_no_message_while_typing_on_the_way_to_a_number(qtbot: Any, make_wizard: Callable[..., Wizard]) -> None:
    wizard = make_wizard("nl")
    to_staff(qtbot, wizard)
    type_in(qtbot, "2.0")  # on the way to 2.000: would read as a decimal "2.0" the other way
    assert not find(wizard, "error_staff").isVisible()
    qtbot.keyClicks(QApplication.focusWidget(), "00")
    qtbot.wait(NumberInput.SETTLE_MS + 200)
    assert not find(wizard, "error_staff").isVisible()
    assert staff(wizard) == 2000


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_plausibility_warning_may_be_confirmed(qtbot: Any, make_wizard: Callable[..., Wizard], lang: str) -> None:
    wizard = make_wizard(lang)
    edit = to_staff(qtbot, wizard)
    type_in(qtbot, {"en": "20,000", "fr": "20 000"}.get(lang, "20.000"))
    assert staff(wizard) == 20000  # kept: the maximum is 100 000, the warning is no hidden maximum
    warning = message(wizard, qtbot)
    q = wizard.controller.questionnaire
    assert q is not None
    assert warning == q.text(q.question("staff").validation[0].message, lang)
    keep = find(wizard, "confirm_staff")
    assert keep.isVisible()
    QTest.keyClick(edit, Qt.Key.Key_Return)  # not yet: Next stays, on "Keep this answer"
    assert wizard.questions.section_id == "about"
    assert QApplication.focusWidget() is keep
    assert keep.accessibleDescription() == warning
    QTest.keyClick(keep, Qt.Key.Key_Space)
    assert not find(wizard, "error_staff").isVisible()
    assert QApplication.focusWidget() is edit
    assert staff(wizard) == 20000
    click(qtbot, find(wizard, "nextButton"))
    assert wizard.questions.section_id != "about"
    # another number above the soft maximum is warned about again
    click(qtbot, find(wizard, "backButton"))
    click(qtbot, find(wizard, "input_staff"))
    type_in(qtbot, "30000")
    assert staff(wizard) == 30000
    assert message(wizard, qtbot) == warning
    click(qtbot, find(wizard, "nextButton"))
    assert wizard.questions.section_id == "about"


STAFF_RANGE = "        min: 1\n        max: 100000\n"


def staff_range_changed(path: Path, new: str) -> Path:
    """The example questionnaire written to `path` with the staff question's range lines replaced by `new`."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert STAFF_RANGE in text
    path.write_text(text.replace(STAFF_RANGE, new), encoding="utf-8")
    return path


@pytest.fixture
def decimal_questionnaire(tmp_path: Path) -> Path:
    """The example questionnaire with a staff question that takes tenths."""
    return staff_range_changed(tmp_path / "decimal.yaml", STAFF_RANGE + "        step: 0.1\n")


@pytest.mark.parametrize(("lang", "typed", "stored", "asked"), [
    ("nl", "2,5", 2.5, None), ("fr", "2,5", 2.5, None), ("de", "2,5", 2.5, None), ("en", "2.5", 2.5, None),
    ("en", "2,5", 2.5, "Did you mean 2.5?"), ("de", "2.5", 2.5, "Meinten Sie 2,5?"),
    ("nl", "1.234,5", 1234.5, None), ("en", "1,234.5", 1234.5, None),
])
def test_decimals_where_the_question_takes_them(qtbot: Any, make_wizard: Callable[..., Wizard], decimal_questionnaire: Path,
                                                lang: str, typed: str, stored: float, asked: str | None) -> None:
    from cloudwizard.engine.loader import load

    wizard = make_wizard(lang, questionnaire=load(decimal_questionnaire))
    to_staff(qtbot, wizard)
    edit = type_in(qtbot, typed)
    if asked is None:
        assert staff(wizard) == stored
        return
    assert staff(wizard) is None
    assert message(wizard, qtbot) == asked
    click(qtbot, find(wizard, "confirm_staff"))
    assert staff(wizard) == stored
    assert edit.text() == ("2.5" if lang == "en" else "2,5")


def test_switching_language_rewrites_a_kept_number(qtbot: Any, make_wizard: Callable[..., Wizard]) -> None:
    wizard = make_wizard("nl")
    edit = to_staff(qtbot, wizard)
    type_in(qtbot, "2.500")
    assert staff(wizard) == 2500
    wizard.l10n.set_language("en")
    assert edit.text() == "2,500"
    assert staff(wizard) == 2500
    assert edit.placeholderText() == "1–100,000"


def test_an_entry_asked_back_reads_plainly_after_switching_language(qtbot: Any, make_wizard: Callable[..., Wizard]) -> None:
    wizard = make_wizard("nl")
    to_staff(qtbot, wizard)
    type_in(qtbot, "2,500")
    assert staff(wizard) is None
    wizard.l10n.set_language("en")  # "2,500" is plain English for 2500
    assert staff(wizard) == 2500


def test_a_stored_number_is_shown_the_languages_way(qtbot: Any, make_wizard: Callable[..., Wizard]) -> None:
    wizard = make_wizard("fr")
    click(qtbot, find(wizard, "audience_business"))
    wizard.controller.set_answer("staff", 4500)
    click(qtbot, find(wizard, "nextButton"))
    edit = find(wizard, "input_staff")
    assert isinstance(edit, QLineEdit)
    assert edit.text() == "4\u202f500"
    assert edit.placeholderText() == "1–100\u202f000"


def test_an_answer_the_engine_refuses_is_no_crash(qtbot: Any, wizard: Wizard) -> None:
    """The safety net behind the inputs: the controller turns an AnswerError into no answer."""
    click(qtbot, find(wizard, "audience_business"))
    wizard.controller.set_answer("staff", float("inf"))
    wizard.controller.set_answer("staff", 10**400)
    assert staff(wizard) is None


@pytest.fixture
def big_staff_questionnaire(tmp_path: Path) -> Path:
    """The example questionnaire with a staff question that goes up to 2 000 000 (both readings fit)."""
    return staff_range_changed(tmp_path / "big.yaml", "        min: 1\n        max: 2000000\n")


FR_ASKED = "Vouliez-vous dire 1\u00a0000 ou 1\u00a0000\u00a0000\u202f?"
# (language, typed, the question asked back, the two buttons, the two numbers) — groups, then the
# decimal sign and three digits: the language's own reading (1 000) first, then groups written with
# two marks; a lone decimal sign and three digits ("200,000" in Dutch): the whole number the other
# language's way first (200 000), then the language's own decimal (200)
ONE_THOUSAND = (1000, 1000000)
TWO_READINGS = [
    ("nl", "1.000,000", "Bedoel je 1\u00a0000 of 1\u00a0000\u00a0000?", ("Ja, 1\u00a0000", "Ja, 1\u00a0000\u00a0000"),
     ONE_THOUSAND),
    ("fr", "1.000,000", FR_ASKED, ("Oui, 1\u00a0000", "Oui, 1\u00a0000\u00a0000"), ONE_THOUSAND),
    ("fr", "1 000,000", FR_ASKED, ("Oui, 1\u00a0000", "Oui, 1\u00a0000\u00a0000"), ONE_THOUSAND),
    ("de", "1.000,000", "Meinten Sie 1\u00a0000 oder 1\u00a0000\u00a0000?", ("Ja, 1\u00a0000", "Ja, 1\u00a0000\u00a0000"),
     ONE_THOUSAND),
    ("en", "1,000.000", "Did you mean 1\u00a0000 or 1\u00a0000\u00a0000?", ("Yes, 1\u00a0000", "Yes, 1\u00a0000\u00a0000"),
     ONE_THOUSAND),
    ("nl", "200,000", "Bedoel je 200\u00a0000 of 200?", ("Ja, 200\u00a0000", "Ja, 200"), (200000, 200)),
    ("de", "5,000", "Meinten Sie 5\u00a0000 oder 5?", ("Ja, 5\u00a0000", "Ja, 5"), (5000, 5)),
    ("fr", "200,000", "Vouliez-vous dire 200\u00a0000 ou 200\u202f?", ("Oui, 200\u00a0000", "Oui, 200"), (200000, 200)),
    ("en", "250.000", "Did you mean 250\u00a0000 or 250?", ("Yes, 250\u00a0000", "Yes, 250"), (250000, 250)),
]


@pytest.mark.parametrize("pick", [0, 1])
@pytest.mark.parametrize(("lang", "typed", "asked", "buttons", "numbers"), TWO_READINGS)
def test_numbers_that_read_two_ways_offer_both_readings_by_keyboard(
        qtbot: Any, make_wizard: Callable[..., Wizard], big_staff_questionnaire: Path, lang: str, typed: str,
        asked: str, buttons: tuple[str, str], numbers: tuple[int, int], pick: int) -> None:
    """"1.000,000" in Dutch is 1 000 the Dutch way, or 1 000 000 with two marks; "200,000" is 200 000 the
    English way, or 200 the Dutch way: both are offered, and saved as chosen."""
    from cloudwizard.engine.answers import read_answers
    from cloudwizard.engine.loader import load
    from cloudwizard.engine.numbers import format_number

    wizard = make_wizard(lang, questionnaire=load(big_staff_questionnaire))
    edit = to_staff(qtbot, wizard)
    type_in(qtbot, typed)
    assert staff(wizard) is None  # nothing kept until one of the readings is chosen
    QTest.keyClick(edit, Qt.Key.Key_Return)  # Next stays on the page and goes to the first reading
    assert wizard.questions.section_id == "about"
    assert message(wizard, qtbot) == asked
    assert edit.accessibleDescription() == asked
    first = QApplication.focusWidget()
    assert isinstance(first, QPushButton) and first.objectName() == "confirm_staff"
    assert first.text() == buttons[0] and first.accessibleDescription() == asked
    QTest.keyClick(first, Qt.Key.Key_Tab)  # the other reading is the next Tab stop
    second = QApplication.focusWidget()
    assert isinstance(second, QPushButton) and second.objectName() == "confirmOther_staff"
    assert second.text() == buttons[1] and second.accessibleDescription() == asked
    if pick == 0:
        QTest.keyClick(second, Qt.Key.Key_Backtab)
        assert QApplication.focusWidget() is first
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    number = numbers[pick]
    assert staff(wizard) == number
    assert edit.text() == format_number(number, lang)  # rewritten the language's way
    assert QApplication.focusWidget() is edit
    assert not second.isVisible()
    q = wizard.controller.questionnaire
    assert q is not None
    if number <= 10000:  # the example's plausibility limit
        assert not find(wizard, "error_staff").isVisible() and not first.isVisible()
    else:  # kept, and above the example's plausibility limit (10 000): its warning, which may be kept
        assert message(wizard, qtbot) == q.text(q.question("staff").validation[0].message, lang)
        QTest.keyClick(edit, Qt.Key.Key_Return)
        assert QApplication.focusWidget() is first
        QTest.keyClick(first, Qt.Key.Key_Space)
        assert QApplication.focusWidget() is edit
    # what is saved: the autosave file holds the number chosen
    assert wizard.autosave is not None
    wizard.autosave.save_now()
    saved = read_answers(wizard.autosave.path, q).data
    assert saved is not None and saved.answers["staff"] == number
    QTest.keyClick(edit, Qt.Key.Key_Return)  # now Next goes on
    assert wizard.questions.section_id != "about"
