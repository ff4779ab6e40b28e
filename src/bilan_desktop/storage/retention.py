"""The destruction engine (R6313-7): applies domain.retention to every bilan of the vault.

Each bilan's due content is deleted in one transaction that also writes the register entry (reference,
date, legal basis, categories — never any content); then freed pages are wiped (secure_delete is on,
VACUUM rewrites the file). A failure (disk full, read-only) leaves everything as it was: what is due stays
due and the next run retries. The copies of a destroyed category exported to the consultant's disk (whoever they
were for) are deleted when unchanged, found by their hash when renamed or moved, or listed as « copie hors coffre à
détruire » (changed) or « introuvable » (storage.offvault)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
from dataclasses import dataclass, field

from ..domain.registry import SECTIONS_OF, Category, EntryKind, entry_labels
from ..domain.retention import BASIS, Due, due_now
from ..domain.sharing import COPIES_DESTROYED_WITH
from .bilans import delete_dossier
from .dossiers import DossierRepository
from .exports import ExportLog
from .keychange import mark_key_change_due
from .offvault import CopiesOutcome, OffVaultCopies
from .vault import DatabaseError, Vault

log = logging.getLogger(__name__)


@dataclass
class EngineReport:
    destroyed: list[str] = field(default_factory=list)  # references
    pending: list[str] = field(default_factory=list)  # references whose destruction failed and will be retried
    offvault: list[str] = field(default_factory=list)  # copies changed since export: to destroy by hand
    missing: list[str] = field(default_factory=list)  # copies neither at their path nor found by their hash
    unreached: int = 0  # copies of this run's destructions that were changed or not found
    unfinished: bool = False  # destroyed, compaction and new key still to do (run(..., finish=False))
    unreadable: list[str] = field(default_factory=list)  # bilans skipped: a row the application cannot decode
    # The bilans' administrative facts the run read: a destruction leaves them as they were, so the list that
    # follows may use them instead of reading 2,000 bilans again.
    overview: dict | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class RegisterEntry:
    reference: str
    destroyed_on: dt.date
    legal_basis: str
    categories: list[str]
    kind: EntryKind = EntryKind.DESTRUCTION

    @property
    def labels(self) -> list[str]:
        """What was destroyed, in French (the journal and the procès-verbal)."""
        return entry_labels(self.kind, self.categories)


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
                                        "path IS NOT NULL AND copy_status IS NULL", (bilan_id,)):
            if document in COPIES_DESTROYED_WITH:
                present.add(COPIES_DESTROYED_WITH[document])
        return present

    def run(self, today: dt.date, now: dt.datetime, finish: bool = True) -> EngineReport:
        """Destroy what is due. With `finish=False` (the window), the compaction and the new key are left to
        `compact()` and `rotate_key()`, so that the caller can let its event loop turn between the three steps."""
        report = EngineReport()
        skipped: list[int] = []
        report.overview = DossierRepository(self.vault).overview(skipped=skipped)
        copies = OffVaultCopies(self.vault)
        for dossier in report.overview.values():
            try:
                due = due_now(dossier, today)  # pure and cheap: most bilans have nothing due
            except (ValueError, TypeError, AttributeError, KeyError) as exc:  # one bad row never stops the others
                log.warning("bilan %d unreadable by the engine: %s", dossier.bilan_id, type(exc).__name__)
                skipped.append(dossier.bilan_id)
                continue
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
            outcome = copies.remove(dossier.bilan_id, {d.category for d in due})
            report.unreached += len(outcome.changed) + len(outcome.missing)
        copies.settle()
        report.offvault, report.missing = copies.listed()
        report.unreadable = self._references(skipped)
        if report.destroyed:
            log.info("destruction done: %d bilan(s)", len(report.destroyed))
        if report.destroyed or self.vault.key_change_due():  # a key change left undone earlier is done now
            if finish:
                self.compact()
                self.rotate_key()
            else:
                report.unfinished = True
        return report

    def _references(self, bilan_ids: list[int]) -> list[str]:
        found = []
        for bilan_id in sorted(set(bilan_ids)):
            row = self.vault.conn.execute("SELECT reference FROM bilan WHERE id = ?", (bilan_id,)).fetchone()
            found.append(str(row[0]) if row and row[0] else f"n° {bilan_id}")
        return found

    def delete_prospect(self, bilan_id: int, reference: str, basis: str, today: dt.date,
                        now: dt.datetime) -> CopiesOutcome:
        """Delete a dossier outright, with a register entry of its own kind that names nobody (and no category: the
        whole dossier, identity included), then wipe its pages and rotate the key, as after any destruction. The key
        change is recorded as due in the same transaction: if it is interrupted, the next unlock completes it. Every
        copy of its documents outside the vault is deleted (or, changed or not found, returned for the window to show
        once) and its path forgotten."""
        copies = OffVaultCopies(self.vault)
        tracked = ExportLog(self.vault).tracked(bilan_id)
        with self.vault.transaction() as conn:
            delete_dossier(conn, bilan_id)
            conn.execute("INSERT INTO destruction_register (bilan_id, reference, destroyed_on, legal_basis, "
                         "categories, recorded_at, kind) VALUES (NULL, ?, ?, ?, '[]', ?, ?)",
                         (reference, today.isoformat(), basis, now.isoformat(), EntryKind.SUPPRESSION_DOSSIER.value))
            mark_key_change_due(conn, now)
        outcome = copies.dispose_all(tracked, forget_paths=True)
        self.compact()
        self.rotate_key()
        return outcome

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
            mark_key_change_due(conn, now)  # durable with the destruction: completed at the next unlock if need be

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
                "SELECT destroyed_on, categories FROM destruction_register WHERE reference = ? AND kind = ? "
                "ORDER BY destroyed_on", (reference, EntryKind.DESTRUCTION.value)):
            for category in json.loads(categories):
                found.setdefault(category, dt.date.fromisoformat(day))
        return found

    def destroyed_references(self) -> set[str]:
        """The bilans whose content (not only their synthèse) has been destroyed."""
        return {reference for reference, categories in self.vault.conn.execute(
            "SELECT reference, categories FROM destruction_register") if "contenu" in json.loads(categories)}

    def register(self) -> list[RegisterEntry]:
        rows = self.vault.conn.execute("SELECT reference, destroyed_on, legal_basis, categories, kind FROM "
                                       "destruction_register ORDER BY destroyed_on DESC, id DESC").fetchall()
        return [RegisterEntry(r[0], dt.date.fromisoformat(r[1]), r[2], json.loads(r[3]), EntryKind(r[4]))
                for r in rows]


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
    """The destruction register as plain rows (reference, day, basis, categories, recorded at, kind), oldest
    first."""
    return conn.execute("SELECT reference, destroyed_on, legal_basis, categories, recorded_at, kind FROM "
                        "destruction_register ORDER BY id").fetchall()


def _categories(text: str) -> tuple[EntryKind | None, set[Category]]:
    """What an entry's categories say, tolerant of the pseudo-category "dossier" written before schema 9."""
    values = json.loads(text)
    if "dossier" in values:
        return EntryKind.SUPPRESSION_DOSSIER, set()
    known = {c.value: c for c in Category}
    return None, {known[v] for v in values if v in known}


def _targets(conn, row: tuple) -> tuple[EntryKind, set[Category], list[int]]:
    """What a register entry concerns in `conn`: its kind, its categories, and the bilans that existed when it was
    recorded (by reference; a later bilan that took the same reference is not concerned)."""
    reference, _day, _basis, categories, recorded_at, kind = row
    legacy, wanted = _categories(categories)
    bilan_ids = [r[0] for r in conn.execute(
        "SELECT b.id FROM bilan b JOIN beneficiary p ON p.id = b.beneficiary_id WHERE b.reference = ? AND "
        "p.created_at <= ?", (reference, recorded_at))]
    return legacy or EntryKind(kind), wanted, bilan_ids


def still_present(conn, row: tuple) -> bool:
    """Whether `conn` (read only: a backup being inspected) still holds what a register entry claims gone."""
    kind, wanted, bilan_ids = _targets(conn, row)
    if kind is EntryKind.SUPPRESSION_DOSSIER:
        return bool(bilan_ids)
    return bool(wanted) and any(_remaining(conn, bilan_id, wanted) for bilan_id in bilan_ids)


def apply_entry(target, row: tuple) -> bool:
    """Delete again, in `target`, whatever a register entry claims gone and is still there: the categories of a
    destruction, or the whole dossier (identity included) of a prospect's deletion. Returns True when something was
    deleted."""
    kind, wanted, bilan_ids = _targets(target, row)
    deleted = False
    for bilan_id in bilan_ids:
        if kind is EntryKind.SUPPRESSION_DOSSIER:
            delete_dossier(target, bilan_id)
            if target.execute("SELECT 1 FROM bilan WHERE id = ?", (bilan_id,)).fetchone():
                raise DestructionNotApplied("dossier still present after delete")
            deleted = True
        elif wanted and _remaining(target, bilan_id, wanted):
            delete_categories(target, bilan_id, wanted)
            deleted = True
    return deleted


def carry_forward(rows: list[tuple], target) -> list[str]:
    """Apply to `target` (a restored file, before it is shown) the destruction register of the vault it replaces
    (`rows`, from `register_rows`), whatever `target`'s own register says: every entry of both registers is checked
    against the content it claims gone, and what is still there is deleted again; the entries `target` lacks are
    copied. Restoring an old backup, even one whose register was doctored, never brings back what R6313-7 (or a
    prospect's deletion) already removed. Inside the caller's transaction; when something was deleted, a key change
    is recorded as due. Returns the references concerned."""
    own = register_rows(target)
    known = {(r[0], r[1], r[3], r[5]) for r in own}
    carried: list[str] = []
    deleted_any = False
    for row in [*rows, *own]:
        if apply_entry(target, row):
            deleted_any = True
            carried.append(row[0])
    for row in rows:
        reference, destroyed_on, basis, categories, recorded_at, kind = row
        if (reference, destroyed_on, categories, kind) in known:
            continue
        known.add((reference, destroyed_on, categories, kind))
        found = target.execute("SELECT id FROM bilan WHERE reference = ?", (reference,)).fetchone()
        bilan_id = found[0] if found and kind == EntryKind.DESTRUCTION.value else None
        target.execute("INSERT INTO destruction_register (bilan_id, reference, destroyed_on, legal_basis, categories, "
                       "recorded_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (bilan_id, reference, destroyed_on, basis, categories, recorded_at, kind))
        carried.append(reference)
    if deleted_any:
        mark_key_change_due(target, max(r[4] for r in [*rows, *own]))
    return sorted(set(carried))
