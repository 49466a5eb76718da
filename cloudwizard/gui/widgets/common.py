"""Small building blocks shared by the pages: labels with a style role, cards, scrolling pages."""

from __future__ import annotations

import re
from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAccessibleWidget,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

#: Control characters (C0 but line feed and tab, DEL, C1) and the invisible bidirectional overrides.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class PlainLabel(QLabel):
    r"""A plain-text label that shows control characters as escapes (``\x1b``, ``\r``).

    As every other output does: raw, they were drawn as boxes, and the text after a CR went missing
    (issue 14).
    """

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override (every text the pages set passes here)
        """Show `text`, its control characters escaped."""
        if _UNPRINTABLE.search(text):  # the same set as engine.diagnostics.printable (not imported before the first paint)
            text = _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
        super().setText(text)


def make_label(text: str = "", role: str = "", parent: QWidget | None = None, name: str = "",
               cls: type[PlainLabel] = PlainLabel) -> QLabel:
    """A word-wrapping label with a style role (title, headline, muted, …); control characters escaped."""
    label = cls(parent)
    # Set by the key name, so the welcome page needs no Qt namespace before the first paint (see
    # docs/gui.md). A name Qt does not know is refused without an error: then questionnaire text
    # would be read as rich text (markup, links), so refuse to make the label instead.
    if not label.setProperty("textFormat", "PlainText"):
        raise RuntimeError("QLabel did not take the plain-text format; refusing to show text as markup")
    label.setText(text)
    label.setWordWrap(True)
    label.setIndent(0)  # a focus border would otherwise indent the text by half an "x" (QLabel's default)
    if role:
        label.setProperty("role", role)
    if name:
        label.setObjectName(name)
    label.setProperty("textInteractionFlags", "NoTextInteraction")
    return label


#: A widget with this dynamic property set is a group to screen readers: role Grouping, named by its
#: accessible name (a question's choices, under the question). A plain QWidget would be a "filler".
GROUP_PROPERTY = "accessibleGroup"


#: A label with this dynamic property set (to its level, 1 to 3) is a heading to screen readers: role
#: Heading (Qt 6's `QAccessible.Role.Heading`, AT-SPI's "heading"), named by its text, so a screen
#: reader's heading keys (H in Orca) move through the advice page's parts.
HEADING_PROPERTY = "accessibleHeading"


def mark_heading(label: QLabel, level: int) -> QLabel:
    """Make `label` a heading of `level` (1 the page's title) to screen readers; returns it.

    Only before a screen reader has asked about the label (Qt keeps the first interface it made);
    a label class with a ``heading_level`` class attribute is a heading from its construction on.
    """
    label.setProperty(HEADING_PROPERTY, level)
    return label


class _HeadingInterface(QAccessibleWidget):
    """A label that is a heading (see `HEADING_PROPERTY`): Qt's label interface, with the Heading role."""

    def __init__(self, label: QLabel) -> None:
        super().__init__(label, QAccessible.Role.Heading)
        self._label = label

    def text(self, t: QAccessible.Text) -> str:
        """The name is the label's text (its accessible name when it has one), as Qt's own label says."""
        if t == QAccessible.Text.Name:
            return self._label.accessibleName() or self._label.text()
        return super().text(t)


class _ComboBoxInterface(QAccessibleWidget):
    """A combo box named by its accessible name (the question it answers), its value the current text.

    On Linux Qt names a combo box by its current text and leaves the label to a relation, so
    screen-reader clients listed "English, combo box" instead of "Language". The popup list stays
    the only child, as in Qt's own interface, so the chosen item can still be read.
    """

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo, QAccessible.Role.ComboBox)
        self._combo = combo

    def text(self, t: QAccessible.Text) -> str:
        if t == QAccessible.Text.Name:
            return self._combo.accessibleName() or self._combo.currentText()
        if t == QAccessible.Text.Value:
            return self._combo.currentText()
        return str(super().text(t))

    def childCount(self) -> int:  # noqa: N802 - Qt override
        return 1

    def child(self, index: int) -> QAccessibleInterface:
        return QAccessible.queryAccessibleInterface(self._combo.view()) if index == 0 else None  # type: ignore[return-value]

    def indexOfChild(self, child: QAccessibleInterface) -> int:  # noqa: N802 - Qt override
        return 0 if child is not None and child.object() is self._combo.view() else -1


class _ViewportInterface(QAccessibleWidget):
    """The viewport of a text box: never focused or focusable itself (its text box is).

    The viewport's focus proxy is its text box, so Qt reported both focused and screen-reader
    clients saw two focused objects, the second an unnamed filler.
    """

    def __init__(self, viewport: QWidget) -> None:
        super().__init__(viewport, QAccessible.Role.Client)

    def state(self) -> QAccessible.State:
        state = super().state()
        state.focused = False
        state.focusable = False
        return state


def _is_text_viewport(obj: QObject) -> bool:
    parent = obj.parent()
    return isinstance(parent, (QPlainTextEdit, QTextEdit)) and obj is parent.viewport()


def _accessible_interface(_key: str, obj: QObject) -> QAccessibleInterface | None:
    """The interfaces the app gives instead of Qt's own (see `install_accessibility`)."""
    if isinstance(obj, QWidget) and _is_text_viewport(obj):
        return _ViewportInterface(obj)
    if isinstance(obj, QComboBox) and not obj.isEditable():
        keep_current_with_focus(obj.view())
        return _ComboBoxInterface(obj)
    if isinstance(obj, QLabel) and (hasattr(obj, "heading_level") or obj.property(HEADING_PROPERTY)):
        return _HeadingInterface(obj)
    if isinstance(obj, QWidget) and obj.property(GROUP_PROPERTY):
        return QAccessibleWidget(obj, QAccessible.Role.Grouping)
    return None


def install_accessibility() -> None:
    """What screen readers are told, where Qt's own interfaces say it wrong (call once, after QApplication).

    Combo boxes are named by the question, not by their value (`_ComboBoxInterface`), and their
    closed list no longer reports an item focused; widgets marked with `GROUP_PROPERTY` are groups;
    the viewport of a text box no longer reports itself focused beside its text box. Interfaces
    are made only when an assistive technology asks, so this costs nothing otherwise.
    """
    global _installed
    if not _installed:
        QAccessible.installFactory(_accessible_interface)
        _installed = True


_installed = False


_FOCUS_EVENTS = (QEvent.Type.FocusIn, QEvent.Type.FocusOut)


class _CurrentFollowsFocus(QObject):
    """Keeps an item view's current index only while the view has the focus (see `keep_current_with_focus`)."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        view.installEventFilter(self)
        model = view.selectionModel()
        if model is not None:
            model.currentChanged.connect(self._later)
        self._later()

    def _later(self, *_args: object) -> None:
        # After the event loop's turn: a combo box's popup takes the focus only after setting its current item.
        QTimer.singleShot(0, self, self._forget)

    def _forget(self) -> None:
        view = self._view
        if not shiboken6.isValid(view):
            return
        model = view.selectionModel()
        if model is not None and model.currentIndex().isValid() and not view.hasFocus():
            model.clearCurrentIndex()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Focus in: the selected item becomes current again (the arrow keys start there); out: forget it.

        A view that Qt made (a combo box's list) can be gone on the Python side while its C++ object
        still sends its last focus-out (a page rebuilt on a language change): then there is nothing to do.
        """
        if watched is not self._view or event.type() not in _FOCUS_EVENTS or not shiboken6.isValid(self._view):
            return False
        model = self._view.selectionModel()
        if model is not None:
            if event.type() == QEvent.Type.FocusIn and not model.currentIndex().isValid():
                selected = model.selectedIndexes()
                if selected:
                    model.setCurrentIndex(selected[0], model.SelectionFlag.NoUpdate)
            elif event.type() == QEvent.Type.FocusOut:
                self._later()
        return False


def first_item_when_opened_by_keyboard(menu: QMenu) -> None:
    """Make the first enabled item of `menu` current when it opens from the keyboard.

    A push button's menu (Space or Enter on it) opens with no item current, so the first Enter
    does nothing and a screen reader says only "menu". Opened with the mouse, nothing is chosen
    for the person, as in Qt's own menus.
    """
    def opened() -> None:
        from PySide6.QtCore import Qt  # not at import: the Qt namespace is made after the first paint

        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            return

        def choose() -> None:
            if menu.isVisible() and menu.activeAction() is None:
                first = next((a for a in menu.actions() if a.isEnabled() and a.isVisible() and not a.isSeparator()), None)
                if first is not None:
                    menu.setActiveAction(first)

        QTimer.singleShot(0, menu, choose)  # after the menu is shown: Qt clears the current item on showing

    menu.aboutToShow.connect(opened)


def keep_current_with_focus(view: QAbstractItemView) -> None:
    """Let the view's current item exist only while the view has the focus; the selection stays.

    Qt reports a view's current item as focused to screen readers whether or not the view has
    the focus, so the step list's current step (and a closed combo box's item) was "focused"
    next to the control that really was. Once per view.
    """
    if not view.property("currentFollowsFocus"):
        view.setProperty("currentFollowsFocus", True)
        _CurrentFollowsFocus(view)


def keep_one_tab_stop(buttons: Sequence[QAbstractButton]) -> None:
    """Make a group of choices one tab stop: the focused, else the checked, else the first shown button.

    Qt does this for a button group only once one of its buttons has had the focus; before that
    every button is a tab stop, Tab enters at the first (not the chosen) one, and a hidden button
    can hold the group's only stop.
    """
    shown = [b for b in buttons if not b.isHidden()]
    if not shown:
        return
    stop = ([b for b in shown if b.hasFocus()] or [b for b in shown if b.isChecked()] or shown)[0]
    for button in buttons:
        # by name, as in `make_label`: the welcome page calls this before the first paint
        button.setProperty("focusPolicy", "StrongFocus" if button is stop else "ClickFocus")


class DisclosureButton(QPushButton):
    """A link-styled button that shows or hides a part of the page ("Why we ask this", the details).

    Not checkable: Qt tells screen readers that a checkable button is a check box ("Why we ask
    this, check box, not checked"). This is a push button whose accessible description says whether
    its part is shown ("collapsed" or "expanded", in the user's language). It emits Qt's
    ``toggled(bool)`` itself, so a connection to that signal sees the state as before.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._expanded = False
        self._words = ("collapsed", "expanded")  # replaced by `set_state_words` in the user's language
        self.setProperty("role", "link")
        self.setProperty("expanded", False)
        self.clicked.connect(self._flip)
        self._describe()

    def _flip(self) -> None:
        self.set_expanded(not self._expanded)

    def is_expanded(self) -> bool:
        """Whether the part it controls is shown."""
        return self._expanded

    def set_expanded(self, expanded: bool) -> None:
        """Show (True) or hide the part; emits ``toggled`` when that changes."""
        if expanded == self._expanded:
            return
        self._expanded = expanded
        self.setProperty("expanded", expanded)
        self._describe()
        self.toggled.emit(expanded)

    def toggle(self) -> None:
        """Show the part when hidden, hide it when shown (F1 on a question)."""
        self._flip()

    def set_state_words(self, collapsed: str, expanded: str) -> None:
        """The words a screen reader says for the two states (after a language switch too)."""
        self._words = (collapsed, expanded)
        self._describe()

    def _describe(self) -> None:
        self.setAccessibleDescription(self._words[int(self._expanded)])


def make_card(name: str = "", parent: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    """A rounded card and its vertical layout."""
    card = QFrame(parent)
    card.setProperty("role", "card")
    if name:
        card.setObjectName(name)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(20, 16, 20, 16)
    layout.setSpacing(8)
    return card, layout


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every item of a layout."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
        elif (inner := item.layout()) is not None:
            clear_layout(inner)


def show_now(layout: QLayout) -> None:
    """Show the widgets just added to a visible layout at once.

    Qt shows a child added to a visible parent only on the next turn of the event loop, so the page
    would be laid out (and painted) once with empty cards first.
    """
    from PySide6.QtCore import Qt

    for i in range(layout.count()):
        item = layout.itemAt(i)
        widget = item.widget() if item is not None else None
        if widget is not None and not widget.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
            widget.show()
    # Nested layouts settle one level per pass; a few passes lay the page out before it is painted.
    for _ in range(4):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


class ScrollPage(QScrollArea):
    """A page whose content scrolls vertically, centred with a comfortable reading width."""

    MAX_WIDTH = 860

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setProperty("horizontalScrollBarPolicy", "ScrollBarAsNeeded")  # by name, as in `make_label`
        outer = QWidget(self)
        outer.setObjectName("scrollBody")
        column = QVBoxLayout(outer)
        column.setContentsMargins(32, 24, 32, 32)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.body = QWidget(outer)
        self.body.setObjectName("scrollBody")
        self.body.setMaximumWidth(self.MAX_WIDTH)
        self.body.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        # Stretches rather than an alignment flag: an aligned item loses height-for-width, and
        # wrapped labels would then be clipped.
        row.addStretch(1)
        row.addWidget(self.body, 100)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        self.content = QVBoxLayout(self.body)
        self.content.setContentsMargins(0, 0, 0, 0)
        self.content.setSpacing(16)
        self.setWidget(outer)
        # The page itself is no tab stop: it would take the focus without showing it. Moving the
        # focus scrolls the page (`MainWindow` keeps the focused widget in view).
        self.setProperty("focusPolicy", "NoFocus")  # by name, as in `make_label`

    def ensure_visible(self, widget: QWidget) -> None:
        """Scroll so that `widget` can be seen (used when it gets the focus)."""
        self.ensureWidgetVisible(widget, 40, 60)

    def heading(self) -> QLabel | None:
        """The page's title: the highest visible label with the role title or headline."""
        labels = [lab for lab in self.body.findChildren(QLabel)
                  if lab.property("role") in ("title", "headline") and lab.isVisibleTo(self.body) and lab.text()]
        return min(labels, key=lambda lab: lab.mapTo(self.body, lab.rect().topLeft()).y(), default=None)

    def focus_top(self) -> None:
        """Scroll to the top and put the focus on the title, so that Enter pressed again does nothing here.

        Screen readers read the title first; the next Tab reaches the page's first control.
        """
        self.verticalScrollBar().setValue(0)
        title = self.heading()
        if title is not None:
            title.setFocus()  # a label takes the focus when given it, though Tab passes it by

    def focus_widget_at_top(self, widget: QWidget) -> None:
        """Focus `widget`, the page scrolled to the top as long as `widget` is still in view then."""
        self.verticalScrollBar().setValue(0)
        widget.setFocus()
        self.ensure_visible(widget)
