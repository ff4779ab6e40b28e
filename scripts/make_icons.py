"""Draws the application icon (Qt) at every size, and writes the Windows .ico and macOS .icns (Pillow).

Run once when the icon changes: .venv/bin/python scripts/make_icons.py (the results are committed)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath, QPen  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SIZES = (16, 32, 48, 64, 128, 256, 512)


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format_ARGB32)
    image.fill(Qt.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.Antialiasing)
    margin = size * 0.06
    path = QPainterPath()
    path.addRoundedRect(QRectF(margin, margin, size - 2 * margin, size - 2 * margin), size * 0.18, size * 0.18)
    p.fillPath(path, QColor("#1f3b5a"))
    font = QFont("DejaVu Sans", 1)
    font.setPixelSize(int(size * 0.58))
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor("#ffffff"))
    p.drawText(QRectF(0, -size * 0.04, size * 0.86, size), Qt.AlignCenter, "B")
    pen = QPen(QColor("#ffd54f"), max(1.5, size * 0.07), Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin)
    p.setPen(pen)
    tick = QPainterPath()
    tick.moveTo(size * 0.58, size * 0.70)
    tick.lineTo(size * 0.68, size * 0.80)
    tick.lineTo(size * 0.86, size * 0.56)
    p.drawPath(tick)
    p.end()
    return image


def main() -> None:
    QGuiApplication(sys.argv[:1])
    out = ROOT / "src" / "bilan_desktop" / "resources" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        draw(size).save(str(out / f"bilan-desktop-{size}.png"))
    big = Image.open(out / "bilan-desktop-512.png")
    packaging = ROOT / "packaging" / "icons"
    packaging.mkdir(parents=True, exist_ok=True)
    big.save(packaging / "bilan-desktop.ico", sizes=[(s, s) for s in (16, 32, 48, 64, 128, 256)])
    big.save(packaging / "bilan-desktop.icns")
    big.save(packaging / "bilan-desktop.png")
    print("icons written")


if __name__ == "__main__":
    main()
