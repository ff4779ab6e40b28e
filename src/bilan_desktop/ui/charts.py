"""Charts drawn with QPainter: the RIASEC hexagon and the five factors as bars."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QWidget


class HexagonChart(QWidget):
    """Six axes R I A S E C, each score placed between its minimum and maximum."""

    def __init__(self, scores: dict[str, int], labels: dict[str, str], minimum: int = 8, maximum: int = 40,
                 parent=None):
        super().__init__(parent)
        self.scores, self.labels, self.minimum, self.maximum = scores, labels, minimum, maximum
        self.setMinimumSize(360, 320)
        self.setAccessibleName("Hexagone des intérêts RIASEC : " +
                               ", ".join(f"{labels[k]} {v}" for k, v in scores.items()))

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        center = QPointF(self.width() / 2, self.height() / 2)
        radius = min(self.width(), self.height()) / 2 - 46
        letters = list(self.scores)

        def point(index: int, fraction: float) -> QPointF:
            angle = -math.pi / 2 + index * math.pi / 3
            return QPointF(center.x() + math.cos(angle) * radius * fraction,
                           center.y() + math.sin(angle) * radius * fraction)

        p.setPen(QPen(QColor("#c0c8d0"), 1))
        for ring in (0.25, 0.5, 0.75, 1.0):
            p.drawPolygon(QPolygonF([point(i, ring) for i in range(6)]))
        for i in range(6):
            p.drawLine(center, point(i, 1.0))
        span = self.maximum - self.minimum
        shape = QPolygonF([point(i, max(0.0, (self.scores[k] - self.minimum) / span)) for i, k in enumerate(letters)])
        p.setPen(QPen(QColor("#1f3b5a"), 2))
        p.setBrush(QColor(31, 59, 90, 90))
        p.drawPolygon(shape)
        p.setPen(QColor("#000000"))
        for i, k in enumerate(letters):
            at = point(i, 1.18)
            p.drawText(QRectF(at.x() - 60, at.y() - 14, 120, 28), Qt.AlignmentFlag.AlignCenter,
                       f"{self.labels[k]} ({self.scores[k]})")
        p.end()


class BarsChart(QWidget):
    """One horizontal bar per factor, between its minimum and maximum."""

    def __init__(self, scores: dict[str, int], labels: dict[str, str], minimum: int = 4, maximum: int = 20,
                 parent=None):
        super().__init__(parent)
        self.scores, self.labels, self.minimum, self.maximum = scores, labels, minimum, maximum
        self.setMinimumSize(420, 40 * len(scores) + 20)
        self.setAccessibleName("Barres des cinq facteurs : " +
                               ", ".join(f"{labels[k]} {v}" for k, v in scores.items()))

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        label_width, top = 250, 10
        width = self.width() - label_width - 60
        for row, (key, value) in enumerate(self.scores.items()):
            y = top + row * 40
            p.setPen(QColor("#000000"))
            p.drawText(QRectF(0, y, label_width - 10, 28), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       self.labels[key])
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor("#e6edf5"))
            p.drawRect(QRectF(label_width, y + 4, width, 20))
            p.setBrush(QColor("#1f3b5a"))
            fraction = (value - self.minimum) / (self.maximum - self.minimum)
            p.drawRect(QRectF(label_width, y + 4, max(2.0, width * fraction), 20))
            p.setPen(QColor("#000000"))
            p.drawText(QRectF(label_width + width + 6, y, 50, 28), Qt.AlignmentFlag.AlignVCenter,
                       f"{value} / {self.maximum}")
        p.end()
