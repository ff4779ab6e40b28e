"""One process at a time per vault folder (QLockFile: stale locks of dead processes are taken over)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

IN_USE_MESSAGE = ("Ce coffre est déjà ouvert par une autre fenêtre ou commande de Bilan Desktop. "
                  "Fermez-la avant de continuer.")


class InstanceLock:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(path))
        self._lock.setStaleLockTime(0)

    def acquire(self) -> bool:
        return self._lock.tryLock(200)

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()
