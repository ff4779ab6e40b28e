"""The vault: the one owner of the SQLCipher connection (DESIGN.md §4, §5).

Files in the data folder: `coffre.db` (SQLCipher, keyed with a random raw 256-bit key) and
`coffre.key` (that key wrapped under the passphrase and under the recovery code). A vault that fails
to open is never recreated, rewritten or migrated: it is left byte-for-byte as it was.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from enum import Enum
from pathlib import Path

import sqlcipher3

from ..paths import KEY_FILE, VAULT_FILE
from . import keyfile as keyfile_module
from .atomic import create_exclusive, fsync_dir, replace_durably, temp_name
from .errors import (
    MigrationFailed,
    NewerSchema,
    VaultAlreadyExists,
    VaultDamaged,
    VaultIncomplete,
    VaultLocked,
    VaultMissing,
    WrongKeyOrDamaged,
)
from .keychange import KeyChange
from .keyfile import KdfParams, KeyFile, Unwrapped, check_new_passphrase, new_recovery_code
from .migrations import APPLICATION_ID, CURRENT_VERSION, migrate

DatabaseError = sqlcipher3.DatabaseError


class VaultState(Enum):
    ABSENT = "absent"
    COMPLETE = "complete"
    INCOMPLETE = "incomplete"


def raw_key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def raw_rekey_pragma(key: bytes) -> str:
    return f"PRAGMA rekey = \"x'{key.hex()}'\""


def quote_passphrase(passphrase: str) -> str:
    """A PRAGMA takes no bound parameter: double every single quote."""
    return "'" + passphrase.replace("'", "''") + "'"


def quiet(conn) -> None:
    """SQLCipher writes `ERROR CORE … hmac check failed` lines to stderr by default: the application says what
    went wrong itself, in French, once."""
    conn.execute("PRAGMA cipher_log_level = NONE")


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
        quiet(conn)
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


class Vault(KeyChange):
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.db_path = self.folder / VAULT_FILE
        self.key_path = self.folder / KEY_FILE
        self._conn = None
        self._key: bytes | None = None
        self._wrapping: bytes | None = None  # W, kept while unlocked so that the master key can be rotated

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
    @staticmethod
    def prepare_creation(passphrase: str, kdf: KdfParams | None = None) -> tuple[bytes, str, bytes, KeyFile]:
        """The slow part of `create` (two Argon2id derivations), with no file and no connection touched: it may
        run on a worker thread. Returns (master key, recovery code, wrapping key, key file)."""
        check_new_passphrase(passphrase)
        key, code, wrapping = secrets.token_bytes(32), new_recovery_code(), secrets.token_bytes(32)
        return key, code, wrapping, KeyFile.create(key, passphrase, code, kdf or keyfile_module.DEFAULT_KDF, wrapping)

    def create(self, passphrase: str, kdf: KdfParams | None = None,
               prepared: tuple[bytes, str, bytes, KeyFile] | None = None) -> str:
        """Create a new vault and open it. Returns the recovery code, to be shown once."""
        check_new_passphrase(passphrase)
        if self.state() is not VaultState.ABSENT:
            raise VaultAlreadyExists()
        key, code, wrapping, keyfile = prepared or self.prepare_creation(passphrase, kdf)
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = temp_name(self.db_path)
        tmp.unlink(missing_ok=True)
        create_exclusive(tmp)
        conn = sqlcipher3.connect(str(tmp), isolation_level=None)
        try:
            quiet(conn)
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
        self._wrapping = wrapping
        return code

    def _check_present(self) -> None:
        state = self.state()
        if state is VaultState.ABSENT:
            raise VaultMissing()
        if state is VaultState.INCOMPLETE:
            raise VaultIncomplete()
        if not self.db_path.is_file() or not self.key_path.is_file():
            raise WrongKeyOrDamaged()

    def load_keyfile(self) -> KeyFile:
        self._check_present()
        return KeyFile.load(self.key_path)

    def _open_unwrapped(self, keyfile: KeyFile, unwrapped: Unwrapped) -> bytes:
        """Open with the first master key that works; finish or forget an interrupted rotation."""
        for index, key in enumerate(unwrapped.masters):
            try:
                self._open_with_key(key)
            except WrongKeyOrDamaged:
                continue
            if keyfile.master_next is not None:
                if index == 1:
                    keyfile.promote_master()  # the vault was rekeyed, the key file not yet tidied
                else:
                    keyfile.drop_staged()  # killed before the rekey: the staged key was never used
                keyfile.save(self.key_path)
            return key
        raise VaultDamaged()

    def derive(self, passphrase: str) -> tuple[KeyFile, Unwrapped]:
        """The slow part of `unlock` (Argon2id), with no connection touched: it may run on a worker thread."""
        keyfile = self.load_keyfile()
        return keyfile, keyfile.open_passphrase(passphrase)

    def unlock(self, passphrase: str, derived: tuple[KeyFile, Unwrapped] | None = None) -> None:
        keyfile, unwrapped = derived or self.derive(passphrase)
        key = self._open_unwrapped(keyfile, unwrapped)
        wrapping = unwrapped.wrapping
        if wrapping is None:  # format 1: upgraded now
            wrapping = keyfile.upgrade(passphrase, key)
            keyfile.save(self.key_path)
        self._wrapping = wrapping
        self.finish_key_change()

    def unlock_with_recovery(self, code: str, new_passphrase: str) -> None:
        """Open with the recovery code and set a new passphrase (the code stays valid)."""
        check_new_passphrase(new_passphrase)
        keyfile = self.load_keyfile()
        unwrapped = keyfile.open_recovery(code)
        key = self._open_unwrapped(keyfile, unwrapped)
        wrapping = unwrapped.wrapping
        if wrapping is None:  # a format-1 slot: rebuild the hierarchy around a new W
            wrapping = secrets.token_bytes(32)
            keyfile.set_master(key, wrapping)
            keyfile.set_recovery(code, wrapping)
        keyfile.set_passphrase(new_passphrase, wrapping)
        keyfile.save(self.key_path)
        self._wrapping = wrapping
        self.finish_key_change()

    def change_passphrase(self, current: str, new: str) -> None:
        """Rewraps W under the new passphrase: instant, nothing re-encrypted. See `renew_keys` for the case
        where the old passphrase may have been seen."""
        check_new_passphrase(new)
        keyfile = self.load_keyfile()
        unwrapped = keyfile.open_passphrase(current)
        wrapping = unwrapped.wrapping
        if wrapping is None:
            wrapping = keyfile.upgrade(current, unwrapped.masters[0])
        keyfile.set_passphrase(new, wrapping)
        keyfile.save(self.key_path)
        if self._key is not None:
            self._wrapping = wrapping

    @property
    def needs_recovery_code(self) -> bool:
        """True when the key file no longer holds a usable recovery slot (a format-1 one dropped at a rotation)."""
        return not self.load_keyfile().has_recovery

    def renew_keys(self, passphrase: str) -> str:
        """« Nouveau code de secours »: new W and new master key; the passphrase (checked, possibly the new one)
        and a new recovery code wrap W. Old key files, old codes and old copies of the vault open nothing of
        today's vault any more. Returns the new code, to be shown once."""
        keyfile = self.load_keyfile()
        keyfile.open_passphrase(passphrase)  # proves the passphrase before anything changes
        wrapping = secrets.token_bytes(32)
        code = new_recovery_code()
        current = self.raw_key
        keyfile.slots = {}
        keyfile.set_slot("passphrase", keyfile_module.normalize_passphrase(passphrase).encode("utf-8"), wrapping)
        keyfile.set_recovery(code, wrapping)
        keyfile.set_master(current, wrapping)
        self._wrapping = wrapping
        self._rotate(keyfile)
        return code

    def rotate_master_key(self) -> bool:
        """A fresh random master key (PRAGMA rekey), wrapped under W. Called after every destruction, so that any
        older copy of the vault file no longer opens with today's key file. False when W is unknown (a vault
        opened with a raw key by a recovery tool)."""
        if self._wrapping is None or self._conn is None:
            return False
        self._rotate(self.load_keyfile())
        return True

    def _rotate(self, keyfile: KeyFile) -> None:
        assert self._wrapping is not None
        new_key = secrets.token_bytes(32)
        keyfile.stage_master(new_key, self._wrapping)
        keyfile.save(self.key_path)  # 1. both keys in the file: whichever the vault has, it opens
        self.conn.execute(raw_rekey_pragma(new_key))  # 2. atomic in SQLCipher: all pages or none
        self._key = new_key
        keyfile.promote_master()
        keyfile.save(self.key_path)  # 3. the old key is forgotten (write_bytes_atomic: fsynced)
        self._key_changed()  # 4. only now, the new key durable in both files, is the due key change forgotten

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
        self._tighten_modes()
        aside = self._aside_path()
        if aside.exists():  # a restore was killed after its swap: the new file opened, the old one goes
            with contextlib.suppress(OSError):
                aside.unlink()

    def _tighten_modes(self) -> None:
        """Vaults made by an earlier release (or copied in) may be readable by others: 0700 and 0600."""
        if os.name == "nt":
            return
        for path, mode in ((self.folder, 0o700), (self.db_path, 0o600), (self.key_path, 0o600)):
            with contextlib.suppress(OSError):
                if path.stat().st_mode & 0o077:
                    os.chmod(path, mode)

    def lock(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(DatabaseError):
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
            self._conn.close()
        self._conn = None
        self._key = None
        self._wrapping = None

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
        """Cipher (HMAC of every page) and SQLite integrity, as French sentences. Empty list when all is well."""
        from .integrity import full_check
        return full_check(self.conn)

    def cipher_settings(self) -> dict[str, str]:
        names = ("cipher_version", "cipher_page_size", "cipher_hmac_algorithm", "cipher_kdf_algorithm",
                 "kdf_iter", "cipher_use_hmac", "temp_store", "secure_delete", "journal_mode")
        return {name: str(self.conn.execute(f"PRAGMA {name}").fetchone()[0]) for name in names}

    def _aside_path(self) -> Path:
        return self.db_path.with_name(self.db_path.name + ".avant-restauration")

    def swap_in(self, new_db: Path) -> None:
        """Replace the open vault's file by `new_db` (keyed with the same key). `coffre.db` is always one complete
        file: the current one is kept aside (a hard link, or a copy where links are not possible), the new one
        takes its name in one atomic rename, and the aside copy goes once the new file has opened. A kill at any
        point leaves either the old or the new vault under the name, and the next open tidies up."""
        key, wrapping = self.raw_key, self._wrapping
        self.lock()
        aside = self._aside_path()
        aside.unlink(missing_ok=True)
        try:
            os.link(self.db_path, aside)
        except OSError:
            shutil.copyfile(self.db_path, aside)
        fsync_dir(self.folder)
        try:
            replace_durably(new_db, self.db_path)
            self._open_with_key(key)
        except BaseException:
            self.lock()
            if aside.exists():
                os.replace(aside, self.db_path)
                fsync_dir(self.folder)
            self._open_with_key(key)
            self._wrapping = wrapping
            raise
        aside.unlink(missing_ok=True)
        fsync_dir(self.folder)
        self._wrapping = wrapping
