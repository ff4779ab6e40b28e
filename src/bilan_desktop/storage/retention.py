"""The destruction engine (R6313-7): applies domain.retention to every bilan of the vault.

Each bilan's due content is deleted in one transaction that also writes the register entry (reference,
date, legal basis, categories — never any content); then freed pages are wiped (secure_delete is on,
VACUUM rewrites the file). A failure (disk full, read-only) leaves everything as it was: what is due stays
due and the next run retries. Working copies of the synthèse exported to the consultant's disk are deleted
when unchanged, or listed as « copie hors coffre à détruire »."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.registry import SECTIONS_OF, Category
from ..domain.retention import BASIS, Due, due_now
from ..domain.sharing import COPIES_DESTROYED_WITH
from .dossiers import DossierRepository
from .vault import DatabaseError, Vault

log = logging.getLogger(__name__)


@dataclass
class EngineReport:
    destroyed: list[str] = field(default_factory=list)  # references
    pending: list[str] = field(default_factory=list)  # references whose destruction failed and will be retried
    offvault: list[str] = field(default_factory=list)  # working copies changed since export: to destroy by hand
    unfinished: bool = False  # destroyed, compaction and new key still to do (run(..., finish=False))
    # The bilans' administrative facts the run read: a destruction leaves them as they were, so the list that
    # follows may use them instead of reading 2,000 bilans again.
    overview: dict | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class RegisterEntry:
    reference: str
    destroyed_on: dt.date
    legal_basis: str
    categories: list[str]


class RetentionEngine:
    def __init__(self, vault: Vault):
        self.vault = vault

    def _present(self, bilan_id: int) -> set[Category]:
        conn = self.vault.conn
        sections = {r[0] for r in conn.execute(
            "SELECT section FROM bilan_section WHERE bilan_id = ? AND kind = 'content'", (bilan_id,))}
        present = {c for c, names in SECTIONS_OF.items() if sections & set(names)}
        if conn.execute("SELECT 1 FROM seance_notes n JOIN seance s ON s.id = n.seance_id WHERE s.bilan_id = ? "
                        "LIMIT 1", (bilan_id,)).fetchone():
            present.add(Category.CONTENU)
        for (document,) in conn.execute("SELECT DISTINCT document FROM export_log WHERE bilan_id = ? AND "
                                        "destination = 'travail' AND copy_status IS NULL", (bilan_id,)):
            if document in COPIES_DESTROYED_WITH:
                present.add(COPIES_DESTROYED_WITH[document])
        return present

    def run(self, today: dt.date, now: dt.datetime, finish: bool = True) -> EngineReport:
        """Destroy what is due. With `finish=False` (the window), the compaction and the new key are left to
        `compact()` and `rotate_key()`, so that the caller can let its event loop turn between the three steps."""
        report = EngineReport()
        report.overview = DossierRepository(self.vault).overview()
        for dossier in report.overview.values():
            due = due_now(dossier, today)  # pure and cheap: most bilans have nothing due
            if due:
                present = self._present(dossier.bilan_id)
                due = [d for d in due if d.category in present]
            if not due:
                continue
            try:
                self._destroy(dossier.bilan_id, dossier.reference, due, today, now)
            except DatabaseError as exc:
                log.warning("destruction pending: %s", type(exc).__name__)
                report.pending.append(dossier.reference)
                continue
            report.destroyed.append(dossier.reference)
            report.offvault += self._remove_working_copies(dossier.bilan_id, due, now)
        report.offvault += [r[0] for r in self.vault.conn.execute(
            "SELECT path FROM export_log WHERE copy_status = 'modifiee' ORDER BY id")]
        report.offvault = sorted(set(report.offvault))
        if report.destroyed:
            log.info("destruction done: %d bilan(s)", len(report.destroyed))
            if finish:
                self.compact()
                self.rotate_key()
            else:
                report.unfinished = True
        return report

    def delete_prospect(self, bilan_id: int, reference: str, basis: str, today: dt.date, now: dt.datetime) -> None:
        """Delete a dossier outright, with a register entry that names nobody, then wipe its pages and rotate the
        key, as after any destruction."""
        from .bilans import delete_dossier
        with self.vault.transaction() as conn:
            delete_dossier(conn, bilan_id)
            conn.execute("INSERT INTO destruction_register (bilan_id, reference, destroyed_on, legal_basis, "
                         "categories, recorded_at) VALUES (NULL, ?, ?, ?, ?, ?)",
                         (reference, today.isoformat(), basis, json.dumps(["dossier"]), now.isoformat()))
        self.compact()
        self.rotate_key()

    def compact(self) -> None:
        try:
            self._compact()
        except DatabaseError as exc:  # the rows are gone and their pages zeroed already (secure_delete)
            log.warning("compaction deferred: %s", type(exc).__name__)

    def rotate_key(self) -> None:
        """Older copies of the file (OS backups, stray temporary files) no longer open with today's key file."""
        try:
            self.vault.rotate_master_key()
        except (DatabaseError, OSError) as exc:
            log.warning("key rotation deferred: %s", type(exc).__name__)

    def _destroy(self, bilan_id: int, reference: str, due: list[Due], today: dt.date, now: dt.datetime) -> None:
        categories = {d.category for d in due}
        with self.vault.transaction() as conn:
            delete_categories(conn, bilan_id, categories)
            reasons = sorted({d.reason for d in due})
            conn.execute("INSERT INTO destruction_register (bilan_id, reference, destroyed_on, legal_basis, "
                         "categories, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                         (bilan_id, reference, today.isoformat(), f"{BASIS} — {', '.join(reasons)}",
                          json.dumps(sorted(c.value for c in categories)), now.isoformat()))

    def _remove_working_copies(self, bilan_id: int, due: list[Due], now: dt.datetime) -> list[str]:
        categories = {d.category for d in due}
        documents = [doc for doc, category in COPIES_DESTROYED_WITH.items() if category in categories]
        if not documents:
            return []
        changed = []
        marks = ",".join("?" * len(documents))
        rows = self.vault.conn.execute(f"SELECT id, path, sha256 FROM export_log WHERE bilan_id = ? AND document IN "
                                       f"({marks}) AND destination = 'travail' AND copy_status IS NULL",
                                       (bilan_id, *documents)).fetchall()
        for export_id, path, digest in rows:
            status = _remove_if_unchanged(Path(path), digest) if path else "absente"
            if status == "modifiee":
                changed.append(path)
            with self.vault.transaction() as conn:
                conn.execute("UPDATE export_log SET copy_status = ? WHERE id = ?", (status, export_id))
        return changed

    def _compact(self) -> None:
        """Freed pages hold nothing (secure_delete); VACUUM rewrites the file without them."""
        conn = self.vault.conn
        with contextlib.suppress(DatabaseError):
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("VACUUM")

    def destroyed_on(self, reference: str) -> dict[str, dt.date]:
        """For one bilan, the first day each category was destroyed (category value -> date)."""
        found: dict[str, dt.date] = {}
        for day, categories in self.vault.conn.execute(
                "SELECT destroyed_on, categories FROM destruction_register WHERE reference = ? ORDER BY destroyed_on",
                (reference,)):
            for category in json.loads(categories):
                found.setdefault(category, dt.date.fromisoformat(day))
        return found

    def destroyed_references(self) -> set[str]:
        """The bilans whose content (not only their synthèse) has been destroyed."""
        return {reference for reference, categories in self.vault.conn.execute(
            "SELECT reference, categories FROM destruction_register") if "contenu" in json.loads(categories)}

    def register(self) -> list[RegisterEntry]:
        rows = self.vault.conn.execute("SELECT reference, destroyed_on, legal_basis, categories FROM "
                                       "destruction_register ORDER BY destroyed_on DESC, id DESC").fetchall()
        return [RegisterEntry(r[0], dt.date.fromisoformat(r[1]), r[2], json.loads(r[3])) for r in rows]


class DestructionNotApplied(DatabaseError):
    """Rows that should be gone are still there (a trigger, a foreign constraint): nothing is recorded."""


def _remaining(conn, bilan_id: int, categories: set[Category]) -> int:
    sections = [name for c in categories for name in SECTIONS_OF[c]]
    marks = ",".join("?" * len(sections))
    left = conn.execute(f"SELECT count(*) FROM bilan_section WHERE bilan_id = ? AND kind = 'content' AND section IN "
                        f"({marks})", (bilan_id, *sections)).fetchone()[0]
    if Category.CONTENU in categories:
        left += conn.execute("SELECT count(*) FROM seance_notes WHERE seance_id IN (SELECT id FROM seance WHERE "
                             "bilan_id = ?)", (bilan_id,)).fetchone()[0]
    return int(left)


def delete_categories(conn, bilan_id: int, categories: set[Category]) -> None:
    """Delete one bilan's rows of these categories, inside the caller's transaction, then check they are really gone
    (a restored file could hold a trigger that silently cancels a DELETE): if not, raise, and the caller's
    transaction (with its register entry) rolls back. From the first destruction of its content on, the bilan's
    satisfaction answers lose their link to it and their free comment: their month and funding route stay with
    them, for the figures (issue 19)."""
    sections = [name for c in categories for name in SECTIONS_OF[c]]
    marks = ",".join("?" * len(sections))
    conn.execute(f"DELETE FROM bilan_section WHERE bilan_id = ? AND kind = 'content' AND section IN ({marks})",
                 (bilan_id, *sections))
    if Category.CONTENU in categories:
        conn.execute("DELETE FROM seance_notes WHERE seance_id IN (SELECT id FROM seance WHERE bilan_id = ?)",
                     (bilan_id,))
    if _remaining(conn, bilan_id, categories):
        raise DestructionNotApplied("rows still present after delete")
    detach_satisfaction(conn, bilan_id)


def detach_satisfaction(conn, bilan_id: int) -> None:
    conn.execute("INSERT OR IGNORE INTO satisfaction_answered (bilan_id, kind) SELECT bilan_id, kind FROM satisfaction "
                 "WHERE bilan_id = ?", (bilan_id,))
    conn.execute("UPDATE satisfaction SET bilan_id = NULL, comment = '', funding = coalesce(funding, (SELECT funding "
                 "FROM bilan WHERE id = ?)) WHERE bilan_id = ?", (bilan_id, bilan_id))


def register_rows(conn) -> list[tuple]:
    """The destruction register as plain rows (reference, day, basis, categories, recorded at), oldest first."""
    return conn.execute("SELECT reference, destroyed_on, legal_basis, categories, recorded_at FROM "
                        "destruction_register ORDER BY id").fetchall()


def carry_forward(rows: list[tuple], target) -> list[str]:
    """Apply to `target` (a restored file, before it is shown) every destruction of `rows` (the register of the
    vault it replaces, from `register_rows`) that `target` does not know: the content is deleted again and the
    register entry copied. Restoring an old backup never brings back what R6313-7 already required gone. Returns
    the references concerned."""
    known = {(r[0], r[1], r[2]) for r in target.execute(
        "SELECT reference, destroyed_on, categories FROM destruction_register")}
    carried = []
    for reference, destroyed_on, basis, categories, recorded_at in rows:
        if (reference, destroyed_on, categories) in known:
            continue
        row = target.execute("SELECT id FROM bilan WHERE reference = ?", (reference,)).fetchone()
        bilan_id = row[0] if row else None
        if bilan_id is not None:
            delete_categories(target, bilan_id, {Category(c) for c in json.loads(categories)})
        target.execute("INSERT INTO destruction_register (bilan_id, reference, destroyed_on, legal_basis, categories, "
                       "recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                       (bilan_id, reference, destroyed_on, basis, categories, recorded_at))
        carried.append(reference)
    return carried


def _remove_if_unchanged(path: Path, digest: str | None) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return "absente"
    except OSError:
        return "modifiee"
    if digest and hashlib.sha256(data).hexdigest() == digest:
        try:
            os.remove(path)
            return "supprimee"
        except OSError:
            return "modifiee"
    return "modifiee"
