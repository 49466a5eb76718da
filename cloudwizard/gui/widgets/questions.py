"""One widget per question type, all with the same small interface.

A `QuestionCard` shows the question, its hint, a "why we ask this" help text, the input and an inline
message. The input never talks to the session: it emits `answerChanged` and the page forwards it.
"""

# ruff: noqa: N815 - Qt signals are camelCase, like Qt's own
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, cast

from PySide6.QtCore import SIGNAL, SLOT, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cloudwizard.engine.coercion import AnswerError, coerce_answer
from cloudwizard.engine.model import Question, Questionnaire, QuestionType
from cloudwizard.engine.numbers import Ambiguity, NumberError, format_number, is_integer_question, parse_number
from cloudwizard.gui.widgets.announce import announce
from cloudwizard.gui.widgets.common import GROUP_PROPERTY, DisclosureButton, keep_one_tab_stop
from cloudwizard.gui.widgets.tiles import TileCheckBox, TileRadioButton

Gettext = Callable[[str], str]
#: Scales with more steps than this are typed as a number instead of picked from buttons.
MAX_SCALE_BUTTONS = 11
#: Where an arrow key moves the focus among check boxes: back or on.
_ARROW_STEPS = {Qt.Key.Key_Up: -1, Qt.Key.Key_Left: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_Right: 1}


def _plain_label(parent: QWidget) -> QLabel:
    """A label for questionnaire text: always plain, so markup in a questionnaire is shown, not run."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def arrow_among(buttons: Sequence[QAbstractButton], watched: QObject, event: QEvent, choose: bool) -> bool:
    """Move among `buttons` with an arrow key (Up/Left back, Down/Right on; no wrapping).

    With `choose` (radio buttons) the choice arrived at is chosen, as in Windows' and GTK's radio
    groups and the WAI-ARIA radio group pattern (Qt's own arrows only choose when the button left
    was checked). True when the key was used.
    """
    if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) or watched not in buttons:
        return False
    step = _ARROW_STEPS.get(Qt.Key(event.key()))
    if step is None or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
        return False
    index = buttons.index(watched) + step
    if 0 <= index < len(buttons):
        target = buttons[index]
        target.setFocus(Qt.FocusReason.TabFocusReason if step > 0 else Qt.FocusReason.BacktabFocusReason)
        if choose and not target.isChecked():
            target.click()
    return True


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


#: Groups of digits in a number asked back about: a no-break space reads the same in every language.
ASK_BACK_GROUP = "\u00a0"


class AnswerInput(QWidget):
    """Base of the inputs: shows an answer and reports changes.

    Signals:
        edited(object): the new raw answer (None when cleared).
    """

    edited = Signal(object)

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self._problem_text = ""
        self.setProperty(GROUP_PROPERTY, True)  # a group named by the question, for screen readers

    def set_value(self, value: Any) -> None:
        """Show `value` without emitting `edited`."""
        raise NotImplementedError

    def set_offered(self, choice_ids: tuple[str, ...]) -> None:
        """Show only these choices (choice questions)."""

    def retranslate(self, q: Questionnaire, lang: str, _: Gettext) -> None:
        """Rewrite texts in `lang`."""
        raise NotImplementedError

    def focus_input(self) -> None:
        """Put the keyboard focus on the input (the chosen choice, or the first one)."""
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def local_problem(self, _: Gettext) -> str | None:
        """A problem the input itself knows about (e.g. text that is not a number)."""
        return None

    def describe_problem(self, message: str | None) -> None:
        """Put the card's message (or none) in the description of each choice, for screen readers.

        A screen reader reads the description when a choice gets the focus, so "Please answer this
        question" is heard where Next moves the focus. The fields carry it on their own.
        """
        self._problem_text = message or ""
        for button, own in self._described():
            button.setAccessibleDescription(" ".join(t for t in (self._problem_text, own) if t))

    def _described(self) -> list[tuple[QAbstractButton, str]]:
        """The choices and their own description (a hint, "Choosing this clears …")."""
        return []


class ChoiceInput(AnswerInput):
    """Radio buttons (single choice, yes/no) or check boxes (multiple choice).

    The choices are one tab stop: Tab enters the group at the chosen (or first) choice and leaves it
    with the next Tab; the arrow keys move between the choices and Space checks or toggles.

    Qt gives the radio buttons of a group their arrow keys itself. A group of check boxes, though,
    keeps only the focused box in the tab chain (QAbstractButtonPrivate::fixFocusPolicy) while its
    arrow keys only visit boxes that are in the tab chain, so the other boxes could not be reached
    at all: `eventFilter` moves between check boxes.
    """

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.multiple = question.type is QuestionType.MULTIPLE
        self.group = QButtonGroup(self)
        self.group.setExclusive(not self.multiple)
        self.buttons: dict[str, QAbstractButton] = {}
        self.hints: dict[str, QLabel] = {}
        self._own_descriptions: dict[str, str] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for choice in question.choices:
            button: QAbstractButton = TileCheckBox("", self) if self.multiple else TileRadioButton("", self)
            button.setObjectName(f"choice_{question.id}_{choice.id}")
            button.installEventFilter(self)
            self.group.addButton(button)
            self.buttons[choice.id] = button
            layout.addWidget(button)
            if choice.hint:
                hint = _plain_label(self)
                hint.setProperty("role", "muted")
                hint.setWordWrap(True)
                hint.setIndent(34)
                self.hints[choice.id] = hint
                layout.addWidget(hint)
        self.group.buttonToggled.connect(self._toggled)
        self._quiet = False
        self._keep_one_tab_stop()

    def offered_buttons(self) -> list[QAbstractButton]:
        """The buttons of the choices offered now, in reading order."""
        return [b for b in self.buttons.values() if not b.isHidden()]

    def _keep_one_tab_stop(self) -> None:
        keep_one_tab_stop(list(self.buttons.values()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Arrow keys move between the choices (Up/Left back, Down/Right on; no wrapping).

        Among radio buttons the arrow also chooses; among check boxes it only moves (Space toggles).
        """
        if arrow_among(self.offered_buttons(), watched, event, choose=not self.multiple):
            return True
        return super().eventFilter(watched, event)

    def _toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if self._quiet or (not self.multiple and not checked):
            return
        self.edited.emit(self.value())

    def value(self) -> Any:
        """The answer the buttons show."""
        chosen = [cid for cid, b in self.buttons.items() if b.isChecked()]
        if self.multiple:
            return frozenset(chosen)
        return chosen[0] if chosen else None

    def set_value(self, value: Any) -> None:
        """Check the chosen buttons without emitting."""
        chosen = set(value) if isinstance(value, frozenset) else ({value} if value is not None else set())
        self._quiet = True
        exclusive = self.group.exclusive()
        self.group.setExclusive(False)
        for cid, button in self.buttons.items():
            button.setChecked(cid in chosen)
        self.group.setExclusive(exclusive)
        self._quiet = False
        self._keep_one_tab_stop()

    def set_offered(self, choice_ids: tuple[str, ...]) -> None:
        """Hide the choices that are not offered now."""
        for cid, button in self.buttons.items():
            button.setVisible(cid in choice_ids)
            if cid in self.hints:
                self.hints[cid].setVisible(cid in choice_ids)
        self._keep_one_tab_stop()

    def retranslate(self, q: Questionnaire, lang: str, _: Gettext) -> None:
        """Label every choice."""
        for choice in self.question.choices:
            button = self.buttons[choice.id]
            button.setText(q.text(choice.label, lang))
            own = ""
            if choice.id in self.hints:
                self.hints[choice.id].setText(q.text(choice.hint, lang))
                own = q.text(choice.hint, lang)
            if choice.exclusive:
                own = _("Choosing this clears the other choices.")
            self._own_descriptions[choice.id] = own
        self.describe_problem(self._problem_text)

    def _described(self) -> list[tuple[QAbstractButton, str]]:
        return [(b, self._own_descriptions.get(cid, "")) for cid, b in self.buttons.items()]

    def focus_input(self) -> None:
        """Focus the chosen choice, else the first offered one."""
        offered = self.offered_buttons()
        checked = [b for b in offered if b.isChecked()]
        target = next(iter(checked or offered), None)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)


class ScaleInput(AnswerInput):
    """A row of numbered radio buttons from the minimum to the maximum, with end labels."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        lo, hi, step = question.minimum or 0, question.maximum or 0, question.step or 1
        self.values = [lo + i * step for i in range(round((hi - lo) / step) + 1)]
        self.group = QButtonGroup(self)
        self.buttons: list[QRadioButton] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        for i, v in enumerate(self.values):
            b = QRadioButton(_number(v), self)
            b.setObjectName(f"choice_{question.id}_{_number(v)}")
            self.group.addButton(b, i)
            self.buttons.append(b)
            b.installEventFilter(self)
            grid.addWidget(b, 0, i)
        self.min_label = _plain_label(self)
        self.max_label = _plain_label(self)
        for lab in (self.min_label, self.max_label):
            lab.setProperty("role", "muted")
        self.max_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        half = max(1, len(self.values) // 2)
        grid.addWidget(self.min_label, 1, 0, 1, half)
        grid.addWidget(self.max_label, 1, len(self.values) - half, 1, half)
        grid.setColumnStretch(len(self.values), 1)
        self._quiet = False
        self.group.idToggled.connect(self._toggled)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """An arrow key moves to the next or previous value and chooses it."""
        if arrow_among(self.buttons, watched, event, choose=True):
            return True
        return super().eventFilter(watched, event)

    def _toggled(self, index: int, checked: bool) -> None:
        if checked and not self._quiet:
            v = self.values[index]
            self.edited.emit(int(v) if float(v).is_integer() else v)

    def set_value(self, value: Any) -> None:
        """Check the button for `value` without emitting."""
        self._quiet = True
        self.group.setExclusive(False)
        for v, b in zip(self.values, self.buttons, strict=True):
            b.setChecked(value is not None and math.isclose(v, value))
        self.group.setExclusive(True)
        self._quiet = False

    def retranslate(self, q: Questionnaire, lang: str, _: Gettext) -> None:
        """End labels and accessible names such as "3 of 5, very"."""
        low, high = q.text(self.question.min_label, lang), q.text(self.question.max_label, lang)
        self.min_label.setText(f"← {low}" if low else "")
        self.max_label.setText(f"{high} →" if high else "")
        top = _number(self.values[-1])
        for i, (v, b) in enumerate(zip(self.values, self.buttons, strict=True)):
            name = _("{value} of {maximum}").format(value=_number(v), maximum=top)
            if i == 0 and low:
                name += f", {low}"
            elif i == len(self.values) - 1 and high:
                name += f", {high}"
            b.setAccessibleName(name)

    def _described(self) -> list[tuple[QAbstractButton, str]]:
        return [(b, "") for b in self.buttons]

    def focus_input(self) -> None:
        """Focus the chosen value, else the first."""
        checked = [b for b in self.buttons if b.isChecked()]
        (checked or self.buttons)[0].setFocus(Qt.FocusReason.OtherFocusReason)


class NumberInput(AnswerInput):
    """A line edit for a number, with its unit, read the way the session's language writes numbers.

    The text goes through `cloudwizard.engine.numbers.parse_number`, the rules of the terminal and
    of answers files: ``200.000``, ``200 000`` and ``2,5`` in Dutch, French and German, ``200,000``
    and ``2.5`` in English. Nothing is ever truncated or read another way in silence:

    * an entry that reads two ways (``250.000`` in English) or only another language's way is asked
      back ("Did you mean 250 000?") with a button that takes the suggestion; until then the
      question holds no answer;
    * a question that counts people takes whole numbers only (`is_integer_question`);
    * a number outside the questionnaire's ``min``/``max`` gets a message with the accepted range,
      written the language's way.

    The answer follows every key press, but a message waits until the typing pauses (`SETTLE_MS`),
    Tab is pressed or the field is left, so "200.0" on the way to "200.000" asks nothing. Tab shows
    it before the focus moves, so the next Tab stop is the button that takes the suggestion.

    The line edit, not this widget, takes the focus (no focus proxy: Qt would report both as
    focused to screen readers).

    Signals:
        problemChanged(): a message may have appeared (the card shows it).
    """

    problemChanged = Signal()
    #: How long typing must pause before a message about the text is shown (ms).
    SETTLE_MS = 700

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"input_{question.id}")
        self.integer = is_integer_question(question)
        self.edit.setMaximumWidth(220)
        self.unit = _plain_label(self)
        self.unit.setProperty("role", "muted")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.unit)
        row.addStretch(1)
        self.lang = "en"
        self._unit_text = ""
        #: The number the text stands for, or None (empty, or a problem).
        self.value: int | float | None = None
        #: What is wrong with the text: (kind, detail), kinds ``error`` (a NumberError), ``ambiguous``
        #: (the numbers offered, the likelier first), ``below``, ``above``, ``step`` (the number read) and ``invalid``.
        self.problem: tuple[str, Any] | None = None
        self._settled = True
        #: While `problemChanged` is emitted: the message need not be announced (see `settle`).
        self.quiet_message = False
        self._settle_timer = QTimer(self)
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(self.SETTLE_MS)
        self._settle_timer.timeout.connect(self.settle)
        self.edit.textEdited.connect(self._edited)
        self.edit.editingFinished.connect(self.settle)
        self.edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Tab and Shift+Tab show a waiting message before the focus moves on (to its button)."""
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.settle(focus_says_it=True)
        return super().eventFilter(watched, event)

    def focus_input(self) -> None:
        """Focus the line edit."""
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- reading -----------------------------------------------------------------------------
    def _read(self, text: str) -> tuple[int | float | None, tuple[str, Any] | None]:
        """(number, problem) for `text` in the input's language."""
        q = self.question
        text = text.strip()
        unit = self._unit_text.strip()
        if unit and text.lower().endswith(unit.lower()) and text[: -len(unit)].strip():
            text = text[: -len(unit)].strip()  # "12 people", as the field shows it, is 12
        if not text:
            return None, None
        try:
            result = parse_number(text, self.lang, integer=self.integer)
        except NumberError as exc:
            return None, ("error", exc)
        if isinstance(result, Ambiguity):
            # only the readings the question can take are offered (as `cloudwizard ask` does): asking
            # "Did you mean 2 000 000?" to refuse it as above the maximum would be a trap
            readings = tuple(r for r in result.readings if self.question.in_range(r))
            if readings:
                return None, ("ambiguous", readings)
            result = result.suggestion  # none can: the likelier reading's range message
        if q.minimum is not None and result < q.minimum:
            return None, ("below", result)
        if q.maximum is not None and result > q.maximum:
            return None, ("above", result)
        on_scale = q.type is QuestionType.SCALE and q.minimum is not None and bool(q.step)
        if on_scale and not float((result - (q.minimum or 0)) / q.step).is_integer():
            return None, ("step", result)
        try:  # the engine's own check (finite, not too large), so the session never refuses it
            coerce_answer(q.type, q.choice_ids, result, minimum=q.minimum, maximum=q.maximum)
        except AnswerError:
            return None, ("invalid", result)
        return result, None

    def parsed(self) -> float | int | None:
        """The number the text stands for, or None when empty, unreadable, asked back or out of range."""
        return self._read(self.edit.text())[0]

    def _evaluate(self) -> bool:
        """Read the text again; True when the number it stands for changed."""
        old = self.value
        self.value, self.problem = self._read(self.edit.text())
        return old != self.value or (old is None) != (self.value is None)

    def _edited(self, _text: str) -> None:
        self._evaluate()
        self._settled = self.problem is None
        if self.problem is None:
            self._settle_timer.stop()
        else:
            self._settle_timer.start()
        self.edited.emit(self.value)

    def settle(self, *, focus_says_it: bool = False) -> None:
        """Show the message about the text now (the typing paused, the field was left, or Next was pressed).

        Args:
            focus_says_it: the focus goes to the message's button next (Tab, Next), whose
                description a screen reader reads there: the message is not announced as well.
        """
        self._settle_timer.stop()
        if not self._settled:
            self._settled = True
            self.quiet_message = focus_says_it
            self.problemChanged.emit()
            self.quiet_message = False

    def has_problem(self) -> bool:
        """Whether the text is not a number that can be kept (shown yet or not)."""
        return self.problem is not None

    def suggestions(self) -> tuple[int | float, ...]:
        """The numbers offered with "Did you mean …?", the likelier first, once that question is shown."""
        if self._settled and self.problem is not None and self.problem[0] == "ambiguous":
            return cast("tuple[int | float, ...]", self.problem[1])
        return ()

    def suggestion(self) -> int | float | None:
        """The likelier number offered with "Did you mean …?", once that question is shown."""
        offered = self.suggestions()
        return offered[0] if offered else None

    def accept_suggestion(self, index: int = 0) -> None:
        """Take a number offered by "Did you mean …?": it is written the language's way and kept.

        Args:
            index: which of the numbers offered (0, the likelier, unless the question offered more).
        """
        offered = self.suggestions()
        if index >= len(offered):
            return
        number = offered[index]
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)  # before its button is hidden (see QuestionCard.show_problem)
        self.edit.setText(format_number(number, self.lang))
        self._evaluate()
        self._settled = True
        self.edited.emit(self.value)
        self.problemChanged.emit()
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- messages ----------------------------------------------------------------------------
    def num(self, value: float) -> str:
        """`value` as the input's language writes it."""
        return format_number(value, self.lang)

    def range_sentence(self, _: Gettext) -> str:
        """What the field accepts, e.g. "Enter a whole number from 1 to 1.000.000." ("" without limits)."""
        lo, hi = self.question.minimum, self.question.maximum
        whole = self.integer
        if lo is not None and hi is not None:
            text = _("Enter a whole number from {minimum} to {maximum}.") if whole else \
                _("Enter a number from {minimum} to {maximum}.")
        elif lo is not None:
            text = _("Enter a whole number of at least {minimum}.") if whole else _("Enter a number of at least {minimum}.")
        elif hi is not None:
            text = _("Enter a whole number up to {maximum}.") if whole else _("Enter a number up to {maximum}.")
        else:
            return ""
        return text.format(minimum=self.num(lo) if lo is not None else "", maximum=self.num(hi) if hi is not None else "")

    def local_problem(self, _: Gettext) -> str | None:
        """The message about the text, once typing has paused (None while typing or when all is well)."""
        if self.problem is None or not self._settled:
            return None
        kind, detail = self.problem
        q = self.question
        limits = self.range_sentence(_)
        if kind == "ambiguous":
            shown = [format_number(n, self.lang, group=ASK_BACK_GROUP) for n in detail]
            if len(shown) > 1:
                return _("Did you mean {first} or {second}?").format(first=shown[0], second=shown[1])
            return _("Did you mean {number}?").format(number=shown[0])
        if kind == "error":
            first = detail.message(self.lang)
        elif kind == "below":
            first = _("{value} is below the minimum, {minimum}.").format(value=self.num(detail), minimum=self.num(q.minimum or 0))
        elif kind == "above":
            first = _("{value} is above the maximum, {maximum}.").format(value=self.num(detail), maximum=self.num(q.maximum or 0))
        elif kind == "step":
            first = _("{value} is not a point of this scale.").format(value=self.num(detail))
        else:
            first = ""
        if not first:
            return limits or _("Enter a number.")
        if not first.endswith((".", "?", "!")):
            first += "."
        return f"{first} {limits}".strip()

    # -- showing -----------------------------------------------------------------------------
    def set_value(self, value: Any) -> None:
        """Show the number (keeps what is typed while it stands for the same number, or holds a problem)."""
        if value is None:
            if self.problem is None:
                self.edit.setText("")
                self.value = None
            return
        if self.value != value or self.problem is not None:
            self.edit.setText(self.num(value))
            self._evaluate()
            self._settled = True

    def retranslate(self, q: Questionnaire, lang: str, _: Gettext) -> None:
        """The unit label and the range hint; a number already kept is rewritten the new language's way."""
        self.unit.setText(q.text(self.question.unit, lang))
        self._unit_text = self.unit.text()
        changed_language = lang != self.lang
        self.lang = lang
        lo, hi = self.question.minimum, self.question.maximum
        self.edit.setPlaceholderText(f"{self.num(lo)}–{self.num(hi)}" if lo is not None and hi is not None else "")
        if not changed_language or not self.edit.text().strip():
            return
        if self.problem is None and self.value is not None:
            self.edit.setText(self.num(self.value))
            return
        if self._evaluate():  # "200,000" asked back in Dutch is a plain number in English
            self.edited.emit(self.value)


class TextInput(AnswerInput):
    """A short multi-line text (Tab moves focus on; it never inserts a tab)."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName(f"input_{question.id}")
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 4 + 20)
        self.counter = _plain_label(self)
        self.counter.setProperty("role", "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.counter, 0, Qt.AlignmentFlag.AlignRight)
        self.edit.textChanged.connect(self._changed)
        self._quiet = False
        self._gettext: Gettext = str

    def _changed(self) -> None:
        text = self.edit.toPlainText()
        if len(text) > self.question.max_length:
            cursor = self.edit.textCursor()
            self.edit.setPlainText(text[: self.question.max_length])
            cursor.setPosition(min(cursor.position(), self.question.max_length))
            self.edit.setTextCursor(cursor)
            return
        self._count()
        if not self._quiet:
            self.edited.emit(text or None)

    def _count(self) -> None:
        _ = self._gettext
        self.counter.setText(
            _("{used} of {limit} characters").format(
                used=len(self.edit.toPlainText()), limit=self.question.max_length
            )
        )

    def set_value(self, value: Any) -> None:
        """Show the text without emitting."""
        if (value or "") != self.edit.toPlainText():
            self._quiet = True
            self.edit.setPlainText(value or "")
            self._quiet = False
        self._count()

    def retranslate(self, q: Questionnaire, lang: str, _: Gettext) -> None:
        """The character counter."""
        self._gettext = _
        self._count()

    def focus_input(self) -> None:
        """Focus the text box."""
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)


def make_input(question: Question, parent: QWidget | None = None) -> AnswerInput:
    """The input widget for a question's type."""
    t = question.type
    if t in (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.YESNO):
        return ChoiceInput(question, parent)
    if t is QuestionType.SCALE and question.minimum is not None and question.maximum is not None:
        steps = (question.maximum - question.minimum) / (question.step or 1) + 1
        if steps <= MAX_SCALE_BUTTONS:
            return ScaleInput(question, parent)
    if t is QuestionType.TEXT:
        return TextInput(question, parent)
    return NumberInput(question, parent)


class QuestionCard(QFrame):
    """One question on a card: label, hint, "why we ask this", the input and an inline message.

    Under the message there may be a button that settles it: "Yes, 250 000" when a number was
    asked back (`NumberInput.accept_suggestion`; two, "Yes, 1 000" and "Yes, 1 000 000", when it
    reads two ways), or "Keep this answer" when the message is a
    questionnaire's plausibility warning, which the person may overrule.

    Signals:
        answerChanged(str, object): question id and the new raw answer (None when cleared).
        warningConfirmed(str): question id; the person keeps the answer the warning was about.
    """

    answerChanged = Signal(str, object)
    warningConfirmed = Signal(str)

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.setObjectName(f"question_{question.id}")
        self.setProperty("role", "card")
        self.label = _plain_label(self)
        self.label.setObjectName(f"label_{question.id}")
        self.label.setProperty("role", "question")
        self.label.setWordWrap(True)
        self.hint = _plain_label(self)
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)
        self.input = make_input(question, self)
        # "Yes, 2 500" / "Keep this answer" and the second number when a number reads two ways ("Did
        # you mean 1 000 or 1 000 000?") are made when first needed (`_answer_button`): a hidden
        # button without text would be an unnamed push button in the accessibility tree of every
        # question. They go right after the input in the Tab chain, before "Why we ask this".
        self._confirm_button: QPushButton | None = None
        self._other_button: QPushButton | None = None
        self.help_button = DisclosureButton(self)  # a push button that says "collapsed"/"expanded", no check box
        self.help_button.setObjectName(f"help_{question.id}")
        self.help_button.setAutoDefault(True)
        self.help_text = _plain_label(self)
        self.help_text.setObjectName(f"helpText_{question.id}")
        self.help_text.setWordWrap(True)
        self.help_text.setProperty("role", "muted")
        self.help_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.help_text.hide()
        self.error = _plain_label(self)
        self.error.setObjectName(f"error_{question.id}")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(8)
        layout.addWidget(self.label)
        layout.addWidget(self.hint)
        layout.addWidget(self.input)
        layout.addWidget(self.error)
        self._buttons = QHBoxLayout()
        self._buttons.setContentsMargins(0, 0, 0, 0)
        self._buttons.addStretch(1)
        layout.addLayout(self._buttons)
        layout.addWidget(self.help_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.help_text)
        self.help_button.setVisible(bool(question.help))
        self.label.setBuddy(self.input.edit if isinstance(self.input, (NumberInput, TextInput)) else self.input)
        # A C++ connection: connecting to the bound `setVisible` leaks ~70 bytes per card in PySide6 6.12
        # even after both widgets are gone (found by benchmarks/bench_gui_soak.py).
        QObject.connect(self.help_button, SIGNAL("toggled(bool)"), self.help_text, SLOT("setVisible(bool)"))
        self.input.edited.connect(lambda value: self.answerChanged.emit(self.question.id, value))
        if isinstance(self.input, NumberInput):
            self.input.problemChanged.connect(self._local_problem_changed)
        self._problem: str | None = None
        self._warning = False
        self._gettext: Gettext = str

    @property
    def confirm_button(self) -> QPushButton | None:
        """The button that settles the message ("Yes, 2 500", "Keep this answer"); None until first needed."""
        return self._confirm_button

    @property
    def other_button(self) -> QPushButton | None:
        """The button for the second number offered ("Yes, 1 000 000"); None until first needed."""
        return self._other_button

    def _answer_button(self, second: bool) -> QPushButton:
        """The confirm button (or, with `second`, the second number's), made and placed on first use."""
        existing = self._other_button if second else self._confirm_button
        if existing is not None:
            return existing
        button = QPushButton(self)
        button.setObjectName(f"{'confirmOther' if second else 'confirm'}_{self.question.id}")
        button.setAutoDefault(True)
        button.hide()
        button.clicked.connect(self._confirm_other if second else self._confirm)
        after = self._confirm_button if second and self._confirm_button is not None else self._input_end()
        QWidget.setTabOrder(after, button)
        if second:
            self._other_button = button
            self._buttons.insertWidget(1 if self._confirm_button is not None else 0, button)
        else:
            self._confirm_button = button
            self._buttons.insertWidget(0, button)
        return button

    def _input_end(self) -> QWidget:
        """The input's last Tab stop in the Tab chain (the answer buttons follow it).

        Qt's `setTabOrder` ignores a widget that takes no focus, such as the unit's label.
        """
        last: QWidget = self.input
        widget = self.input.nextInFocusChain()
        while widget is not None and widget is not self.input and self.input.isAncestorOf(widget):
            if widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value:
                last = widget
            widget = widget.nextInFocusChain()
        return last

    def retranslate(self, q: Questionnaire, lang: str, _: Gettext) -> None:
        """Rewrite every text in `lang`."""
        self._gettext = _
        question = self.question
        label = q.text(question.label, lang)
        self.label.setText(label)
        hint = q.text(question.hint, lang)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.help_button.setText(_("Why we ask this"))
        self.help_button.setAccessibleName(_("Why we ask this: {question}").format(question=label))
        self.help_button.set_state_words(_("collapsed"), _("expanded"))
        self.help_text.setText(q.text(question.help, lang))
        self.input.retranslate(q, lang, _)
        group_name = label if not hint else f"{label} {hint}"
        self.input.setAccessibleName(group_name)
        if isinstance(self.input, (NumberInput, TextInput)):
            self.input.edit.setAccessibleName(label)
            self.input.edit.setAccessibleDescription(hint)

    def show_problem(self, message: str | None, warning: bool = False) -> None:
        """Show (or clear, with None) the inline message under the input.

        Args:
            message: the message, or None to clear it.
            warning: the message is a plausibility warning the person may overrule ("Keep this answer").
        """
        _ = self._gettext
        self._problem = message
        self._warning = bool(message) and warning
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        for widget in self._accessible_inputs():
            widget.setAccessibleDescription(message or "")
        self.input.describe_problem(message)
        offered = self.input.suggestions() if isinstance(self.input, NumberInput) and message else ()
        suggestion = offered[0] if offered else None
        if suggestion is not None:
            assert isinstance(self.input, NumberInput)
            for index, number in enumerate(offered[:2]):
                button = self._answer_button(second=index == 1)
                shown = format_number(number, self.input.lang, group=ASK_BACK_GROUP)
                button.setText(_("Yes, {number}").format(number=shown))
                button.setAccessibleDescription(message or "")
        elif self._warning:
            button = self._answer_button(second=False)
            button.setText(_("Keep this answer"))
            button.setAccessibleDescription(message or "")
        confirm, other = self._confirm_button, self._other_button
        visibility = ((confirm, suggestion is not None or self._warning), (other, len(offered) > 1))
        # a focused button about to be hidden hands the focus to the input first: hidden with the
        # focus, Qt would move it to the next widget, and a screen reader would announce two moves
        if any(b is not None and b.hasFocus() and not visible for b, visible in visibility):
            self.input.focus_input()
        for answer_button, visible in visibility:
            if answer_button is not None:
                answer_button.setVisible(visible)

    def _local_problem_changed(self) -> None:
        """The number input's message appeared (typing paused) or went: show it over the page's, and say it."""
        local = self.input.local_problem(self._gettext)
        if local:
            self.show_problem(local)
            if not (isinstance(self.input, NumberInput) and self.input.quiet_message and self.has_open_question()):
                announce(self.error, local)  # else the focus goes to its button, which says it

    def has_open_question(self) -> bool:
        """Whether a "Did you mean …?" or a warning waits for its button ("Yes, …", "Keep this answer")."""
        return self._confirm_button is not None and not self._confirm_button.isHidden()

    def problem_widget(self) -> QWidget:
        """What settles the message: its button when it has one (an open question), else the input."""
        if self._confirm_button is not None and self.has_open_question():
            return self._confirm_button
        return self.input

    def focus_problem(self) -> None:
        """Focus what settles the message: its button when it has one, else the input.

        The button's description is the message, so a screen reader reads both on arrival.
        """
        if self._confirm_button is not None and self.has_open_question():
            self._confirm_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.input.focus_input()

    def _confirm_other(self) -> None:
        if isinstance(self.input, NumberInput) and len(self.input.suggestions()) > 1:
            self.input.accept_suggestion(1)

    def _confirm(self) -> None:
        if isinstance(self.input, NumberInput) and self.input.suggestion() is not None:
            self.input.accept_suggestion()
        elif self._warning:
            self.warningConfirmed.emit(self.question.id)
            self.input.focus_input()

    def _accessible_inputs(self) -> list[QWidget]:
        if isinstance(self.input, (NumberInput, TextInput)):
            return [self.input.edit]
        return []

    def toggle_help(self) -> None:
        """Show or hide the help text (F1)."""
        if self.question.help:
            self.help_button.toggle()
