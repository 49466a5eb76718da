"""The status bar does not move the navigation bar when its message times out (blind check, session 20).

Opening answers showed "Answers opened from …" in the status bar; when it timed out the bar was
hidden and the navigation bar moved down under the pointer, so the click on "See my advice" missed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtTest import QTest


def test_a_timed_out_message_leaves_the_navigation_bar_where_it_is(qtbot: Any, wizard: Any) -> None:
    window = wizard.window
    window.status("Answers opened from /a/rather/long/path/to/some-answers-file.cwanswers.yaml")
    qtbot.waitUntil(lambda: window.statusBar().isVisible())
    QTest.qWait(50)  # laid out with the message
    next_button = window.next_button
    page = window.stack.currentWidget().objectName()
    before = next_button.mapTo(window, next_button.rect().topLeft())
    window.statusBar().clearMessage()  # what the time-out does
    QTest.qWait(50)
    assert next_button.mapTo(window, next_button.rect().topLeft()) == before
    assert "some-answers-file" in window.statusBar().toolTip()  # the whole text, when cut off on screen
    # the next page change takes the empty bar away with it
    window.show_page("questions")  # (the welcome page's Next waits for an audience: the switch itself)
    assert window.stack.currentWidget().objectName() != page
    qtbot.waitUntil(lambda: not window.statusBar().isVisible())
