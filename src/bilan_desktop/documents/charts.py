"""The questionnaires' charts as reportlab vector graphics (no image): RIASEC hexagon, five-factor bars."""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors

from .base import FONT

INK = colors.HexColor("#1f3b5a")
GRID = colors.HexColor("#c0c8d0")


def hexagon(scores: dict[str, int], labels: dict[str, str], minimum: int = 8, maximum: int = 40) -> Drawing:
    size, radius = 300, 95
    drawing = Drawing(size + 120, size - 40)
    cx, cy = (size + 120) / 2, (size - 40) / 2

    def point(index: int, fraction: float) -> tuple[float, float]:
        angle = math.pi / 2 - index * math.pi / 3
        return cx + math.cos(angle) * radius * fraction, cy + math.sin(angle) * radius * fraction

    for ring in (0.25, 0.5, 0.75, 1.0):
        drawing.add(Polygon([c for i in range(6) for c in point(i, ring)], strokeColor=GRID, fillColor=None,
                            strokeWidth=0.5))
    for i in range(6):
        drawing.add(Line(cx, cy, *point(i, 1.0), strokeColor=GRID, strokeWidth=0.5))
    span = maximum - minimum
    shape = [c for i, k in enumerate(scores) for c in point(i, max(0.0, (scores[k] - minimum) / span))]
    drawing.add(Polygon(shape, strokeColor=INK, fillColor=colors.Color(0.12, 0.23, 0.35, alpha=0.35), strokeWidth=1.5))
    for i, k in enumerate(scores):
        x, y = point(i, 1.25)
        drawing.add(String(x, y - 3, f"{labels[k]} ({scores[k]})", fontName=FONT, fontSize=8, textAnchor="middle"))
    return drawing


def bars(scores: dict[str, int], labels: dict[str, str], minimum: int = 4, maximum: int = 20) -> Drawing:
    row, label_width, width = 22, 190, 220
    drawing = Drawing(label_width + width + 60, row * len(scores) + 6)
    for index, (key, value) in enumerate(scores.items()):
        y = drawing.height - (index + 1) * row
        drawing.add(String(label_width - 6, y + 5, labels[key], fontName=FONT, fontSize=8, textAnchor="end"))
        drawing.add(Rect(label_width, y + 2, width, 12, fillColor=colors.HexColor("#e6edf5"), strokeColor=None))
        fraction = (value - minimum) / (maximum - minimum)
        drawing.add(Rect(label_width, y + 2, max(1.0, width * fraction), 12, fillColor=INK, strokeColor=None))
        drawing.add(String(label_width + width + 6, y + 5, f"{value} / {maximum}", fontName=FONT, fontSize=8))
    return drawing
