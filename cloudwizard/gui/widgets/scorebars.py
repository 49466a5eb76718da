"""Horizontal score bars drawn with QPainter (no QtCharts): one labelled bar per option."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: the option's name, its score, and a note such as "ruled out" (empty when none)."""

    label: str
    score: float
    note: str = ""
    highlight: bool = False
    #: the number as the report writes it ("3", "—" for a ruled-out option); empty: the score
    value: str = ""

    @property
    def shown(self) -> str:
        """The value drawn beside the bar."""
        return self.value or f"{self.score:g}"


class ScoreBars(QWidget):
    """Bars for the scores of the models or of the layers, best first.

    The widget is read-only; its accessible description lists every score so a screen reader
    hears the same thing sighted users see.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[Bar] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_bars(self, bars: list[Bar], name: str) -> None:
        """Show `bars`; `name` is the accessible name (e.g. "Scores of the deployment models")."""
        self._bars = list(bars)
        self.setAccessibleName(name)
        self.setAccessibleDescription(
            "; ".join(f"{b.label}: {b.shown}" + (f" ({b.note})" if b.note else "") for b in bars)
        )
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return QFontMetrics(self.font()).height() + 14

    def _label_width(self) -> int:
        font = self.font()
        font.setBold(True)
        fm = QFontMetrics(font)
        return max((fm.horizontalAdvance(b.label) for b in self._bars), default=0) + 16

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Room for every row."""
        return QSize(self._label_width() + 260, round(self._row_height() * max(1.0, self._lines())) + 4)

    def _lines(self) -> float:
        """Rows drawn: one per bar, and three quarters of one under a bar with a note (it may be long)."""
        return sum(1.75 if b.note else 1.0 for b in self._bars)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Labels stay readable; bars may shrink."""
        return QSize(self._label_width() + 120, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Draw the rows: label, track, bar, score and note."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        fm = QFontMetrics(self.font())
        row = self._row_height()
        label_w = self._label_width()
        value_w = fm.horizontalAdvance("-00.0") + 12
        track_w = max(40, self.width() - label_w - value_w - 8)
        top = max((b.score for b in self._bars), default=1.0)
        low = min((b.score for b in self._bars), default=0.0)
        span = max(top - min(low, 0.0), 1.0)
        accent = pal.color(QPalette.ColorRole.Highlight)
        muted = pal.color(QPalette.ColorRole.Mid)
        track = QColor(pal.color(QPalette.ColorRole.AlternateBase))
        y = 2.0
        for bar in self._bars:
            text_rect = QRectF(0, y, label_w - 8, row)
            painter.setPen(pal.color(QPalette.ColorRole.WindowText))
            font = painter.font()
            font.setBold(bar.highlight)
            painter.setFont(font)
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, bar.label)
            font.setBold(False)
            painter.setFont(font)
            bar_h = row * 0.55
            track_rect = QRectF(label_w, y + (row - bar_h) / 2, track_w, bar_h)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track)
            painter.drawRoundedRect(track_rect, bar_h / 2, bar_h / 2)
            fraction = (bar.score - min(low, 0.0)) / span
            if fraction > 0:
                fill = QRectF(track_rect)
                fill.setWidth(max(bar_h, track_w * fraction))
                painter.setBrush(accent if bar.highlight else muted if bar.note else accent.lighter(135))
                painter.drawRoundedRect(fill, bar_h / 2, bar_h / 2)
            painter.setPen(pal.color(QPalette.ColorRole.WindowText))
            value_rect = QRectF(label_w + track_w + 6, y, value_w, row)
            painter.drawText(value_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, bar.shown)
            y += row
            if bar.note:
                # under the bar's name, across the whole width: "ruled out by “…”" can be long
                painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
                note_rect = QRectF(12, y - row * 0.25, self.width() - 12, row)
                painter.drawText(note_rect, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft,
                                 fm.elidedText(bar.note, Qt.TextElideMode.ElideRight, self.width() - 16))
                y += row * 0.75
        painter.end()
