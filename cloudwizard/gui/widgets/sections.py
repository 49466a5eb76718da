"""The side list of steps: welcome, each section with its state, review and result; plus progress."""

# ruff: noqa: N815 - Qt signals are camelCase, like Qt's own
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

ROLE_KEY = Qt.ItemDataRole.UserRole


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
        self.setWordWrap(True)
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
