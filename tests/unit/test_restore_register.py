"""Issue 19, points 2 and 4: a backup made before any kind of register entry restores, and gets every entry applied
again (a prospect's deletion takes the whole dossier, identity included); whatever the backup's own register says,
the current register wins, and every entry of both is checked against the content it claims gone."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bilan_desktop.domain.registry import Category, EntryKind
from bilan_desktop.domain.retention import Due
from bilan_desktop.domain.sections import Conservation, Suivi
from bilan_desktop.services.bilans import BilanService
from bilan_desktop.storage.backup import inspect_backup, restore_backup, write_backup
from bilan_desktop.storage.dossiers import DossierRepository
from bilan_desktop.storage.retention import RetentionEngine, apply_entry
from bilan_desktop.storage.vault import Vault
from tests.fixtures.make_vault_fixtures import FIXTURE_PASSPHRASE
from tests.helpers.crafted_backup import doctor
from tests.helpers.sqlcipher_pages import occurrences
from tests.unit.test_prospect_deletion import CANARY as PROSPECT_CANARY
from tests.unit.test_prospect_deletion import _prospect
from tests.unit.test_retention_engine import CANARY, fill_bilan

SECRET = "phrase de la sauvegarde du coffre ocre et quinoa"
BACKUP_AT = dt.datetime(2026, 11, 30, 9)
DESTROYED_AT = dt.datetime(2026, 12, 1, 9)
RESTORED_AT = dt.datetime(2026, 12, 2, 9)
FAR_END = dt.date(2027, 12, 31)  # the bilans' own dates make nothing due: only the register destroys

# Written by hand, not derived from the registry: where each category's content lives.
SECTIONS = {Category.CONTENU: {"premier_contact", "entretien_prealable", "phase_preliminaire", "phase_investigation",
                               "phase_conclusion", "questionnaires"},
            Category.SYNTHESE: {"synthese"}, Category.SUIVI: {"suivi"}}


@dataclass
class Kind:
    name: str
    entries: list[set[Category]] = field(default_factory=list)  # one register entry per set, in this order
    entry_kind: EntryKind = EntryKind.DESTRUCTION
    withdrawal: bool = False  # made by the engine itself, from a withdrawn agreement


C, S, F = Category.CONTENU, Category.SYNTHESE, Category.SUIVI
KINDS = [
    Kind("contenu seul", [{C}]),
    Kind("synthèse seule (fin de la conservation de la synthèse transmise au CEP)", [{S}]),
    Kind("compte rendu du suivi seul (entretien de suivi réalisé)", [{F}]),
    Kind("contenu et synthèse (fin du bilan sans accord)", [{C, S}]),
    Kind("contenu et suivi (fin de l'accord, synthèse transmise au CEP gardée)", [{C, F}]),
    Kind("synthèse et suivi", [{S, F}]),
    Kind("les trois catégories (abandon, refus réputé)", [{C, S, F}]),
    Kind("contenu, puis synthèse un autre jour (deux entrées)", [{C}, {S}]),
    Kind("retrait de l'accord de conservation", [{C, S, F}], withdrawal=True),
    Kind("suppression d'un prospect (dossier entier, identité comprise)", entry_kind=EntryKind.SUPPRESSION_DOSSIER),
]


def test_the_list_of_kinds_covers_every_category_and_every_kind_of_entry():
    assert {c for kind in KINDS for entry in kind.entries for c in entry} == set(Category)
    assert {kind.entry_kind for kind in KINDS} == set(EntryKind)
    for category in Category:  # each category alone, and in a combination
        assert any(entry == {category} for kind in KINDS for entry in kind.entries), category
        assert any(category in entry and len(entry) > 1 for kind in KINDS for entry in kind.entries), category


def _content(conn, bilan_id: int) -> set[Category]:
    sections = {r[0] for r in conn.execute("SELECT section FROM bilan_section WHERE bilan_id = ? AND kind = 'content'",
                                           (bilan_id,))}
    found = {c for c, names in SECTIONS.items() if sections & names}
    if conn.execute("SELECT 1 FROM seance_notes n JOIN seance s ON s.id = n.seance_id WHERE s.bilan_id = ?",
                    (bilan_id,)).fetchone():
        found.add(C)
    return found


def _bilan(vault, kind: Kind) -> int:
    if kind.entry_kind is EntryKind.SUPPRESSION_DOSSIER:
        return _prospect(BilanService(vault))
    if kind.withdrawal:
        bilan_id = fill_bilan(vault, end=dt.date(2026, 11, 20), conservation=Conservation.ACCORD_SUIVI,
                              accord_signe_le=dt.date(2026, 11, 20), accord_retire_le=DESTROYED_AT.date())
    else:
        bilan_id = fill_bilan(vault, end=FAR_END)
    DossierRepository(vault).save_section(bilan_id, Suivi(mis_en_place=f"Suivi {CANARY}"), BACKUP_AT)
    return bilan_id


def _destroy(vault, kind: Kind, bilan_id: int) -> None:
    engine, reference = RetentionEngine(vault), BilanService(vault).summary(bilan_id).reference
    if kind.entry_kind is EntryKind.SUPPRESSION_DOSSIER:
        BilanService(vault).delete_prospect(bilan_id, DESTROYED_AT)
        return
    if kind.withdrawal:
        assert engine.run(DESTROYED_AT.date(), DESTROYED_AT).destroyed == [reference]
        return
    for day, categories in enumerate(kind.entries):
        now = DESTROYED_AT + dt.timedelta(days=day)
        engine._destroy(bilan_id, reference, [Due(c, now.date(), "test") for c in categories], now.date(), now)


@pytest.fixture
def every_kind(vault, tmp_path):
    """One bilan per kind, all full; a backup; then every kind of register entry made in the vault."""
    ids = [_bilan(vault, kind) for kind in KINDS]
    for bilan_id in ids:
        if KINDS[ids.index(bilan_id)].entry_kind is EntryKind.DESTRUCTION:
            assert _content(vault.conn, bilan_id) == set(Category)
    target = tmp_path / "avant.bilanbak"
    write_backup(vault, target, SECRET, BACKUP_AT)
    for kind, bilan_id in zip(KINDS, ids, strict=True):
        _destroy(vault, kind, bilan_id)
    return ids, target


def _register(vault) -> list[tuple]:
    return sorted((e.reference, e.destroyed_on, e.kind, tuple(e.categories))
                  for e in RetentionEngine(vault).register())


def test_an_old_backup_restores_across_every_kind_of_register_entry(vault, every_kind, monkeypatch):
    ids, target = every_kind
    references = {bilan_id: f"BC-2026-{bilan_id:04d}" for bilan_id in ids}
    register = _register(vault)
    assert len(register) == sum(max(1, len(k.entries)) for k in KINDS)
    monkeypatch.setattr(RetentionEngine, "run", lambda self, today, now, finish=True: None)  # the register alone
    assert inspect_backup(vault, target, SECRET).destroyed_since == sorted(references.values())
    restore_backup(vault, target, SECRET, RESTORED_AT)
    assert _register(vault) == register  # every entry once, none lost, none doubled
    for kind, bilan_id in zip(KINDS, ids, strict=True):
        row = vault.conn.execute("SELECT id FROM bilan WHERE reference = ?", (references[bilan_id],)).fetchone()
        if kind.entry_kind is EntryKind.SUPPRESSION_DOSSIER:
            assert row is None, kind.name
            continue
        claimed = set().union(*kind.entries)
        assert _content(vault.conn, row[0]) == set(Category) - claimed, kind.name  # gone, and nothing more
    names = [r[0] for r in vault.conn.execute("SELECT nom FROM beneficiary")]
    assert PROSPECT_CANARY not in names and len(names) == len(KINDS) - 1  # the prospect's identity went too
    vault.conn.execute("VACUUM")
    assert occurrences(vault.db_path, vault.raw_key, PROSPECT_CANARY) == 0


def test_the_restored_vault_then_works_as_usual(vault, every_kind):
    _, target = every_kind
    restore_backup(vault, target, SECRET, RESTORED_AT)  # the engine runs after the swap: nothing new to destroy
    assert not vault.key_change_due()
    service = BilanService(vault)
    assert len(service.list_rows(RESTORED_AT.date())) == len(KINDS) - 1


def test_vaults_of_schema_8_keep_their_prospect_deletions(tmp_path):
    """Rows written as the pseudo-category "dossier" before schema 9 become deletions of their own kind."""
    folder = tmp_path / "v8"
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "schema_v8", folder)
    vault = Vault(folder)
    vault.unlock(FIXTURE_PASSPHRASE)
    entries = {e.reference: e for e in RetentionEngine(vault).register()}
    assert entries["BC-2026-0002"].kind is EntryKind.SUPPRESSION_DOSSIER and entries["BC-2026-0002"].categories == []
    assert entries["BC-2026-0001"].kind is EntryKind.DESTRUCTION
    assert entries["BC-2026-0001"].categories == ["contenu", "synthese"]
    vault.lock()


def test_a_legacy_row_is_still_understood_as_a_deletion(vault):
    """Tolerant decoding as well: an entry spelt the old way, wherever it comes from, deletes the dossier."""
    service = BilanService(vault)
    gone = _prospect(service)
    reference = service.summary(gone).reference
    with vault.transaction() as conn:
        assert apply_entry(conn, (reference, "2026-12-01", "RGPD", '["dossier"]', DESTROYED_AT.isoformat(),
                                  "destruction"))
    assert service.summary(gone) is None


def test_a_later_bilan_that_took_a_deleted_reference_is_left_alone(vault):
    service = BilanService(vault)
    gone = _prospect(service)
    reference = service.summary(gone).reference
    row = (reference, "2026-11-25", "RGPD", "[]", "2026-11-25T10:00:00", EntryKind.SUPPRESSION_DOSSIER.value)
    with vault.transaction() as conn:  # created (2026-11-25 10:00) before the entry was recorded: deleted
        assert apply_entry(conn, row)
    later = _prospect(service)  # created at 2026-11-25 10:00 too: the entry below was recorded a second earlier
    assert service.summary(later).reference == reference
    with vault.transaction() as conn:
        assert not apply_entry(conn, (*row[:4], "2026-11-25T09:59:59", row[5]))
    assert service.summary(later) is not None


# -- point 4: a doctored backup -------------------------------------------------------------------------------------

@pytest.mark.parametrize("where", ["copied into the backup", "only in the backup"])
def test_a_doctored_register_in_the_backup_brings_nothing_back(vault, tmp_path, monkeypatch, where):
    fill_bilan(vault)  # ends 2026-05-29, no agreement
    target = tmp_path / "ancienne.bilanbak"
    write_backup(vault, target, SECRET, dt.datetime(2026, 5, 28, 9))  # before the end: the content is in it
    day = dt.datetime(2026, 6, 1, 9)
    assert RetentionEngine(vault).run(day.date(), day).destroyed == ["BC-2026-0001"]
    (entry,) = vault.conn.execute("SELECT bilan_id, reference, destroyed_on, legal_basis, categories, recorded_at, "
                                  "kind FROM destruction_register").fetchall()
    doctor(target, SECRET, [("INSERT INTO destruction_register (bilan_id, reference, destroyed_on, legal_basis, "
                             "categories, recorded_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?)", entry)])
    if where == "only in the backup":  # the current vault's register says nothing: the backup's own is applied
        vault.conn.execute("DELETE FROM destruction_register")
    else:  # the restore dialog is not fooled either: the backup still holds what the register says is destroyed
        assert inspect_backup(vault, target, SECRET).destroyed_since == ["BC-2026-0001"]
    monkeypatch.setattr(RetentionEngine, "run", lambda self, today, now, finish=True: None)  # no dates involved
    restore_backup(vault, target, SECRET, dt.datetime(2026, 6, 2, 9))
    assert _content(vault.conn, 1) == set()
    assert vault.conn.execute("SELECT count(*) FROM seance_notes").fetchone()[0] == 0
    assert vault.conn.execute("SELECT count(*) FROM destruction_register").fetchone()[0] == 1
    assert occurrences(vault.db_path, vault.raw_key, CANARY) == 0
