"""A signature drawn on screen with a mouse, a touchpad, a stylus or a finger, kept as a PNG image."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ..domain.images import SIGNATURE_MAX_SIZE
from . import dialogs

MIN_POINTS = 8  # fewer points than this is a click, not a signature


class SignaturePad(QWidget):
    """Strokes drawn with the mouse, a stylus (tablet events arrive as mouse events too) or touch."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self.setAccessibleName("Zone de signature")
        self.setMinimumSize(480, 180)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.strokes: list[list[QPointF]] = []

    @property
    def points(self) -> int:
        return sum(len(stroke) for stroke in self.strokes)

    @property
    def is_signed(self) -> bool:
        return self.points >= MIN_POINTS

    def clear(self) -> None:
        self.strokes.clear()
        self.update()
        self.changed.emit()

    # -- input ----------------------------------------------------------------------------------------
    def start(self, point: QPointF) -> None:
        self.strokes.append([point])
        self.update()

    def extend(self, point: QPointF) -> None:
        if self.strokes:
            self.strokes[-1].append(point)
            self.update()
            self.changed.emit()

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.start(event.position())

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.extend(event.position())

    def event(self, event) -> bool:
        kind = event.type()
        if kind in (event.Type.TouchBegin, event.Type.TouchUpdate, event.Type.TouchEnd):
            points = event.points()
            if points:
                position = points[0].position()
                if kind is event.Type.TouchBegin:
                    self.start(position)
                else:
                    self.extend(position)
            event.accept()
            return True
        return super().event(event)

    # -- drawing --------------------------------------------------------------------------------------
    def _paint_strokes(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#10243e"), 2.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        for stroke in self.strokes:
            path = QPainterPath(stroke[0])
            for point in stroke[1:]:
                path.lineTo(point)
            if len(stroke) == 1:
                painter.drawPoint(stroke[0])
            else:
                painter.drawPath(path)

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(QColor("#b0b8c0"), 1, Qt.PenStyle.DashLine))
        baseline = int(self.height() * 0.75)
        painter.drawLine(20, baseline, self.width() - 20, baseline)
        self._paint_strokes(painter)
        painter.end()

    def png(self) -> bytes:
        """The strokes on a transparent background, as PNG bytes (empty when nothing was drawn)."""
        if not self.strokes:
            return b""
        # Bounded whatever the pad's size on screen (a maximised window on a 4K display): the strokes are scaled
        # down into at most SIGNATURE_MAX_SIZE pixels, so that every signature decodes quickly on the sheet.
        ratio = min(1.0, SIGNATURE_MAX_SIZE[0] / max(self.width(), 1), SIGNATURE_MAX_SIZE[1] / max(self.height(), 1))
        image = QImage(max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio)),
                       QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.scale(ratio, ratio)
        self._paint_strokes(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes, PySide6 a str
        buffer.close()
        return bytes(data.data())


class SignatureDialog(QDialog):
    """« Signature du bénéficiaire » / « Signature du consultant » for one session."""

    def __init__(self, who: str, session: str, parent=None):
        super().__init__(parent)
        self.setObjectName("signatureDialog")
        self.setWindowTitle(f"Signature — {who}")
        self.pad = SignaturePad()
        intro = QLabel(f"<b>{who}</b> — {session}<br/>Signez dans le cadre ci-dessous (souris, pavé tactile, stylet "
                       "ou doigt). La signature est enregistrée avec la date et l'heure, dans le coffre.")
        intro.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        clear = QPushButton("Effacer")
        clear.setAccessibleName("Effacer la signature")
        clear.clicked.connect(self.pad.clear)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Valider la signature")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.pad, 1)
        layout.addWidget(clear, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if not self.pad.is_signed:
            self.error.setText("La zone de signature est vide : signez avant de valider.")
            return
        super().accept()


def capture(parent, who: str, session: str) -> bytes:
    """The PNG of a signature drawn now, or b'' when the dialog is cancelled."""
    dialog = SignatureDialog(who, session, parent)
    if dialogs.launch(dialog) != QDialog.DialogCode.Accepted:
        return b""
    return dialog.pad.png()
