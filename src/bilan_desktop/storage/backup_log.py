"""The application's own backups and R6313-7 (issue 19, point 8).

A backup made before a destruction still holds what was destroyed. The vault records each backup the application
writes (path, date, SHA-256, size — never any content). The policy:

- the newest backup is always kept (a consultant is never left without one);
- a backup made before a destruction is deleted as soon as a newer backup, made after that destruction, exists and
  is verified (present, unchanged): until then the journal of destructions lists it and offers to make one;
- a backup older than the horizon (months, set in Paramètres, three by default) is deleted as soon as a newer
  verified backup exists;
- only a file that is still the application's own, unchanged (same SHA-256 as when written), is ever deleted: a
  file replaced at that path is never touched again; a backup moved away is listed, not looked for.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from dateutil.relativedelta import relativedelta

from .offvault import sha256_of
from .vault import Vault

DEFAULT_HORIZON_MONTHS = 3
HORIZON_RANGE = (1, 36)
PRESENT, DELETED, REPLACED, MISSING, DISMISSED = None, "supprimee", "remplacee", "absente", "traitee"


@dataclass(frozen=True)
class BackupRecord:
    id: int
    path: str
    created_at: dt.datetime
    sha256: str
    size: int
    status: str | None


def due_for_deletion(records: list[BackupRecord], destructions: list[dt.datetime], today: dt.date,
                     horizon_months: int) -> list[tuple[BackupRecord, list[BackupRecord]]]:
    """Pure: each present backup that may go, with the newer backups (most recent first) any one of which, verified,
    allows it: made after a destruction that followed it, or any newer one when it is past the horizon."""
    present = sorted((r for r in records if r.status is PRESENT), key=lambda r: r.created_at, reverse=True)
    found = []
    for index, record in enumerate(present):
        newer = present[:index]
        if not newer:
            continue  # the newest is always kept
        expired = record.created_at.date() + relativedelta(months=horizon_months) <= today
        after = [n for n in newer if any(record.created_at < d <= n.created_at for d in destructions)]
        allowed = newer if expired else after
        if allowed:
            found.append((record, allowed))
    return found


def holding_destroyed(records: list[BackupRecord], destructions: list[dt.datetime]) -> list[BackupRecord]:
    """Backups made before a destruction (present, or moved away): they still hold what it destroyed."""
    return [r for r in records if r.status in (PRESENT, MISSING) and any(d > r.created_at for d in destructions)]


class BackupLog:
    def __init__(self, vault: Vault):
        self.vault = vault

    def record(self, path: Path, created_at: dt.datetime) -> None:
        digest = sha256_of(path)
        if digest is None:
            return
        with self.vault.transaction() as conn:
            conn.execute("INSERT INTO backup_log (path, created_at, sha256, size, status) VALUES (?, ?, ?, ?, NULL)",
                         (str(path), created_at.isoformat(), digest, path.stat().st_size))

    def records(self) -> list[BackupRecord]:
        rows = self.vault.conn.execute("SELECT id, path, created_at, sha256, size, status FROM backup_log ORDER BY id")
        return [BackupRecord(r[0], r[1], dt.datetime.fromisoformat(r[2]), r[3], int(r[4]), r[5]) for r in rows]

    def set_status(self, record_id: int, status: str | None) -> None:
        with self.vault.transaction() as conn:
            conn.execute("UPDATE backup_log SET status = ? WHERE id = ?", (status, record_id))

    def mark_deleted(self, paths: list[Path]) -> None:
        """Files the count rotation removed (the application's own backups)."""
        with self.vault.transaction() as conn:
            for path in paths:
                conn.execute("UPDATE backup_log SET status = ? WHERE path = ? AND status IS NULL", (DELETED, str(path)))

    def destructions(self) -> list[dt.datetime]:
        return [dt.datetime.fromisoformat(r[0]) for r in self.vault.conn.execute(
            "SELECT recorded_at FROM destruction_register")]

    def horizon_months(self) -> int:
        row = self.vault.conn.execute("SELECT value FROM vault_setting WHERE name = 'backup_horizon_months'").fetchone()
        try:
            value = int(row[0]) if row else DEFAULT_HORIZON_MONTHS
        except ValueError:
            value = DEFAULT_HORIZON_MONTHS
        return max(HORIZON_RANGE[0], min(HORIZON_RANGE[1], value))

    def set_horizon_months(self, months: int) -> None:
        months = max(HORIZON_RANGE[0], min(HORIZON_RANGE[1], int(months)))
        with self.vault.transaction() as conn:
            conn.execute("INSERT INTO vault_setting (name, value) VALUES ('backup_horizon_months', ?) ON CONFLICT "
                         "(name) DO UPDATE SET value = excluded.value", (str(months),))

    def _check(self, record: BackupRecord) -> str | None:
        """The file's fate at its path: PRESENT (unchanged), REPLACED or MISSING (recorded when not PRESENT)."""
        path = Path(record.path)
        status: str | None
        if not os.path.lexists(path):
            status = MISSING
        elif path.is_symlink() or not path.is_file():
            status = REPLACED
        else:
            same = path.stat().st_size == record.size and sha256_of(path) == record.sha256
            status = PRESENT if same else REPLACED
        if status is not PRESENT:
            self.set_status(record.id, status)
        return status

    def _verified(self, record: BackupRecord, cache: dict[int, bool]) -> bool:
        if record.id not in cache:
            cache[record.id] = self._check(record) is PRESENT
        return cache[record.id]

    def prune(self, now: dt.datetime) -> list[Path]:
        """Delete the backups the policy lets go (see the module's docstring). Returns the paths deleted."""
        due = due_for_deletion(self.records(), self.destructions(), now.date(), self.horizon_months())
        verified: dict[int, bool] = {}
        removed = []
        for record, allowed in due:
            if not any(self._verified(n, verified) for n in allowed):
                continue
            if self._check(record) is not PRESENT:
                continue
            try:
                os.remove(record.path)
            except OSError:
                continue
            self.set_status(record.id, DELETED)
            removed.append(Path(record.path))
        return removed

    def holding(self) -> list[BackupRecord]:
        return holding_destroyed(self.records(), self.destructions())

    def replaced(self) -> list[BackupRecord]:
        return [r for r in self.records() if r.status == REPLACED]

    def dismiss(self) -> None:
        """The consultant has dealt with the backups listed as moved away or replaced."""
        with self.vault.transaction() as conn:
            conn.execute("UPDATE backup_log SET status = ? WHERE status IN (?, ?)", (DISMISSED, MISSING, REPLACED))
