"""Converts the ROME 4.0 CSV files of data/rome-v460 into the read-only SQLite file shipped in the package.

Usage: python scripts/build_rome.py [OUTPUT]   (default: src/bilan_desktop/resources/rome/rome.sqlite)
The output is rebuilt from scratch under a temporary name, then renamed: a half-built file never ships."""

from __future__ import annotations

import csv
import os
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from bilan_desktop.domain.text import fold  # noqa: E402  (the same folding as the search)

SOURCE = ROOT / "data" / "rome-v460"
DEFAULT_OUTPUT = ROOT / "src" / "bilan_desktop" / "resources" / "rome" / "rome.sqlite"
RUBRIQUES = {"1": "savoir_faire", "2": "savoir_etre", "3": "savoir"}


def rows(name: str):
    with open(SOURCE / f"unix_{name}_v460_utf8.csv", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def clean(text: str) -> str:
    return " ".join(text.replace("''", "'").split())


def build(output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    conn.executescript("""
        CREATE TABLE fiche (code TEXT PRIMARY KEY, libelle TEXT NOT NULL, definition TEXT NOT NULL,
                            acces TEXT NOT NULL, grand_domaine TEXT NOT NULL, domaine TEXT NOT NULL,
                            riasec_majeur TEXT NOT NULL, riasec_mineur TEXT NOT NULL);
        CREATE TABLE appellation (code_ogr TEXT PRIMARY KEY, code TEXT NOT NULL, libelle TEXT NOT NULL);
        CREATE TABLE skill (code TEXT NOT NULL, rubrique TEXT NOT NULL, position INTEGER NOT NULL,
                            libelle TEXT NOT NULL);
        CREATE INDEX skill_code ON skill(code);
        CREATE INDEX appellation_code ON appellation(code);
        CREATE VIRTUAL TABLE search USING fts5(norm, libelle UNINDEXED, code UNINDEXED, kind UNINDEXED,
                                               weight UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');
    """)
    texts = defaultdict(lambda: defaultdict(list))
    for r in rows("texte"):
        texts[r["code_rome"]][r["libelle_type_texte"]].append((int(r["position_phrase"]), clean(r["libelle_texte"])))
    domains = {r["code_rome"]: (r["libelle_grand_domaine"], r["libelle_domaine_professionel"]) for r in rows("cr_gd_dp")}
    riasec = {r["code_rome"]: (r["riasec_majeur"], r["riasec_mineur"]) for r in rows("referentiel_code_rome_riasec")}
    breadth = defaultdict(int)  # job titles per fiche: the broader fiche first among equals
    for r in rows("referentiel_appellation"):
        breadth[r["code_rome"]] += 1
    for r in rows("referentiel_code_rome"):
        code = r["code_rome"]
        definition = "\n".join(t for _, t in sorted(texts[code]["definition"]))
        acces = " ".join(t for _, t in sorted(texts[code]["acces_metier"]))
        grand, domaine = domains.get(code, ("", ""))
        major, minor = riasec.get(code, ("", ""))
        conn.execute("INSERT INTO fiche VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (code, clean(r["libelle_rome"]), definition, acces, grand, domaine, major, minor))
        conn.execute("INSERT INTO search VALUES (?, ?, ?, 'fiche', ?)",
                     (fold(r["libelle_rome"]), clean(r["libelle_rome"]), code, breadth[code]))
    for r in rows("referentiel_appellation"):
        label = clean(r["libelle_appellation_long"])
        conn.execute("INSERT INTO appellation VALUES (?, ?, ?)", (r["code_ogr"], r["code_rome"], label))
        conn.execute("INSERT INTO search VALUES (?, ?, ?, 'appellation', 0)", (fold(label), label, r["code_rome"]))
    labels = {r["code_ogr"]: clean(r["libelle_competence"]) for r in rows("referentiel_competence")}
    labels.update({r["code_ogr_savoir"]: clean(r["libelle_savoir"]) for r in rows("referentiel_savoir")})
    position = defaultdict(int)
    for r in rows("liens_rome_referentiels"):
        rubrique = RUBRIQUES.get(r["code_rubrique"]) if r["code_compo_bloc"] == "5" else None
        if rubrique and r["code_ogr"] in labels:
            position[r["code_rome"]] += 1
            conn.execute("INSERT INTO skill VALUES (?, ?, ?, ?)",
                         (r["code_rome"], rubrique, position[r["code_rome"]], labels[r["code_ogr"]]))
    conn.execute("INSERT INTO search(search) VALUES ('optimize')")
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    os.replace(tmp, output)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT
    build(target)
    print(f"ROME: {target} ({target.stat().st_size // 1024} Kio)")
