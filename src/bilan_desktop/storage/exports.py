"""The provider's details (set once in Paramètres) and the log of every document export: what, when, to
whom — never the content. Working copies keep their path and hash so that they can be found again."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass

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
               sha256: str | None, now: dt.datetime) -> None:
        """Working copies keep their path (to delete them at destruction); other exports only their kind."""
        keep_path = destination is Destination.TRAVAIL
        with self.vault.transaction() as conn:
            conn.execute("INSERT INTO export_log (bilan_id, reference, document, exported_at, destination, path, "
                         "sha256) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (bilan_id, reference, document, now.isoformat(), destination.value,
                          path if keep_path else None, sha256 if keep_path else None))

    def entries(self, bilan_id: int) -> list[ExportEntry]:
        rows = self.vault.conn.execute("SELECT document, exported_at, destination, path, sha256 FROM export_log "
                                       "WHERE bilan_id = ? ORDER BY id", (bilan_id,)).fetchall()
        return [ExportEntry(r[0], dt.datetime.fromisoformat(r[1]), Destination(r[2]), r[3], r[4]) for r in rows]
