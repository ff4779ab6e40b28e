"""One process at a time per vault folder (QLockFile: stale locks of dead processes are taken over)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile

IN_USE_MESSAGE = ("Ce coffre est déjà ouvert par une autre fenêtre ou commande de Bilan Desktop. "
                  "Fermez-la avant de continuer.")
NO_ACCESS_MESSAGE = ("Le dossier du coffre n'est pas accessible en écriture (dossier protégé, support en lecture "
                     "seule ou retiré) : Bilan Desktop ne peut pas l'ouvrir. Rien n'a été modifié.")


@dataclass(frozen=True)
class LockStatus:
    ok: bool
    in_use: bool = False

    def __bool__(self) -> bool:
        return self.ok

    @property
    def message(self) -> str:
        if self.ok:
            return ""
        return IN_USE_MESSAGE if self.in_use else NO_ACCESS_MESSAGE


class InstanceLock:
    def __init__(self, path: Path):
        self.path = path
        self._lock: QLockFile | None = None

    def acquire(self) -> LockStatus:
        """Held by another live process → in use; the folder cannot be created or written → no access."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError:
            return LockStatus(False)
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(0)
        if self._lock.tryLock(200):
            return LockStatus(True)
        return LockStatus(False, in_use=self._lock.error() == QLockFile.LockError.LockFailedError)

    def release(self) -> None:
        if self._lock is not None and self._lock.isLocked():
            self._lock.unlock()
