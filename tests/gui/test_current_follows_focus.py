"""`keep_current_with_focus`: the view's current item follows the focus, and a view that is gone is left alone."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QVBoxLayout, QWidget

from cloudwizard.gui.widgets.common import keep_current_with_focus


def _window(qtbot: Any) -> tuple[QWidget, QLineEdit, QListWidget]:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    line = QLineEdit(window)
    view = QListWidget(window)
    view.addItems(["one", "two", "three"])
    layout.addWidget(line)
    layout.addWidget(view)
    keep_current_with_focus(view)
    window.show()
    qtbot.waitExposed(window)
    return window, line, view


def test_current_item_exists_only_while_the_view_has_the_focus(qtbot: Any) -> None:
    _win, line, view = _window(qtbot)
    view.setCurrentRow(1)
    line.setFocus()
    qtbot.waitUntil(lambda: not view.currentIndex().isValid())
    assert [i.row() for i in view.selectionModel().selectedIndexes()] == [1]  # the selection stays
    view.setFocus()
    qtbot.waitUntil(lambda: view.currentIndex().row() == 1)


def test_a_filter_whose_view_is_gone_does_nothing(qtbot: Any) -> None:
    """A combo box's list is made by Qt: when the box goes (a page rebuilt on a language change),
    its last focus-out reached the filter after the Python side of the list was gone, and
    "Internal C++ object (QListView) already deleted" came up as an error dialog."""
    window, _line, _view = _window(qtbot)
    combo = QComboBox(window)
    combo.addItems(["a", "b"])
    keep_current_with_focus(combo.view())
    watcher = next(c for c in combo.view().children() if type(c).__name__ == "_CurrentFollowsFocus")
    view = combo.view()
    shiboken6.delete(combo)
    assert not shiboken6.isValid(view)
    for kind in (QEvent.Type.FocusOut, QEvent.Type.FocusIn):
        assert watcher.eventFilter(view, QFocusEvent(kind, Qt.FocusReason.OtherFocusReason)) is False
    watcher._forget()  # the timer's call after a focus-out: nothing to do either
