"""The key of a backup file: Argon2id on its own passphrase, with the parameters in the file's first 16 bytes (the
SQLCipher salt, the only part readable without the key); files of the first format (SQLCipher's PBKDF2 on the
passphrase) are still opened. A BackupSecret derives each key once per operation, possibly on a worker thread."""

from __future__ import annotations

import secrets
from pathlib import Path

from . import keyfile as keyfile_module
from .errors import WrongKeyOrDamaged
from .keyfile import KdfParams, normalize_passphrase
from .vault import quote_passphrase

SALT_TAG = b"\xb1\x1a"  # format 2: tag, time_cost, log2(memory KiB), parallelism, then 11 random bytes


def _passphrase_pragma(passphrase: str) -> str:
    return f"PRAGMA key = {quote_passphrase(normalize_passphrase(passphrase))}"


def _new_salt(kdf: KdfParams) -> bytes:
    log2 = kdf.memory_cost.bit_length() - 1
    if 1 << log2 != kdf.memory_cost:
        raise ValueError("memory_cost must be a power of two")
    return SALT_TAG + bytes((kdf.time_cost, log2, kdf.parallelism)) + secrets.token_bytes(11)


def _kdf_of_salt(salt: bytes) -> KdfParams | None:
    """The Argon2id parameters a format-2 salt carries, within the key file's bounds; None for another file."""
    if len(salt) != 16 or not salt.startswith(SALT_TAG) or salt[3] > 40:
        return None
    kdf = KdfParams(salt[2], 1 << salt[3], salt[4])
    try:
        kdf.check_bounds()
    except WrongKeyOrDamaged:
        return None
    return kdf


def _raw_with_salt(passphrase: str, salt: bytes, kdf: KdfParams) -> str:
    key = kdf.derive(normalize_passphrase(passphrase).encode("utf-8"), salt)
    return f"x'{key.hex()}{salt.hex()}'"


def _salt_of(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(16)
    except OSError:
        return b""


class BackupSecret:
    """A backup's passphrase and the keys derived from it, for one operation. Derivation (Argon2id) is the slow
    part: `prepare_write()` or `prepare_read(path)` may run on a worker thread, and the operation then reuses
    the keys instead of deriving them again (a restore would otherwise derive them four times)."""

    def __init__(self, passphrase: str):
        self.passphrase = passphrase
        self._by_salt: dict[bytes, str] = {}
        self._new_salt: bytes | None = None

    def prepare_write(self) -> BackupSecret:
        if self._new_salt is None:
            salt = _new_salt(keyfile_module.DEFAULT_KDF)
            self._by_salt[salt] = _raw_with_salt(self.passphrase, salt, keyfile_module.DEFAULT_KDF)
            self._new_salt = salt
        return self

    def prepare_read(self, path: Path) -> BackupSecret:
        self.pragmas(path)
        return self

    def key_for_writing(self) -> str:
        self.prepare_write()
        assert self._new_salt is not None
        return self._by_salt[self._new_salt]

    def pragmas(self, path: Path) -> list[str]:
        """The PRAGMA key statements to try on a backup file: Argon2id when the file is of format 2, then the
        first format (PBKDF2 on the passphrase)."""
        salt = _salt_of(path)
        kdf = _kdf_of_salt(salt)
        if kdf is not None and salt not in self._by_salt:
            self._by_salt[salt] = _raw_with_salt(self.passphrase, salt, kdf)
        pragmas = [f'PRAGMA key = "{self._by_salt[salt]}"'] if kdf is not None else []
        return pragmas + [_passphrase_pragma(self.passphrase)]


Secret = str | BackupSecret


def as_secret(secret: Secret) -> BackupSecret:
    return secret if isinstance(secret, BackupSecret) else BackupSecret(secret)


def backup_key_pragmas(path: Path, passphrase: str) -> list[str]:
    return BackupSecret(passphrase).pragmas(path)


def is_own_backup(path: Path) -> bool:
    """A backup file this application wrote (format 2): its first bytes carry the tag and bounded parameters."""
    try:
        with open(path, "rb") as handle:
            return _kdf_of_salt(handle.read(16)) is not None
    except OSError:
        return False
