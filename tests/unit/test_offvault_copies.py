"""Issue 19, point 7: every copy the application writes outside the vault is tracked (whoever it was for), deleted
with its category even when renamed or moved nearby (found by its hash), listed when changed or out of reach, deleted
with its prospect's dossier (and its path forgotten); the application's stale temporary files are swept."""

from __future__ import annotations

import datetime as dt
import hashlib
import os

from bilan_desktop.domain.sharing import Destination
from bilan_desktop.services.bilans import BilanService
from bilan_desktop.services.documents import DocumentService
from bilan_desktop.storage.exports import ExportLog
from bilan_desktop.storage.retention import RetentionEngine
from tests.unit.test_prospect_deletion import _prospect
from tests.unit.test_retention_engine import NOW, fill_bilan

DUE = dt.date(2026, 5, 30)  # the day after fill_bilan's end: content and synthèse due
SYNTHESE = b"%PDF-1.4 synthese de test " + bytes(range(256))


def _export(vault, bilan_id, path, destination=Destination.TRAVAIL, data=SYNTHESE, document="synthese"):
    DocumentService(vault).export(document, data, bilan_id, "BC-2026-0001", destination, True, path, NOW)
    return path


def _fates(vault):
    return [tuple(r) for r in vault.conn.execute("SELECT destination, copy_status FROM export_log ORDER BY id")]


def test_a_copy_for_the_beneficiary_is_tracked_and_deleted_with_its_category(vault, tmp_path):
    bilan_id = fill_bilan(vault)
    (tmp_path / "exports").mkdir()
    copy = _export(vault, bilan_id, tmp_path / "exports" / "synthese-pour-elle.pdf", Destination.BENEFICIAIRE)
    (entry,) = ExportLog(vault).entries(bilan_id)
    assert entry.path == str(copy) and entry.sha256 == hashlib.sha256(SYNTHESE).hexdigest()
    assert vault.conn.execute("SELECT size FROM export_log").fetchone()[0] == len(SYNTHESE)
    report = RetentionEngine(vault).run(DUE, NOW)
    assert report.destroyed == ["BC-2026-0001"] and not copy.exists()
    assert _fates(vault) == [("beneficiaire", "supprimee")]
    assert report.offvault == [] and report.missing == []


def test_a_renamed_copy_is_found_by_its_hash_and_deleted(vault, tmp_path):
    bilan_id = fill_bilan(vault)
    copy = _export(vault, bilan_id, tmp_path / "out" / "synthese.pdf")
    renamed = copy.with_name("pour-le-rendez-vous.pdf")
    copy.rename(renamed)
    other = tmp_path / "out" / "autre.pdf"
    other.write_bytes(b"%PDF-1.4 something else")
    report = RetentionEngine(vault).run(DUE, NOW)
    assert not renamed.exists() and other.exists()
    assert _fates(vault) == [("travail", "supprimee")] and report.missing == []


def test_only_files_of_the_copy_s_size_are_read(vault, tmp_path, monkeypatch):
    from bilan_desktop.storage import offvault
    bilan_id = fill_bilan(vault)
    copy = _export(vault, bilan_id, tmp_path / "out" / "synthese.pdf")
    copy.rename(tmp_path / "out" / "renommee.pdf")
    for i in range(5):
        (tmp_path / "out" / f"autre-{i}.pdf").write_bytes(b"%PDF other" * (i + 1))
    read = []
    real = offvault.sha256_of
    monkeypatch.setattr(offvault, "sha256_of", lambda path, limit=None: read.append(path.name) or real(path, limit))
    RetentionEngine(vault).run(DUE, NOW)
    assert not (tmp_path / "out" / "renommee.pdf").exists()
    assert [name for name in read if name.startswith("autre")] == []


def test_copies_moved_to_a_subfolder_or_a_neighbour_folder_are_found(vault, tmp_path):
    bilan_id = fill_bilan(vault)
    first = _export(vault, bilan_id, tmp_path / "bilans" / "exports" / "a.pdf")
    second = _export(vault, bilan_id, tmp_path / "bilans" / "exports" / "b.docx", data=SYNTHESE + b"docx")
    (tmp_path / "bilans" / "exports" / "classes").mkdir()
    (tmp_path / "bilans" / "archives").mkdir()
    in_sub = tmp_path / "bilans" / "exports" / "classes" / "a.pdf"
    in_neighbour = tmp_path / "bilans" / "archives" / "rendu.docx"
    first.rename(in_sub)
    second.rename(in_neighbour)
    report = RetentionEngine(vault).run(DUE, NOW)
    assert not in_sub.exists() and not in_neighbour.exists()
    assert _fates(vault) == [("travail", "supprimee")] * 2 and report.missing == []


def test_changed_and_unreachable_copies_are_listed_and_stay_listed(vault, tmp_path):
    bilan_id = fill_bilan(vault)
    changed = _export(vault, bilan_id, tmp_path / "out" / "annotee.pdf")
    far = _export(vault, bilan_id, tmp_path / "out" / "loin.pdf", data=SYNTHESE + b"2")
    changed.write_bytes(b"%PDF-1.4 annotated by hand")
    deep = tmp_path / "out" / "a" / "b" / "c"
    deep.mkdir(parents=True)
    far.rename(deep / "loin.pdf")  # deeper than the search goes
    report = RetentionEngine(vault).run(DUE, NOW)
    assert changed.exists() and (deep / "loin.pdf").exists()
    assert report.offvault == [str(changed)] and report.missing == [str(far)]
    again = RetentionEngine(vault).run(DUE + dt.timedelta(days=1), NOW)
    assert again.offvault == [str(changed)] and again.missing == [str(far)]
    changed.unlink()  # the consultant deletes it by hand: no longer listed, its path forgotten
    assert RetentionEngine(vault).run(DUE + dt.timedelta(days=2), NOW).offvault == []
    assert vault.conn.execute("SELECT count(*) FROM export_log WHERE path = ?", (str(changed),)).fetchone()[0] == 0


def test_an_administrative_copy_is_not_deleted_by_the_end_of_the_bilan(vault, tmp_path):
    bilan_id = fill_bilan(vault)
    contract = _export(vault, bilan_id, tmp_path / "out" / "convention.pdf", Destination.EMPLOYEUR,
                       data=b"%PDF convention", document="convention")
    RetentionEngine(vault).run(DUE, NOW)
    assert contract.exists() and _fates(vault) == [("employeur", None)]


def test_prospect_deletion_deletes_its_copies_and_forgets_their_paths(vault, tmp_path):
    service = BilanService(vault)
    gone = _prospect(service)
    kept = _export(vault, _prospect(service, "Gardée"), tmp_path / "out" / "convocation-gardee.pdf",
                   Destination.BENEFICIAIRE, data=b"%PDF convocation gardee", document="convocation")
    convocation = _export(vault, gone, tmp_path / "out" / "convocation.pdf", Destination.BENEFICIAIRE,
                          data=b"%PDF convocation", document="convocation")
    renamed = _export(vault, gone, tmp_path / "out" / "contrat.pdf", Destination.BENEFICIAIRE, data=b"%PDF convocation 2",
                      document="convocation")
    renamed.rename(tmp_path / "out" / "contrat-signe.pdf")
    changed = _export(vault, gone, tmp_path / "out" / "questionnaire.pdf", data=b"%PDF form",
                      document="questionnaire_suivi")
    changed.write_bytes(b"%PDF form, filled in")
    unreached: list[str] = []
    service.delete_prospect(gone, NOW, unreached)
    assert not convocation.exists() and not (tmp_path / "out" / "contrat-signe.pdf").exists()
    assert kept.exists() and changed.exists() and unreached == [str(changed)]
    paths = [r[0] for r in vault.conn.execute("SELECT path FROM export_log ORDER BY id")]
    assert paths == [str(kept), None, None, None]  # nothing left that could name the deleted person
    assert RetentionEngine(vault).run(NOW.date(), NOW).offvault == []


def test_stale_temporary_files_of_a_killed_export_are_swept(vault, tmp_path):
    bilan_id = fill_bilan(vault, end=dt.date(2026, 12, 31))
    folder = tmp_path / "out"
    _export(vault, bilan_id, folder / "synthese.pdf")
    dead = 2 ** 22 + 12345  # above Linux's default pid_max: no such process
    stale = folder / f".synthese-2.docx.{dead}.tmp"
    stale.write_bytes(b"PK complete docx of a killed export")
    mine = folder / f".en-cours.pdf.{os.getpid()}.tmp"
    mine.write_bytes(b"being written by this process")
    RetentionEngine(vault).run(NOW.date(), NOW)  # at every run (unlock, hourly)
    assert not stale.exists() and mine.exists()
    stale.write_bytes(b"PK again")
    _export(vault, bilan_id, folder / "synthese-2.pdf")  # and at every export into the folder
    assert not stale.exists()


def test_the_chosen_export_folder_is_swept_before_any_export_succeeded(vault, tmp_path):
    import dataclasses

    from bilan_desktop.storage.exports import ProviderRepository
    folder = tmp_path / "exports"
    folder.mkdir()
    providers = ProviderRepository(vault)
    providers.save(dataclasses.replace(providers.load(), dossier_export=str(folder)))
    stale = folder / f".synthese.docx.{2 ** 22 + 777}.tmp"  # the very first export, killed midway
    stale.write_bytes(b"PK complete docx")
    RetentionEngine(vault).run(NOW.date(), NOW)
    assert not stale.exists()
