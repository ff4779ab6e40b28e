"""Repository of everything recorded about a bilan: its sections, sessions and satisfaction answers.

Administrative and content parts of each section are stored in separate rows (kind 'admin' and
'content'), session notes apart from session rows, and satisfaction answers apart from the identity:
destroying the content of a bilan (R6313-7) is deleting rows, never editing documents."""

from __future__ import annotations

import datetime as dt
import json
import logging

from ..domain import codec
from ..domain.funding import Funding
from ..domain.lifecycle import Step
from ..domain.registry import OVERVIEW_SECTIONS, SECTION_NAMES, SECTIONS
from ..domain.seances import Attestation, Role, Seance, Signature, StatutSeance
from ..domain.sections import ModaliteSeance
from ..domain.workflow import Dossier
from .vault import Vault

log = logging.getLogger(__name__)


class DossierRepository:
    def __init__(self, vault: Vault):
        self.vault = vault

    # -- reading -------------------------------------------------------------------------------------
    def load(self, bilan_id: int) -> Dossier:
        conn = self.vault.conn
        row = conn.execute("SELECT reference, funding, step FROM bilan WHERE id = ?", (bilan_id,)).fetchone()
        if row is None:
            raise KeyError(bilan_id)
        parts: dict[str, dict[str, dict]] = {}
        for section, kind, data in conn.execute(
                "SELECT section, kind, data FROM bilan_section WHERE bilan_id = ?", (bilan_id,)):
            parts.setdefault(section, {})[kind] = json.loads(data)
        sections = {name: codec.join(cls, parts.get(name, {}).get("admin"), parts.get(name, {}).get("content"))
                    for name, cls in SECTIONS.items()}
        return Dossier(bilan_id=bilan_id, reference=row[0], funding=Funding(row[1]), step=Step(row[2]),
                       seances=self.seances(bilan_id), **sections)

    def seances(self, bilan_id: int) -> list[Seance]:
        conn = self.vault.conn
        signatures: dict[int, list[Signature]] = {}
        for seance_id, role, image, signed_at in conn.execute(
                "SELECT g.seance_id, g.role, g.image, g.signed_at FROM seance_signature g JOIN seance s ON "
                "s.id = g.seance_id WHERE s.bilan_id = ? ORDER BY g.role", (bilan_id,)):
            signatures.setdefault(seance_id, []).append(
                Signature(Role(role), bytes(image), dt.datetime.fromisoformat(signed_at)))
        rows = conn.execute(
            "SELECT s.id, s.date, s.debut, s.fin, s.modalite, s.lien_visio, s.etape, n.notes, s.statut, "
            "s.connexion_debut, s.connexion_fin, s.attestation FROM seance s LEFT JOIN seance_notes n "
            "ON n.seance_id = s.id WHERE s.bilan_id = ? ORDER BY s.date, s.debut, s.id", (bilan_id,)).fetchall()
        return [_seance(r, tuple(signatures.get(r[0], ()))) for r in rows]

    def overview(self, strict: bool = False, skipped: list[int] | None = None) -> dict[int, Dossier]:
        """Per bilan, the administrative facts the list, « À faire » and the agenda need (step, convention, end,
        sessions without their notes): no content. A bilan one of whose rows cannot be decoded (an unknown step, a
        malformed section) is left out, logged by its id and the exception's type only, and added to `skipped`;
        `strict` (checking a restored file): the first such row raises instead."""
        conn = self.vault.conn
        bad: set[int] = set()

        def failed(bid: int, exc: Exception) -> None:
            if strict:
                raise exc
            if bid not in bad:
                log.warning("bilan %d unreadable: %s", bid, type(exc).__name__)
            bad.add(bid)

        dossiers: dict[int, Dossier] = {}
        for bid, ref, f, s in conn.execute("SELECT id, reference, funding, step FROM bilan"):
            try:
                dossiers[bid] = Dossier(bilan_id=bid, reference=ref, funding=Funding(f), step=Step(s))
            except (ValueError, TypeError) as exc:
                failed(bid, exc)
        marks = ",".join("?" * len(OVERVIEW_SECTIONS))
        for bid, section, data in conn.execute(
                f"SELECT bilan_id, section, data FROM bilan_section WHERE kind = 'admin' AND section IN ({marks})",
                OVERVIEW_SECTIONS):
            if bid in bad:
                continue
            try:
                setattr(dossiers[bid], section, codec.from_dict(SECTIONS[section], json.loads(data)))
            except (ValueError, TypeError, KeyError, AttributeError) as exc:
                failed(bid, exc)
        steps = {m.value: m for m in Step}  # a dict lookup, not Enum(value): 12,000 rows for 2,000 bilans
        statuses = {m.value: m for m in StatutSeance}
        modalities = {m.value: m for m in ModaliteSeance}
        for sid, bid, date, debut, fin, etape, statut, modalite, link in conn.execute(
                "SELECT id, bilan_id, date, debut, fin, etape, statut, modalite, lien_visio FROM seance "
                "ORDER BY date, debut, id"):
            if bid in bad:
                continue
            try:
                dossiers[bid].seances.append(Seance(id=sid, date=dt.date.fromisoformat(date),
                                                    debut=dt.time.fromisoformat(debut),
                                                    fin=dt.time.fromisoformat(fin), etape=steps[etape],
                                                    statut=statuses[statut], modalite=modalities[modalite],
                                                    lien_visio=link))
            except (ValueError, TypeError, KeyError) as exc:
                failed(bid, exc)
        for bid in bad:
            dossiers.pop(bid, None)
        if skipped is not None:
            skipped.extend(sorted(bad))
        return dossiers

    def content_texts(self) -> dict[int, str]:
        """Per bilan, the words of the content still held (sections' content, session notes): for the search
        across bilans. Read when asked, kept in memory only while the vault is open; what was destroyed is gone."""
        texts: dict[int, list[str]] = {}
        conn = self.vault.conn
        for bilan_id, data in conn.execute("SELECT bilan_id, data FROM bilan_section WHERE kind = 'content'"):
            texts.setdefault(bilan_id, []).extend(_strings(json.loads(data)))
        for bilan_id, notes in conn.execute("SELECT s.bilan_id, n.notes FROM seance_notes n JOIN seance s ON "
                                            "s.id = n.seance_id"):
            texts.setdefault(bilan_id, []).append(notes)
        return {bilan_id: " ".join(t for t in parts if t) for bilan_id, parts in texts.items()}

    # -- writing --------------------------------------------------------------------------------------
    def save_section(self, bilan_id: int, section, now: dt.datetime) -> None:
        """Persist a section (the rules are the service's: services/bilans.py)."""
        name = SECTION_NAMES[type(section)]
        admin, body = codec.split(section)
        stamp = now.isoformat()
        with self.vault.transaction() as conn:
            for kind, data in (("admin", admin), ("content", body)):
                if not data:
                    continue
                conn.execute("INSERT INTO bilan_section (bilan_id, section, kind, data, updated_at) "
                             "VALUES (?, ?, ?, ?, ?) ON CONFLICT (bilan_id, section, kind) DO UPDATE SET "
                             "data = excluded.data, updated_at = excluded.updated_at",
                             (bilan_id, name, kind, json.dumps(data, ensure_ascii=False, sort_keys=True), stamp))
            conn.execute("UPDATE bilan SET updated_at = ? WHERE id = ?", (stamp, bilan_id))

    def set_step(self, bilan_id: int, step: Step, now: dt.datetime) -> None:
        with self.vault.transaction() as conn:
            conn.execute("UPDATE bilan SET step = ?, updated_at = ? WHERE id = ?", (step.value, now.isoformat(), bilan_id))

    def set_funding(self, bilan_id: int, funding: Funding, now: dt.datetime) -> None:
        with self.vault.transaction() as conn:
            conn.execute("UPDATE bilan SET funding = ?, updated_at = ? WHERE id = ?",
                         (funding.value, now.isoformat(), bilan_id))

    def save_seance(self, bilan_id: int, seance: Seance, now: dt.datetime) -> int:
        """Insert or update a session (the rules are the service's: services/bilans.py)."""
        if seance.date is None:
            raise ValueError("a session without a date")
        stamp = now.isoformat()
        values = (seance.date.isoformat(), seance.debut.isoformat("minutes"), seance.fin.isoformat("minutes"),
                  seance.modalite.value, seance.lien_visio.strip() if seance.remote else "", seance.etape.value,
                  seance.statut.value, _time(seance.connexion_debut), _time(seance.connexion_fin),
                  seance.attestation.value, stamp)
        with self.vault.transaction() as conn:
            if seance.id is None:
                seance_id = conn.execute(
                    "INSERT INTO seance (date, debut, fin, modalite, lien_visio, etape, statut, connexion_debut, "
                    "connexion_fin, attestation, updated_at, bilan_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*values, bilan_id)).lastrowid
            else:
                seance_id = seance.id
                conn.execute("UPDATE seance SET date = ?, debut = ?, fin = ?, modalite = ?, lien_visio = ?, etape = ?, "
                             "statut = ?, connexion_debut = ?, connexion_fin = ?, attestation = ?, updated_at = ? "
                             "WHERE id = ? AND bilan_id = ?", (*values, seance_id, bilan_id))
            conn.execute("DELETE FROM seance_signature WHERE seance_id = ?", (seance_id,))
            for signature in seance.signatures:
                conn.execute("INSERT INTO seance_signature (seance_id, role, image, signed_at) VALUES (?, ?, ?, ?)",
                             (seance_id, signature.role.value, signature.image, signature.signed_at.isoformat()))
            if seance.notes.strip():
                conn.execute("INSERT INTO seance_notes (seance_id, notes) VALUES (?, ?) ON CONFLICT (seance_id) "
                             "DO UPDATE SET notes = excluded.notes", (seance_id, seance.notes))
            else:
                conn.execute("DELETE FROM seance_notes WHERE seance_id = ?", (seance_id,))
            conn.execute("UPDATE bilan SET updated_at = ? WHERE id = ?", (stamp, bilan_id))
        return seance_id

    def delete_seance(self, bilan_id: int, seance_id: int, now: dt.datetime) -> None:
        with self.vault.transaction() as conn:
            conn.execute("DELETE FROM seance WHERE id = ? AND bilan_id = ?", (seance_id, bilan_id))
            conn.execute("UPDATE bilan SET updated_at = ? WHERE id = ?", (now.isoformat(), bilan_id))

    # -- satisfaction (kept apart from the identity: only the month is recorded) ---------------------------
    def save_satisfaction(self, bilan_id: int, kind: str, answers: list[int], comment: str, today: dt.date,
                          detached: bool = False) -> None:
        """Linked to the bilan (replacing its answer of this kind), or `detached` (the bilan's content is destroyed:
        the marks with their month and funding route only, no comment, no link; the bilan only notes that this
        questionnaire was answered)."""
        with self.vault.transaction() as conn:
            funding = conn.execute("SELECT funding FROM bilan WHERE id = ?", (bilan_id,)).fetchone()[0]
            if detached:
                conn.execute("INSERT INTO satisfaction (bilan_id, kind, answered_month, answers, comment, funding) "
                             "VALUES (NULL, ?, ?, ?, '', ?)", (kind, today.strftime("%Y-%m"), json.dumps(answers),
                                                              funding))
                conn.execute("INSERT OR IGNORE INTO satisfaction_answered (bilan_id, kind) VALUES (?, ?)",
                             (bilan_id, kind))
                return
            conn.execute("DELETE FROM satisfaction WHERE bilan_id = ? AND kind = ?", (bilan_id, kind))
            conn.execute("INSERT INTO satisfaction (bilan_id, kind, answered_month, answers, comment, funding) "
                         "VALUES (?, ?, ?, ?, ?, ?)", (bilan_id, kind, today.strftime("%Y-%m"), json.dumps(answers),
                                                       comment.strip(), funding))

    def satisfaction_answered(self, bilan_id: int, kind: str) -> bool:
        """An answer of this kind was recorded for this bilan, linked or since detached."""
        return self.vault.conn.execute(
            "SELECT 1 FROM satisfaction WHERE bilan_id = ? AND kind = ? UNION ALL SELECT 1 FROM satisfaction_answered "
            "WHERE bilan_id = ? AND kind = ?", (bilan_id, kind, bilan_id, kind)).fetchone() is not None

    def all_satisfaction(self) -> list[tuple[int | None, str, str, list[int], str | None]]:
        """Every answer (bilan, kind, month, marks, funding route): the figures of the period; comments stay out."""
        return [(r[0], r[1], r[2], json.loads(r[3]), r[4]) for r in self.vault.conn.execute(
            "SELECT bilan_id, kind, answered_month, answers, funding FROM satisfaction")]

    def satisfaction(self, bilan_id: int, kind: str) -> tuple[list[int], str] | None:
        row = self.vault.conn.execute("SELECT answers, comment FROM satisfaction WHERE bilan_id = ? AND kind = ?",
                                      (bilan_id, kind)).fetchone()
        return (json.loads(row[0]), row[1]) if row else None


def _time(value: dt.time | None) -> str | None:
    return value.isoformat("minutes") if value is not None else None


def _seance(r, signatures: tuple[Signature, ...]) -> Seance:
    return Seance(id=r[0], date=dt.date.fromisoformat(r[1]), debut=dt.time.fromisoformat(r[2]),
                  fin=dt.time.fromisoformat(r[3]), modalite=ModaliteSeance(r[4]), lien_visio=r[5], etape=Step(r[6]),
                  notes=r[7] or "", statut=StatutSeance(r[8]),
                  connexion_debut=dt.time.fromisoformat(r[9]) if r[9] else None,
                  connexion_fin=dt.time.fromisoformat(r[10]) if r[10] else None, attestation=Attestation(r[11]),
                  signatures=signatures)


def _strings(value) -> list[str]:
    """The text values of a JSON document (never its keys: « projet » must not match every bilan)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []
