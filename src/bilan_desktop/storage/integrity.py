"""Integrity of the vault file, in French: the quick check made at every unlock (on a connection of its own, so that
it may run on a worker thread), and SQLCipher's and SQLite's own lines translated for `check` (no English text of
the libraries reaches the consultant)."""

from __future__ import annotations

import re
from pathlib import Path

from .errors import WrongKeyOrDamaged
from .vault import DatabaseError, open_keyed, raw_key_pragma

UNREADABLE_STRUCTURE = "Structure de la base illisible : des pages sont endommagées."

# SQLCipher (cipher_integrity_check) and SQLite (integrity_check, quick_check) lines, each to one French sentence.
_PATTERNS: list[tuple[str, str]] = [
    (r"HMAC verification failed for page (\d+)",
     "Page {0} : la vérification d'authenticité (HMAC) a échoué ; la page est endommagée ou a été modifiée."),
    (r"page (\d+) has an invalid size of (\d+) bytes.*",
     "Page {0} : taille incorrecte ({1} octets) ; le fichier est tronqué ou endommagé."),
    (r"read error for page (\d+).*", "Page {0} : lecture impossible."),
    (r"row (\d+) missing from index (\S+)", "Index {1} : la ligne {0} y manque (l'index est incomplet)."),
    (r"wrong # of entries in index (\S+)", "Index {0} : nombre d'entrées incorrect."),
    (r"non-unique entry in index (\S+)", "Index {0} : entrée en double."),
    (r"NULL value in (\S+)", "Valeur manquante dans la colonne {0}."),
    (r"CHECK constraint failed in (\S+)", "Une contrainte de la table {0} n'est pas respectée."),
    (r"Page (\d+) is never used", "Page {0} : jamais utilisée (place perdue, sans perte de données)."),
    (r"Page (\d+): never used", "Page {0} : jamais utilisée (place perdue, sans perte de données)."),
    (r"(?:Tree (\d+) page|On tree page|Page) (\d+).*", "Page {1} : structure incohérente."),
    (r"(\d+) of (\d+) pages missing from overflow list.*", "Une suite de pages de débordement est incomplète."),
    (r"Freelist: .*", "La liste des pages libres est incohérente."),
    (r"database disk image is malformed", UNREADABLE_STRUCTURE),
]


def in_french(line: str) -> str | None:
    """One line of cipher_integrity_check / integrity_check output as a French sentence (None: nothing to say)."""
    text = line.strip()
    if not text or text == "ok" or text.startswith("*** in database"):
        return None
    for pattern, french in _PATTERNS:
        match = re.fullmatch(pattern, text)
        if match:
            return french.format(*[g if g is not None else "?" for g in match.groups()])
    return "Anomalie de structure de la base (détail technique non traduit)."


def translated(lines: list[str]) -> list[str]:
    found = []
    for line in lines:
        for part in str(line).splitlines():
            french = in_french(part)
            if french and french not in found:
                found.append(french)
    return found


def full_check(conn) -> list[str]:
    """Every page's HMAC, then SQLite's whole integrity check, as French sentences. Empty when all is well."""
    problems = translated([row[0] for row in conn.execute("PRAGMA cipher_integrity_check")])
    try:
        problems += translated([row[0] for row in conn.execute("PRAGMA integrity_check")])
    except DatabaseError:
        problems.append(UNREADABLE_STRUCTURE)
    return problems


def quick_check(db_path: Path, key: bytes) -> list[str]:
    """The check made at every unlock: every page's HMAC (a damaged last page is noticed although no query reads it)
    and SQLite's quick check, as French sentences. Its own read-only connection: callable from a worker thread while
    the vault's connection stays with its owner."""
    try:
        conn, _ = open_keyed(Path(db_path), raw_key_pragma(key), read_only=True)
    except WrongKeyOrDamaged:
        return [UNREADABLE_STRUCTURE]
    try:
        problems = translated([row[0] for row in conn.execute("PRAGMA cipher_integrity_check")])
        if not problems:
            problems = translated([row[0] for row in conn.execute("PRAGMA quick_check")])
    except DatabaseError:
        problems = [UNREADABLE_STRUCTURE]
    finally:
        conn.close()
    return problems


def damage_message(problems: list[str], newest_backup: str | None = None) -> str:
    """What the consultant reads when the unlock's check found damage: what to do, in French."""
    which = (f"restaurez la sauvegarde la plus récente que l'application connaisse ({newest_backup})" if newest_backup
             else "restaurez votre sauvegarde la plus récente")
    return (f"Le coffre est endommagé ({len(problems)} problème{'s' if len(problems) > 1 else ''} trouvé"
            f"{'s' if len(problems) > 1 else ''} par le contrôle d'intégrité à l'ouverture). Rien n'a été modifié. "
            f"Pour retrouver vos données, {which} : menu Fichier › Restaurer une sauvegarde…, ou "
            "« bilan-desktop restore SAUVEGARDE ». « bilan-desktop check » donne le détail.\n"
            + " ".join(problems[:3]))
