"""Backups doctored the way someone holding their passphrase could: rows changed with SQL, then the manifest
recomputed so that the file verifies (the manifest is a checksum, not a seal)."""

from __future__ import annotations

import json
from pathlib import Path

from bilan_desktop.storage.backup import MANIFEST_TABLE, backup_key_pragmas, fingerprint
from bilan_desktop.storage.vault import open_keyed


def doctor(path: Path, secret: str, statements: list[tuple[str, tuple]]) -> None:
    conn, _ = open_keyed(path, backup_key_pragmas(path, secret)[0])
    try:
        for sql, params in statements:
            conn.execute(sql, params)
        counts, digest = fingerprint(conn)
        conn.execute(f"UPDATE {MANIFEST_TABLE} SET row_counts = ?, content_hash = ?",
                     (json.dumps(counts, sort_keys=True), digest))
    finally:
        conn.close()
