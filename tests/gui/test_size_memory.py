"""Remembered heights (`widgets.sizememory`): every setter that can change a size forgets them.

A code review found `clear()`, `setNum()`, `setPixmap()`, `setMovie()` and `setPicture()` on the
advice page's labels, and `setIcon()` on the tiles, keeping a height worked out for what was shown
before; and the tiles kept their minimum size in the same dict as the heights per width.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QPicture, QPixmap
from PySide6.QtWidgets import QLabel

from cloudwizard.gui.pages.result import _label
from cloudwizard.gui.widgets.sizememory import SizeMemory
from cloudwizard.gui.widgets.tiles import LinkButton, TileCheckBox, TileRadioButton

LONG = "Ein sehr langer Satz, der auf einer schmalen Karte auf mehrere Zeilen umbrochen werden muss. " * 3


def _pixmap(height: int) -> QPixmap:
    pixmap = QPixmap(20, height)
    pixmap.fill(QColor("black"))
    return pixmap


def _picture() -> QPicture:
    from PySide6.QtGui import QPainter

    picture = QPicture()
    painter = QPainter(picture)
    painter.drawRect(0, 0, 30, 300)
    painter.end()
    return picture


@pytest.mark.parametrize("change", ["clear", "setNum", "setPixmap", "setPicture", "setMovie", "setText"])
def test_a_label_forgets_its_heights(qtbot: Any, change: str) -> None:
    label = _label(LONG)
    qtbot.addWidget(label)
    label.setWordWrap(True)
    tall = label.heightForWidth(120)
    assert tall == QLabel.heightForWidth(label, 120)
    if change == "setMovie":
        from PySide6.QtGui import QMovie

        label.setMovie(QMovie())
    else:
        arg = {"clear": (), "setNum": (7,), "setPixmap": (_pixmap(5),), "setPicture": (_picture(),),
               "setText": ("short",)}[change]
        getattr(label, change)(*arg)
    assert label.heightForWidth(120) == QLabel.heightForWidth(label, 120), change
    assert label.heightForWidth(120) != tall, change


@pytest.mark.parametrize("cls", [TileCheckBox, TileRadioButton])
def test_a_tile_forgets_its_sizes_on_a_new_icon(qtbot: Any, cls: type) -> None:
    tile = cls(LONG)
    qtbot.addWidget(tile)
    before = tile.heightForWidth(200), tile.minimumSizeHint()
    tile.setIconSize(QSize(64, 64))
    tile.setIcon(QIcon(_pixmap(64)))
    fresh_min = tile._minimum(tile._qt_class.sizeHint(tile))
    assert tile.minimumSizeHint() == fresh_min
    assert tile.heightForWidth(200) == tile._height_for(200, tile._qt_class.sizeHint(tile))
    assert (tile.heightForWidth(200), tile.minimumSizeHint()) != before


def test_the_minimum_is_not_kept_among_the_heights(qtbot: Any) -> None:
    tile = LinkButton(LONG, "https://example.org")
    qtbot.addWidget(tile)
    tile.minimumSizeHint()
    assert len(tile._sizes) == 0, "the minimum size is no height at some width"
    tile.heightForWidth(150)
    assert len(tile._sizes) == 1


def test_memory_keeps_a_few_widths_and_forgets() -> None:
    memory = SizeMemory(limit=3)
    calls: list[int] = []

    def work(width: int) -> int:
        calls.append(width)
        return width * 2

    assert [memory.height(w, work) for w in (10, 10, 20)] == [20, 20, 40]
    assert calls == [10, 20]
    for w in (30, 40, 50):
        memory.height(w, work)
    assert len(memory) <= 3
    minimum = memory.minimum(lambda: QSize(5, 6))
    minimum.setWidth(99)  # a copy: the caller may change it
    assert memory.minimum(lambda: QSize(1, 1)) == QSize(5, 6)
    memory.forget()
    assert len(memory) == 0 and memory.minimum(lambda: QSize(1, 1)) == QSize(1, 1)
