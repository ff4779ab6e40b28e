"""Preferences (plaintext INI in the config folder): never any beneficiary data here."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from .. import paths

DEFAULT_AUTO_LOCK_MINUTES = 10


class Preferences:
    def __init__(self):
        folder = paths.config_dir()
        folder.mkdir(parents=True, exist_ok=True)
        self._settings = QSettings(str(folder / "preferences.ini"), QSettings.IniFormat)

    @property
    def auto_lock_minutes(self) -> int:
        value = self._settings.value("security/auto_lock_minutes", DEFAULT_AUTO_LOCK_MINUTES)
        try:
            return max(1, min(240, int(value)))
        except (TypeError, ValueError):
            return DEFAULT_AUTO_LOCK_MINUTES

    @auto_lock_minutes.setter
    def auto_lock_minutes(self, minutes: int) -> None:
        self._settings.setValue("security/auto_lock_minutes", int(minutes))
        self._settings.sync()

    @property
    def backup_keep(self) -> int:
        """How many backups to keep in the chosen folder (0: all)."""
        try:
            return max(0, min(99, int(self._settings.value("backup/keep", 0))))
        except (TypeError, ValueError):
            return 0

    @backup_keep.setter
    def backup_keep(self, count: int) -> None:
        self._settings.setValue("backup/keep", int(count))
        self._settings.sync()
