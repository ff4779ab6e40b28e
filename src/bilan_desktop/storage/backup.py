"""Encrypted backups (DESIGN.md §5): export to a temporary file, manifest written last, reopened and
verified, fsynced, then renamed. Restore verifies first and swaps only when everything checks out.

A backup is a single SQLCipher file keyed with its own passphrase, so it opens on another machine without the
vault's key file. The passphrase goes through Argon2id (as the vault's does; SQLCipher's PBKDF2 allows thousands
of guesses per second on one GPU): the file's 16-byte SQLCipher salt, the only part readable without the key,
starts with a tag and the Argon2id parameters, and the whole salt salts both Argon2id and SQLCipher's HMAC key.
Files of the first format (PBKDF2) are still restored.

Restoring never brings back what was destroyed: every entry of the current vault's destruction register, and of
the backup's own, is applied to the restored content before the swap (whatever the backup's register claims), and
only the application's own schema is accepted (no trigger, view or unknown table that could silently cancel a
deletion). Every row is then read as the application will read it: a backup it cannot read is refused.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from .. import __version__
from .atomic import open_exclusive_temp, sweep_own_temp_files
from .backup_keys import (  # noqa: F401 (re-exported)
    SALT_TAG,
    BackupSecret,
    Secret,
    _kdf_of_salt,
    _new_salt,
    as_secret,
    backup_key_pragmas,
    is_own_backup,
)
from .errors import BackupInvalid, NewerSchema, WrongKeyOrDamaged
from .keyfile import check_new_passphrase
from .migrations import APPLICATION_ID, migrate
from .output_guard import IntoVault, check_target, commit
from .readcheck import unreadable_reason
from .retention import RetentionEngine, carry_forward, register_rows, still_present
from .vault import DatabaseError, Vault, configure, open_keyed, raw_key_pragma

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


def rotate_backups(folder: Path, keep: int, newest: Path) -> list[Path]:
    """Keep the `keep` most recent of this application's backups in the folder (0: all); other `.bilanbak` files,
    whoever wrote them, are never touched. Returns what was deleted."""
    if keep <= 0:
        return []
    own = [p for p in folder.glob("*.bilanbak") if p.is_file() and not p.is_symlink() and is_own_backup(p)]
    backups = sorted(own, key=lambda p: (p == newest, p.stat().st_mtime), reverse=True)  # the one just written first
    removed = []
    for old in backups[keep:]:
        if old != newest:
            old.unlink(missing_ok=True)
            removed.append(old)
    return removed


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


BAD_TARGET_MESSAGE = ("Une sauvegarde ne peut pas être écrite dans le dossier du coffre, ni à la place de l'un de ses "
                      "fichiers : choisissez un autre dossier, de préférence sur un autre support. Rien n'a été "
                      "modifié.")


def check_backup_target(destination: Path, data_folder: Path, replace: bool = False) -> None:
    """The guard of every written file (storage.output_guard): a backup aimed at `coffre.db` or `coffre.key`, by
    name or through a link, would replace the vault and its recovery slot; an existing file is replaced only when
    asked. A target in the vault keeps the backup's own message and exit code."""
    try:
        check_target(Path(destination), Path(data_folder), replace)
    except IntoVault:
        raise BackupInvalid(BAD_TARGET_MESSAGE) from None


def write_backup(vault: Vault, destination: Path, passphrase: Secret, now: dt.datetime,
                 replace: bool = False) -> Manifest:
    """Destruction runs first: a backup never holds what the law already requires to be gone. The file is private
    (0600), created exclusively beside its destination, and appears under its name only once verified."""
    check_backup_target(Path(destination), vault.folder, replace)
    secret = as_secret(passphrase)
    check_new_passphrase(secret.passphrase)
    RetentionEngine(vault).run(now.date(), now)
    destination = Path(destination)
    sweep_own_temp_files(destination.parent)
    tmp, fd = open_exclusive_temp(destination)
    os.close(fd)
    try:
        key_value = secret.key_for_writing()
        version = vault.schema_version()
        _export(vault.conn, tmp, key_value, version)
        counts, content_hash = fingerprint(vault.conn)
        manifest = Manifest(version, now.isoformat(), counts, content_hash, __version__)
        conn, _ = open_keyed(tmp, f'PRAGMA key = "{key_value}"')
        try:
            conn.execute(f"CREATE TABLE {MANIFEST_TABLE} (schema_version INTEGER NOT NULL, created_at TEXT "
                         "NOT NULL, row_counts TEXT NOT NULL, content_hash TEXT NOT NULL, app_version TEXT NOT NULL)")
            conn.execute(f"INSERT INTO {MANIFEST_TABLE} VALUES (?, ?, ?, ?, ?)",
                         (version, manifest.created_at, json.dumps(counts, sort_keys=True), content_hash,
                          __version__))
        finally:
            conn.close()
        os.chmod(tmp, 0o600)
        verify_backup(tmp, secret)
        try:
            commit(tmp, destination, vault.folder, replace)
        except IntoVault:
            raise BackupInvalid(BAD_TARGET_MESSAGE) from None
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
def open_backup(path: Path, passphrase: Secret):
    if not Path(path).is_file():
        raise BackupInvalid("Le fichier de sauvegarde est introuvable.")
    conn = None
    try:
        for pragma in as_secret(passphrase).pragmas(Path(path)):
            try:
                conn, _ = open_keyed(Path(path), pragma, read_only=True)
                break
            except WrongKeyOrDamaged:
                continue
        if conn is None:
            raise BackupInvalid("Mot de passe incorrect ou sauvegarde endommagée : rien n'a été restauré.")
    except NewerSchema as exc:
        raise BackupInvalid("Cette sauvegarde vient d'une version plus récente de Bilan Desktop : "
                            "mettez l'application à jour pour la restaurer.") from exc
    try:
        yield conn
    finally:
        conn.close()


def verify_backup(path: Path, passphrase: Secret) -> Manifest:
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


@dataclass(frozen=True)
class BackupInfo:
    manifest: Manifest
    destroyed_since: list[str]  # references whose destroyed content (or deleted dossier) the backup still holds


def inspect_backup(vault: Vault, source: Path, passphrase: Secret) -> BackupInfo:
    """Verify a backup and tell what restoring it means: which of the vault's destructions (and prospects' deletions)
    it still holds the content of, whatever its own register says (they will be applied again before anything is
    shown)."""
    secret = as_secret(passphrase)
    manifest = verify_backup(source, secret)
    rows = register_rows(vault.conn)
    with open_backup(source, secret) as conn:
        try:
            held = sorted({row[0] for row in rows if still_present(conn, row)})
        except (DatabaseError, ValueError, TypeError):  # a file of an early schema, or unreadable: all, to be safe
            held = sorted({row[0] for row in rows})
    return BackupInfo(manifest, held)


def _schema(conn) -> list[tuple]:
    return sorted(tuple(r) for r in conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
        "AND name != ?", (MANIFEST_TABLE,)))


def check_own_schema(conn, version: int) -> None:
    """Only the schema this application's migrations produce for that version: no trigger, view, index or table of
    anyone else's (a `BEFORE DELETE … RAISE(IGNORE)` trigger would silently cancel destructions)."""
    reference = sqlcipher3.connect(":memory:", isolation_level=None)
    try:
        migrate(reference, version)
        expected = _schema(reference)
    finally:
        reference.close()
    if _schema(conn) != expected:
        raise BackupInvalid("Cette sauvegarde contient des éléments que Bilan Desktop n'écrit pas : elle a été "
                            "modifiée en dehors de l'application. Rien n'a été restauré.")


@dataclass(frozen=True)
class PreparedRestore:
    """A restored file ready to take the vault's place: verified, keyed with the vault's key, migrated, with the
    vault's destructions applied. Made without touching the vault's connection: it may be made on a worker thread."""
    tmp: Path
    manifest: Manifest


def prepare_restore(key: bytes, db_path: Path, register: list[tuple], source: Path,
                    passphrase: Secret) -> PreparedRestore:
    secret = as_secret(passphrase)
    manifest = verify_backup(source, secret)
    tmp, fd = open_exclusive_temp(db_path)
    os.close(fd)
    try:
        with open_backup(source, secret) as conn:
            check_own_schema(conn, manifest.schema_version)
            _export(conn, tmp, f"x'{key.hex()}'", manifest.schema_version)
        check, _ = open_keyed(tmp, raw_key_pragma(key))
        try:
            _, content_hash = fingerprint(check)
            if content_hash != manifest.content_hash:
                raise BackupInvalid()
            configure(check)
            migrate(check)
            reason = unreadable_reason(check)  # every row, as the application will read it
            if reason:
                raise BackupInvalid(reason)
            check.execute("BEGIN IMMEDIATE")
            try:
                carried = carry_forward(register, check)
                check.execute("COMMIT")
            except BaseException:
                check.execute("ROLLBACK")
                raise
            if carried:
                check.execute("VACUUM")
        finally:
            check.close()
    except (DatabaseError, ValueError, TypeError, KeyError) as exc:
        tmp.unlink(missing_ok=True)
        raise BackupInvalid() from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return PreparedRestore(tmp, manifest)


def restore_backup(vault: Vault, source: Path, passphrase: Secret, now: dt.datetime,
                   prepared: PreparedRestore | None = None) -> Manifest:
    """Replace the open vault's content by the backup's; the vault keeps its own key and passphrase. Before the swap,
    the restored content gets every destruction the current vault has recorded (and its register); after it, the
    destruction engine runs on the dates the backup holds. A destroyed bilan never comes back from an old backup.
    `prepared`: the slow part, already made (on a worker thread) by `prepare_restore`."""
    ready = prepared or prepare_restore(vault.raw_key, vault.db_path, register_rows(vault.conn), source, passphrase)
    try:
        vault.swap_in(ready.tmp)
    except BaseException:
        ready.tmp.unlink(missing_ok=True)
        raise
    RetentionEngine(vault).run(now.date(), now)
    return ready.manifest
