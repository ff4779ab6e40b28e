"""Behaviours the mutation review (mutmut) found unpinned in storage/retention.py and storage/backup.py."""

import datetime as dt
import hashlib
import os

import pytest

from bilan_desktop import __version__
from bilan_desktop.domain.beneficiary import Beneficiary
from bilan_desktop.domain.funding import Funding
from bilan_desktop.storage import backup as backup_module
from bilan_desktop.storage.backup import (BackupInvalid, _new_salt, backup_key_pragmas, check_backup_target,
                                          inspect_backup, is_own_backup, restore_backup, rotate_backups,
                                          verify_backup, write_backup)
from bilan_desktop.storage.bilans import BilanRepository
from bilan_desktop.storage.exports import Destination, ExportLog
from bilan_desktop.storage.keyfile import KdfParams
from bilan_desktop.storage.output_guard import AlreadyExists
from bilan_desktop.storage.retention import RetentionEngine
from bilan_desktop.storage.vault import open_keyed
from tests.conftest import FAST_KDF
from tests.unit.test_retention_engine import NOW, fill_bilan

SECRET = "phrase de la sauvegarde du coffre ocre et quinoa"


def _content(vault, reference) -> int:
    return vault.conn.execute(
        "SELECT count(*) FROM bilan_section s JOIN bilan b ON b.id = s.bilan_id WHERE b.reference = ? AND "
        "s.kind = 'content'", (reference,)).fetchone()[0]


def test_every_bilan_is_looked_at_even_after_one_with_nothing_due(vault):
    fill_bilan(vault, end=dt.date(2026, 12, 31))  # BC-2026-0001: nothing due yet
    fill_bilan(vault, end=dt.date(2026, 5, 29))  # BC-2026-0002: due
    report = RetentionEngine(vault).run(dt.date(2026, 6, 1), NOW)
    assert report.destroyed == ["BC-2026-0002"]
    assert _content(vault, "BC-2026-0001") > 0 and _content(vault, "BC-2026-0002") == 0


def test_session_notes_alone_are_content_to_destroy(vault):
    bilan_id = fill_bilan(vault)
    vault.conn.execute("DELETE FROM bilan_section WHERE kind = 'content'")
    assert RetentionEngine(vault).run(dt.date(2026, 5, 30), NOW).destroyed == ["BC-2026-0001"]
    assert vault.conn.execute("SELECT count(*) FROM seance_notes").fetchone()[0] == 0
    assert bilan_id


def test_working_copy_fates_are_recorded(vault, tmp_path):
    bilan_id = fill_bilan(vault)
    same, changed, gone, folder = (tmp_path / n for n in ("same.pdf", "changed.pdf", "gone.pdf", "dossier.pdf"))
    folder.mkdir()
    for path in (same, changed, gone):
        path.write_bytes(b"%PDF synthese")
    digest = hashlib.sha256(b"%PDF synthese").hexdigest()
    for path in (same, changed, gone, folder):
        ExportLog(vault).record(bilan_id, "BC-2026-0001", "synthese", Destination.TRAVAIL, str(path), digest, NOW)
    changed.write_bytes(b"%PDF annotated")
    gone.unlink()
    report = RetentionEngine(vault).run(dt.date(2026, 5, 30), NOW)
    fates = dict(vault.conn.execute("SELECT path, copy_status FROM export_log"))
    assert fates == {str(same): "supprimee", str(changed): "modifiee", str(gone): "absente", str(folder): "modifiee"}
    assert report.offvault == sorted([str(changed), str(folder)])


def _destroy(vault, day):
    return RetentionEngine(vault).run(day, dt.datetime.combine(day, dt.time(9)))


def test_restore_carries_each_destruction_once_including_bilans_the_backup_never_knew(vault, tmp_path):
    fill_bilan(vault, end=dt.date(2026, 6, 30))  # 0001
    fill_bilan(vault, end=dt.date(2026, 7, 31))  # 0002
    _destroy(vault, dt.date(2026, 7, 1))  # 0001 destroyed
    target = tmp_path / "b.bilanbak"
    write_backup(vault, target, SECRET, dt.datetime(2026, 7, 2, 9))  # knows 0001's destruction, not 0002's
    fill_bilan(vault, end=dt.date(2026, 7, 2))  # 0003, created after the backup
    _destroy(vault, dt.date(2026, 8, 1))  # 0002 and 0003 destroyed
    restore_backup(vault, target, SECRET, dt.datetime(2026, 8, 1, 10))
    references = sorted(e.reference for e in RetentionEngine(vault).register())
    assert references == ["BC-2026-0001", "BC-2026-0002", "BC-2026-0003"]  # each once
    assert _content(vault, "BC-2026-0002") == 0
    orphan = vault.conn.execute("SELECT bilan_id FROM destruction_register WHERE reference = 'BC-2026-0003'")
    assert orphan.fetchone()[0] is None  # the bilan is not in the backup: the register entry stays, unlinked


def test_restore_applies_destructions_due_by_the_backups_own_dates(vault, tmp_path):
    fill_bilan(vault, end=dt.date(2026, 6, 30))
    target = tmp_path / "b.bilanbak"
    write_backup(vault, target, SECRET, dt.datetime(2026, 6, 1, 9))
    restore_backup(vault, target, SECRET, dt.datetime(2026, 7, 5, 9))  # the end has passed since
    (entry,) = RetentionEngine(vault).register()
    assert entry.destroyed_on == dt.date(2026, 7, 5)
    recorded = vault.conn.execute("SELECT recorded_at FROM destruction_register").fetchone()[0]
    assert recorded == "2026-07-05T09:00:00"


def test_manifest_carries_the_application_version(vault, tmp_path):
    target = tmp_path / "b.bilanbak"
    assert write_backup(vault, target, SECRET, NOW).app_version == __version__
    assert inspect_backup(vault, target, SECRET).manifest.app_version == __version__


def test_a_lowered_schema_version_is_refused(vault, tmp_path):
    target = tmp_path / "b.bilanbak"
    write_backup(vault, target, SECRET, NOW)
    conn, _ = open_keyed(target, backup_key_pragmas(target, SECRET)[0])
    conn.execute("PRAGMA user_version = 4")
    conn.close()
    with pytest.raises(BackupInvalid):
        verify_backup(target, SECRET)


def test_foreign_schema_message(vault, tmp_path):
    target = tmp_path / "b.bilanbak"
    write_backup(vault, target, SECRET, NOW)
    conn, _ = open_keyed(target, backup_key_pragmas(target, SECRET)[0])
    conn.execute("CREATE TRIGGER t BEFORE DELETE ON bilan BEGIN SELECT RAISE(IGNORE); END")
    conn.close()
    with pytest.raises(BackupInvalid) as info:
        restore_backup(vault, target, SECRET, NOW)
    assert info.value.user_message == ("Cette sauvegarde contient des éléments que Bilan Desktop n'écrit pas : elle a "
                                       "été modifiée en dehors de l'application. Rien n'a été restauré.")


def test_targets_next_to_the_vault_but_not_the_vault(vault, tmp_path):
    unrelated = tmp_path / "ancienne.bilanbak"
    unrelated.write_bytes(b"x")
    with pytest.raises(AlreadyExists):  # an existing file of its own is replaced only when asked (issue 19)
        check_backup_target(unrelated, vault.folder)
    check_backup_target(unrelated, vault.folder, replace=True)
    key_link = tmp_path / "cle.bilanbak"
    os.link(vault.key_path, key_link)  # a hard link to the key file, outside the folder
    with pytest.raises(BackupInvalid) as info:
        check_backup_target(key_link, vault.folder)
    assert info.value.user_message == backup_module.BAD_TARGET_MESSAGE


def test_rotation_orders_by_time_and_keeps_one(tmp_path):
    paths = []
    for i, name in enumerate(("z.bilanbak", "y.bilanbak", "x.bilanbak")):  # names sort against their ages
        path = tmp_path / name
        path.write_bytes(_new_salt(FAST_KDF) + b"0" * 32)
        os.utime(path, (1_000 + i, 1_000 + i))
        paths.append(path)
    assert sorted(p.name for p in rotate_backups(tmp_path, 1, paths[-1])) == ["y.bilanbak", "z.bilanbak"]


def test_foreign_headers_are_not_taken_for_own_backups(tmp_path):
    plausible = tmp_path / "autre.bilanbak"
    plausible.write_bytes(b"\x00\x00" + bytes((2, 14, 1)) + os.urandom(43))  # parameters in range, wrong tag
    assert not is_own_backup(plausible)
    with pytest.raises(ValueError, match="power of two"):
        _new_salt(KdfParams(1, 10_000, 1))


def test_run_can_leave_compaction_and_the_new_key_to_the_caller(vault):
    fill_bilan(vault)
    for seance_notes in range(3):
        vault.conn.execute("UPDATE seance_notes SET notes = ? WHERE rowid = ?", ("x" * 20000, seance_notes + 1))
    key = vault.raw_key
    engine = RetentionEngine(vault)
    report = engine.run(dt.date(2026, 5, 30), NOW, finish=False)
    assert report.destroyed == ["BC-2026-0001"] and report.unfinished is True
    assert vault.raw_key == key and vault.conn.execute("PRAGMA freelist_count").fetchone()[0] > 0
    engine.compact()
    assert vault.conn.execute("PRAGMA freelist_count").fetchone()[0] == 0 and vault.raw_key == key
    engine.rotate_key()
    assert vault.raw_key != key
    assert engine.run(dt.date(2026, 6, 1), NOW, finish=False).unfinished is False  # nothing destroyed: nothing left


def test_a_failed_destruction_does_not_stop_the_others(vault):
    from bilan_desktop.storage.retention import DestructionNotApplied, delete_categories
    from bilan_desktop.domain.registry import Category
    fill_bilan(vault)
    fill_bilan(vault)
    vault.conn.execute("CREATE TRIGGER keep BEFORE DELETE ON bilan_section WHEN old.bilan_id = 1 "
                       "BEGIN SELECT RAISE(IGNORE); END")
    report = RetentionEngine(vault).run(dt.date(2026, 5, 30), NOW)
    assert report.pending == ["BC-2026-0001"] and report.destroyed == ["BC-2026-0002"]
    with pytest.raises(DestructionNotApplied, match="rows still present after delete"):
        with vault.transaction() as conn:
            delete_categories(conn, 1, {Category.CONTENU})
