"""Repository of bilans and their beneficiaries."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from ..domain.beneficiary import Beneficiary, Civilite, Statut
from ..domain.funding import Funding
from ..domain.lifecycle import State, Step
from .vault import Vault

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BilanSummary:
    id: int
    reference: str
    nom: str
    prenom: str
    funding: Funding
    step: Step
    opened_on: dt.date
    updated_at: dt.datetime
    deadline: tuple[str, dt.date] | None = None
    state: State = State.EN_COURS
    hours: tuple[int, int] = (0, 0)  # minutes realised, minutes planned (phases only)

    @property
    def display_name(self) -> str:
        return f"{self.nom.upper()} {self.prenom}".strip()


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class BilanRepository:
    def __init__(self, vault: Vault):
        self.vault = vault

    def create(self, beneficiary: Beneficiary, funding: Funding, now: dt.datetime) -> int:
        stamp = now.isoformat()
        with self.vault.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO beneficiary (nom, prenom, date_naissance, email, telephone, adresse, civilite, statut, "
                "employeur, poste, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*_beneficiary_values(beneficiary), stamp, stamp))
            year = f"{now.year:04d}"
            last = last_reference_number(conn, year)
            cur = conn.execute(
                "INSERT INTO bilan (beneficiary_id, funding, step, opened_on, updated_at, reference) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (cur.lastrowid, funding.value, Step.PREMIER_CONTACT.value, now.date().isoformat(), stamp,
                 f"BC-{year}-{last + 1:04d}"))
            return cur.lastrowid

    _SUMMARY = ("SELECT b.id, b.reference, p.nom, p.prenom, b.funding, b.step, b.opened_on, b.updated_at "
                "FROM bilan b JOIN beneficiary p ON p.id = b.beneficiary_id")

    @staticmethod
    def _summary(r) -> BilanSummary:
        return BilanSummary(r[0], r[1], r[2], r[3], Funding(r[4]), Step(r[5]), dt.date.fromisoformat(r[6]),
                            dt.datetime.fromisoformat(r[7]))

    def summaries(self, strict: bool = False, skipped: list[int] | None = None) -> list[BilanSummary]:
        """Every bilan; one whose row cannot be decoded is left out (logged by id and exception type, added to
        `skipped`), or raises when `strict` (checking a restored file)."""
        found = []
        for r in self.vault.conn.execute(self._SUMMARY + " ORDER BY b.id"):
            try:
                found.append(self._summary(r))
            except (ValueError, TypeError) as exc:
                if strict:
                    raise
                log.warning("bilan %d unreadable: %s", r[0], type(exc).__name__)
                if skipped is not None:
                    skipped.append(int(r[0]))
        return found

    def summary(self, bilan_id: int) -> BilanSummary | None:
        """One bilan (the bilan window's header asks at every save: never the whole list)."""
        row = self.vault.conn.execute(self._SUMMARY + " WHERE b.id = ?", (bilan_id,)).fetchone()
        return self._summary(row) if row else None

    def id_of(self, reference: str) -> int | None:
        row = self.vault.conn.execute("SELECT id FROM bilan WHERE reference = ?", (reference,)).fetchone()
        return int(row[0]) if row else None

    def beneficiary(self, bilan_id: int) -> Beneficiary:
        row = self.vault.conn.execute(
            "SELECT p.nom, p.prenom, p.date_naissance, p.email, p.telephone, p.adresse, p.civilite, p.statut, "
            "p.employeur, p.poste FROM bilan b JOIN beneficiary p ON p.id = b.beneficiary_id WHERE b.id = ?",
            (bilan_id,)).fetchone()
        if row is None:
            raise KeyError(bilan_id)
        return Beneficiary(row[0], row[1], _date(row[2]), row[3], row[4], row[5], Civilite(row[6]), Statut(row[7]),
                           row[8], row[9])

    def update_beneficiary(self, bilan_id: int, beneficiary: Beneficiary, now: dt.datetime) -> None:
        stamp = now.isoformat()
        with self.vault.transaction() as conn:
            conn.execute(
                "UPDATE beneficiary SET nom = ?, prenom = ?, date_naissance = ?, email = ?, telephone = ?, "
                "adresse = ?, civilite = ?, statut = ?, employeur = ?, poste = ?, updated_at = ? "
                "WHERE id = (SELECT beneficiary_id FROM bilan WHERE id = ?)",
                (*_beneficiary_values(beneficiary), stamp, bilan_id))
            conn.execute("UPDATE bilan SET updated_at = ? WHERE id = ?", (stamp, bilan_id))


def last_reference_number(conn, year: str) -> int:
    """The highest number of the year's references ever used: by a bilan, by an entry of the destruction register
    (a deleted dossier's reference stays there) or by a logged export. A reference is never given twice: a new bilan
    never inherits what was recorded, exported or destroyed under another one's reference."""
    pattern = f"BC-{year}-%"
    row = conn.execute("SELECT max(CAST(substr(reference, 9) AS INTEGER)) FROM (SELECT reference FROM bilan WHERE "
                       "reference LIKE ? UNION ALL SELECT reference FROM destruction_register WHERE reference LIKE ? "
                       "UNION ALL SELECT reference FROM export_log WHERE reference LIKE ?)",
                       (pattern, pattern, pattern)).fetchone()
    return int(row[0] or 0)


def delete_dossier(conn, bilan_id: int) -> None:
    """The bilan and its beneficiary's identity, gone (sections, sessions, notes, signatures cascade)."""
    row = conn.execute("SELECT beneficiary_id FROM bilan WHERE id = ?", (bilan_id,)).fetchone()
    conn.execute("DELETE FROM bilan WHERE id = ?", (bilan_id,))
    if row is not None and not conn.execute("SELECT 1 FROM bilan WHERE beneficiary_id = ?", (row[0],)).fetchone():
        conn.execute("DELETE FROM beneficiary WHERE id = ?", (row[0],))


def _beneficiary_values(b: Beneficiary) -> tuple:
    return (b.nom.strip(), b.prenom.strip(), b.date_naissance.isoformat() if b.date_naissance else None,
            b.email.strip(), b.telephone.strip(), b.adresse.strip(), b.civilite.value, b.statut.value,
            b.employeur.strip(), b.poste.strip())
