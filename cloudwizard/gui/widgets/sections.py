"""The side list of steps: welcome, each section with its state, review and result; plus progress."""

# ruff: noqa: N815 - Qt signals are camelCase, like Qt's own
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget

ROLE_KEY = Qt.ItemDataRole.UserRole
#: What surrounds an item's text: the style sheet's padding (10 px) and border (2 px) on each side
#: and the delegate's text margin (3 px) across; its padding (8 px) and border above and below.
ITEM_CHROME = (30, 20)


class StepList(QListWidget):
    """The steps of the wizard; activating one asks to go there.

    Signals:
        stepChosen(str): the key of the step (``welcome``, ``section:<id>``, ``review``, ``result``).
    """

    stepChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sectionList")
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Every label wraps, none is elided. Qt's item delegate reckons the height of a wrapped label
        # without the style sheet's padding, so a label that just fits on one line there was painted
        # cut with "…" while the next one wrapped: `_fit_items` gives each item the height it needs.
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        self._quiet = False

    def _activated(self, item: QListWidgetItem) -> None:
        if not self._quiet and item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.stepChosen.emit(str(item.data(ROLE_KEY)))

    def set_steps(self, steps: list[tuple[str, str, bool]], current: str) -> None:
        """Show `steps` as (key, text, enabled) and select `current`."""
        self._quiet = True
        self.clear()
        for key, text, enabled in steps:
            item = QListWidgetItem(text, self)
            item.setData(ROLE_KEY, key)
            if not enabled:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            if key == current:
                self.setCurrentItem(item)
        self._quiet = False
        self._fit_items()

    def text_width(self) -> int:
        """The width an item's text has: the list's, less the style sheet's padding and border."""
        viewport = self.viewport()
        width = viewport.width() if viewport is not None else self.width()
        return max(40, width - ITEM_CHROME[0])

    def _fit_items(self) -> None:
        width = self.text_width()
        metrics = self.fontMetrics()
        bold = QFont(self.font())
        bold.setWeight(QFont.Weight.DemiBold)
        bold_metrics = QFontMetrics(bold)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        for i in range(self.count()):
            item = self.item(i)
            if item is None:
                continue
            used = bold_metrics if item.isSelected() else metrics  # the current step (selected) is drawn bold
            height = used.boundingRect(QRect(0, 0, width, 1 << 20), flags, item.text()).height()
            item.setSizeHint(QSize(width, height + ITEM_CHROME[1]))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Give the items their heights for the new width."""
        super().resizeEvent(event)
        self._fit_items()
