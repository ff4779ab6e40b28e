"""The ROME 4.0 job repository, offline: a read-only SQLite file shipped in the package (public data,
not encrypted; nothing of the beneficiary is ever written to it)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..domain import attributions
from ..domain.text import fold
from ..paths import resource_path

ATTRIBUTION = attributions.ROME
# Words that carry no meaning in a job title: « formateur pour adultes » finds « Formateur d'adultes ».
STOP_WORDS = frozenset("a au aux avec d de des du en et l la le les par pour sans sur un une".split())
# Acronyms a consultant types: matched as a whole word, or as what they stand for (« RH » is not « Rhumatologue »).
ACRONYMS = {"rh": ("ressource", "humaine"), "grh": ("ressource", "humaine"), "drh": ("ressource", "humaine"),
            "btp": ("batiment",), "it": ("informatique",), "qse": ("qualite", "securite"),
            "ash": ("agent", "service", "hospitalier")}
CODE = re.compile(r"\s*([A-Za-z])\s*(\d{4})\s*")
RUBRIQUE_LABELS = {"savoir_faire": "Savoir-faire", "savoir_etre": "Savoir-être professionnels", "savoir": "Savoirs"}


@dataclass(frozen=True)
class Hit:
    code: str
    libelle: str
    kind: str  # "fiche" or "appellation"


@dataclass(frozen=True)
class Fiche:
    code: str
    libelle: str
    definition: list[str]
    acces: str
    grand_domaine: str
    domaine: str
    riasec: str  # major then minor letter, e.g. "IC"
    skills: dict[str, list[str]]  # rubrique -> labels
    appellations: list[str]


class RomeUnavailable(Exception):
    user_message = ("Le répertoire ROME n'est pas installé avec l'application (fichier rome.sqlite manquant). "
                    "Relancez l'installation.")


class RomeCatalog:
    def __init__(self, path: Path | None = None):
        path = path or resource_path("rome", "rome.sqlite")
        if not path.exists():
            raise RomeUnavailable()
        self.conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                    check_same_thread=False)

    def search(self, query: str, limit: int = 40) -> list[Hit]:
        """Prefix search, accent-, case-, hyphen- and apostrophe-insensitive; best matches first: a label (or
        its masculine or feminine form) equal to the query, labels that start with it,
        then fiches before job titles, the broader fiche (more job titles) first,
        then relevance, then shorter labels."""
        code = CODE.fullmatch(query)
        if code:  # « K2111 »: the fiche itself, then its job titles
            return self._by_code(f"{code.group(1).upper()}{code.group(2)}", limit)
        folded = fold(query)
        words = [re.sub(r"[^0-9a-z]", "", w) for w in folded.split()]
        meaningful = [w for w in words if w and w not in STOP_WORDS]
        words = meaningful or [w for w in words if w]
        # plurals: "aides soignants" finds « Aide-soignant » (prefix matching keeps the singular's matches)
        words = [w[:-1] if len(w) > 3 and w[-1] in "sx" else w for w in words if w]
        if not words:
            return []
        match = " AND ".join(_term(w) for w in words)
        rows = self.conn.execute("SELECT norm, libelle, code, kind, bm25(search), weight FROM search WHERE search "
                                 "MATCH ? ORDER BY bm25(search) LIMIT 400", (match,)).fetchall()
        prefix = " ".join(words)

        def key(row):
            norm, libelle, _code, kind, score, breadth = row
            exact = prefix in (fold(part) for part in libelle.split("/"))  # « Cuisinier / Cuisinière »
            starts = 0 if exact else 1 if norm.startswith(prefix) else 2 if norm.startswith(words[0]) else 3
            return starts, 0 if kind == "fiche" else 1, -breadth, round(score, 3), len(libelle)

        seen, hits = set(), []
        for _norm, libelle, code, kind, _score, _breadth in sorted(rows, key=key):
            if (libelle, code) not in seen:
                seen.add((libelle, code))
                hits.append(Hit(code, libelle, kind))
            if len(hits) >= limit:
                break
        return hits

    def _by_code(self, code: str, limit: int) -> list[Hit]:
        row = self.conn.execute("SELECT libelle FROM fiche WHERE code = ?", (code,)).fetchone()
        if row is None:
            return []
        titles = [Hit(code, r[0], "appellation") for r in self.conn.execute(
            "SELECT libelle FROM appellation WHERE code = ? ORDER BY libelle", (code,))]
        return [Hit(code, row[0], "fiche"), *titles][:limit]

    def fiche(self, code: str) -> Fiche | None:
        row = self.conn.execute("SELECT code, libelle, definition, acces, grand_domaine, domaine, riasec_majeur, "
                                "riasec_mineur FROM fiche WHERE code = ?", (code,)).fetchone()
        if row is None:
            return None
        skills: dict[str, list[str]] = {}
        for rubrique, libelle in self.conn.execute("SELECT rubrique, libelle FROM skill WHERE code = ? ORDER BY "
                                                   "position", (code,)):
            skills.setdefault(rubrique, []).append(libelle)
        appellations = [r[0] for r in self.conn.execute("SELECT libelle FROM appellation WHERE code = ? ORDER BY "
                                                        "libelle", (code,))]
        return Fiche(row[0], row[1], [p for p in row[2].split("\n") if p], row[3], row[4], row[5],
                     row[6] + row[7], skills, appellations)

    def matching_holland(self, letters: str, limit: int = 200) -> list[Hit]:
        """Fiches whose RIASEC major and minor letters are among the Holland code's letters, the closest first:
        the code's own first two letters in order, then its first letter as major, then the others; among equals
        the broader fiches (more job titles: the jobs people actually hold) before the narrow ones."""
        letters = letters.upper()
        if not letters:
            return []
        rows = self.conn.execute("SELECT code, libelle, riasec_majeur, riasec_mineur FROM fiche").fetchall()
        breadth = dict(self.conn.execute("SELECT code, count(*) FROM appellation GROUP BY code").fetchall())

        def score(row):
            major, minor = row[2], row[3]
            pair = 0 if major == letters[0] and minor and letters[1:2] == minor else 1
            return (pair, 0 if major == letters[0] else 1, letters.find(minor or "?") % 9, -breadth.get(row[0], 0),
                    row[1])

        chosen = [r for r in rows if r[2] and r[2] in letters and (not r[3] or r[3] in letters)]
        return [Hit(r[0], r[1], "fiche") for r in sorted(chosen, key=score)[:limit]]


def _term(word: str) -> str:
    """One word of the query as an FTS5 term: a prefix, or for a short word a whole word (and an acronym's
    meaning)."""
    if len(word) > 2 and word not in ACRONYMS:
        return f'"{word}"*'
    expansion = ACRONYMS.get(word)
    if expansion:
        return f'("{word}" OR ({" ".join(f"{part}*" for part in expansion)}))'
    return f'"{word}"'
