"""Heavy work off the GUI thread: the passphrase's key derivation (Argon2id) and PDF builds run on a worker thread
while the window keeps repainting, with a busy cursor. User input is held back meanwhile (nothing can be typed into
a half-finished state). The worker never touches the vault's connection: that stays on the GUI thread (one owner)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QGuiApplication

T = TypeVar("T")
POLL_MS = 5
SWITCH_INTERVAL_S = 0.001


def run_in_background(fn: Callable[..., T], *args: Any) -> T:
    """Run fn(*args) on a worker thread and return its result (or raise its exception) once done; the event loop
    runs meanwhile (repaints, timers), without user input."""
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["value"] = fn(*args)
        except BaseException as exc:  # handed back to the caller, on the GUI thread
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="bilan-worker", daemon=True)
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(POLL_MS)
    poll.timeout.connect(lambda: None if worker.is_alive() else loop.quit())
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL_S)  # the GUI thread gets the interpreter back sooner from Python work
    try:
        worker.start()
        poll.start()
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        worker.join()
    finally:
        sys.setswitchinterval(interval)
        poll.stop()
        QGuiApplication.restoreOverrideCursor()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


class Busy:
    """The wait cursor while the GUI thread waits for a long step (key derivation, a restore)."""

    def __enter__(self):
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc):
        QGuiApplication.restoreOverrideCursor()
        return False
