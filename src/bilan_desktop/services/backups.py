"""Backing up and restoring the vault: the use cases the window and the command line share."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..storage.backup import (
    BackupInfo,
    Manifest,
    PreparedRestore,
    Secret,
    inspect_backup,
    prepare_restore,
    restore_backup,
    rotate_backups,
    write_backup,
)
from ..storage.retention import register_rows
from ..storage.vault import Vault


def back_up(vault: Vault, target: Path, secret: Secret, now: dt.datetime, keep: int = 0,
            replace: bool = False) -> tuple[Manifest, list[Path]]:
    """Write a verified backup (the destruction engine runs first), then keep the `keep` newest of the folder."""
    manifest = write_backup(vault, target, secret, now, replace)
    return manifest, rotate_backups(target.parent, keep, target)


def inspect(vault: Vault, source: Path, secret: Secret) -> BackupInfo:
    return inspect_backup(vault, source, secret)


def prepare(vault: Vault, source: Path, secret: Secret):
    """What `restore` needs from the vault, read here; then a callable doing the slow part without it (for a
    worker thread)."""
    key, db_path, register = vault.raw_key, vault.db_path, register_rows(vault.conn)
    return lambda: prepare_restore(key, db_path, register, source, secret)


def restore(vault: Vault, source: Path, secret: Secret, now: dt.datetime,
            prepared: PreparedRestore | None = None) -> Manifest:
    return restore_backup(vault, source, secret, now, prepared)
