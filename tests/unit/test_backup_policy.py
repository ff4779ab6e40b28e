"""Issue 19, point 8: the application's backups and R6313-7. Each backup written is recorded (path, date, hash,
size); one made before a destruction is listed, then deleted once a newer backup exists (only if it is still the
application's own file, unchanged); one older than the horizon is deleted once a newer one exists; the newest is
always kept; a restore keeps the current vault's knowledge of what lies outside it."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from bilan_desktop.domain.sharing import Destination
from bilan_desktop.services import backups
from bilan_desktop.services.documents import DocumentService
from bilan_desktop.storage.backup_log import BackupLog
from bilan_desktop.storage.migrations import MIGRATIONS
from bilan_desktop.storage.retention import RetentionEngine
from tests.unit.test_retention_engine import fill_bilan

SECRET = "phrase de la sauvegarde du coffre ocre et quinoa"
T0 = dt.datetime(2026, 5, 29, 18, 0)  # fill_bilan's end: nothing due yet
DESTRUCTION = dt.datetime(2026, 5, 30, 9, 0)


def _backup(vault, path, now):
    return backups.back_up(vault, path, SECRET, now)[1]


def test_a_backup_made_before_a_destruction_is_listed_then_deleted_by_a_newer_one(vault, tmp_path):
    fill_bilan(vault)
    old = tmp_path / "sauvegardes" / "avant.bilanbak"
    old.parent.mkdir()
    assert _backup(vault, old, T0) == []
    (record,) = BackupLog(vault).records()
    assert (record.path, record.created_at, record.size) == (str(old), T0, old.stat().st_size)
    assert record.sha256 == hashlib.sha256(old.read_bytes()).hexdigest()
    assert backups.holding_destroyed(vault) == []
    assert RetentionEngine(vault).run(DESTRUCTION.date(), DESTRUCTION).destroyed == ["BC-2026-0001"]
    assert [r.path for r in backups.holding_destroyed(vault)] == [str(old)]
    assert backups.prune(vault, DESTRUCTION) == [] and old.exists()  # never without a newer backup
    new = tmp_path / "sauvegardes" / "apres.bilanbak"
    assert _backup(vault, new, DESTRUCTION + dt.timedelta(hours=1)) == [old]
    assert not old.exists() and new.exists()
    assert backups.holding_destroyed(vault) == []
    assert [r.status for r in BackupLog(vault).records()] == ["supprimee", None]


def test_a_file_replaced_by_the_user_is_never_deleted(vault, tmp_path):
    fill_bilan(vault)
    old = tmp_path / "avant.bilanbak"
    _backup(vault, old, T0)
    RetentionEngine(vault).run(DESTRUCTION.date(), DESTRUCTION)
    old.write_bytes(b"the consultant's own file, same name")
    assert _backup(vault, tmp_path / "apres.bilanbak", DESTRUCTION + dt.timedelta(hours=1)) == []
    assert old.read_bytes() == b"the consultant's own file, same name"
    assert [r.path for r in backups.replaced(vault)] == [str(old)]
    assert backups.holding_destroyed(vault) == []  # no longer ours: not listed as holding anything
    backups.dismiss(vault)
    assert backups.replaced(vault) == []


def test_a_newer_backup_that_was_changed_allows_no_deletion(vault, tmp_path):
    fill_bilan(vault)
    old, new = tmp_path / "a.bilanbak", tmp_path / "b.bilanbak"
    _backup(vault, old, T0)
    RetentionEngine(vault).run(DESTRUCTION.date(), DESTRUCTION)
    _backup(vault, new, DESTRUCTION + dt.timedelta(hours=1))  # deletes old
    third = tmp_path / "c.bilanbak"
    _backup(vault, third, DESTRUCTION + dt.timedelta(days=1))
    third.write_bytes(b"damaged")  # the newest is no longer a verified backup
    assert backups.prune(vault, dt.datetime(2027, 1, 1)) == [] and new.exists()


def test_backups_expire_after_the_horizon_once_a_newer_one_exists(vault, tmp_path):
    fill_bilan(vault, end=dt.date(2027, 12, 31))  # nothing destroyed in this test
    first, second = tmp_path / "janvier.bilanbak", tmp_path / "fevrier.bilanbak"
    _backup(vault, first, dt.datetime(2026, 1, 15, 9))
    _backup(vault, second, dt.datetime(2026, 2, 10, 9))
    assert backups.horizon_months(vault) == 3
    assert backups.prune(vault, dt.datetime(2026, 4, 14, 23)) == [] and first.exists()
    assert backups.prune(vault, dt.datetime(2026, 4, 15, 8)) == [first] and not first.exists()
    assert backups.prune(vault, dt.datetime(2027, 4, 15, 8)) == [] and second.exists()  # the newest stays
    backups.set_horizon_months(vault, 1)
    third = tmp_path / "mars.bilanbak"
    _backup(vault, third, dt.datetime(2026, 3, 10, 9))
    assert not second.exists()  # past one month, and a newer one exists
    backups.set_horizon_months(vault, 99)
    assert backups.horizon_months(vault) == 36


def test_restoring_an_old_backup_keeps_what_the_vault_knows_outside_it(vault, tmp_path):
    bilan_id = fill_bilan(vault)
    old = tmp_path / "sauvegardes" / "avant.bilanbak"
    old.parent.mkdir()
    _backup(vault, old, T0)
    copy = tmp_path / "exports" / "synthese.pdf"
    DocumentService(vault).export("synthese", b"%PDF synthese", bilan_id, "BC-2026-0001", Destination.BENEFICIAIRE,
                                  True, copy, T0)
    RetentionEngine(vault).run(DESTRUCTION.date(), DESTRUCTION)
    assert not copy.exists()
    backups.set_horizon_months(vault, 6)
    backups.restore(vault, old, SECRET, DESTRUCTION + dt.timedelta(hours=1))
    assert [r.path for r in backups.holding_destroyed(vault)] == [str(old)]  # the backup still knows itself
    assert backups.horizon_months(vault) == 6
    rows = vault.conn.execute("SELECT destination, copy_status FROM export_log").fetchall()
    assert rows == [("beneficiaire", "supprimee")]
    report = RetentionEngine(vault).run(DESTRUCTION.date(), DESTRUCTION)
    assert report.missing == [] and len(RetentionEngine(vault).register()) == 1


def test_the_migration_step_is_idempotent(vault):
    step = MIGRATIONS[-1]
    vault.conn.execute("BEGIN")
    step(vault.conn)  # a second time, as after another branch's step of the same number
    vault.conn.execute("COMMIT")
    assert BackupLog(vault).records() == []


@pytest.mark.parametrize("months", [0, -5])
def test_the_horizon_is_at_least_one_month(vault, months):
    backups.set_horizon_months(vault, months)
    assert backups.horizon_months(vault) == 1
