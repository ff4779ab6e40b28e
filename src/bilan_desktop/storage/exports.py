"""The provider's details (set once in Paramètres) and the log of every document export: what, when, to
whom — never the content. Every export (whoever it was for) keeps its path and hash so that the copy can be found
again, and deleted with its category or its dossier (storage.offvault)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from ..domain.provider import Provider
from ..domain.sharing import Destination  # noqa: F401 (re-exported)
from .vault import Vault


@dataclass(frozen=True)
class ExportEntry:
    document: str
    exported_at: dt.datetime
    destination: Destination
    path: str | None
    sha256: str | None


IMAGES = ("logo", "signature", "cachet")  # kept in BLOB columns, not in the JSON


class ProviderRepository:
    def __init__(self, vault: Vault):
        self.vault = vault

    def load(self) -> Provider:
        row = self.vault.conn.execute("SELECT data, logo, signature, cachet FROM provider WHERE id = 1").fetchone()
        if row is None:
            return Provider()
        data = json.loads(row[0])
        known = {f.name for f in dataclasses.fields(Provider)} - set(IMAGES)
        logo, signature, cachet = (bytes(value or b"") for value in row[1:])
        return Provider(**{k: v for k, v in data.items() if k in known}, logo=logo, signature=signature, cachet=cachet)

    def save(self, provider: Provider) -> None:
        data = {k: v for k, v in dataclasses.asdict(provider).items() if k not in IMAGES}
        with self.vault.transaction() as conn:
            conn.execute("INSERT INTO provider (id, data, logo, signature, cachet) VALUES (1, ?, ?, ?, ?) ON CONFLICT "
                         "(id) DO UPDATE SET data = excluded.data, logo = excluded.logo, signature = "
                         "excluded.signature, cachet = excluded.cachet",
                         (json.dumps(data, ensure_ascii=False), *(getattr(provider, n) or None for n in IMAGES)))


class ExportLog:
    def __init__(self, vault: Vault):
        self.vault = vault

    def record(self, bilan_id: int | None, reference: str, document: str, destination: Destination, path: str | None,
               sha256: str | None, now: dt.datetime, size: int | None = None) -> None:
        """Every copy keeps its path, hash and size, whoever it was for: the file written on this computer is a copy
        outside the vault until it is deleted (at destruction, or when its dossier is deleted)."""
        with self.vault.transaction() as conn:
            conn.execute("INSERT INTO export_log (bilan_id, reference, document, exported_at, destination, path, "
                         "sha256, size) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         (bilan_id, reference, document, now.isoformat(), destination.value, path, sha256, size))

    def tracked(self, bilan_id: int,
                documents: list[str] | None = None) -> list[tuple[int, str, str | None, int | None]]:
        """(id, path, sha256, size) of the copies of one bilan still outside the vault (of these documents, or all)."""
        query = ("SELECT id, path, sha256, size FROM export_log WHERE bilan_id = ? AND path IS NOT NULL AND "
                 "copy_status IS NULL")
        args: list = [bilan_id]
        if documents is not None:
            query += f" AND document IN ({','.join('?' * len(documents))})"
            args += documents
        return [(r[0], r[1], r[2], r[3]) for r in self.vault.conn.execute(query + " ORDER BY id", args)]

    def folders(self) -> list[Path]:
        """The folders the application exported to (parents of every recorded path), most recent first."""
        rows = self.vault.conn.execute("SELECT path FROM export_log WHERE path IS NOT NULL ORDER BY id DESC")
        return list(dict.fromkeys(Path(r[0]).parent for r in rows))

    def set_fate(self, export_id: int, status: str, forget_path: bool = False) -> None:
        with self.vault.transaction() as conn:
            if forget_path:
                conn.execute("UPDATE export_log SET copy_status = ?, path = NULL, sha256 = NULL WHERE id = ?",
                             (status, export_id))
            else:
                conn.execute("UPDATE export_log SET copy_status = ? WHERE id = ?", (status, export_id))

    def listed(self, status: str) -> list[str]:
        """Paths of the copies left to the consultant with this fate (changed, or not found)."""
        return sorted({r[0] for r in self.vault.conn.execute(
            "SELECT path FROM export_log WHERE copy_status = ? AND path IS NOT NULL", (status,))})

    def dismiss(self, paths: list[str]) -> None:
        """The consultant has dealt with these listed copies: their paths are forgotten."""
        with self.vault.transaction() as conn:
            for path in paths:
                conn.execute("UPDATE export_log SET path = NULL, sha256 = NULL, copy_status = 'traitee' WHERE path = ? "
                             "AND copy_status IN ('modifiee', 'absente')", (path,))

    def entries(self, bilan_id: int) -> list[ExportEntry]:
        rows = self.vault.conn.execute("SELECT document, exported_at, destination, path, sha256 FROM export_log "
                                       "WHERE bilan_id = ? ORDER BY id", (bilan_id,)).fetchall()
        return [ExportEntry(r[0], dt.datetime.fromisoformat(r[1]), Destination(r[2]), r[3], r[4]) for r in rows]
