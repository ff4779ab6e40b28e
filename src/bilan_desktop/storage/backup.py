"""Encrypted backups (DESIGN.md §5): export to a temporary file, manifest written last, reopened and
verified, fsynced, then renamed. Restore verifies first and swaps only when everything checks out.

A backup is a single SQLCipher file keyed with its own passphrase (SQLCipher's PBKDF2-HMAC-SHA512),
so it opens on another machine without the vault's key file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from .atomic import replace_durably, temp_name
from .errors import BackupInvalid, NewerSchema, WrongKeyOrDamaged
from .keyfile import check_new_passphrase, normalize_passphrase
from .migrations import APPLICATION_ID
from .retention import RetentionEngine
from .vault import DatabaseError, Vault, open_keyed, quote_passphrase, raw_key_pragma

MANIFEST_TABLE = "backup_manifest"


@dataclass(frozen=True)
class Manifest:
    schema_version: int
    created_at: str
    row_counts: dict[str, int]
    content_hash: str
    app_version: str


def _tables(conn, schema: str) -> list[str]:
    rows = conn.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%' AND name != ? ORDER BY name", (MANIFEST_TABLE,)).fetchall()
    return [row[0] for row in rows]


def fingerprint(conn, schema: str = "main") -> tuple[dict[str, int], str]:
    """Row counts per table and a SHA-256 over every row of every table, in a fixed order."""
    digest = hashlib.sha256()
    counts: dict[str, int] = {}
    for table in _tables(conn, schema):
        digest.update(f"\x00table {table}\x00".encode())
        count = 0
        for row in conn.execute(f'SELECT * FROM {schema}."{table}" ORDER BY rowid'):
            digest.update(repr(row).encode("utf-8"))
            count += 1
        counts[table] = count
    return counts, digest.hexdigest()


def _passphrase_pragma(passphrase: str) -> str:
    return f"PRAGMA key = {quote_passphrase(normalize_passphrase(passphrase))}"


def _export(conn, target: Path, key_value: str, version: int) -> None:
    """Copy the connection's main database into a new SQLCipher file keyed with `key_value`."""
    conn.execute("ATTACH DATABASE ? AS target KEY ?", (str(target), key_value))
    try:
        conn.execute("SELECT sqlcipher_export('target')")
        conn.execute(f"PRAGMA target.application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA target.user_version = {int(version)}")
        conn.execute(f"DROP TABLE IF EXISTS target.{MANIFEST_TABLE}")
    finally:
        conn.execute("DETACH DATABASE target")


def write_backup(vault: Vault, destination: Path, passphrase: str, now: dt.datetime) -> Manifest:
    """Destruction runs first: a backup never holds what the law already requires to be gone."""
    check_new_passphrase(passphrase)
    RetentionEngine(vault).run(now.date(), now)
    destination = Path(destination)
    tmp = temp_name(destination)
    tmp.unlink(missing_ok=True)
    try:
        version = vault.schema_version()
        _export(vault.conn, tmp, normalize_passphrase(passphrase), version)
        counts, content_hash = fingerprint(vault.conn)
        manifest = Manifest(version, now.isoformat(), counts, content_hash, __version__)
        conn, _ = open_keyed(tmp, _passphrase_pragma(passphrase))
        try:
            conn.execute(f"CREATE TABLE {MANIFEST_TABLE} (schema_version INTEGER NOT NULL, created_at TEXT "
                         "NOT NULL, row_counts TEXT NOT NULL, content_hash TEXT NOT NULL, app_version TEXT NOT NULL)")
            conn.execute(f"INSERT INTO {MANIFEST_TABLE} VALUES (?, ?, ?, ?, ?)",
                         (version, manifest.created_at, json.dumps(counts, sort_keys=True), content_hash,
                          __version__))
        finally:
            conn.close()
        verify_backup(tmp, passphrase)
        replace_durably(tmp, destination)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return manifest


def _read_manifest(conn) -> Manifest:
    rows = conn.execute(f"SELECT schema_version, created_at, row_counts, content_hash, app_version "
                        f"FROM {MANIFEST_TABLE}").fetchall()
    if len(rows) != 1:
        raise BackupInvalid()
    version, created_at, counts, content_hash, app_version = rows[0]
    return Manifest(int(version), str(created_at), json.loads(counts), str(content_hash), str(app_version))


@contextlib.contextmanager
def open_backup(path: Path, passphrase: str):
    if not Path(path).is_file():
        raise BackupInvalid("Le fichier de sauvegarde est introuvable.")
    try:
        conn, _ = open_keyed(Path(path), _passphrase_pragma(passphrase), read_only=True)
    except WrongKeyOrDamaged as exc:
        raise BackupInvalid("Mot de passe incorrect ou sauvegarde endommagée : rien n'a été restauré.") from exc
    except NewerSchema as exc:
        raise BackupInvalid("Cette sauvegarde vient d'une version plus récente de Bilan Desktop : "
                            "mettez l'application à jour pour la restaurer.") from exc
    try:
        yield conn
    finally:
        conn.close()


def verify_backup(path: Path, passphrase: str) -> Manifest:
    """Every page's HMAC, SQLite's integrity, and the manifest against the actual content."""
    with open_backup(path, passphrase) as conn:
        try:
            if [r for r in conn.execute("PRAGMA cipher_integrity_check")]:
                raise BackupInvalid()
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupInvalid()
            manifest = _read_manifest(conn)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            counts, content_hash = fingerprint(conn)
        except (DatabaseError, ValueError, TypeError) as exc:
            raise BackupInvalid() from exc
    if manifest.schema_version != version or manifest.row_counts != counts \
            or manifest.content_hash != content_hash:
        raise BackupInvalid()
    return manifest


def restore_backup(vault: Vault, source: Path, passphrase: str, now: dt.datetime) -> Manifest:
    """Replace the open vault's content by the backup's; the vault keeps its own key and passphrase. The
    destruction engine runs on the restored content before anything is shown: a destroyed bilan never
    comes back from an old backup."""
    manifest = verify_backup(source, passphrase)
    tmp = temp_name(vault.db_path)
    tmp.unlink(missing_ok=True)
    try:
        with open_backup(source, passphrase) as conn:
            _export(conn, tmp, f"x'{vault.raw_key.hex()}'", manifest.schema_version)
        check, _ = open_keyed(tmp, raw_key_pragma(vault.raw_key))
        try:
            _, content_hash = fingerprint(check)
        finally:
            check.close()
        if content_hash != manifest.content_hash:
            raise BackupInvalid()
        vault.swap_in(tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    RetentionEngine(vault).run(now.date(), now)
    return manifest
