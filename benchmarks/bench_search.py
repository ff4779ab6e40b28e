"""Search and filters of the list at a year's scale (issue 14): 2,000 bilans whose content is still held.

Run: .venv/bin/python benchmarks/bench_search.py
Target: a keystroke of the search across bilans (identity and content) <= 50 ms; a filter change likewise.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

WORDS = ("bois comptabilité reconversion menuiserie atelier formation client équipe projet enquête métier "
         "artisan relation apprentissage entreprise motivation valeur autonomie création gestion paie").split()
NOMS = ("Lefèvre", "Martin", "Bernard", "Roux", "Petit", "Garnier", "Fontaine", "Chevalier", "Morel", "N'Diaye")
PRENOMS = ("Élodie", "Jérôme", "Lucie", "Karim", "Mathilde", "Hugo", "Inès", "Paul", "Camille", "Aïssata")


def generate(folder: Path, count: int):
    from bilan_desktop.storage.keyfile import KdfParams
    from bilan_desktop.storage.vault import Vault
    vault = Vault(folder)
    vault.create("girafe lampion escalier brume ocre pour le banc", KdfParams(time_cost=1, memory_cost=8192, parallelism=1))
    rng = random.Random(11)
    with vault.transaction() as conn:
        for i in range(count):
            stamp = dt.datetime(2026, 1, 1) + dt.timedelta(hours=rng.randint(0, 7000))
            person = conn.execute("INSERT INTO beneficiary (nom, prenom, created_at, updated_at) VALUES (?, ?, ?, ?)",
                                  (f"{rng.choice(NOMS)}{i}", rng.choice(PRENOMS), stamp.isoformat(),
                                   stamp.isoformat())).lastrowid
            bilan = conn.execute("INSERT INTO bilan (beneficiary_id, funding, step, opened_on, updated_at, reference) "
                                 "VALUES (?, 'cpf', 'phase_investigation', ?, ?, ?)",
                                 (person, stamp.date().isoformat(), stamp.isoformat(), f"BC-2026-{i + 1:04d}")).lastrowid
            text = " ".join(rng.choice(WORDS) for _ in range(400))  # about 3,000 characters of content a bilan
            conn.execute("INSERT INTO bilan_section VALUES (?, 'phase_investigation', 'content', ?, ?)",
                         (bilan, json.dumps({"projet_description": text, "projet_intitule": f"Projet {i}"}),
                          stamp.isoformat()))
    return vault


def main() -> None:
    app = QApplication.instance() or QApplication([])
    from bilan_desktop.domain.text import fold
    from bilan_desktop.services.bilans import BilanService
    from bilan_desktop.ui.bilan_list import BilanListPage
    with tempfile.TemporaryDirectory() as tmp:
        vault = generate(Path(tmp) / "coffre", 2000)
        service = BilanService(vault)
        page = BilanListPage()
        page.resize(1100, 700)
        page.show()
        page.set_rows(service.list_rows(dt.date(2026, 11, 29)))
        started = time.perf_counter()
        content = {bilan_id: fold(text) for bilan_id, text in service.content_texts().items()}
        loaded = time.perf_counter() - started
        page.model.set_content(content)
        app.processEvents()
        print(f"content of 2,000 bilans read and folded: {loaded * 1000:.0f} ms "
              f"({sum(len(t) for t in content.values()) / 1e6:.1f} million characters)")
        for label, query in (("content words", "menuiserie atelier"),
                             ("content, rare word", "zéphyrin"), ("identity", "martin1")):
            times = []
            typed = ""
            for char in query:
                typed += char
                begin = time.perf_counter()
                page.filter.setText(typed)
                app.processEvents()
                times.append((time.perf_counter() - begin) * 1000)
            print(f"search keystroke ({label}, {len(times)} keys): median {statistics.median(times):.1f} ms, "
                  f"worst {max(times):.1f} ms, {page.model.rowCount()} shown  (target <= 50 ms)")
        page.filter.clear()
        times = []
        for combo in (page.state_filter, page.funding_filter, page.year_filter):
            for index in (1, 0):
                begin = time.perf_counter()
                combo.setCurrentIndex(min(index, combo.count() - 1))
                app.processEvents()
                times.append((time.perf_counter() - begin) * 1000)
        print(f"filter change ({len(times)} changes): median {statistics.median(times):.1f} ms, "
              f"worst {max(times):.1f} ms  (target <= 50 ms)")
        vault.lock()


if __name__ == "__main__":
    main()
