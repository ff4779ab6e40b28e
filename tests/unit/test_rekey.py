"""The master key changes after every destruction, so that a stale copy of the vault file no longer opens with
today's key file; renewing the keys replaces the recovery code too. Every step survives a kill."""

import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import sqlcipher3

from bilan_desktop.storage.errors import WrongKeyOrDamaged
from bilan_desktop.storage.keyfile import KeyFile
from bilan_desktop.storage.migrations import migrate
from bilan_desktop.storage.retention import RetentionEngine
from bilan_desktop.storage.vault import Vault, configure, raw_key_pragma
from tests.conftest import PASSPHRASE
from tests.unit.test_keyfile import FIXTURES, V1_KEY, V1_PASSPHRASE, V1_RECOVERY
from tests.unit.test_retention_engine import fill_bilan

NOW = dt.datetime(2026, 5, 29, 18, 0)


def _stale_copy_opens(vault: Vault, stale_db: Path, tmp_path: Path) -> bool:
    """Put an old copy of coffre.db beside today's key file and try today's passphrase."""
    probe = tmp_path / "sonde"
    shutil.rmtree(probe, ignore_errors=True)
    probe.mkdir()
    shutil.copy(stale_db, probe / "coffre.db")
    shutil.copy(vault.key_path, probe / "coffre.key")
    other = Vault(probe)
    try:
        other.unlock(PASSPHRASE)
    except WrongKeyOrDamaged:
        return False
    other.lock()
    return True


def test_a_copy_made_before_a_destruction_no_longer_opens(vault, tmp_path):
    fill_bilan(vault)
    stale = tmp_path / "copie-systeme.db"
    shutil.copy(vault.db_path, stale)  # an OS backup, a stray temporary file
    key_before = vault.raw_key
    assert _stale_copy_opens(vault, stale, tmp_path)
    assert RetentionEngine(vault).run(dt.date(2026, 5, 30), NOW).destroyed == ["BC-2026-0001"]
    assert vault.raw_key != key_before
    assert not _stale_copy_opens(vault, stale, tmp_path)
    vault.lock()
    vault.unlock(PASSPHRASE)  # today's vault opens, with its passphrase
    assert vault.conn.execute("SELECT count(*) FROM bilan").fetchone()[0] == 1
    doc = json.loads(vault.key_path.read_text())
    assert "master_next" not in doc


def test_nothing_destroyed_no_rotation(vault):
    fill_bilan(vault, end=dt.date(2026, 6, 30))
    key = vault.raw_key
    RetentionEngine(vault).run(dt.date(2026, 6, 1), NOW)
    assert vault.raw_key == key


def test_renewing_the_keys_replaces_the_recovery_code(vault, tmp_path):
    fill_bilan(vault, end=dt.date(2026, 6, 30))
    old_key_file = tmp_path / "ancienne.key"
    shutil.copy(vault.key_path, old_key_file)
    stale = tmp_path / "ancien.db"
    shutil.copy(vault.db_path, stale)
    code = vault.renew_keys(PASSPHRASE)
    assert len(code) == 35
    assert not _stale_copy_opens(vault, stale, tmp_path)
    # the old key file (and the old passphrase, the old code) no longer open today's vault
    old = KeyFile.load(old_key_file)
    with pytest.raises(WrongKeyOrDamaged):
        Vault(vault.folder)._open_unwrapped(old, old.open_passphrase(PASSPHRASE))
    vault.lock()
    with pytest.raises(WrongKeyOrDamaged):
        vault.unlock_with_recovery("0" * 30, "une toute nouvelle girafe quinoa lampion")
    vault.unlock_with_recovery(code, "une toute nouvelle girafe quinoa lampion")
    assert vault.conn.execute("SELECT count(*) FROM bilan").fetchone()[0] == 1


def test_renewal_needs_the_passphrase(vault):
    key = vault.raw_key
    with pytest.raises(WrongKeyOrDamaged):
        vault.renew_keys("ce n'est pas la phrase")
    assert vault.raw_key == key


def _v1_vault(folder: Path) -> Vault:
    folder.mkdir()
    shutil.copy(FIXTURES / "keyfile_v1" / "coffre.key", folder / "coffre.key")
    conn = sqlcipher3.connect(str(folder / "coffre.db"), isolation_level=None)
    conn.execute(raw_key_pragma(V1_KEY))
    conn.execute("PRAGMA cipher_compatibility = 4")
    configure(conn)
    migrate(conn)
    conn.close()
    return Vault(folder)


def test_a_vault_of_the_first_key_format_opens_and_is_upgraded(tmp_path):
    vault = _v1_vault(tmp_path / "v1")
    vault.unlock(V1_PASSPHRASE)
    assert json.loads(vault.key_path.read_text())["version"] == 2
    assert not vault.needs_recovery_code
    vault.lock()
    vault.unlock(V1_PASSPHRASE)
    vault.lock()
    vault.unlock_with_recovery(V1_RECOVERY, "une toute nouvelle girafe quinoa lampion")  # the old code still works
    vault.lock()


def test_after_a_rotation_a_first_format_recovery_slot_is_dropped(tmp_path):
    vault = _v1_vault(tmp_path / "v1")
    vault.unlock(V1_PASSPHRASE)
    assert vault.rotate_master_key()
    assert vault.needs_recovery_code  # it wrapped the old key: the app issues a new code at once
    code = vault.renew_keys(V1_PASSPHRASE)
    assert not vault.needs_recovery_code
    vault.lock()
    vault.unlock_with_recovery(code, "une toute nouvelle girafe quinoa lampion")
    vault.lock()


KILL_ROTATION = """
import os, signal, sys
from pathlib import Path
from bilan_desktop.storage import keyfile, vault as vault_module
from tests.conftest import FAST_KDF
keyfile.DEFAULT_KDF = FAST_KDF
step = int(sys.argv[2]); calls = [0]
real_save = keyfile.KeyFile.save
def save(self, path):
    calls[0] += 1
    if calls[0] == step:
        os.kill(os.getpid(), signal.SIGKILL)
    real_save(self, path)
    if calls[0] == step - 10:
        os.kill(os.getpid(), signal.SIGKILL)
keyfile.KeyFile.save = save
v = vault_module.Vault(Path(sys.argv[1])); v.unlock(sys.argv[3])
calls[0] = 0
v.rotate_master_key()
print("done", flush=True)
"""


@pytest.mark.slow
@pytest.mark.parametrize("step", [1, 2, 11, 12])
def test_a_kill_at_any_step_of_a_rotation_leaves_a_vault_that_opens(vault, tmp_path, step):
    """1: before the staged key is written; 11: staged, not rekeyed; 2: rekeyed, key file not promoted; 12: done."""
    fill_bilan(vault, end=dt.date(2026, 6, 30))
    vault.lock()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([os.getcwd(), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run([sys.executable, "-c", KILL_ROTATION, str(vault.folder), str(step), PASSPHRASE],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == -signal.SIGKILL, result.stdout + result.stderr[-2000:]
    vault.unlock(PASSPHRASE)
    assert vault.conn.execute("SELECT count(*) FROM bilan").fetchone()[0] == 1
    assert "master_next" not in json.loads(vault.key_path.read_text())  # tidied at the open
