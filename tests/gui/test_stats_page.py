"""Issue 15: the statistics screen computes the period's figures, exports them as CSV and as a PDF to publish."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from bilan_desktop.domain.beneficiary import Beneficiary
from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.seances import Seance, StatutSeance
from bilan_desktop.domain.sections import FinDuBilan
from bilan_desktop.storage.bilans import BilanRepository
from bilan_desktop.storage.dossiers import DossierRepository
from tests.gui.conftest import create_vault, type_text
from tests.gui.workflow_helpers import choose_file


def test_statistics_screen_and_exports(window, script, clock, tmp_path):
    create_vault(window)
    bilans, dossiers = BilanRepository(window.vault), DossierRepository(window.vault)
    now = clock.now()
    for index, funding in enumerate((Funding.CPF, Funding.OPCO)):
        bilan_id = bilans.create(Beneficiary(f"Nom{index}", "Prénom"), funding, now)
        dossiers.save_seance(bilan_id, Seance(date=dt.date(2026, 3, 2 + index), debut=dt.time(9), fin=dt.time(12),
                                              statut=StatutSeance.REALISEE, etape=Step.PHASE_INVESTIGATION), now)
        dossiers.save_section(bilan_id, FinDuBilan(date_fin=dt.date(2026, 4, 1)), now)
        dossiers.save_satisfaction(bilan_id, "fin", [5] * 8, "", dt.date(2026, 4, 2))
    window.reload_list()
    page = window.home.stats
    window.show()
    window.home.setCurrentWidget(page)  # opening the tab computes the figures: no « Calculer » to find first
    shown = [(page.table.item(r, 1).text(), page.table.item(r, 2).text()) for r in range(page.table.rowCount())]
    assert shown[:2] == [("Bilans commencés", "2"), ("Bilans terminés", "2")]
    assert ("Heures réalisées", "6\u00a0h") in shown[:7] and page.table.item(0, 0).text() == "Activité"
    assert not page.page.pixmap().isNull()  # the page to publish, charts included, beside the figures
    computed = []
    page.service.figures = lambda *args, real=page.service.figures: computed.append(1) or real(*args)
    window.home.setCurrentWidget(window.home.todo)
    window.home.setCurrentWidget(page)
    assert computed == []  # nothing changed: the figures shown are still right, not computed again
    bilans.create(Beneficiary("Nom2", "Prénom"), Funding.CPF, now)
    window.reload_list()  # a bilan changed while the tab is shown: the figures follow
    assert computed == [1]
    window.home.setCurrentWidget(window.home.todo)
    window.reload_list()
    assert computed == [1]  # hidden: computed when the tab is shown again
    window.home.setCurrentWidget(page)
    assert computed == [1, 1]
    if os.environ.get("BILAN_SHOTS"):
        Path(os.environ["BILAN_SHOTS"]).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(os.environ["BILAN_SHOTS"]) / "62-statistiques.png"))
    page.end.clear()
    type_text(page.end, "01/01/2025")
    page.refresh()
    assert "Période invalide" in page.error.text()
    page.end.clear()
    type_text(page.end, "31/12/2026")
    for target, action in ((tmp_path / "chiffres.csv", page.export_csv), (tmp_path / "resultats.pdf",
                                                                         page.export_pdf)):
        script.expect(choose_file(target))
        script.expect(lambda box: QMessageBox.Ok)
        action()
    text = (tmp_path / "chiffres.csv").read_text(encoding="utf-8-sig")
    assert "Bilans terminés;2;" in text and "Nom0" not in text
    assert (tmp_path / "resultats.pdf").read_bytes().startswith(b"%PDF")
    assert oct((tmp_path / "chiffres.csv").stat().st_mode & 0o777) == "0o600"
