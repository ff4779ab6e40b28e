"""The vault: the one owner of the SQLCipher connection (DESIGN.md §4, §5).

Files in the data folder: `coffre.db` (SQLCipher, keyed with a random raw 256-bit key) and
`coffre.key` (that key wrapped under the passphrase and under the recovery code). A vault that fails
to open is never recreated, rewritten or migrated: it is left byte-for-byte as it was.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from enum import Enum
from pathlib import Path

import sqlcipher3

from ..paths import KEY_FILE, VAULT_FILE
from .atomic import fsync_dir, replace_durably, temp_name
from .errors import (MigrationFailed, NewerSchema, VaultAlreadyExists, VaultIncomplete, VaultLocked, VaultMissing,
                     WrongKeyOrDamaged)
from . import keyfile as keyfile_module
from .keyfile import KdfParams, KeyFile, check_new_passphrase, new_recovery_code
from .migrations import APPLICATION_ID, CURRENT_VERSION, migrate

DatabaseError = sqlcipher3.DatabaseError


class VaultState(Enum):
    ABSENT = "absent"
    COMPLETE = "complete"
    INCOMPLETE = "incomplete"


def raw_key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def quote_passphrase(passphrase: str) -> str:
    """A PRAGMA takes no bound parameter: double every single quote."""
    return "'" + passphrase.replace("'", "''") + "'"


def configure(conn) -> None:
    """Connection settings, applied after the key has been checked."""
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA temp_store = MEMORY")  # FILE spilled plaintext temp tables to disk
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")


def open_keyed(path: Path, key_pragma: str, *, read_only: bool = False):
    """Open a SQLCipher file and prove the key with a first read. Returns (conn, user_version)."""
    uri = path.resolve().as_uri() + ("?mode=ro" if read_only else "")
    conn = sqlcipher3.connect(uri, uri=True, isolation_level=None)
    try:
        conn.execute(key_pragma)
        conn.execute("PRAGMA cipher_compatibility = 4")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except DatabaseError as exc:
        conn.close()
        raise WrongKeyOrDamaged() from exc
    if app_id != APPLICATION_ID:  # a 0-byte or foreign file: never taken for a fresh vault
        conn.close()
        raise WrongKeyOrDamaged()
    if version > CURRENT_VERSION:
        conn.close()
        raise NewerSchema()
    return conn, version


class Vault:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.db_path = self.folder / VAULT_FILE
        self.key_path = self.folder / KEY_FILE
        self._conn = None
        self._key: bytes | None = None

    # -- state -------------------------------------------------------------------------------
    def state(self) -> VaultState:
        db, key = self.db_path.exists(), self.key_path.exists()
        if db and key:
            return VaultState.COMPLETE
        if db or key:
            return VaultState.INCOMPLETE
        return VaultState.ABSENT

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    @property
    def conn(self):
        if self._conn is None:
            raise VaultLocked()
        return self._conn

    @property
    def raw_key(self) -> bytes:
        if self._key is None:
            raise VaultLocked()
        return self._key

    # -- create / unlock / lock ----------------------------------------------------------------
    def create(self, passphrase: str, kdf: KdfParams | None = None) -> str:
        """Create a new vault and open it. Returns the recovery code, to be shown once."""
        check_new_passphrase(passphrase)
        if self.state() is not VaultState.ABSENT:
            raise VaultAlreadyExists()
        self.folder.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        code = new_recovery_code()
        keyfile = KeyFile.create(key, passphrase, code, kdf or keyfile_module.DEFAULT_KDF)
        tmp = temp_name(self.db_path)
        tmp.unlink(missing_ok=True)
        conn = sqlcipher3.connect(str(tmp), isolation_level=None)
        try:
            conn.execute(raw_key_pragma(key))
            conn.execute("PRAGMA cipher_compatibility = 4")
            configure(conn)
            migrate(conn)
        finally:
            conn.close()
        if self.state() is not VaultState.ABSENT:  # someone else created one meanwhile
            tmp.unlink(missing_ok=True)
            raise VaultAlreadyExists()
        keyfile.save(self.key_path)
        replace_durably(tmp, self.db_path)
        self._open_with_key(key)
        return code

    def _check_present(self) -> None:
        state = self.state()
        if state is VaultState.ABSENT:
            raise VaultMissing()
        if state is VaultState.INCOMPLETE:
            raise VaultIncomplete()

    def load_keyfile(self) -> KeyFile:
        self._check_present()
        return KeyFile.load(self.key_path)

    def unlock(self, passphrase: str) -> None:
        key = self.load_keyfile().unwrap_passphrase(passphrase)
        self._open_with_key(key)

    def unlock_with_recovery(self, code: str, new_passphrase: str) -> None:
        """Open with the recovery code and set a new passphrase (the key itself is unchanged)."""
        check_new_passphrase(new_passphrase)
        keyfile = self.load_keyfile()
        key = keyfile.unwrap_recovery(code)
        self._open_with_key(key)
        keyfile.set_passphrase(new_passphrase, key)
        keyfile.save(self.key_path)

    def change_passphrase(self, current: str, new: str) -> None:
        check_new_passphrase(new)
        keyfile = self.load_keyfile()
        key = keyfile.unwrap_passphrase(current)
        keyfile.set_passphrase(new, key)
        keyfile.save(self.key_path)

    def open_with_key(self, key: bytes) -> None:
        """For recovery tools and tests that already hold the raw key."""
        self._check_present()
        self._open_with_key(key)

    def _open_with_key(self, key: bytes) -> None:
        self.lock()
        conn, _version = open_keyed(self.db_path, raw_key_pragma(key))
        try:
            configure(conn)
            migrate(conn)
        except Exception as exc:
            conn.close()
            raise MigrationFailed() from exc
        self._conn, self._key = conn, key

    def lock(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(DatabaseError):
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
            self._conn.close()
        self._conn = None
        self._key = None

    # -- transactions and checks ---------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self):
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def check(self) -> list[str]:
        """Cipher (HMAC of every page) and SQLite integrity. Empty list when all is well."""
        problems = [row[0] for row in self.conn.execute("PRAGMA cipher_integrity_check")]
        problems += [row[0] for row in self.conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
        return problems

    def cipher_settings(self) -> dict[str, str]:
        names = ("cipher_version", "cipher_page_size", "cipher_hmac_algorithm", "cipher_kdf_algorithm",
                 "kdf_iter", "cipher_use_hmac", "temp_store", "secure_delete", "journal_mode")
        return {name: str(self.conn.execute(f"PRAGMA {name}").fetchone()[0]) for name in names}

    def swap_in(self, new_db: Path) -> None:
        """Replace the open vault's file by `new_db` (keyed with the same key), keeping the current
        file aside until the new one is in place and has opened; then reopen."""
        key = self.raw_key
        self.lock()
        aside = self.db_path.with_name(self.db_path.name + ".avant-restauration")
        os.replace(self.db_path, aside)
        try:
            replace_durably(new_db, self.db_path)
            self._open_with_key(key)
        except BaseException:
            self.lock()
            os.replace(aside, self.db_path)
            fsync_dir(self.folder)
            self._open_with_key(key)
            raise
        aside.unlink()
        fsync_dir(self.folder)

