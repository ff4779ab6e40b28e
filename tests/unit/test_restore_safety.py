"""Restoring never resurrects a destruction, never accepts a foreign schema, and survives a kill at any point of
its file swap. Backups: Argon2id, private, refused where they would hurt the vault."""

import datetime as dt
import hashlib
import os
import shutil
import signal
import subprocess
import sys

import pytest

from bilan_desktop.storage import backup as backup_module
from bilan_desktop.storage.backup import (backup_key_pragmas, check_backup_target, fingerprint, inspect_backup,
                                          restore_backup, verify_backup, write_backup)
from bilan_desktop.storage.errors import BackupInvalid
from bilan_desktop.storage.retention import RetentionEngine
from bilan_desktop.storage.vault import Vault, open_keyed
from tests.conftest import PASSPHRASE
from tests.helpers.sqlcipher_pages import occurrences
from tests.unit.test_retention_engine import CANARY, fill_bilan

SECRET = "phrase de la sauvegarde du coffre ocre et quinoa"
NOW = dt.datetime(2026, 6, 1, 9)


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def content_rows(conn) -> int:
    return conn.execute("SELECT count(*) FROM bilan_section WHERE kind = 'content'").fetchone()[0] + \
        conn.execute("SELECT count(*) FROM seance_notes").fetchone()[0]


@pytest.fixture
def old_backup(vault, tmp_path):
    """A backup made while the bilan was open; then the bilan ends and its content is destroyed."""
    fill_bilan(vault, end=dt.date(2026, 6, 30))
    target = tmp_path / "avant.bilanbak"
    write_backup(vault, target, SECRET, NOW)
    assert RetentionEngine(vault).run(dt.date(2026, 7, 1), dt.datetime(2026, 7, 1, 9)).destroyed == ["BC-2026-0001"]
    return target


def test_restoring_an_older_backup_resurrects_nothing(vault, old_backup):
    restore_backup(vault, old_backup, SECRET, dt.datetime(2026, 7, 2, 9))
    assert content_rows(vault.conn) == 0
    assert occurrences(vault.db_path, vault.raw_key, CANARY) == 0
    entries = RetentionEngine(vault).register()
    assert [(e.reference, e.destroyed_on) for e in entries] == [("BC-2026-0001", dt.date(2026, 7, 1))]


def test_restore_carries_destructions_forward_even_when_the_backup_knows_no_end(vault, old_backup, monkeypatch):
    """The backup's dates alone say nothing is due: only the carried register destroys the content again."""
    monkeypatch.setattr(RetentionEngine, "run", lambda self, today, now: None)
    restore_backup(vault, old_backup, SECRET, dt.datetime(2026, 7, 2, 9))
    assert content_rows(vault.conn) == 0
    assert vault.conn.execute("SELECT count(*) FROM destruction_register").fetchone()[0] == 1


def test_the_restore_dialog_is_told_which_destructions_a_backup_predates(vault, old_backup, tmp_path):
    from bilan_desktop.ui.backup_ui import restore_message
    info = inspect_backup(vault, old_backup, SECRET)
    assert info.destroyed_since == ["BC-2026-0001"]
    text = restore_message(info)
    assert "antérieure à la destruction réglementaire" in text and "BC-2026-0001" in text and "01/06/2026" in text
    recent = tmp_path / "apres.bilanbak"
    write_backup(vault, recent, SECRET, dt.datetime(2026, 7, 3, 9))
    assert inspect_backup(vault, recent, SECRET).destroyed_since == []
    assert "antérieure" not in restore_message(inspect_backup(vault, recent, SECRET))


def _with_trigger(path):
    conn, _ = open_keyed(path, backup_key_pragmas(path, SECRET)[0])
    conn.execute("CREATE TRIGGER keep BEFORE DELETE ON bilan_section BEGIN SELECT RAISE(IGNORE); END")
    conn.close()


def test_a_backup_carrying_a_trigger_is_refused(vault, tmp_path):
    fill_bilan(vault)
    target = tmp_path / "piege.bilanbak"
    write_backup(vault, target, SECRET, NOW)
    _with_trigger(target)
    before = sha(vault.db_path)
    with pytest.raises(BackupInvalid) as info:
        restore_backup(vault, target, SECRET, NOW)
    assert "modifiée en dehors" in info.value.user_message
    assert sha(vault.db_path) == before


@pytest.mark.parametrize("statement", ["CREATE VIEW v AS SELECT 1", "CREATE TABLE extra (x)",
                                       "CREATE INDEX extra_idx ON seance(date)"])
def test_a_backup_with_any_foreign_object_is_refused(vault, tmp_path, statement):
    target = tmp_path / "b.bilanbak"
    write_backup(vault, target, SECRET, NOW)
    conn, _ = open_keyed(target, backup_key_pragmas(target, SECRET)[0])
    conn.execute(statement)
    conn.close()
    with pytest.raises(BackupInvalid):
        restore_backup(vault, target, SECRET, NOW)


def test_the_engine_checks_rows_are_gone_before_writing_the_register(vault):
    fill_bilan(vault)
    vault.conn.execute("CREATE TRIGGER keep BEFORE DELETE ON bilan_section BEGIN SELECT RAISE(IGNORE); END")
    report = RetentionEngine(vault).run(dt.date(2026, 5, 30), NOW)
    assert report.destroyed == [] and report.pending == ["BC-2026-0001"]
    assert vault.conn.execute("SELECT count(*) FROM destruction_register").fetchone()[0] == 0


def test_backup_key_is_argon2id_with_parameters_in_the_file(vault, tmp_path):
    from tests.conftest import FAST_KDF
    target = tmp_path / "b.bilanbak"
    write_backup(vault, target, SECRET, NOW)
    head = target.read_bytes()[:16]
    assert head[:2] == backup_module.SALT_TAG
    assert (head[2], 1 << head[3], head[4]) == (FAST_KDF.time_cost, FAST_KDF.memory_cost, FAST_KDF.parallelism)
    with pytest.raises(Exception):  # SQLCipher's own PBKDF2 on the passphrase does not open it
        open_keyed(target, backup_key_pragmas(target, SECRET)[-1])
    assert os.stat(target).st_mode & 0o777 == 0o600


def test_a_first_format_backup_still_restores(vault, tmp_path):
    """Backups written before Argon2id (SQLCipher's PBKDF2 on the passphrase) stay restorable."""
    fill_bilan(vault, end=dt.date(2026, 6, 30))
    _, original = fingerprint(vault.conn)
    target = tmp_path / "ancienne.bilanbak"
    tmp = tmp_path / "x.tmp"
    backup_module._export(vault.conn, tmp, SECRET, vault.schema_version())
    conn, _ = open_keyed(tmp, backup_key_pragmas(tmp, SECRET)[-1])
    counts, content_hash = fingerprint(conn)
    import json
    conn.execute(f"CREATE TABLE {backup_module.MANIFEST_TABLE} (schema_version INTEGER NOT NULL, created_at TEXT NOT "
                 "NULL, row_counts TEXT NOT NULL, content_hash TEXT NOT NULL, app_version TEXT NOT NULL)")
    conn.execute(f"INSERT INTO {backup_module.MANIFEST_TABLE} VALUES (?, ?, ?, ?, ?)",
                 (vault.schema_version(), NOW.isoformat(), json.dumps(counts), content_hash, "0.1.0"))
    conn.close()
    os.replace(tmp, target)
    vault.conn.execute("DELETE FROM bilan_section")
    restore_backup(vault, target, SECRET, NOW)
    assert fingerprint(vault.conn)[1] == original


def test_verification_compares_content_not_only_counts(vault, tmp_path):
    fill_bilan(vault)
    target = tmp_path / "b.bilanbak"
    write_backup(vault, target, SECRET, NOW)
    conn, _ = open_keyed(target, backup_key_pragmas(target, SECRET)[0])
    conn.execute("UPDATE beneficiary SET nom = 'Autre'")  # same row counts, other content
    conn.close()
    with pytest.raises(BackupInvalid):
        verify_backup(target, SECRET)


def test_a_backup_never_holds_content_already_due(vault, tmp_path):
    fill_bilan(vault, end=dt.date(2026, 5, 29))
    target = tmp_path / "b.bilanbak"
    write_backup(vault, target, SECRET, dt.datetime(2026, 6, 1, 9))  # the end has passed, no agreement
    conn, _ = open_keyed(target, backup_key_pragmas(target, SECRET)[0])
    assert content_rows(conn) == 0
    conn.close()


@pytest.mark.parametrize("name", ["coffre.db", "coffre.key", "nouvelle.bilanbak", "sous/dossier.bilanbak"])
def test_a_backup_aimed_at_the_vault_is_refused(vault, name):
    before = {p.name: sha(p) for p in vault.folder.iterdir() if p.is_file()}
    with pytest.raises(BackupInvalid) as info:
        write_backup(vault, vault.folder / name, SECRET, NOW)
    assert "dossier du coffre" in info.value.user_message
    assert {p.name: sha(p) for p in vault.folder.iterdir() if p.is_file()} == before


def test_a_hard_link_or_symlink_to_a_vault_file_is_refused(vault, tmp_path):
    link = tmp_path / "lien.bilanbak"
    os.link(vault.db_path, link)
    with pytest.raises(BackupInvalid):
        check_backup_target(link, vault.folder)
    sym = tmp_path / "sym.bilanbak"
    sym.symlink_to(vault.key_path)
    with pytest.raises(BackupInvalid):
        check_backup_target(sym, vault.folder)


KILL_SWAP = """
import os, signal, sys, datetime as dt
from pathlib import Path
from bilan_desktop.storage.vault import Vault
from bilan_desktop.storage import vault as vault_module, atomic
from bilan_desktop.storage.backup import restore_backup
from tests.conftest import FAST_KDF
from bilan_desktop.storage import keyfile
keyfile.DEFAULT_KDF = FAST_KDF
target = int(sys.argv[3]); calls = [0]
def deadly(real):
    def wrapper(*args, **kwargs):
        calls[0] += 1
        if calls[0] == target:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return wrapper
vault_module.os.replace = deadly(os.replace)
vault_module.os.link = deadly(os.link)
atomic.os.replace = deadly(atomic.os.replace)
atomic.os.fsync = deadly(os.fsync)
v = Vault(Path(sys.argv[1])); v.unlock(sys.argv[4])
restore_backup(v, Path(sys.argv[2]), sys.argv[5], dt.datetime(2026, 6, 1, 9))
print("done", calls[0], flush=True)
"""


@pytest.mark.slow
def test_a_kill_at_any_step_of_the_restore_swap_leaves_a_vault_that_opens(vault, tmp_path):
    from tests.unit.test_backup import fill
    fill(vault, 3)
    target = tmp_path / "b.bilanbak"
    write_backup(vault, target, SECRET, NOW)
    _, restored_hash = fingerprint(vault.conn)
    fill(vault, 2)  # the current vault differs from the backup
    _, current_hash = fingerprint(vault.conn)
    vault.lock()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([os.getcwd(), os.environ.get("PYTHONPATH", "")])}
    outcomes = {"old": 0, "new": 0}
    step = 1
    while True:
        folder = tmp_path / f"k{step}"
        shutil.copytree(vault.folder, folder)
        result = subprocess.run([sys.executable, "-c", KILL_SWAP, str(folder), str(target), str(step), PASSPHRASE,
                                 SECRET], capture_output=True, text=True, env=env, timeout=120)
        check = Vault(folder)
        check.unlock(PASSPHRASE)  # never « incomplet », never unopenable
        _, found = fingerprint(check.conn)
        assert found in (current_hash, restored_hash)
        outcomes["new" if check.conn.execute("SELECT count(*) FROM bilan").fetchone()[0] == 3 else "old"] += 1
        check.lock()
        assert not (folder / "coffre.db.avant-restauration").exists()  # tidied at the next open
        if result.returncode == 0:
            break
        assert result.returncode == -signal.SIGKILL, result.stderr[-2000:]
        step += 1
    print(outcomes, step)
    assert outcomes["old"] and outcomes["new"] and step > 4
