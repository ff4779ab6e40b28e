"""The command line under hostile or clumsy use: every case gets one French sentence, its documented exit code,
no traceback, no SQLCipher noise, and the vault's files byte-identical (nothing created, nothing lost)."""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bilan_desktop.instance_lock import NO_ACCESS_MESSAGE, InstanceLock
from tests.conftest import PASSPHRASE

BACKUP = "la phrase de la copie de sauvegarde"
SMALL_PAGE = 4096


def snapshot(folder: Path) -> dict:
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir")
            for p in sorted(folder.rglob("*"))}


@pytest.fixture
def data(vault, tmp_path):
    """A vault with a few bilans, locked, its files snapshotted."""
    from tests.unit.test_backup import fill
    fill(vault, 40)
    vault.lock()
    return vault.folder


def run(*args, stdin="", env_extra=None):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "bilan_desktop", *map(str, args)], input=stdin, capture_output=True,
                          text=True, env=env, timeout=60)


def assert_clean(result, code, *words):
    err = result.stderr
    assert result.returncode == code, (result.returncode, err)
    assert "Traceback" not in err and "ERROR" not in err and "error:" not in err and "usage:" not in err, err
    for word in words:
        assert word in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert 1 <= len(lines) <= 2, err  # one sentence (and, for list, its count)


def damage(path: Path, page: int) -> None:
    data = bytearray(path.read_bytes())
    pages = len(data) // SMALL_PAGE
    index = (pages - 1 if page < 0 else page - 1) * SMALL_PAGE + 200
    data[index] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("args,code,word", [
    (["inconnue"], 2, "Commande inconnue"),
    (["backup"], 2, "Argument manquant"),
    (["list", "--bogus"], 2, "Argument inconnu"),
    (["--data-dir"], 2, "attend une valeur"),
])
def test_usage_errors_are_french(args, code, word):
    assert_clean(run(*args), code, word, "--help")


@pytest.mark.parametrize("name", ["coffre.db", "coffre.key", "neuve.bilanbak"])
def test_backup_into_the_vault_is_refused(data, name):
    before = snapshot(data)
    result = run("backup", data / name, "--data-dir", data, stdin=f"{PASSPHRASE}\n{BACKUP}\n")
    assert_clean(result, 6, "dossier du coffre")
    assert snapshot(data) == before


def test_backup_onto_a_hard_link_of_the_vault_is_refused(data, tmp_path):
    os.link(data / "coffre.db", tmp_path / "lien.bilanbak")
    before = snapshot(data)
    assert_clean(run("backup", tmp_path / "lien.bilanbak", "--data-dir", data, stdin=f"{PASSPHRASE}\n{BACKUP}\n"), 6)
    assert snapshot(data) == before


@pytest.mark.parametrize("target", ["un-dossier", "absent/copie.bilanbak"])
def test_backup_to_an_unusable_place(data, tmp_path, target):
    (tmp_path / "un-dossier").mkdir()
    before = snapshot(data)
    result = run("backup", tmp_path / target, "--data-dir", data, stdin=f"{PASSPHRASE}\n{BACKUP}\n")
    assert_clean(result, 9, "Rien n'a été modifié")
    assert snapshot(data) == before and not list(tmp_path.rglob("*.tmp"))


@pytest.mark.parametrize("page", [2, -1])
def test_check_of_a_damaged_page_reports_instead_of_crashing(data, page):
    damage(data / "coffre.db", page)
    before = snapshot(data)
    result = run("check", "--data-dir", data, stdin=PASSPHRASE + "\n")
    assert result.returncode == 7, result.stderr
    assert "Traceback" not in result.stderr and "ERROR" not in result.stderr
    # a damaged data page is found by the check; a damaged schema page stops the opening itself, and the right
    # passphrase (proven by the key file) tells it from a wrong one
    assert "problème" in result.stdout or "Le mot de passe est correct" in result.stderr
    assert snapshot(data) == before


def test_a_damaged_schema_page_is_not_called_a_wrong_passphrase(data):
    damage(data / "coffre.db", 1)
    before = snapshot(data)
    assert_clean(run("check", "--data-dir", data, stdin=PASSPHRASE + "\n"), 7, "Le mot de passe est correct")
    assert_clean(run("check", "--data-dir", data, stdin="une autre phrase de passe\n"), 3, "incorrect")
    assert snapshot(data) == before


def test_list_of_a_damaged_vault(data):
    damage(data / "coffre.db", 2)
    before = snapshot(data)
    assert_clean(run("list", "--data-dir", data, stdin=PASSPHRASE + "\n"), 3, "endommagé")
    assert snapshot(data) == before


@pytest.mark.parametrize("command", ["check", "list", "backup"])
def test_a_missing_folder_is_not_created(tmp_path, command):
    folder = tmp_path / "nulle-part"
    extra = [tmp_path / "c.bilanbak"] if command == "backup" else []
    assert_clean(run(command, *extra, "--data-dir", folder, stdin=PASSPHRASE + "\n"), 4, "Aucun coffre")
    assert not folder.exists()


def test_a_file_where_the_folder_should_be(tmp_path):
    folder = tmp_path / "fichier"
    folder.write_text("x")
    assert_clean(run("list", "--data-dir", folder, stdin=PASSPHRASE + "\n"), 9)
    assert folder.read_text() == "x"


@pytest.mark.parametrize("name", ["coffre.db", "coffre.key"])
def test_a_directory_where_a_vault_file_should_be(data, name):
    (data / name).unlink()
    (data / name).mkdir()
    before = snapshot(data)
    assert_clean(run("list", "--data-dir", data, stdin=PASSPHRASE + "\n"), 3, "endommagé")
    assert snapshot(data) == before


def test_a_missing_key_file(data):
    (data / "coffre.key").unlink()
    before = snapshot(data)
    assert_clean(run("list", "--data-dir", data, stdin=PASSPHRASE + "\n"), 3, "incomplet")
    assert snapshot(data) == before


@pytest.mark.parametrize("stdin", ["mauvaise phrase\n", ""])
def test_wrong_or_no_passphrase(data, stdin):
    before = snapshot(data)
    assert_clean(run("list", "--data-dir", data, stdin=stdin), 3, "Mot de passe incorrect")
    assert snapshot(data) == before


@pytest.mark.parametrize("source", ["absente.bilanbak", "un-dossier"])
def test_restore_from_nothing_usable(data, tmp_path, source):
    (tmp_path / "un-dossier").mkdir()
    before = snapshot(data)
    assert_clean(run("restore", tmp_path / source, "--data-dir", data, stdin=f"{PASSPHRASE}\n{BACKUP}\n"), 6)
    assert snapshot(data) == before


def test_restore_of_a_damaged_backup(data, tmp_path):
    target = tmp_path / "c.bilanbak"
    assert run("backup", target, "--data-dir", data, stdin=f"{PASSPHRASE}\n{BACKUP}\n").returncode == 0
    damage(target, 2)
    before = snapshot(data)
    assert_clean(run("restore", target, "--data-dir", data, stdin=f"{PASSPHRASE}\n{BACKUP}\n"), 6)
    assert snapshot(data) == before


@pytest.mark.parametrize("weak", ["court", "azertyuiop12", "motdepasse12"])
def test_init_refuses_weak_passphrases(tmp_path, weak):
    folder = tmp_path / "neuf"
    assert_clean(run("init", "--data-dir", folder, stdin=weak + "\n"), 2)
    assert not (folder / "coffre.db").exists()


def test_backup_passphrase_policy(data, tmp_path):
    assert_clean(run("backup", tmp_path / "c.bilanbak", "--data-dir", data, stdin=f"{PASSPHRASE}\naaaaaaaaaaaa\n"), 2,
                 "trop facile")


def test_an_unwritable_log_folder_does_not_stop_the_application(data, tmp_path):
    blocker = tmp_path / "etat"
    blocker.write_text("un fichier à la place du dossier des journaux")
    result = run("list", "--data-dir", data, stdin=PASSPHRASE + "\n", env_extra={"XDG_STATE_HOME": str(blocker)})
    assert result.returncode == 0 and "40 bilans" in result.stderr, result.stderr


def test_an_unwritable_folder_is_not_reported_as_in_use(tmp_path):
    blocker = tmp_path / "fichier"
    blocker.write_text("x")
    status = InstanceLock(blocker / "sous" / "coffre.lock").acquire()
    assert not status and not status.in_use and status.message == NO_ACCESS_MESSAGE


def test_a_held_lock_is_reported_as_in_use(tmp_path):
    first = InstanceLock(tmp_path / "coffre.lock")
    assert first.acquire()
    result = run("list", "--data-dir", tmp_path, stdin=PASSPHRASE + "\n")
    assert_clean(result, 5, "déjà ouvert")
    first.release()
    shutil.rmtree(tmp_path / "absent", ignore_errors=True)
