"""What the consultant keeps across bilans, in the vault: the personal dictionary of the spell checker (it holds
names) and the library of reusable paragraphs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .vault import Vault


@dataclass(frozen=True)
class Paragraph:
    id: int | None
    titre: str
    texte: str


class PersonalDictionary:
    def __init__(self, vault: Vault):
        self.vault = vault

    def words(self) -> set[str]:
        return {row[0] for row in self.vault.conn.execute("SELECT word FROM personal_word")}

    def add(self, word: str) -> None:
        word = word.strip()
        if word:
            with self.vault.transaction() as conn:
                conn.execute("INSERT OR IGNORE INTO personal_word (word) VALUES (?)", (word,))

    def remove(self, word: str) -> None:
        with self.vault.transaction() as conn:
            conn.execute("DELETE FROM personal_word WHERE word = ?", (word,))


class ParagraphLibrary:
    def __init__(self, vault: Vault):
        self.vault = vault

    def all(self) -> list[Paragraph]:
        return [Paragraph(r[0], r[1], r[2]) for r in self.vault.conn.execute(
            "SELECT id, titre, texte FROM paragraph ORDER BY titre COLLATE NOCASE, id")]

    def save(self, paragraph: Paragraph, now: dt.datetime) -> int:
        with self.vault.transaction() as conn:
            if paragraph.id is None:
                return int(conn.execute("INSERT INTO paragraph (titre, texte, updated_at) VALUES (?, ?, ?)",
                                        (paragraph.titre.strip(), paragraph.texte, now.isoformat())).lastrowid)
            conn.execute("UPDATE paragraph SET titre = ?, texte = ?, updated_at = ? WHERE id = ?",
                         (paragraph.titre.strip(), paragraph.texte, now.isoformat(), paragraph.id))
            return paragraph.id

    def delete(self, paragraph_id: int) -> None:
        with self.vault.transaction() as conn:
            conn.execute("DELETE FROM paragraph WHERE id = ?", (paragraph_id,))
