"""Reads a SQLCipher 4 file page by page, independently of SQLCipher, to prove what is (not) in it.

SQLCipher 4 with a raw key: the first 16 bytes of the file are the salt; every 4096-byte page ends with a
reserve of 16 bytes of IV and 64 bytes of HMAC-SHA512 (over the encrypted data, the IV and the page number,
little-endian, from 1), keyed with PBKDF2-HMAC-SHA512(key, salt XOR 0x3a, 2 iterations); the data is
AES-256-CBC with the raw key. Page 1's data starts after the salt."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
IV, MAC = 16, 64
RESERVE = IV + MAC


def decrypt_pages(path: Path, key: bytes) -> list[bytes]:
    data = Path(path).read_bytes()
    assert len(data) % PAGE == 0, "not a whole number of pages"
    salt = data[:16]
    mac_key = hashlib.pbkdf2_hmac("sha512", key, bytes(b ^ 0x3A for b in salt), 2, 32)
    pages = []
    for index in range(len(data) // PAGE):
        page = data[index * PAGE:(index + 1) * PAGE]
        start = 16 if index == 0 else 0
        encrypted, iv, mac = page[start:PAGE - RESERVE], page[PAGE - RESERVE:PAGE - MAC], page[PAGE - MAC:]
        expected = hmac.new(mac_key, encrypted + iv + (index + 1).to_bytes(4, "little"), hashlib.sha512).digest()
        assert hmac.compare_digest(mac, expected), f"HMAC mismatch on page {index + 1}"
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        pages.append(decryptor.update(encrypted) + decryptor.finalize())
    return pages


def occurrences(path: Path, key: bytes, needle: str) -> int:
    """How many times `needle` (UTF-8) appears in the decrypted pages."""
    encoded = needle.encode("utf-8")
    return sum(page.count(encoded) for page in decrypt_pages(path, key))
