"""Have a screen reader say something that appeared without the focus moving to it.

One small module for every such announcement (a question's message, the welcome page's "choose
who this is for", the kiosk's idle warning, the autosave notices), so they all speak the same way.
It imports only `QAccessible` and is not on the way to the first paint: the pages import it when
they first announce something.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget


def announce(widget: QWidget, message: str) -> None:
    """Have a screen reader say `message` now, from `widget` (nothing when no screen reader listens).

    Args:
        widget: the widget the message belongs to (it is the announcement's source).
        message: what to say; nothing is said when it is empty.
    """
    if message and QAccessible.isActive():
        event = QAccessibleAnnouncementEvent(widget, message)
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
        QAccessible.updateAccessibility(event)
