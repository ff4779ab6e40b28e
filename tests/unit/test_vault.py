import hashlib
import os
import sqlite3
import unicodedata

import pytest
import sqlcipher3

from bilan_desktop.storage.errors import (NewerSchema, VaultAlreadyExists, VaultIncomplete, VaultMissing,
                                          WeakPassphrase, WrongKeyOrDamaged)
from bilan_desktop.storage.migrations import CURRENT_VERSION
from bilan_desktop.storage.vault import Vault, VaultState, raw_key_pragma
from tests.conftest import PASSPHRASE


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_cipher_settings_are_pinned(vault):
    settings = vault.cipher_settings()
    assert settings["cipher_version"].startswith("4.")
    assert settings["cipher_hmac_algorithm"] == "HMAC_SHA512"
    assert settings["cipher_kdf_algorithm"] == "PBKDF2_HMAC_SHA512"
    assert settings["cipher_page_size"] == "4096"
    assert settings["cipher_use_hmac"] == "1"
    assert settings["temp_store"] == "2"  # MEMORY: FILE spilled plaintext temp tables
    assert settings["secure_delete"] == "1"
    assert vault.check() == []
    assert vault.schema_version() == CURRENT_VERSION


def test_vault_file_is_not_plain_sqlite(vault):
    header = vault.db_path.read_bytes()[:16]
    assert header != b"SQLite format 3\x00"
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(vault.db_path).execute("SELECT * FROM sqlite_master").fetchall()


def test_lock_and_unlock(vault):
    vault.conn.execute("INSERT INTO beneficiary (nom, prenom, created_at, updated_at) VALUES ('Zoé', 'A', 'x', 'x')")
    vault.lock()
    assert not vault.is_open
    vault.unlock(PASSPHRASE)
    assert vault.conn.execute("SELECT nom FROM beneficiary").fetchone()[0] == "Zoé"


@pytest.mark.parametrize("passphrase", [
    "l'apostrophe \"et\" les guillemets ''",
    "Éléphant à l'œil brûlé, marmotte ¿",
    "girafe lampion escalier brume " * 7,
    "'; DROP TABLE bilan; -- marmotte",
])
def test_unusual_passphrases_open_the_vault(tmp_path, passphrase):
    v = Vault(tmp_path / "v")
    v.create(passphrase)
    v.lock()
    v.unlock(passphrase)
    assert v.check() == []
    v.lock()


def test_nfd_and_nfc_forms_open_the_same_vault(tmp_path):
    nfc = unicodedata.normalize("NFC", "mot de passe accentué é è, girafe quinoa")
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfc != nfd
    v = Vault(tmp_path / "v")
    v.create(nfd)
    v.lock()
    v.unlock(nfc)
    v.lock()
    v.unlock(nfd)
    v.lock()


def test_short_passphrase_refused_and_nothing_created(tmp_path):
    v = Vault(tmp_path / "v")
    with pytest.raises(WeakPassphrase):
        v.create("trop court")
    assert v.state() is VaultState.ABSENT


def test_existing_vault_is_never_overwritten(vault):
    before = sha(vault.db_path), sha(vault.key_path)
    with pytest.raises(VaultAlreadyExists):
        Vault(vault.folder).create("une autre girafe quinoa lampion")
    assert (sha(vault.db_path), sha(vault.key_path)) == before


def test_wrong_passphrase_leaves_files_untouched(vault):
    vault.lock()
    before = sha(vault.db_path), sha(vault.key_path)
    with pytest.raises(WrongKeyOrDamaged) as info:
        vault.unlock("pas le bon mot de passe")
    assert info.value.user_message == "Mot de passe incorrect ou fichier endommagé."
    assert (sha(vault.db_path), sha(vault.key_path)) == before


def _plain_sqlite(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES ('clair')")
    conn.commit()
    conn.close()


def _foreign_vault(path):
    conn = sqlcipher3.connect(str(path))
    conn.execute(raw_key_pragma(os.urandom(32)))
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("make", ["plain", "random", "empty", "foreign", "flipped"])
def test_not_our_file_is_refused_and_unchanged(vault, make):
    vault.lock()
    path = vault.db_path
    if make == "plain":
        path.unlink()
        _plain_sqlite(path)
    elif make == "random":
        path.write_bytes(os.urandom(8192))
    elif make == "empty":
        path.write_bytes(b"")
    elif make == "foreign":
        path.unlink()
        _foreign_vault(path)
    elif make == "flipped":
        data = bytearray(path.read_bytes())
        data[100] ^= 0x01
        path.write_bytes(bytes(data))
    before = sha(path), path.stat().st_size
    with pytest.raises(WrongKeyOrDamaged):
        vault.unlock(PASSPHRASE)
    assert (sha(path), path.stat().st_size) == before
    assert sorted(p.name for p in vault.folder.iterdir()) == ["coffre.db", "coffre.key"]


def test_missing_or_incomplete_vault(tmp_path, vault):
    with pytest.raises(VaultMissing):
        Vault(tmp_path / "nothing").unlock(PASSPHRASE)
    vault.lock()
    key_bytes = vault.key_path.read_bytes()
    vault.key_path.unlink()
    assert vault.state() is VaultState.INCOMPLETE
    with pytest.raises(VaultIncomplete):
        vault.unlock(PASSPHRASE)
    with pytest.raises(VaultAlreadyExists):
        vault.create("une nouvelle girafe quinoa lampion")
    vault.key_path.write_bytes(key_bytes)
    vault.unlock(PASSPHRASE)


def test_change_passphrase_only_rewraps_the_key(vault):
    vault.lock()
    db_before = sha(vault.db_path)
    vault.change_passphrase(PASSPHRASE, "la nouvelle girafe du lampion quinoa")
    assert sha(vault.db_path) == db_before
    with pytest.raises(WrongKeyOrDamaged):
        vault.unlock(PASSPHRASE)
    vault.unlock("la nouvelle girafe du lampion quinoa")
    with pytest.raises(WrongKeyOrDamaged):
        vault.change_passphrase("faux mot de passe", "encore une toute autre girafe quinoa")


def test_recovery_code_opens_and_sets_a_new_passphrase(tmp_path):
    v = Vault(tmp_path / "v")
    code = v.create(PASSPHRASE)
    v.lock()
    with pytest.raises(WrongKeyOrDamaged):
        v.unlock_with_recovery("ABCDE-ABCDE-ABCDE-ABCDE-ABCDE-ABCDE", "la nouvelle girafe du lampion quinoa")
    v.unlock_with_recovery(code.lower(), "la nouvelle girafe du lampion quinoa")
    assert v.is_open
    v.lock()
    v.unlock("la nouvelle girafe du lampion quinoa")
    v.lock()
    with pytest.raises(WrongKeyOrDamaged):
        v.unlock(PASSPHRASE)
    v.unlock_with_recovery(code, "et encore une autre girafe quinoa")  # the code stays valid


def test_newer_schema_is_refused_and_untouched(vault):
    vault.conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    vault.lock()
    before = sha(vault.db_path)
    with pytest.raises(NewerSchema):
        vault.unlock(PASSPHRASE)
    assert sha(vault.db_path) == before


def test_transaction_rolls_back_on_error(vault):
    with pytest.raises(RuntimeError):
        with vault.transaction() as conn:
            conn.execute("INSERT INTO beneficiary (nom, prenom, created_at, updated_at) VALUES ('A','B','x','x')")
            raise RuntimeError("boom")
    assert vault.conn.execute("SELECT count(*) FROM beneficiary").fetchone()[0] == 0
