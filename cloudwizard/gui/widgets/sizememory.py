"""A widget's sizes worked out once: heights by width and a minimum size, until something changes them.

Qt lays a wrapped text out anew each time a layout asks for its height at a width, and the advice
page's nested layouts ask again and again. The page's labels (`pages.result`) and the answer tiles
(`widgets.tiles`) keep what they worked out here; anything that can change a size (the text, a
pixmap or icon, the font, the style) calls `forget` (or is wrapped with `forgets`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize


class SizeMemory:
    """Heights by width (the last `limit` widths) and one minimum size, each worked out once."""

    __slots__ = ("_heights", "_limit", "_minimum")

    def __init__(self, limit: int = 16) -> None:
        self._heights: dict[int, int] = {}
        self._limit = limit  # a window being resized asks at a new width each time
        self._minimum: QSize | None = None

    def height(self, width: int, work_out: Callable[[int], int]) -> int:
        """The height at `width`, from `work_out(width)` the first time."""
        height = self._heights.get(width)
        if height is None:
            if len(self._heights) >= self._limit:
                self._heights.clear()
            height = self._heights[width] = work_out(width)
        return height

    def minimum(self, work_out: Callable[[], QSize]) -> QSize:
        """The minimum size, from `work_out()` the first time (a copy: the caller may change it)."""
        if self._minimum is None:
            self._minimum = QSize(work_out())
        return QSize(self._minimum)

    def forget(self) -> None:
        """Everything is worked out again when next asked."""
        self._heights.clear()
        self._minimum = None

    def __len__(self) -> int:
        """How many heights are known (for tests)."""
        return len(self._heights)


def forgets(setter: Callable[..., Any]) -> Any:
    """`setter`, a Qt setter that can change the widget's size, first forgetting the sizes known.

    The widget keeps its `SizeMemory` as ``_sizes``. Typed `Any`: it stands in a class body for Qt's
    method of the same name (and its overloads' arguments).
    """

    def forgetting(self: Any, *args: Any) -> Any:
        self._sizes.forget()
        return setter(self, *args)

    forgetting.__name__ = forgetting.__qualname__ = setter.__name__
    forgetting.__doc__ = f"Qt's ``{setter.__name__}`` (the sizes are worked out again)."
    return forgetting
