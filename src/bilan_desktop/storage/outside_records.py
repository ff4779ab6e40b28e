"""What the vault knows of the files outside it — the backups the application wrote, the copies it exported and what
became of them, the backups' horizon — is carried into a restored backup before it takes the vault's place: the
current vault knows more than any backup (a restored old log would forget a newer backup, or try to delete again a
copy already deleted and then list it as not found)."""

from __future__ import annotations

from pathlib import Path

from .vault import configure, open_keyed, raw_key_pragma

_EXPORT_COLUMNS = "reference, document, exported_at, destination, path, sha256, copy_status, size"


def outside_records(conn) -> dict[str, list[tuple]]:
    return {
        "backup_log": conn.execute("SELECT path, created_at, sha256, size, status FROM backup_log ORDER BY id").fetchall(),
        "vault_setting": conn.execute("SELECT name, value FROM vault_setting").fetchall(),
        "export_log": conn.execute(f"SELECT {_EXPORT_COLUMNS} FROM export_log ORDER BY id").fetchall(),
    }


def carry_outside_records(records: dict[str, list[tuple]], conn) -> None:
    """Inside the caller's transaction: the backups' log and the settings are the current ones; each export keeps the
    current fate of its copy (matched by reference, document, time and recipient), and exports the backup never knew
    are added (linked to their bilan by reference)."""
    conn.execute("DELETE FROM backup_log")
    conn.executemany("INSERT INTO backup_log (path, created_at, sha256, size, status) VALUES (?, ?, ?, ?, ?)",
                     records["backup_log"])
    conn.execute("DELETE FROM vault_setting")
    conn.executemany("INSERT INTO vault_setting (name, value) VALUES (?, ?)", records["vault_setting"])
    for reference, document, exported_at, destination, path, sha256, status, size in records["export_log"]:
        key = (reference, document, exported_at, destination)
        updated = conn.execute("UPDATE export_log SET path = ?, sha256 = ?, copy_status = ?, size = ? WHERE reference "
                               "= ? AND document = ? AND exported_at = ? AND destination = ?",
                               (path, sha256, status, size, *key))
        if updated.rowcount == 0:
            row = conn.execute("SELECT id FROM bilan WHERE reference = ?", (reference,)).fetchone()
            conn.execute(f"INSERT INTO export_log (bilan_id, {_EXPORT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (row[0] if row else None, *key, path, sha256, status, size))


def carry_into_file(key: bytes, path: Path, records: dict[str, list[tuple]]) -> None:
    """The same, into a prepared restore file keyed with the vault's key (before the swap)."""
    conn, _ = open_keyed(path, raw_key_pragma(key))
    try:
        configure(conn)
        conn.execute("BEGIN IMMEDIATE")
        try:
            carry_outside_records(records, conn)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()
