"""The key hierarchy (DESIGN.md §5).

Three levels (format 2):
- the **master key** M keys the SQLCipher vault. It is replaced by a fresh random key after every destruction
  (`Vault.rotate_master_key`), so that an old copy of `coffre.db` (an OS backup, a stray temporary file, a
  rollback journal) no longer opens with today's key file once what it held has been destroyed;
- the **wrapping key** W, random, wraps M (AES-256-GCM). It stays while M changes: rotating M needs neither the
  passphrase nor the recovery code, only the unlocked vault;
- W is wrapped twice: under a key derived from the passphrase by Argon2id, and under one derived from the
  recovery code. Changing the passphrase rewraps W; « Nouveau code de secours » replaces W and M.

During a rotation the new M is written beside the current one (`master_next`) before the vault is rekeyed, then
promoted: a kill at any point leaves a key file that opens the vault (the opener tries both and tidies up).
Format 1 (M wrapped directly by both slots) is still read, and upgraded at the first unlock.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ..domain.passphrase import estimate
from .atomic import write_bytes_atomic
from .errors import WeakPassphrase, WrongKeyOrDamaged

FORMAT = "bilan-desktop-key"
FORMAT_VERSION = 2
LEGACY_VERSION = 1
RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
RECOVERY_LENGTH = 30  # 150 bits, shown as six groups of five


@dataclass(frozen=True)
class KdfParams:
    time_cost: int = 4
    memory_cost: int = 131072  # KiB: 128 MiB
    parallelism: int = 2

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        return hash_secret_raw(
            secret, salt, time_cost=self.time_cost, memory_cost=self.memory_cost,
            parallelism=self.parallelism, hash_len=32, type=Type.ID,
        )


    def check_bounds(self) -> None:
        """Parameters read from a file: a tampered file must not ask for terabytes, nor for no work at all."""
        if not (KDF_BOUNDS["time_cost"][0] <= self.time_cost <= KDF_BOUNDS["time_cost"][1]
                and KDF_BOUNDS["memory_cost"][0] <= self.memory_cost <= KDF_BOUNDS["memory_cost"][1]
                and KDF_BOUNDS["parallelism"][0] <= self.parallelism <= KDF_BOUNDS["parallelism"][1]):
            raise WrongKeyOrDamaged()


# Accepted from a file: at least 8 MiB and one pass (the test fixture's cost), at most 2 GiB, 16 passes, 16 lanes.
KDF_BOUNDS = {"time_cost": (1, 16), "memory_cost": (8192, 2 * 1024 * 1024), "parallelism": (1, 16)}
PRODUCTION_KDF = KdfParams()
DEFAULT_KDF = PRODUCTION_KDF


def normalize_passphrase(passphrase: str) -> str:
    """NFC, so that an "é" typed as e + combining accent opens the same vault."""
    return unicodedata.normalize("NFC", passphrase)


def check_new_passphrase(passphrase: str) -> None:
    strength = estimate(normalize_passphrase(passphrase))
    if not strength.acceptable:
        raise WeakPassphrase(strength.message)


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
    return "-".join(raw[i:i + 5] for i in range(0, RECOVERY_LENGTH, 5))


def normalize_recovery_code(code: str) -> str:
    """Upper case, separators dropped, the look-alikes O→0 and I/L→1 folded (Crockford)."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    return cleaned.translate(str.maketrans("OIL", "011"))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class Unwrapped:
    """What a slot opens: the wrapping key (None for a format-1 slot) and the master keys to try, in order."""
    wrapping: bytes | None
    masters: tuple[bytes, ...]


def _wrap(key: bytes, secret: bytes, aad: bytes) -> dict[str, str]:
    nonce = os.urandom(12)
    return {"nonce": _b64(nonce), "wrapped": _b64(AESGCM(key).encrypt(nonce, secret, aad))}


def _unwrap(key: bytes, entry: dict[str, str], aad: bytes) -> bytes:
    try:
        value = AESGCM(key).decrypt(_unb64(entry["nonce"]), _unb64(entry["wrapped"]), aad)
    except (KeyError, ValueError, InvalidTag) as exc:
        raise WrongKeyOrDamaged() from exc
    if len(value) != 32:
        raise WrongKeyOrDamaged()
    return value


@dataclass
class KeyFile:
    vault_id: str
    kdf: KdfParams
    slots: dict[str, dict[str, str]] = field(default_factory=dict)
    master: dict[str, str] | None = None  # M under W (format 2)
    master_next: dict[str, str] | None = None  # a rotation under way
    version: int = FORMAT_VERSION

    # -- creation and wrapping -------------------------------------------------------------
    @classmethod
    def create(cls, master_key: bytes, passphrase: str, recovery_code: str,
               kdf: KdfParams | None = None, wrapping: bytes | None = None) -> KeyFile:
        check_new_passphrase(passphrase)
        keyfile = cls(vault_id=secrets.token_hex(16), kdf=kdf or DEFAULT_KDF)
        wrapping = wrapping or secrets.token_bytes(32)
        keyfile.set_passphrase(passphrase, wrapping)
        keyfile.set_recovery(recovery_code, wrapping)
        keyfile.set_master(master_key, wrapping)
        return keyfile

    def set_passphrase(self, passphrase: str, wrapping: bytes) -> None:
        check_new_passphrase(passphrase)
        self.set_slot("passphrase", normalize_passphrase(passphrase).encode("utf-8"), wrapping)

    def set_recovery(self, code: str, wrapping: bytes) -> None:
        self.set_slot("recovery", normalize_recovery_code(code).encode("ascii"), wrapping)
        self.slots.pop("recovery_v1", None)

    def set_master(self, master_key: bytes, wrapping: bytes) -> None:
        self.master = _wrap(wrapping, master_key, self._aad("master"))
        self.master_next = None
        self.version = FORMAT_VERSION

    def stage_master(self, master_key: bytes, wrapping: bytes) -> None:
        """First step of a rotation: the new master key is written beside the current one."""
        self.master_next = _wrap(wrapping, master_key, self._aad("master"))

    def promote_master(self) -> None:
        """Last step of a rotation: the vault is keyed with the new key; the old one is forgotten, and so is a
        format-1 recovery slot, which wraps that old key (a new recovery code must then be issued)."""
        if self.master_next is not None:
            self.master, self.master_next = self.master_next, None
        self.slots.pop("recovery_v1", None)

    def drop_staged(self) -> None:
        self.master_next = None

    @property
    def has_recovery(self) -> bool:
        return "recovery" in self.slots or "recovery_v1" in self.slots

    def _aad(self, slot: str) -> bytes:
        return f"{FORMAT}/{self.vault_id}/{slot}".encode("ascii")

    def set_slot(self, slot: str, secret: bytes, key: bytes) -> None:
        salt = os.urandom(16)
        wrapping = self.kdf.derive(secret, salt)
        self.slots[slot] = {"salt": _b64(salt), **_wrap(wrapping, key, self._aad(slot))}

    def unwrap(self, slot: str, secret: bytes) -> bytes:
        """The 32 bytes a slot wraps: W in format 2, M in format 1 (and in a `recovery_v1` slot)."""
        try:
            entry = self.slots[slot]
            wrapping = self.kdf.derive(secret, _unb64(entry["salt"]))
        except (KeyError, ValueError) as exc:
            raise WrongKeyOrDamaged() from exc
        aad_slot = "recovery" if slot == "recovery_v1" else slot
        return _unwrap(wrapping, entry, self._aad(aad_slot))

    def _open(self, slot: str, secret: bytes) -> Unwrapped:
        inner = self.unwrap(slot, secret)
        if self.version == LEGACY_VERSION or slot == "recovery_v1":
            return Unwrapped(None, (inner,))
        return Unwrapped(inner, self.masters(inner))

    def masters(self, wrapping: bytes) -> tuple[bytes, ...]:
        if self.master is None:
            raise WrongKeyOrDamaged()
        found = [_unwrap(wrapping, self.master, self._aad("master"))]
        if self.master_next is not None:
            found.append(_unwrap(wrapping, self.master_next, self._aad("master")))
        return tuple(found)

    def open_passphrase(self, passphrase: str) -> Unwrapped:
        return self._open("passphrase", normalize_passphrase(passphrase).encode("utf-8"))

    def open_recovery(self, code: str) -> Unwrapped:
        secret = normalize_recovery_code(code).encode("ascii")
        slot = "recovery" if "recovery" in self.slots else "recovery_v1"
        return self._open(slot, secret)

    def unwrap_passphrase(self, passphrase: str) -> bytes:
        """The current master key (format 1 and 2)."""
        return self.open_passphrase(passphrase).masters[0]

    def unwrap_recovery(self, code: str) -> bytes:
        return self.open_recovery(code).masters[0]

    def upgrade(self, passphrase: str, master_key: bytes) -> bytes:
        """Format 1 → 2 after a passphrase unlock: a new W wraps M; the old recovery slot, which wraps M itself,
        is kept as `recovery_v1` until the first key rotation. Returns W."""
        wrapping = secrets.token_bytes(32)
        legacy = self.slots.get("recovery")
        self.slots = {"recovery_v1": legacy} if legacy else {}
        self.version = FORMAT_VERSION
        self.set_slot("passphrase", normalize_passphrase(passphrase).encode("utf-8"), wrapping)
        self.set_master(master_key, wrapping)
        return wrapping

    # -- persistence -------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        doc: dict = {
            "format": FORMAT, "version": self.version, "vault_id": self.vault_id,
            "kdf": {"name": "argon2id", "time_cost": self.kdf.time_cost,
                    "memory_cost": self.kdf.memory_cost, "parallelism": self.kdf.parallelism},
            "slots": self.slots,
        }
        if self.master is not None:
            doc["master"] = self.master
        if self.master_next is not None:
            doc["master_next"] = self.master_next
        return json.dumps(doc, indent=1, sort_keys=True).encode("ascii")

    @classmethod
    def from_bytes(cls, data: bytes) -> KeyFile:
        try:
            doc = json.loads(data.decode("ascii"))
            version = doc["version"]
            if doc["format"] != FORMAT or version not in (LEGACY_VERSION, FORMAT_VERSION):
                raise ValueError("format")
            kdf_doc = doc["kdf"]
            if kdf_doc["name"] != "argon2id":
                raise ValueError("kdf")
            kdf = KdfParams(int(kdf_doc["time_cost"]), int(kdf_doc["memory_cost"]),
                            int(kdf_doc["parallelism"]))
            kdf.check_bounds()
            slots = {name: {k: str(v) for k, v in entry.items()} for name, entry in doc["slots"].items()}
            master = {k: str(v) for k, v in doc["master"].items()} if "master" in doc else None
            staged = {k: str(v) for k, v in doc["master_next"].items()} if "master_next" in doc else None
            if version == FORMAT_VERSION and master is None:
                raise ValueError("master")
            return cls(vault_id=str(doc["vault_id"]), kdf=kdf, slots=slots, master=master, master_next=staged,
                       version=int(version))
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
            raise WrongKeyOrDamaged() from exc

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        try:
            data = path.read_bytes()
        except IsADirectoryError as exc:
            raise WrongKeyOrDamaged() from exc
        return cls.from_bytes(data)

    def save(self, path: Path) -> None:
        write_bytes_atomic(path, self.to_bytes())
