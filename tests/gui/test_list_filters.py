"""Issue 14: the list's filters and archive, and the search across bilans that looks into the content still held —
and finds nothing of what was destroyed."""

from __future__ import annotations

import datetime as dt

from bilan_desktop.domain.beneficiary import Beneficiary
from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import State, Step
from bilan_desktop.domain.sections import (Cloture, Conservation, EntretienPrealable, FinDuBilan,
                                           PhaseInvestigation)
from bilan_desktop.storage.bilans import BilanRepository
from bilan_desktop.storage.dossiers import DossierRepository
from tests.gui.conftest import create_vault, type_text

CANARY = "Ébénisterie-marqueterie-Zéphyrin"


def _names(window) -> list[str]:
    model = window.list_page.model
    return sorted(model.index(r, 1).data() for r in range(model.rowCount()))


def test_filters_archive_and_search_in_content(window, script, clock):
    create_vault(window)
    bilans, dossiers = BilanRepository(window.vault), DossierRepository(window.vault)
    now = dt.datetime(2025, 3, 2, 9)
    rows = [("Lefèvre", "Élodie", Funding.CPF), ("Martin", "Jérôme", Funding.OPCO),
            ("Roux", "Mathilde", Funding.PERSONNEL)]
    for index, (nom, prenom, funding) in enumerate(rows):
        bilans.create(Beneficiary(nom, prenom), funding, now if index == 0 else clock.now())
    dossiers.save_section(1, EntretienPrealable(consentement_libre=True), now)
    dossiers.save_section(1, PhaseInvestigation(projet_intitule=CANARY), now)
    dossiers.save_section(3, Cloture(abandon_le=clock.today()), clock.now())
    window.reload_list()
    page = window.list_page
    assert _names(window) == ["LEFÈVRE Élodie", "MARTIN Jérôme"]  # the abandoned bilan is archived
    assert "1 archivé" in page.count.text()
    page.archives.setChecked(True)
    assert len(_names(window)) == 3
    page.state_filter.setCurrentIndex(page.state_filter.findData(State.ABANDON.value))
    assert _names(window) == ["ROUX Mathilde"]
    page.state_filter.setCurrentIndex(0)
    page.funding_filter.setCurrentIndex(page.funding_filter.findData(Funding.OPCO.value))
    assert _names(window) == ["MARTIN Jérôme"]
    page.funding_filter.setCurrentIndex(0)
    assert [page.year_filter.itemText(i) for i in range(page.year_filter.count())] == ["Année : tous", "2026", "2025"]
    page.year_filter.setCurrentIndex(page.year_filter.findData(2025))
    assert _names(window) == ["LEFÈVRE Élodie"]
    page.year_filter.setCurrentIndex(0)

    # the search looks into the content only when asked
    type_text(page.filter, "marqueterie zephyrin")
    assert _names(window) == []
    page.in_content.setChecked(True)
    assert _names(window) == ["LEFÈVRE Élodie"]
    # a key of the stored record is not a word of the content
    page.filter.clear()
    type_text(page.filter, "projet_intitule")
    assert _names(window) == []

    # destroyed content is found no more
    page.filter.clear()
    type_text(page.filter, "zephyrin")
    dossiers.save_section(1, FinDuBilan(date_fin=dt.date(2025, 6, 1), conservation=Conservation.AUCUNE), now)
    dossiers.set_step(1, Step.FIN_DU_BILAN, now)
    window.run_retention()
    window.reload_list()
    assert _names(window) == []
    window.lock()
    assert page.model._content == {}  # nothing of the content stays in memory once locked


def test_a_prospect_deleted_from_the_bilan_menu(window, script, clock):
    from PySide6.QtWidgets import QMessageBox

    from tests.gui.conftest import fill_new_bilan
    create_vault(window)
    script.expect(fill_new_bilan({"Nom": "Sanssuite", "Prénom": "Paul"}))
    window.new_action.trigger()
    bw = window.bilan_windows[1]
    assert bw.delete_action.isEnabled()
    script.expect(lambda box: QMessageBox.StandardButton.Yes)
    bw.delete_action.trigger()
    assert 1 not in window.bilan_windows and window.list_page.model.total == 0
    entries = window.retention.register()
    assert [(e.kind.value, e.categories) for e in entries] == [("suppression_dossier", [])]


def test_a_started_bilan_cannot_be_deleted(window, script):
    from tests.gui.workflow_helpers import bilan_at
    bw, _repo = bilan_at(window, script, Step.PHASE_PRELIMINAIRE)
    assert not bw.delete_action.isEnabled()
