"""Session guards: the inactivity timer that locks the vault, and the clipboard that forgets."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication

CLIPBOARD_CLEAR_MS = 30_000

_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
             QEvent.Type.TouchBegin}


class IdleWatcher(QObject):
    """Emits `idle` after `minutes` without keyboard or mouse activity in the application."""

    idle = Signal()

    def __init__(self, minutes: int, parent=None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.set_minutes(minutes)
        app = QGuiApplication.instance()
        assert app is not None, "IdleWatcher needs the application"
        app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self._timer.setInterval(int(minutes) * 60_000)
        if self._timer.isActive():
            self._timer.start()

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False


class ClipboardGuard(QObject):
    """Clears what the application put on the clipboard after 30 s if unchanged, and on `clear()`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._clipboard = QGuiApplication.clipboard()
        self._owned_text: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CLIPBOARD_CLEAR_MS)
        self._timer.timeout.connect(self.clear)
        self._clipboard.dataChanged.connect(self._changed)

    def _changed(self) -> None:
        # The copy is ours when we own the clipboard or, on platforms without ownership, when one of
        # our windows has the focus (no other application can copy then).
        if self._clipboard.ownsClipboard() or QGuiApplication.focusWindow() is not None:
            text = self._clipboard.text()
            if text and text != self._owned_text:
                self._owned_text = text
                self._timer.start()

    def clear(self) -> None:
        self._timer.stop()
        if self._owned_text is not None and self._clipboard.text() == self._owned_text:
            self._clipboard.clear()
        self._owned_text = None
