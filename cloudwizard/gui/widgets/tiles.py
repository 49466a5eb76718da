"""Answer tiles: radio buttons and check boxes whose text wraps onto more lines when space is short.

Qt's QRadioButton and QCheckBox draw their text on one line and ask for its full width, so a long
answer made the page scroll sideways on a small screen or in French and German. These keep the text
(accessible name, mnemonic-free plain text) and the style sheet's tile look, but report a height for
their width, draw the text wrapped and take clicks anywhere on the tile.

The Qt namespace and the style types are used inside the methods only: the welcome page imports this
module before the first paint (see `tests/gui/test_start_up.py`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QRect, QSize
from PySide6.QtGui import QIcon, QPaintEvent, QPixmap, QWheelEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QPushButton, QRadioButton, QSizePolicy, QWidget

from cloudwizard.gui.widgets.sizememory import SizeMemory

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractButton

#: The narrowest a tile's text column gets (px) before words are broken: about ten letters.
MIN_TEXT_WIDTH = 80


def _wrap_flags() -> int:
    from PySide6.QtCore import Qt

    return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap)


class _Wrapping:
    """What the two tiles share; mixed in before the Qt button class."""

    #: heights by width and the minimum size, worked out once for the text, icon, font and style shown
    _sizes: SizeMemory

    def _setup(self: QAbstractButton) -> None:  # type: ignore[misc]
        self._sizes = SizeMemory()  # type: ignore[attr-defined]
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _chrome(self: QAbstractButton, one_line: QSize) -> QSize:  # type: ignore[misc]
        """The indicator, spacing, padding and border around the text: the one-line hint minus the text."""
        metrics = self.fontMetrics()
        return QSize(max(0, one_line.width() - metrics.horizontalAdvance(self.text())),
                     max(0, one_line.height() - metrics.height()))

    def _text_height(self: QAbstractButton, width: int) -> int:  # type: ignore[misc]
        rect = self.fontMetrics().boundingRect(QRect(0, 0, max(1, width), 1 << 20), _wrap_flags(), self.text())
        return rect.height()

    def _height_for(self, width: int, one_line: QSize) -> int:
        chrome = self._chrome(one_line)  # type: ignore[misc]
        text = self._text_height(width - chrome.width())  # type: ignore[misc]
        return chrome.height() + max(text, self.fontMetrics().height())  # type: ignore[attr-defined]

    def _minimum(self, one_line: QSize) -> QSize:
        """As narrow as the longest word (at least `MIN_TEXT_WIDTH`), as tall as the text then is."""
        chrome = self._chrome(one_line)  # type: ignore[misc]
        metrics = self.fontMetrics()  # type: ignore[attr-defined]
        words = self.text().split()  # type: ignore[attr-defined]
        longest = max((metrics.horizontalAdvance(w) for w in words), default=0)
        width = chrome.width() + min(metrics.horizontalAdvance(self.text()), max(longest, MIN_TEXT_WIDTH))  # type: ignore[attr-defined]
        return QSize(width, self._height_for(width, one_line))

    _text_role = "WindowText"  #: the palette role of the text (a push button's style sheet colour is ButtonText)

    _qt_class: type[QAbstractButton]  #: the Qt button class, whose one-line size hint gives the chrome

    def _paint(self: QAbstractButton, element: int, contents: int) -> None:  # type: ignore[misc]
        """The tile and its indicator as Qt draws them for an empty text, then the text wrapped."""
        from PySide6.QtGui import QPalette
        from PySide6.QtWidgets import QStyle, QStyleOptionButton, QStylePainter

        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)  # type: ignore[attr-defined]
        text = option.text
        option.text = ""
        painter.drawControl(QStyle.ControlElement(element), option)
        option.text = text
        area = self.style().subElementRect(QStyle.SubElement(contents), option, self)
        # The same width `heightForWidth` reckoned with, so the lines break where the height allows.
        area.setWidth(max(1, self.width() - self._chrome(self._qt_class.sizeHint(self)).width()))  # type: ignore[attr-defined]
        painter.drawItemText(area, _wrap_flags(), option.palette, self.isEnabled(), text,
                             getattr(QPalette.ColorRole, self._text_role))  # type: ignore[attr-defined]


class _Tile(_Wrapping):
    """The Qt overrides both tiles share; a subclass names its Qt class and what the style draws.

    Mixed in before the Qt button class, so these overrides come first in the method order.
    """

    _element = ""  #: the style's control element (a `QStyle.ControlElement` name)
    _contents = ""  #: the style's text area (a `QStyle.SubElement` name)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        """Yes: the wrapped text needs more lines on a narrow tile."""
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        """The height the text needs at `width` (worked out once: the page's layouts ask many times)."""
        return self._sizes.height(width, lambda w: self._height_for(w, self._qt_class.sizeHint(self)))  # type: ignore[arg-type]

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Narrow enough for the longest word."""
        return self._sizes.minimum(lambda: self._minimum(self._qt_class.sizeHint(self)))  # type: ignore[arg-type]

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        """Show `text` (its sizes are worked out again)."""
        self._sizes.forget()
        self._qt_class.setText(self, text)  # type: ignore[arg-type]

    def setIcon(self, icon: QIcon | QPixmap, /) -> None:  # noqa: N802 - Qt override
        """Show `icon` beside the text (its sizes are worked out again: the icon takes room)."""
        self._sizes.forget()
        self._qt_class.setIcon(self, icon)  # type: ignore[arg-type]

    def setIconSize(self, size: QSize, /) -> None:  # noqa: N802 - Qt override
        """Icons of `size` (the sizes are worked out again)."""
        self._sizes.forget()
        self._qt_class.setIconSize(self, size)  # type: ignore[arg-type]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """A new font or style: the sizes are worked out again."""
        self._sizes.forget()
        self._qt_class.changeEvent(self, event)  # type: ignore[arg-type]

    def hitButton(self, pos: QPoint) -> bool:  # noqa: N802 - Qt override
        """The whole tile takes the click, not only the first line of text."""
        return self.rect().contains(pos)  # type: ignore[attr-defined]

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Draw the tile with the text wrapped."""
        from PySide6.QtWidgets import QStyle

        self._paint(getattr(QStyle.ControlElement, self._element).value,  # type: ignore[misc]
                    getattr(QStyle.SubElement, self._contents).value)


class TileRadioButton(_Tile, QRadioButton):
    """A radio button whose text wraps (one answer of a single-choice question, an audience)."""

    _qt_class = QRadioButton
    _element = "CE_RadioButton"
    _contents = "SE_RadioButtonContents"

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._setup()


class TileCheckBox(_Tile, QCheckBox):
    """A check box whose text wraps (one answer of a multiple-choice question)."""

    _qt_class = QCheckBox
    _element = "CE_CheckBox"
    _contents = "SE_CheckBoxContents"

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._setup()


class LinkButton(_Tile, QPushButton):
    """A web link as one button: one tab stop, Enter or Space opens it, its text wraps like a tile's.

    A link inside a rich-text label took two Tabs (the label, then the link) and showed nothing on
    the first. Styled as a link (``role="link"``); `address` holds where it leads. Put it in a row
    with a stretch after it, so that it is no wider than its text (the blank beside it is no link).
    """

    _qt_class = QPushButton
    _element = "CE_PushButton"
    _contents = "SE_PushButtonContents"
    _text_role = "ButtonText"

    def __init__(self, text: str, address: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._setup()
        self.address = address
        self.setProperty("role", "link")
        self.setAutoDefault(True)  # Enter activates it, as Space does

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """One line of text, with a few pixels to spare: laid out at exactly its width, it broke its last word."""
        return QPushButton.sizeHint(self) + QSize(4, 0)



class WheelSafeComboBox(QComboBox):
    """A combo box that the mouse wheel never changes: the wheel scrolls the page around it.

    Qt's combo box takes every wheel event that passes over it: a user scrolling the advice page
    changed the comply-or-explain choice without seeing it (and the page stopped scrolling). Even
    focused (a blind re-check: after choosing with the mouse the focus stays, and the next scroll
    changed the choice again), a choice that is saved and exported is made by a click or the keys.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        """Pass the wheel on to the page around it (which scrolls); the choice stays."""
        # Handed to the scroll area around it: Qt passes an ignored wheel event up to the parents
        # only when it came from the window system, so this way the page scrolls in every case.
        from PySide6.QtWidgets import QAbstractScrollArea

        area = self.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is None:
            event.ignore()
            return
        bar = area.verticalScrollBar() if event.angleDelta().y() else area.horizontalScrollBar()
        bar.event(event)
        event.accept()
