"""The one way the app opens a link: web addresses only, and only after the user agreed.

Questionnaires come from other people, so their links are not trusted: a ``file:`` link could open
a local program or document, ``javascript:`` or a custom scheme could start anything the desktop
has a handler for. Labels never open links themselves (`QLabel.setOpenExternalLinks(False)`); they
emit `linkActivated`, and the composition root passes the address to `open_link`.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable

from PySide6.QtCore import QUrl

log = logging.getLogger(__name__)

#: The only schemes the app ever hands to the desktop.
SAFE_SCHEMES = ("http", "https")


def web_url(address: str) -> QUrl | None:
    """`address` as a URL when it is an http(s) address with a host; None otherwise."""
    text = address.strip()
    if not text or any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        return None
    url = QUrl(text, QUrl.ParsingMode.StrictMode)
    if not url.isValid() or url.scheme().lower() not in SAFE_SCHEMES or not url.host():
        return None
    return url


def link_markup(title: str, address: str) -> str:
    """Rich text for a label: an escaped link for a web address, else the escaped plain text."""
    shown = html.escape(title or address)
    if web_url(address) is None:
        return shown if not address or address == title else f"{shown} — {html.escape(address)}"
    return f'<a href="{html.escape(address, quote=True)}">{shown}</a> — {html.escape(address)}'


def open_link(
    address: str,
    confirm: Callable[[str], bool],
    opener: Callable[[QUrl], object] | None = None,
) -> bool:
    """Open `address` in the web browser after `confirm(address)` said yes.

    Args:
        address: the link as written in the questionnaire.
        confirm: asks the user, showing the full address; False keeps the browser closed.
        opener: opens the URL (default: `QDesktopServices.openUrl`; tests pass a recorder).

    Returns:
        True when the link was handed to the browser.
    """
    url = web_url(address)
    if url is None:
        log.warning("not opening %r: only http and https addresses are opened", address)
        return False
    if not confirm(bytes(url.toEncoded().data()).decode("ascii")):  # exactly what opens, percent-encoded
        return False
    if opener is None:
        from PySide6.QtGui import QDesktopServices

        opener = QDesktopServices.openUrl
    opener(url)
    return True
