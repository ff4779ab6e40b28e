"""Backing up and restoring the vault: the use cases the window and the command line share. Every backup the
application writes is recorded in the vault and expires by the policy of storage.backup_log (R6313-7)."""

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
from ..storage.backup_log import HORIZON_RANGE, BackupLog, BackupRecord
from ..storage.integrity import damage_message, quick_check
from ..storage.outside_records import carry_into_file, outside_records
from ..storage.retention import register_rows
from ..storage.vault import Vault

__all__ = ["HORIZON_RANGE", "back_up", "prune", "restore"]


def back_up(vault: Vault, target: Path, secret: Secret, now: dt.datetime, keep: int = 0,
            replace: bool = False) -> tuple[Manifest, list[Path]]:
    """Write a verified backup (the destruction engine runs first) and record it; then keep the `keep` newest of the
    folder, and delete the older backups the policy lets go now that this one exists. Returns what was deleted. An existing
    file at `target` is replaced only when `replace` says so (the consultant asked)."""
    manifest = write_backup(vault, target, secret, now, replace)
    log = BackupLog(vault)
    log.record(Path(target), now)
    removed = rotate_backups(Path(target).parent, keep, Path(target))
    log.mark_deleted(removed)
    return manifest, removed + [p for p in log.prune(now) if p not in removed]


def prune(vault: Vault, now: dt.datetime) -> list[Path]:
    """Delete the application's backups that have expired or hold destroyed content, when a newer one exists."""
    return BackupLog(vault).prune(now)


def holding_destroyed(vault: Vault) -> list[BackupRecord]:
    """The application's backups made before a destruction, not yet deleted: a newer backup is needed first."""
    return BackupLog(vault).holding()


def replaced(vault: Vault) -> list[BackupRecord]:
    """Backups whose file was replaced at its path (never deleted by the application)."""
    return BackupLog(vault).replaced()


def dismiss(vault: Vault) -> None:
    BackupLog(vault).dismiss()


def horizon_months(vault: Vault) -> int:
    return BackupLog(vault).horizon_months()


def set_horizon_months(vault: Vault, months: int) -> None:
    BackupLog(vault).set_horizon_months(months)


def inspect(vault: Vault, source: Path, secret: Secret) -> BackupInfo:
    return inspect_backup(vault, source, secret)


def prepare(vault: Vault, source: Path, secret: Secret):
    """What `restore` needs from the vault, read here; then a callable doing the slow part without it (for a
    worker thread)."""
    key, db_path, register = vault.raw_key, vault.db_path, register_rows(vault.conn)
    outside = outside_records(vault.conn)

    def slow() -> PreparedRestore:
        ready = prepare_restore(key, db_path, register, source, secret)
        try:
            carry_into_file(key, ready.tmp, outside)
        except BaseException:
            ready.tmp.unlink(missing_ok=True)
            raise
        return ready
    return slow


def restore(vault: Vault, source: Path, secret: Secret, now: dt.datetime,
            prepared: PreparedRestore | None = None) -> Manifest:
    """The records of what lies outside the vault (backups written, copies exported and their fate) are the current
    vault's, which knows more than any backup: they are carried into the restored content before the swap."""
    return restore_backup(vault, source, secret, now, prepared or prepare(vault, source, secret)())


def integrity_check(vault: Vault):
    """The check made at every unlock, read here; then a callable doing it on a connection of its own (for a worker
    thread). It returns the problems as French sentences (empty when all is well)."""
    db_path, key = vault.db_path, vault.raw_key
    return lambda: quick_check(db_path, key)


def damage_advice(vault: Vault, problems: list[str]) -> str:
    """What to tell the consultant, in French: which backup to restore — the newest the application wrote and still
    finds unchanged at its place, when the damaged vault still lets its list be read; otherwise the most recent one
    the consultant holds."""
    newest = None
    try:
        present = [r for r in BackupLog(vault).records() if r.status is None and Path(r.path).is_file()]
        if present:
            newest = max(present, key=lambda r: r.created_at).path
    except Exception:  # noqa: BLE001 - a damaged vault may not let its list be read: the general advice stands
        newest = None
    return damage_message(problems, newest)
