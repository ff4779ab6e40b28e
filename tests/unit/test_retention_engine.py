"""The destruction engine on a real vault: nothing of the content survives in any page of the file."""

import datetime as dt
import shutil
import signal
import subprocess
import sys
import time

import pytest

from bilan_desktop.domain.beneficiary import Beneficiary
from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.sections import Conservation, Convention, FinDuBilan
from bilan_desktop.domain.workflow import Dossier
from bilan_desktop.storage.backup import restore_backup, write_backup
from bilan_desktop.storage.bilans import BilanRepository
from bilan_desktop.storage.dossiers import DossierRepository
from bilan_desktop.storage.retention import RetentionEngine
from bilan_desktop.storage.vault import Vault
from tests.helpers.sqlcipher_pages import occurrences
from tests.unit import documents_fixtures as fx

CANARY = "Qzkcanari"
ADMIN = "ACMEadmin"
NOW = dt.datetime(2026, 5, 29, 18, 0)


def fill_bilan(vault, end=dt.date(2026, 5, 29), conservation=Conservation.AUCUNE, **fin) -> int:
    """A bilan with the canary in every content field, its sessions' notes and its synthèse draft."""
    bilan_id = BilanRepository(vault).create(Beneficiary("Lefèvre", "Élodie"), Funding.PLAN_DEVELOPPEMENT, NOW)
    repo = DossierRepository(vault)
    source: Dossier = fx.dossier(CANARY)
    source.entretien_prealable.consentement_libre = True
    source.entretien_prealable.justification = f"Pourquoi {CANARY}"
    source.entretien_prealable.amenagements = f"Aménagement {CANARY}"
    repo.save_section(bilan_id, source.entretien_prealable, NOW)
    for name in ("premier_contact", "phase_preliminaire", "phase_investigation", "phase_conclusion"):
        repo.save_section(bilan_id, getattr(source, name), NOW)
    repo.save_section(bilan_id, fx.draft(source), NOW)
    repo.save_section(bilan_id, Convention(employeur=ADMIN, transmis_le=dt.date(2026, 2, 20),
                                           signe_salarie_le=dt.date(2026, 2, 21)), NOW)
    for seance in source.seances:
        seance.id, seance.notes, seance.lien_visio = None, f"Notes {CANARY}", ""
        repo.save_seance(bilan_id, seance, NOW)
    repo.save_satisfaction(bilan_id, "fin", [5] * 8, f"Merci {CANARY}", end)
    repo.save_section(bilan_id, FinDuBilan(date_fin=end, conservation=conservation, **fin), NOW)
    repo.set_step(bilan_id, Step.FIN_DU_BILAN, NOW)
    return bilan_id


def test_fixture_really_holds_the_canary(vault):
    fill_bilan(vault)
    assert occurrences(vault.db_path, vault.raw_key, CANARY) > 20


def test_end_without_consent_leaves_no_page_holding_content(vault):
    bilan_id = fill_bilan(vault)
    report = RetentionEngine(vault).run(dt.date(2026, 5, 30), NOW)
    assert report.destroyed == ["BC-2026-0001"] and report.pending == []
    vault.lock()
    assert not vault.db_path.with_name("coffre.db-wal").exists()
    assert not vault.db_path.with_name("coffre.db-journal").exists()
    from tests.conftest import PASSPHRASE
    vault.unlock(PASSPHRASE)
    assert occurrences(vault.db_path, vault.raw_key, CANARY) == 0
    # the administrative record is still there and readable through the app
    dossier = DossierRepository(vault).load(bilan_id)
    assert dossier.convention.employeur == ADMIN and dossier.fin_du_bilan.date_fin == dt.date(2026, 5, 29)
    assert len(dossier.seances) == 8 and all(s.notes == "" and s.realised for s in dossier.seances)
    assert BilanRepository(vault).beneficiary(bilan_id).nom == "Lefèvre"
    assert vault.conn.execute("SELECT answers, bilan_id, comment FROM satisfaction").fetchone() == ("[5, 5, 5, 5, 5, 5, "
                                                                                                   "5, 5]", None, "")
    (entry,) = RetentionEngine(vault).register()
    assert entry.reference == "BC-2026-0001" and entry.destroyed_on == dt.date(2026, 5, 30)
    assert "R6313-7" in entry.legal_basis and set(entry.categories) == {"contenu", "synthese"}
    assert RetentionEngine(vault).run(dt.date(2026, 6, 1), NOW).destroyed == []  # idempotent


def test_with_consent_present_through_the_last_day_absent_the_day_after(vault):
    fill_bilan(vault, end=dt.date(2026, 6, 30), conservation=Conservation.ACCORD_SUIVI,
               accord_signe_le=dt.date(2026, 6, 30))
    engine = RetentionEngine(vault)
    assert engine.run(dt.date(2027, 6, 30), NOW).destroyed == []
    assert occurrences(vault.db_path, vault.raw_key, CANARY) > 0
    assert engine.run(dt.date(2027, 7, 1), NOW).destroyed == ["BC-2026-0001"]
    assert occurrences(vault.db_path, vault.raw_key, CANARY) == 0


def test_working_copies_deleted_when_unchanged_listed_otherwise(vault, tmp_path):
    from bilan_desktop.storage.exports import Destination, ExportLog
    import hashlib
    bilan_id = fill_bilan(vault)
    same, changed = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for path in (same, changed):
        path.write_bytes(b"%PDF-1.4 synthese")
        ExportLog(vault).record(bilan_id, "BC-2026-0001", "synthese", Destination.TRAVAIL, str(path),
                                hashlib.sha256(b"%PDF-1.4 synthese").hexdigest(), NOW)
    changed.write_bytes(b"%PDF-1.4 annotated by hand")
    report = RetentionEngine(vault).run(dt.date(2026, 5, 30), NOW)
    assert not same.exists() and changed.exists()
    assert report.offvault == [str(changed)]
    assert RetentionEngine(vault).run(dt.date(2026, 6, 2), NOW).offvault == [str(changed)]  # still listed


def test_backup_then_destruction_then_restore_stays_destroyed(vault, tmp_path):
    fill_bilan(vault, end=dt.date(2026, 6, 30))
    backup = tmp_path / "avant.bilanbak"
    write_backup(vault, backup, "phrase de la sauvegarde ocre et quinoa", dt.datetime(2026, 6, 1, 9))  # content kept then
    engine = RetentionEngine(vault)
    assert engine.run(dt.date(2026, 7, 1), NOW).destroyed == ["BC-2026-0001"]
    restore_backup(vault, backup, "phrase de la sauvegarde ocre et quinoa", dt.datetime(2026, 7, 2, 9))
    assert occurrences(vault.db_path, vault.raw_key, CANARY) == 0
    entries = engine.register()
    # the register entry is carried forward with its own date (not a second, later destruction)
    assert [e.reference for e in entries] == ["BC-2026-0001"] and entries[0].destroyed_on == dt.date(2026, 7, 1)


KILL_CHILD = """
import sys, datetime as dt
from pathlib import Path
from bilan_desktop.storage.vault import Vault
from bilan_desktop.storage.retention import RetentionEngine
v = Vault(Path(sys.argv[1])); v.open_with_key(bytes.fromhex(sys.argv[2]))
print("go", flush=True)
RetentionEngine(v).run(dt.date(2026, 7, 1), dt.datetime(2026, 7, 1, 9))
print("done", flush=True)
"""


@pytest.mark.slow
def test_kill_9_during_destruction_is_all_or_nothing(vault, tmp_path):
    for _ in range(3):
        fill_bilan(vault)
    key = vault.raw_key
    vault.lock()
    outcomes = {"done": 0, "untouched": 0}
    for attempt in range(12):
        folder = tmp_path / f"copy{attempt}"
        shutil.copytree(vault.folder, folder)
        proc = subprocess.Popen([sys.executable, "-c", KILL_CHILD, str(folder), key.hex()], stdout=subprocess.PIPE,
                                text=True)
        assert proc.stdout.readline().strip() == "go"
        time.sleep(0.004 * attempt)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        check = Vault(folder)
        check.open_with_key(key)
        assert check.check() == []
        for bilan_id, reference in check.conn.execute("SELECT id, reference FROM bilan"):
            content = check.conn.execute("SELECT count(*) FROM bilan_section WHERE bilan_id = ? AND kind = 'content'",
                                         (bilan_id,)).fetchone()[0]
            notes = check.conn.execute("SELECT count(*) FROM seance_notes n JOIN seance s ON s.id = n.seance_id "
                                       "WHERE s.bilan_id = ?", (bilan_id,)).fetchone()[0]
            registered = check.conn.execute("SELECT count(*) FROM destruction_register WHERE reference = ?",
                                            (reference,)).fetchone()[0]
            if registered:
                assert (content, notes) == (0, 0), reference
                outcomes["done"] += 1
            else:
                assert content == 6 and notes == 8, (reference, content, notes)
                outcomes["untouched"] += 1
        check.lock()
    print(outcomes)
    assert outcomes["untouched"] and outcomes["done"]


def _mount_tmpfs(path, size):
    path.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    return result.returncode == 0


@pytest.mark.skipif(sys.platform != "linux", reason="tmpfs is Linux")
def test_disk_full_leaves_the_destruction_pending_then_it_succeeds(tmp_path):
    import os
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "petit"
    if not _mount_tmpfs(mount, "2m"):
        pytest.skip("tmpfs cannot be mounted here")
    try:
        v = Vault(mount / "coffre")
        v.create("girafe lampion escalier brume ocre")
        fill_bilan(v)
        ballast = mount / "ballast"
        with open(ballast, "wb", buffering=0) as handle:  # fill the disk to the last byte
            try:
                while True:
                    handle.write(b"\0" * 4096)
                    handle.flush()
            except OSError:
                pass
        report = RetentionEngine(v).run(dt.date(2026, 5, 30), NOW)
        assert report.pending == ["BC-2026-0001"] and report.destroyed == []
        assert v.conn.execute("SELECT count(*) FROM bilan_section WHERE kind = 'content'").fetchone()[0] == 6
        ballast.unlink()
        report = RetentionEngine(v).run(dt.date(2026, 5, 30), NOW)
        assert report.destroyed == ["BC-2026-0001"] and report.pending == []
        assert occurrences(v.db_path, v.raw_key, CANARY) == 0
        v.lock()
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_working_copy_alone_makes_the_synthese_due(vault, tmp_path):
    """No draft left in the vault, but a working copy exported to disk: it is destroyed at the end all the same."""
    import hashlib
    from bilan_desktop.storage.exports import Destination, ExportLog
    bilan_id = fill_bilan(vault)
    vault.conn.execute("DELETE FROM bilan_section WHERE section = 'synthese'")
    copy = tmp_path / "copie.pdf"
    copy.write_bytes(b"%PDF synthese")
    ExportLog(vault).record(bilan_id, "BC-2026-0001", "synthese", Destination.TRAVAIL, str(copy),
                            hashlib.sha256(b"%PDF synthese").hexdigest(), NOW)
    report = RetentionEngine(vault).run(dt.date(2026, 5, 30), NOW)
    assert report.destroyed == ["BC-2026-0001"] and not copy.exists()
    (entry,) = RetentionEngine(vault).register()
    assert set(entry.categories) == {"contenu", "synthese"}
    assert entry.legal_basis == ("art. R6313-7 du Code du travail (version en vigueur depuis le 31 décembre 2023) — "
                                 "fin du bilan, sans accord de conservation")
    status = vault.conn.execute("SELECT copy_status FROM export_log").fetchone()[0]
    assert status == "supprimee"


def test_register_is_newest_first_and_destroyed_on_per_category(vault):
    fill_bilan(vault, end=dt.date(2026, 6, 30), conservation=Conservation.SYNTHESE_CEP,
               synthese_cep_transmise_le=dt.date(2026, 6, 30))
    engine = RetentionEngine(vault)
    engine.run(dt.date(2026, 7, 1), NOW)
    engine.run(dt.date(2029, 7, 1), NOW)
    assert [e.destroyed_on for e in engine.register()] == [dt.date(2029, 7, 1), dt.date(2026, 7, 1)]
    assert engine.destroyed_on("BC-2026-0001") == {"contenu": dt.date(2026, 7, 1), "synthese": dt.date(2029, 7, 1)}
    assert engine.destroyed_references() == {"BC-2026-0001"}
