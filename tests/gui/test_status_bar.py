"""The status bar does not move the navigation bar when its message times out (blind check, session 20).

Opening answers showed "Answers opened from …" in the status bar; when it timed out the bar was
hidden and the navigation bar moved down under the pointer, so the click on "See my advice" missed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest


def test_a_timed_out_message_leaves_the_navigation_bar_where_it_is(qtbot: Any, wizard: Any) -> None:
    window = wizard.window
    window.status("Answers opened from /a/rather/long/path/to/some-answers-file.cwanswers.yaml")
    qtbot.waitUntil(lambda: window.statusBar().isVisible())
    next_button = window.next_button
    page = window.stack.currentWidget().objectName()
    before = _settled(lambda: next_button.mapTo(window, next_button.rect().topLeft()))  # laid out with the message
    assert "some-answers-file" in window.statusBar().toolTip()  # the whole text, when cut off on screen
    window.statusBar().clearMessage()  # what the time-out does
    assert _settled(lambda: next_button.mapTo(window, next_button.rect().topLeft())) == before
    assert window.statusBar().toolTip() == ""  # an empty bar tells no old message (review)
    # the next page change takes the empty bar away with it
    window.show_page("questions")  # (the welcome page's Next waits for an audience: the switch itself)
    assert window.stack.currentWidget().objectName() != page
    qtbot.waitUntil(lambda: not window.statusBar().isVisible())


def _settled(where: Callable[[], QPoint]) -> QPoint:
    """Where a widget is once the layout has settled: the same place on three turns 20 ms apart.

    A fixed wait was too short on a loaded machine (the Debian root measured before the layout ran).
    """
    seen = [where()]
    for _ in range(200):  # at most 4 s
        QTest.qWait(20)
        seen.append(where())
        if len(seen) >= 3 and seen[-1] == seen[-2] == seen[-3]:
            break
    return seen[-1]
