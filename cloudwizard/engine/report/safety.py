"""What every renderer does to text and addresses before they reach an output.

Questionnaires and free-text answers are not trusted: control characters are shown as visible
escapes (they could clear a terminal or forge a line), and a web address is used as a link only
when it is a plain ``http``/``https`` address (no spaces, no ``<>``, quotes or control characters).
"""

from __future__ import annotations

import re

_URL = re.compile(r"^https?://[A-Za-z0-9.\-]+(?::\d+)?(?:[/?#][^\s<>\"'`\\{}|^\x00-\x1f\x7f-\x9f]*)?$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINES = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")


def safe_url(url: str) -> str:
    """`url` if it is a plain http(s) address, else ""."""
    return url if url and len(url) <= 2000 and _URL.match(url) else ""


def plain(text: str, *, fold_lines: bool = False) -> str:
    r"""`text` with control characters made visible: ESC becomes the four characters ``\x1b``.

    Args:
        text: any text.
        fold_lines: turn every kind of line break (CR, LF, CRLF, NEL, U+2028/9) into a space.
    """
    text = _LINES.sub(" " if fold_lines else "\n", text)
    if fold_lines:
        text = text.replace("\t", " ")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else "", text)
