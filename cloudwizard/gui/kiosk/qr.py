"""Taking the advice home on a phone: a short summary, in the visitor's language, inside a QR code.

The QR code holds the text itself (no link), so any phone camera reads it without a network and the
summary never leaves the phone. The text is UTF-8 and says so (an ECI marker), so accents survive.
It is made with segno (pure Python, no image library needed) and drawn into a `QImage` module by module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter

if TYPE_CHECKING:
    import segno

    from cloudwizard.engine.recommender import Recommendation
    from cloudwizard.engine.report.view import Justification

#: Bytes of UTF-8 the summary may take: a version ≈ 20 code at level M, which phones read from a screen.
MAX_BYTES = 700
MAX_REASONS = 3
MAX_PRECAUTIONS = 6
MAX_LINE = 150
ERROR_LEVEL = "m"
QUIET_ZONE = 4


def _short(text: str, limit: int = MAX_LINE) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def summary_text(rec: Recommendation, lang: str, justification: Justification | None = None,
                 max_bytes: int = MAX_BYTES) -> str:
    """The advice in a few lines: recommendation, top reasons, precautions (fits in `max_bytes`).

    Reasons and precautions are dropped from the end until the text fits; the recommendation
    itself is always there.
    """
    from cloudwizard.engine.report.view import build_view  # lazy: pulls in the recommender

    view = build_view(rec, lang, justification)
    lab = view.labels
    colon = " :" if lang == "fr" else ":"  # French puts a space before the colon, as the app's texts do
    head = [f"CloudWizard · {view.date}", f"{lab.our_advice}{colon} {view.headline}"]
    # A split advice: the parts for particular needs (the first part is the headline itself).
    head += [f"+ {_short(part.text)}" for part in view.split if part.needs]
    head.append(f"{lab.how_sure}{colon} {view.clarity_label}")
    reasons: list[str] = []
    for r in view.top_reasons:
        line = _short(r.text)
        if line and line not in reasons:
            reasons.append(line)
    reasons = reasons[:MAX_REASONS]
    # The view's checklist has the backups first already.
    precautions = [_short(p.title) for p in view.checklist][:MAX_PRECAUTIONS]

    def build(n_reasons: int, n_precautions: int) -> str:
        lines = list(head)
        if n_reasons:
            lines += ["", lab.why + colon] + [f"- {r}" for r in reasons[:n_reasons]]
        if n_precautions:
            lines += ["", lab.what_to_do + colon] + [f"- {p}" for p in precautions[:n_precautions]]
        return "\n".join(lines)

    n_r, n_p = len(reasons), len(precautions)
    text = build(n_r, n_p)
    while len(text.encode("utf-8")) > max_bytes and (n_r or n_p):
        if n_p > max(1, n_r - 1) or (n_p and not n_r):
            n_p -= 1
        else:
            n_r -= 1
        text = build(n_r, n_p)
    return text


def make_qr(text: str) -> segno.QRCode:
    """The QR code for `text`: UTF-8 with an ECI marker, error correction M or better at the same size.

    The ECI header (assignment 26, UTF-8) tells the scanner how the bytes are encoded; without it a
    QR reader may take them for ISO 8859-1 (the standard's default) and show "Ã©" for "é".
    """
    import segno  # lazy: only the result page of a kiosk needs it

    return segno.make(text, error=ERROR_LEVEL, encoding="utf-8", eci=True, micro=False)


def qr_image(qr: Any, module_px: int = 6, border: int = QUIET_ZONE) -> QImage:
    """Draw `qr` as black modules on white, `module_px` pixels each, with a quiet zone of `border`."""
    matrix = qr.matrix
    n = len(matrix) + 2 * border
    size = n * module_px
    image = QImage(size, size, QImage.Format.Format_Grayscale8)
    image.fill(QColor(255, 255, 255))
    black = QColor(0, 0, 0)
    painter = QPainter(image)
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x] & 1:
                start = x
                while x < len(row) and row[x] & 1:
                    x += 1
                painter.fillRect(QRect((start + border) * module_px, (y + border) * module_px,
                                       (x - start) * module_px, module_px), black)
            else:
                x += 1
    painter.end()
    return image
