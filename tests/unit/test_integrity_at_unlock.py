"""Issue 19, point 9: damage is noticed at the unlock (a quick check of every page, callable off the GUI thread),
the consultant is told which backup to restore, `list` no longer exits 0 on a damaged vault, and `check` speaks
French only."""

from __future__ import annotations

import re
import threading

import pytest

from bilan_desktop.storage.integrity import damage_message, in_french, quick_check
from tests.conftest import PASSPHRASE
from tests.unit.test_cli_hostile import assert_clean, damage, data, run, snapshot  # noqa: F401 (data: a fixture)

ENGLISH = re.compile(r"\b(failed|verification|missing|from|entries|wrong|never|used|tree|cell|malformed|database|"
                     r"error|row|value|constraint|out|order|reference|should|size|bytes|expected|returns|of|is|in)\b")

SQLITE_LINES = [
    "HMAC verification failed for page 41",
    "page 12 has an invalid size of 1000 bytes (expected 4096 bytes)",
    "*** in database main ***\nPage 5: btreeInitPage() returns error code 11",
    "On tree page 7 cell 3: Rowid 12 out of order",
    "Tree 2 page 9 cell 0: 2nd reference to page 14",
    "row 3 missing from index bilan_reference",
    "wrong # of entries in index seance_bilan",
    "non-unique entry in index bilan_reference",
    "NULL value in bilan.step",
    "CHECK constraint failed in registre",
    "Page 33 is never used",
    "2 of 5 pages missing from overflow list starting at 17",
    "Freelist: size is 3 but should be 4",
    "database disk image is malformed",
    "something SQLite will say one day",
]


@pytest.mark.parametrize("line", SQLITE_LINES)
def test_every_sqlcipher_or_sqlite_line_becomes_a_french_sentence(line):
    parts = [in_french(part) for part in line.splitlines()]
    said = [p for p in parts if p]
    assert said, line
    for sentence in said:
        assert not ENGLISH.search(sentence.lower()), sentence
        assert sentence[0].isupper() and sentence.endswith("."), sentence
    assert in_french("ok") is None


def test_the_quick_check_finds_a_damaged_last_page_from_another_thread(vault):
    from tests.unit.test_backup import fill
    fill(vault, 40)
    key, path = vault.raw_key, vault.db_path
    assert quick_check(path, key) == []
    vault.lock()
    damage(path, -1)
    vault.unlock(PASSPHRASE)  # the vault opens: nothing read so far touches the last page
    found: list = []
    worker = threading.Thread(target=lambda: found.extend(quick_check(path, vault.raw_key)))
    worker.start()
    worker.join()
    assert found and all(line.startswith("Page ") for line in found)
    assert vault.is_open and vault.conn.execute("PRAGMA user_version").fetchone()[0] > 0  # its own connection


def test_the_message_says_which_backup_to_restore():
    text = damage_message(["Page 4 : taille incorrecte (12 octets) ; le fichier est tronqué ou endommagé."])
    assert "restaurez votre sauvegarde la plus récente" in text and "Restaurer une sauvegarde" in text
    named = damage_message(["x."], "sauvegarde-2026-11-30.bilanbak, du 30/11/2026")
    assert "sauvegarde-2026-11-30.bilanbak, du 30/11/2026" in named


@pytest.mark.slow
def test_list_of_a_vault_whose_last_page_is_damaged_does_not_exit_0(data, tmp_path):  # noqa: F811
    import datetime as dt

    from bilan_desktop.storage.backup import write_backup
    from bilan_desktop.storage.vault import Vault
    backup, secret = tmp_path / "veille.bilanbak", "phrase de la sauvegarde de la veille"
    vault = Vault(data)
    vault.unlock(PASSPHRASE)
    write_backup(vault, backup, secret, dt.datetime(2026, 6, 1, 9))
    vault.lock()
    damage(data / "coffre.db", -1)
    before = snapshot(data)
    result = run("list", "--data-dir", data, stdin=PASSPHRASE + "\n")
    assert_clean(result, 3, "Le coffre est endommagé", "restaurez votre sauvegarde la plus récente")
    assert result.stdout == ""  # not a partial list presented as the whole
    assert snapshot(data) == before
    restored = run("restore", backup, "--data-dir", data, stdin=f"{PASSPHRASE}\n{secret}\n")  # the advice works
    assert restored.returncode == 0, restored.stderr
    listed = run("list", "--data-dir", data, stdin=PASSPHRASE + "\n")
    assert listed.returncode == 0 and "40 bilans" in listed.stderr, listed.stderr


@pytest.mark.slow
def test_check_prints_its_findings_in_french(data):  # noqa: F811
    damage(data / "coffre.db", -1)
    result = run("check", "--data-dir", data, stdin=PASSPHRASE + "\n")
    assert result.returncode == 7, result.stderr
    lines = [line.strip() for line in result.stdout.splitlines() if line.startswith("  ")]
    assert lines and any("vérification d'authenticité (HMAC) a échoué" in line for line in lines)
    assert "HMAC verification" not in result.stdout and "failed" not in result.stdout
    assert "malformed" not in result.stdout + result.stderr
