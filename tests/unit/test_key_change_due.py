"""Issue 19, point 5: the new key after a destruction is never lost. The key change is recorded as due in the same
transaction as the destruction (or the prospect's deletion); a kill -9 at any step of the change, or a deferral by a
disk error, is completed at the next unlock (and before a lock): a copy of `coffre.db` taken before the destruction
never opens with the key file afterwards."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys

import pytest

from bilan_desktop.storage.errors import WrongKeyOrDamaged
from bilan_desktop.storage.keyfile import KeyFile
from bilan_desktop.storage.retention import RetentionEngine
from bilan_desktop.storage.vault import Vault, open_keyed, raw_key_pragma
from tests.conftest import PASSPHRASE
from tests.unit.test_prospect_deletion import _prospect
from tests.unit.test_retention_engine import fill_bilan

DESTRUCTION_DAY = dt.datetime(2026, 6, 1, 9)

CHILD = """
import os, signal, sys, datetime as dt
from pathlib import Path
from bilan_desktop.storage import keyfile
from bilan_desktop.storage.keyfile import KeyFile
from bilan_desktop.storage.retention import RetentionEngine
from bilan_desktop.storage.vault import Vault
from bilan_desktop.services.bilans import BilanService
from tests.conftest import FAST_KDF
keyfile.DEFAULT_KDF = FAST_KDF
folder, step, scenario, passphrase = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
vault = Vault(folder)
vault.unlock(passphrase)

def die():
    os.kill(os.getpid(), signal.SIGKILL)

saves = [0]
real_save, real_promote, real_compact = KeyFile.save, KeyFile.promote_master, RetentionEngine.compact

def save(self, path):
    real_save(self, path)
    saves[0] += 1
    if (step, saves[0]) in (("apres_stage", 1), ("apres_promote", 2)):
        die()

def promote(self):
    if step == "apres_rekey":  # the vault is keyed with the new key; the key file still holds both
        die()
    real_promote(self)

def compact(self):
    if step == "apres_commit":  # the deletion and its register entry are committed; nothing else done
        die()
    real_compact(self)

KeyFile.save, KeyFile.promote_master, RetentionEngine.compact = save, promote, compact
now = dt.datetime(2026, 6, 1, 9)
if scenario == "destruction":
    RetentionEngine(vault).run(now.date(), now)
else:
    BilanService(vault).delete_prospect(int(sys.argv[5]), now)
print("fini", flush=True)
"""

STEPS = ["apres_commit", "apres_stage", "apres_rekey", "apres_promote", "sans_arret"]


def opens_with_key_file(copy, folder) -> bool:
    """Whether any master key today's key file holds opens `copy`."""
    for key in KeyFile.load(folder / "coffre.key").open_passphrase(PASSPHRASE).masters:
        try:
            conn, _ = open_keyed(copy, raw_key_pragma(key), read_only=True)
        except WrongKeyOrDamaged:
            continue
        conn.close()
        return True
    return False


def _gone(folder, scenario) -> bool:
    check = Vault(folder)
    check.unlock(PASSPHRASE)
    try:
        if scenario == "destruction":
            left = check.conn.execute("SELECT count(*) FROM bilan_section WHERE kind = 'content'").fetchone()[0]
            return left == 0
        return check.conn.execute("SELECT count(*) FROM bilan").fetchone()[0] == 0
    finally:
        check.lock()


@pytest.mark.slow
@pytest.mark.parametrize("scenario", ["destruction", "suppression"])
def test_a_kill_at_every_step_of_the_key_change_is_completed_at_the_next_unlock(vault, tmp_path, scenario):
    from bilan_desktop.services.bilans import BilanService
    extra = []
    if scenario == "destruction":
        fill_bilan(vault)  # ends 2026-05-29 without agreement: destroyed on the next run
    else:
        extra = [str(_prospect(BilanService(vault)))]
    vault.lock()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([os.getcwd(), os.environ.get("PYTHONPATH", "")])}
    for step in STEPS:
        folder = tmp_path / f"{scenario}-{step}"
        shutil.copytree(vault.folder, folder)
        old_copy = tmp_path / f"{scenario}-{step}-ancienne-copie.db"
        shutil.copyfile(folder / "coffre.db", old_copy)  # an OS backup taken before the destruction
        result = subprocess.run([sys.executable, "-c", CHILD, str(folder), step, scenario, PASSPHRASE, *extra],
                                capture_output=True, text=True, env=env, timeout=120)
        if step == "sans_arret":
            assert result.returncode == 0 and "fini" in result.stdout, result.stderr[-2000:]
        else:
            assert result.returncode == -signal.SIGKILL, (step, result.stderr[-2000:])
        assert _gone(folder, scenario), step  # the next unlock: the deletion was committed, the new key is done
        assert not opens_with_key_file(old_copy, folder), step
        after = Vault(folder)
        after.unlock(PASSPHRASE)
        assert not after.key_change_due(), step
        after.lock()


def test_the_key_change_is_recorded_in_the_destructions_transaction(vault, monkeypatch):
    """Deferred by a disk error: still due, durably (it survives a lock), the old copy still opens meanwhile."""
    fill_bilan(vault)
    old_copy = vault.folder.parent / "copie.db"
    shutil.copyfile(vault.db_path, old_copy)

    def disk_error(self, keyfile):
        raise OSError("disque plein")

    monkeypatch.setattr(Vault, "_rotate", disk_error)
    report = RetentionEngine(vault).run(DESTRUCTION_DAY.date(), DESTRUCTION_DAY)
    assert report.destroyed == ["BC-2026-0001"]
    assert vault.key_change_due()
    vault.lock()
    assert opens_with_key_file(old_copy, vault.folder)  # the hole this mark exists to close
    vault.unlock(PASSPHRASE)  # the disk is still full: the unlock works, the change stays due
    assert vault.key_change_due()
    monkeypatch.undo()
    vault.lock()
    vault.unlock(PASSPHRASE)  # the next unlock completes it
    assert not vault.key_change_due()
    assert not opens_with_key_file(old_copy, vault.folder)


def test_a_deferred_key_change_is_retried_by_the_next_engine_run(vault, monkeypatch):
    fill_bilan(vault)
    failing = {"on": True}
    real = Vault._rotate

    def flaky(self, keyfile):
        if failing["on"]:
            raise OSError("disque plein")
        real(self, keyfile)

    monkeypatch.setattr(Vault, "_rotate", flaky)
    RetentionEngine(vault).run(DESTRUCTION_DAY.date(), DESTRUCTION_DAY)
    assert vault.key_change_due()
    failing["on"] = False
    report = RetentionEngine(vault).run(DESTRUCTION_DAY.date(), DESTRUCTION_DAY, finish=False)
    assert report.destroyed == [] and report.unfinished  # nothing new destroyed, the key change still to do
    RetentionEngine(vault).run(DESTRUCTION_DAY.date(), DESTRUCTION_DAY)
    assert not vault.key_change_due()


def test_the_mark_rolls_back_with_a_failed_destruction(vault):
    fill_bilan(vault)
    vault.conn.execute("CREATE TRIGGER keep BEFORE DELETE ON bilan_section BEGIN SELECT RAISE(IGNORE); END")
    report = RetentionEngine(vault).run(DESTRUCTION_DAY.date(), DESTRUCTION_DAY)
    assert report.pending == ["BC-2026-0001"]
    assert not vault.key_change_due()


def test_the_mark_is_cleared_only_after_both_files_hold_the_new_key(vault, monkeypatch):
    """A kill between the key file's last write and the clearing of the mark costs one more rotation, no more."""
    fill_bilan(vault)
    monkeypatch.setattr(Vault, "_key_changed", lambda self: None)
    RetentionEngine(vault).run(DESTRUCTION_DAY.date(), DESTRUCTION_DAY)
    assert vault.key_change_due()
    key = vault.raw_key
    monkeypatch.undo()
    vault.lock()
    vault.unlock(PASSPHRASE)
    assert not vault.key_change_due() and vault.raw_key != key
