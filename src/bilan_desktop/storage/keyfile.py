"""The key hierarchy (DESIGN.md §5).

The vault is keyed with a random 256-bit key. That key is stored only wrapped (AES-256-GCM) in a small
JSON key file beside the vault, once under a key derived from the passphrase by Argon2id and once under
a key derived from the recovery code. Changing the passphrase rewraps the key: nothing is re-encrypted.
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

from .atomic import write_bytes_atomic
from .errors import WeakPassphrase, WrongKeyOrDamaged

FORMAT = "bilan-desktop-key"
FORMAT_VERSION = 1
MIN_PASSPHRASE_LENGTH = 12
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


DEFAULT_KDF = KdfParams()


def normalize_passphrase(passphrase: str) -> str:
    """NFC, so that an "é" typed as e + combining accent opens the same vault."""
    return unicodedata.normalize("NFC", passphrase)


def check_new_passphrase(passphrase: str) -> None:
    if len(normalize_passphrase(passphrase)) < MIN_PASSPHRASE_LENGTH:
        raise WeakPassphrase()


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
    return "-".join(raw[i:i + 5] for i in range(0, RECOVERY_LENGTH, 5))


def normalize_recovery_code(code: str) -> str:
    """Upper case, separators dropped, the look-alikes O→0 and I/L→1 folded (Crockford)."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass
class KeyFile:
    vault_id: str
    kdf: KdfParams
    slots: dict[str, dict[str, str]] = field(default_factory=dict)

    # -- creation and wrapping -------------------------------------------------------------
    @classmethod
    def create(cls, master_key: bytes, passphrase: str, recovery_code: str,
               kdf: KdfParams = DEFAULT_KDF) -> "KeyFile":
        check_new_passphrase(passphrase)
        keyfile = cls(vault_id=secrets.token_hex(16), kdf=kdf)
        keyfile.set_passphrase(passphrase, master_key)
        keyfile.set_slot("recovery", normalize_recovery_code(recovery_code).encode("ascii"), master_key)
        return keyfile

    def set_passphrase(self, passphrase: str, master_key: bytes) -> None:
        check_new_passphrase(passphrase)
        self.set_slot("passphrase", normalize_passphrase(passphrase).encode("utf-8"), master_key)

    def _aad(self, slot: str) -> bytes:
        return f"{FORMAT}/{self.vault_id}/{slot}".encode("ascii")

    def set_slot(self, slot: str, secret: bytes, master_key: bytes) -> None:
        salt = os.urandom(16)
        nonce = os.urandom(12)
        wrapping = self.kdf.derive(secret, salt)
        wrapped = AESGCM(wrapping).encrypt(nonce, master_key, self._aad(slot))
        self.slots[slot] = {"salt": _b64(salt), "nonce": _b64(nonce), "wrapped": _b64(wrapped)}

    def unwrap(self, slot: str, secret: bytes) -> bytes:
        try:
            entry = self.slots[slot]
            wrapping = self.kdf.derive(secret, _unb64(entry["salt"]))
            key = AESGCM(wrapping).decrypt(_unb64(entry["nonce"]), _unb64(entry["wrapped"]), self._aad(slot))
        except (KeyError, ValueError, InvalidTag) as exc:
            raise WrongKeyOrDamaged() from exc
        if len(key) != 32:
            raise WrongKeyOrDamaged()
        return key

    def unwrap_passphrase(self, passphrase: str) -> bytes:
        return self.unwrap("passphrase", normalize_passphrase(passphrase).encode("utf-8"))

    def unwrap_recovery(self, code: str) -> bytes:
        return self.unwrap("recovery", normalize_recovery_code(code).encode("ascii"))

    # -- persistence -------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        doc = {
            "format": FORMAT, "version": FORMAT_VERSION, "vault_id": self.vault_id,
            "kdf": {"name": "argon2id", "time_cost": self.kdf.time_cost,
                    "memory_cost": self.kdf.memory_cost, "parallelism": self.kdf.parallelism},
            "slots": self.slots,
        }
        return json.dumps(doc, indent=1, sort_keys=True).encode("ascii")

    @classmethod
    def from_bytes(cls, data: bytes) -> "KeyFile":
        try:
            doc = json.loads(data.decode("ascii"))
            if doc["format"] != FORMAT or doc["version"] != FORMAT_VERSION:
                raise ValueError("format")
            kdf_doc = doc["kdf"]
            if kdf_doc["name"] != "argon2id":
                raise ValueError("kdf")
            kdf = KdfParams(int(kdf_doc["time_cost"]), int(kdf_doc["memory_cost"]),
                            int(kdf_doc["parallelism"]))
            slots = {name: {k: str(v) for k, v in entry.items()} for name, entry in doc["slots"].items()}
            return cls(vault_id=str(doc["vault_id"]), kdf=kdf, slots=slots)
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
            raise WrongKeyOrDamaged() from exc

    @classmethod
    def load(cls, path: Path) -> "KeyFile":
        return cls.from_bytes(path.read_bytes())

    def save(self, path: Path) -> None:
        write_bytes_atomic(path, self.to_bytes())
