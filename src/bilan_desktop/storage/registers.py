"""The Qualiopi registers, in the vault (and so in every backup): each a list kept whole."""

from __future__ import annotations

import datetime as dt
import json

from ..domain import codec
from ..domain.registers import Amelioration, Reclamation
from .vault import Vault

KINDS = {"reclamations": Reclamation, "ameliorations": Amelioration}


class RegisterRepository:
    def __init__(self, vault: Vault):
        self.vault = vault

    def load(self, name: str) -> list:
        row = self.vault.conn.execute("SELECT data FROM registre WHERE nom = ?", (name,)).fetchone()
        cls = KINDS[name]
        return [codec.from_dict(cls, item) for item in json.loads(row[0])] if row else []

    def save(self, name: str, items: list, now: dt.datetime) -> None:
        data = json.dumps([codec.encode(item) for item in items], ensure_ascii=False)
        with self.vault.transaction() as conn:
            conn.execute("INSERT INTO registre (nom, data, updated_at) VALUES (?, ?, ?) ON CONFLICT (nom) DO UPDATE "
                         "SET data = excluded.data, updated_at = excluded.updated_at", (name, data, now.isoformat()))
