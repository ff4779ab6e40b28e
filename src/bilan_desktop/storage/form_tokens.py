"""The token drawn for each fillable follow-up questionnaire sent: it tells a form of this vault from any other."""

from __future__ import annotations

import datetime as dt
import secrets

from .vault import Vault


class FormTokens:
    def __init__(self, vault: Vault):
        self.vault = vault

    def of(self, bilan_id: int | None) -> str | None:
        if bilan_id is None:
            return None
        row = self.vault.conn.execute("SELECT token FROM satisfaction_form WHERE bilan_id = ?", (bilan_id,)).fetchone()
        return row[0] if row else None

    def issue(self, bilan_id: int, today: dt.date) -> str:
        """The bilan's token, drawn the first time (issuing the form again gives the same one)."""
        existing = self.of(bilan_id)
        if existing is not None:
            return existing
        token = secrets.token_hex(12)
        with self.vault.transaction() as conn:
            conn.execute("INSERT INTO satisfaction_form (bilan_id, token, issued_on) VALUES (?, ?, ?)",
                         (bilan_id, token, today.isoformat()))
        return token
