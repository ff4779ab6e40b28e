import datetime as dt
import hashlib
import signal
import subprocess
import sys
import time

import pytest

from bilan_desktop.domain.beneficiary import Beneficiary
from bilan_desktop.domain.funding import Funding
from bilan_desktop.storage.backup import (MANIFEST_TABLE, backup_key_pragmas, fingerprint, open_backup, restore_backup,
                                          verify_backup, write_backup)
from bilan_desktop.storage.bilans import BilanRepository
from bilan_desktop.storage.errors import BackupInvalid, WeakPassphrase
from bilan_desktop.storage.migrations import CURRENT_VERSION
from bilan_desktop.storage.vault import open_keyed
from tests.conftest import PASSPHRASE

NOW = dt.datetime(2026, 11, 26, 10, 0)
SECRET = "marmotte quinoa lampion de la sauvegarde"


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fill(vault, count=3):
    repo = BilanRepository(vault)
    for i in range(count):
        repo.create(Beneficiary(f"Nom{i}", "Élodie", dt.date(1980, 1, 1 + i % 28), f"p{i}@exemple.fr"),
                    Funding.CPF, NOW)


def test_round_trip_gives_identical_content(vault, tmp_path):
    fill(vault)
    _, original = fingerprint(vault.conn)
    target = tmp_path / "sauvegarde.bilanbak"
    manifest = write_backup(vault, target, SECRET, NOW)
    assert manifest.content_hash == original and manifest.row_counts["beneficiary"] == 3 and manifest.row_counts["bilan"] == 3
    assert manifest.schema_version == CURRENT_VERSION
    assert not list(tmp_path.glob("*.tmp"))
    vault.conn.execute("DELETE FROM bilan")
    vault.conn.execute("DELETE FROM beneficiary")
    restored = restore_backup(vault, target, SECRET, NOW)
    assert fingerprint(vault.conn)[1] == original == restored.content_hash
    assert not vault.conn.execute(f"SELECT name FROM sqlite_master WHERE name = '{MANIFEST_TABLE}'").fetchall()
    vault.lock()
    vault.unlock(PASSPHRASE)  # the vault kept its own key and passphrase
    assert fingerprint(vault.conn)[1] == original
    assert sorted(p.name for p in vault.folder.iterdir()) == ["coffre.db", "coffre.key"]


def test_backup_is_encrypted_and_needs_its_passphrase(vault, tmp_path):
    fill(vault)
    target = tmp_path / "b.bilanbak"
    write_backup(vault, target, SECRET, NOW)
    data = target.read_bytes()
    assert b"Nom1" not in data and "Élodie".encode() not in data and not data.startswith(b"SQLite format")
    with pytest.raises(WeakPassphrase):
        write_backup(vault, tmp_path / "c.bilanbak", "court", NOW)


@pytest.mark.parametrize("secret", ["l'apostrophe \"guillemets\" ''", "éléphant où ça ? œuvre naïve, marmotte",
                                    "girafe lampion escalier brume " * 7])
def test_unusual_backup_passphrases(vault, tmp_path, secret):
    import unicodedata
    fill(vault, 1)
    target = tmp_path / "b.bilanbak"
    write_backup(vault, target, unicodedata.normalize("NFD", secret), NOW)
    verify_backup(target, unicodedata.normalize("NFC", secret))


def _refused(vault, backup, secret=SECRET):
    before = sha(vault.db_path)
    with pytest.raises(BackupInvalid) as info:
        restore_backup(vault, backup, secret, NOW)
    assert sha(vault.db_path) == before
    assert sorted(p.name for p in vault.folder.iterdir()) == ["coffre.db", "coffre.key"]
    return info.value.user_message


@pytest.fixture
def backup_file(vault, tmp_path):
    fill(vault, 20)
    target = tmp_path / "b.bilanbak"
    write_backup(vault, target, SECRET, NOW)
    vault.conn.execute("DELETE FROM bilan WHERE id > 10")  # the current vault differs from the backup
    return target


def test_wrong_passphrase_refused(vault, backup_file):
    assert "Mot de passe incorrect" in _refused(vault, backup_file, "pas le bon mot de passe")


@pytest.mark.parametrize("offset", [0, 5000, -100])
def test_tampered_backup_refused(vault, backup_file, offset):
    data = bytearray(backup_file.read_bytes())
    data[offset] ^= 0x40
    backup_file.write_bytes(bytes(data))
    _refused(vault, backup_file)


@pytest.mark.parametrize("keep", [0, 4096, 0.5])
def test_truncated_backup_refused(vault, backup_file, keep):
    data = backup_file.read_bytes()
    size = int(len(data) * keep) if isinstance(keep, float) else keep
    backup_file.write_bytes(data[:size])
    _refused(vault, backup_file)


def test_missing_file_refused(vault, tmp_path):
    assert "introuvable" in _refused(vault, tmp_path / "absent.bilanbak")


def test_backup_whose_manifest_does_not_match_is_refused(vault, backup_file):
    conn, _ = open_keyed(backup_file, backup_key_pragmas(backup_file, SECRET)[0])
    conn.execute("DELETE FROM beneficiary WHERE id = 1")
    conn.close()
    _refused(vault, backup_file)


def test_backup_from_a_newer_schema_is_refused(vault, backup_file):
    conn, _ = open_keyed(backup_file, backup_key_pragmas(backup_file, SECRET)[0])
    conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    conn.execute(f"UPDATE {MANIFEST_TABLE} SET schema_version = {CURRENT_VERSION + 1}")
    conn.close()
    assert "plus récente" in _refused(vault, backup_file)


def test_backup_killed_midway_never_exists_under_its_final_name(vault, tmp_path):
    fill(vault, 400)
    key_hex = vault.raw_key.hex()
    vault.lock()
    script = (
        "import sys, datetime as dt\n"
        "from pathlib import Path\n"
        "from bilan_desktop.storage.vault import Vault\n"
        "from bilan_desktop.storage.backup import write_backup\n"
        "v = Vault(Path(sys.argv[1])); v.open_with_key(bytes.fromhex(sys.argv[2]))\n"
        "print('start', flush=True)\n"
        "write_backup(v, Path(sys.argv[3]), sys.argv[4], dt.datetime(2026, 11, 26))\n"
        "print('done', flush=True)\n")
    outcomes = {"absent": 0, "complete": 0}
    for attempt in range(12):
        target = tmp_path / f"kill{attempt}.bilanbak"
        proc = subprocess.Popen([sys.executable, "-c", script, str(vault.folder), key_hex, str(target), SECRET],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "start"
        time.sleep(0.03 * attempt)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if target.exists():
            verify_backup(target, SECRET)  # anything under the final name is complete and verified
            outcomes["complete"] += 1
        else:
            outcomes["absent"] += 1
    print(outcomes)
    assert outcomes["absent"] >= 1, outcomes  # the kill did land midway at least once


def test_open_backup_is_read_only(vault, backup_file):
    before = sha(backup_file)
    with open_backup(backup_file, SECRET) as conn:
        with pytest.raises(Exception):
            conn.execute("DELETE FROM bilan")
    assert sha(backup_file) == before
