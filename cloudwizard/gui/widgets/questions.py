"""One widget per question type, all with the same small interface.

A `QuestionCard` shows the question, its hint, a "why we ask this" help text, the input and an inline
message. The input never talks to the session: it emits `answerChanged` and the page forwards it.
"""

# ruff: noqa: N815 - Qt signals are camelCase, like Qt's own
from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import SIGNAL, SLOT, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QDoubleValidator, QIntValidator, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cloudwizard.engine.model import Question, Questionnaire, QuestionType
from cloudwizard.gui.widgets.common import DisclosureButton, keep_one_tab_stop
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


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


class AnswerInput(QWidget):
    """Base of the inputs: shows an answer and reports changes.

    Signals:
        edited(object): the new raw answer (None when cleared).
    """

    edited = Signal(object)

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question

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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for choice in question.choices:
            button: QAbstractButton = TileCheckBox("", self) if self.multiple else TileRadioButton("", self)
            button.setObjectName(f"choice_{question.id}_{choice.id}")
            if self.multiple:
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
        """Arrow keys move between the check boxes (Up/Left back, Down/Right on; no wrapping)."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            step = _ARROW_STEPS.get(Qt.Key(event.key()))
            if step is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                offered = self.offered_buttons()
                if watched in offered:
                    index = offered.index(watched) + step
                    if 0 <= index < len(offered):
                        offered[index].setFocus(
                            Qt.FocusReason.TabFocusReason if step > 0 else Qt.FocusReason.BacktabFocusReason
                        )
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
            if choice.id in self.hints:
                self.hints[choice.id].setText(q.text(choice.hint, lang))
                button.setAccessibleDescription(q.text(choice.hint, lang))
            if choice.exclusive:
                button.setAccessibleDescription(_("Choosing this clears the other choices."))

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

    def focus_input(self) -> None:
        """Focus the chosen value, else the first."""
        checked = [b for b in self.buttons if b.isChecked()]
        (checked or self.buttons)[0].setFocus(Qt.FocusReason.OtherFocusReason)


class NumberInput(AnswerInput):
    """A line edit for a number, with its unit; out-of-range input gets an inline message."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"input_{question.id}")
        integer = float(question.step).is_integer() and (question.minimum is None or float(question.minimum).is_integer())
        self.integer = integer
        self.edit.setValidator(QIntValidator(self) if integer else QDoubleValidator(self))
        self.edit.setMaximumWidth(220)
        self.unit = _plain_label(self)
        self.unit.setProperty("role", "muted")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.unit)
        row.addStretch(1)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(self._edited)
        self._bad = False

    def parsed(self) -> float | int | None:
        """The number typed, or None when empty or not a number."""
        text = self.edit.text().strip().replace(",", ".")
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            return None
        return int(number) if number.is_integer() else number

    def _in_range(self, n: float) -> bool:
        q = self.question
        return (q.minimum is None or n >= q.minimum) and (q.maximum is None or n <= q.maximum)

    def _edited(self, _text: str) -> None:
        n = self.parsed()
        self._bad = bool(self.edit.text().strip()) and (n is None or not self._in_range(n))
        self.edited.emit(None if self._bad else n)

    def local_problem(self, _: Gettext) -> str | None:
        """A message when the text is not a number in range."""
        if not self._bad:
            return None
        q = self.question
        if q.minimum is not None and q.maximum is not None:
            return _("Enter a number from {minimum} to {maximum}.").format(
                minimum=_number(q.minimum), maximum=_number(q.maximum)
            )
        return _("Enter a number.")

    def set_value(self, value: Any) -> None:
        """Show the number (keeps what is typed if it is the same number)."""
        if value is None:
            if not self._bad:
                self.edit.setText("")
            return
        if self.parsed() != value:
            self.edit.setText(_number(value))
        self._bad = False

    def retranslate(self, q: Questionnaire, lang: str, _: Gettext) -> None:
        """The unit label."""
        self.unit.setText(q.text(self.question.unit, lang))
        if self.question.minimum is not None and self.question.maximum is not None:
            self.edit.setPlaceholderText(f"{_number(self.question.minimum)}–{_number(self.question.maximum)}")


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
        self.setFocusProxy(self.edit)
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

    Signals:
        answerChanged(str, object): question id and the new raw answer (None when cleared).
    """

    answerChanged = Signal(str, object)

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
        layout.addWidget(self.help_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.help_text)
        self.help_button.setVisible(bool(question.help))
        self.label.setBuddy(self.input)
        # A C++ connection: connecting to the bound `setVisible` leaks ~70 bytes per card in PySide6 6.12
        # even after both widgets are gone (found by benchmarks/bench_gui_soak.py).
        QObject.connect(self.help_button, SIGNAL("toggled(bool)"), self.help_text, SLOT("setVisible(bool)"))
        self.input.edited.connect(lambda value: self.answerChanged.emit(self.question.id, value))
        self._problem: str | None = None

    def retranslate(self, q: Questionnaire, lang: str, _: Gettext) -> None:
        """Rewrite every text in `lang`."""
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

    def show_problem(self, message: str | None) -> None:
        """Show (or clear, with None) the inline message under the input."""
        self._problem = message
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        for widget in self._accessible_inputs():
            widget.setAccessibleDescription(message or "")

    def _accessible_inputs(self) -> list[QWidget]:
        if isinstance(self.input, (NumberInput, TextInput)):
            return [self.input.edit]
        return []

    def toggle_help(self) -> None:
        """Show or hide the help text (F1)."""
        if self.question.help:
            self.help_button.toggle()
