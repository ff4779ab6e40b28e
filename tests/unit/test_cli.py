"""The command line, run as a real process (passphrases on stdin)."""

import hashlib
import os
import subprocess
import sys

import pytest

from bilan_desktop import __version__
from bilan_desktop.storage.migrations import CURRENT_VERSION

PASS = "lampion quinoa marmotte du terminal"
BACKUP_PASS = "lampion quinoa marmotte de la copie"


def cli(*args, stdin="", data_dir=None):
    command = [sys.executable, "-m", "bilan_desktop", *args]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    return subprocess.run(command, input=stdin, capture_output=True, text=True, env=os.environ.copy(), timeout=60)


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_version_and_help():
    result = cli("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"Bilan Desktop {__version__}"
    result = cli("--help")
    assert result.returncode == 0
    for word in ("init", "check", "list", "backup", "restore", "--data-dir", "codes de sortie"):
        assert word in result.stdout
    assert cli("inconnue").returncode == 2


def test_init_check_list_backup_restore(tmp_path):
    folder = tmp_path / "coffre"
    result = cli("init", stdin=PASS + "\n", data_dir=folder)
    assert result.returncode == 0, result.stderr
    code = result.stdout.strip().splitlines()[-1]
    assert len(code) == 35 and code.count("-") == 5
    assert cli("init", stdin=PASS + "\n", data_dir=folder).returncode == 4  # never overwritten

    check = cli("check", stdin=PASS + "\n", data_dir=folder)
    assert check.returncode == 0, check.stderr
    assert "Intégrité : OK" in check.stdout and "HMAC_SHA512" in check.stdout
    assert f"Version du schéma : {CURRENT_VERSION}" in check.stdout

    listed = cli("list", stdin=PASS + "\n", data_dir=folder)
    assert listed.returncode == 0 and "0 bilan" in listed.stderr

    backup = tmp_path / "copie.bilanbak"
    result = cli("backup", str(backup), stdin=f"{PASS}\n{BACKUP_PASS}\n", data_dir=folder)
    assert result.returncode == 0, result.stderr
    assert backup.exists()
    result = cli("restore", str(backup), stdin=f"{PASS}\nmauvais mot de passe\n", data_dir=folder)
    assert result.returncode == 6
    result = cli("restore", str(backup), stdin=f"{PASS}\n{BACKUP_PASS}\n", data_dir=folder)
    assert result.returncode == 0, result.stderr


def test_wrong_passphrase_and_missing_vault_exit_codes(tmp_path):
    folder = tmp_path / "coffre"
    assert cli("check", stdin=PASS + "\n", data_dir=folder).returncode == 4
    cli("init", stdin=PASS + "\n", data_dir=folder)
    before = sha(folder / "coffre.db")
    result = cli("list", stdin="pas le bon mot de passe\n", data_dir=folder)
    assert result.returncode == 3
    assert "Mot de passe incorrect ou fichier endommagé" in result.stderr
    assert "Traceback" not in result.stderr
    assert sha(folder / "coffre.db") == before
    assert cli("init", stdin="court\n", data_dir=tmp_path / "autre").returncode == 2


def test_second_instance_is_refused_with_a_clear_message(tmp_path):
    from bilan_desktop.instance_lock import InstanceLock
    folder = tmp_path / "coffre"
    cli("init", stdin=PASS + "\n", data_dir=folder)
    lock = InstanceLock(folder / "coffre.lock")
    assert lock.acquire()
    try:
        result = cli("check", stdin=PASS + "\n", data_dir=folder)
        assert result.returncode == 5
        assert "déjà ouvert" in result.stderr
    finally:
        lock.release()
    assert cli("check", stdin=PASS + "\n", data_dir=folder).returncode == 0


@pytest.mark.parametrize("args", [["list"], ["check"]])
def test_data_dir_defaults_to_the_platform_folder(args, tmp_path):
    result = cli("init", stdin=PASS + "\n")
    assert result.returncode == 0
    data_home = os.environ["XDG_DATA_HOME"]
    assert os.path.exists(os.path.join(data_home, "bilan-desktop", "coffre.db"))
    assert cli(*args, stdin=PASS + "\n").returncode == 0


def test_backup_deletes_an_older_backup_holding_destroyed_content(tmp_path):
    """Issue 19, point 8: on the command line too, a backup made before a destruction goes once a newer one exists."""
    import datetime as dt

    from bilan_desktop.storage.vault import Vault
    folder = tmp_path / "coffre"
    cli("init", stdin=PASS + "\n", data_dir=folder)
    first, second = tmp_path / "avant.bilanbak", tmp_path / "apres.bilanbak"
    assert cli("backup", str(first), stdin=f"{PASS}\n{BACKUP_PASS}\n", data_dir=folder).returncode == 0
    vault = Vault(folder)
    vault.unlock(PASS)
    try:
        made = dt.datetime.fromisoformat(vault.conn.execute("SELECT created_at FROM backup_log").fetchone()[0])
        with vault.transaction() as conn:  # a destruction recorded just after the first backup
            conn.execute("INSERT INTO destruction_register (bilan_id, reference, destroyed_on, legal_basis, categories, "
                         "recorded_at) VALUES (NULL, 'BC-2026-0001', ?, 'art. R6313-7', '[\"contenu\"]', ?)",
                         (made.date().isoformat(), (made + dt.timedelta(microseconds=1)).isoformat()))
    finally:
        vault.lock()
    result = cli("backup", str(second), stdin=f"{PASS}\n{BACKUP_PASS}\n", data_dir=folder)
    assert result.returncode == 0, result.stderr
    assert "1 ancienne sauvegarde supprimée (règle de conservation des sauvegardes)." in result.stdout
    assert not first.exists() and second.exists()
