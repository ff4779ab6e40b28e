"""Backing up and restoring the vault: the use cases the window and the command line share."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..storage.backup import (
    BackupInfo,
    Manifest,
    Secret,
    inspect_backup,
    restore_backup,
    rotate_backups,
    write_backup,
)
from ..storage.vault import Vault


def back_up(vault: Vault, target: Path, secret: Secret, now: dt.datetime, keep: int = 0) -> tuple[Manifest, list[Path]]:
    """Write a verified backup (the destruction engine runs first), then keep the `keep` newest of the folder."""
    manifest = write_backup(vault, target, secret, now)
    return manifest, rotate_backups(target.parent, keep, target)


def inspect(vault: Vault, source: Path, secret: Secret) -> BackupInfo:
    return inspect_backup(vault, source, secret)


def restore(vault: Vault, source: Path, secret: Secret, now: dt.datetime) -> Manifest:
    return restore_backup(vault, source, secret, now)
