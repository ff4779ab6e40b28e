"""Issue 20 §6 in the window: a number field takes the keystroke and refuses what it cannot hold with its bound
(« 24 h au plus. ») instead of dropping the key (25 typed into « Heures prévues » became 2); an invalid SIRET or NDA
blocks « OK » of the settings with the reason, and nothing is saved until corrected."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.storage.exports import ProviderRepository
from tests.gui.conftest import by_accessible_name, create_vault
from tests.gui.workflow_helpers import bilan_at


def _type(field, text: str) -> None:
    field.setFocus()
    field.lineEdit().selectAll()
    QTest.keyClicks(field, text)


def test_25_typed_into_planned_hours_is_refused_with_the_bound_not_saved_as_2(window, script):
    bw, repo = bilan_at(window, script, Step.PHASE_PRELIMINAIRE)
    page = bw.page_for(Step.PHASE_PRELIMINAIRE)
    field = by_accessible_name(page, "Heures prévues")
    _type(field, "12")
    page.save_now()
    assert repo.load(1).phase_preliminaire.heures_prevues == 12
    _type(field, "25")
    QTest.keyClick(field, Qt.Key.Key_Return)  # editing ends: Qt would put back the last valid value
    assert field.text().startswith("25")
    page.save_now()
    assert page.form.errors["heures_prevues"].text() == "24 h au plus."
    assert "Des champs invalides ne sont pas enregistrés" in page.status.text()
    assert repo.load(1).phase_preliminaire.heures_prevues == 12  # neither 2 nor 24: what was saved stays
    _type(field, "21")
    page.save_now()
    assert page.form.errors["heures_prevues"].text() == "" and repo.load(1).phase_preliminaire.heures_prevues == 21


def test_the_settings_refuse_an_invalid_siret_nda_or_delay_with_the_reason(window, script):
    from bilan_desktop.ui.settings_dialog import SettingsDialog
    create_vault(window)
    dialog = SettingsDialog(window.vault, window.prefs, window)
    form = dialog.provider_form.form
    form.widgets["nom"].setText("Cabinet Horizon")
    form.widgets["siret"].setText("732 829 320 00075")  # the key digit is wrong
    form.widgets["numero_declaration"].setText("1175555555")  # ten digits
    dialog.tabs.setCurrentIndex(1)
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted and dialog.tabs.currentIndex() == 0
    assert dialog.error.text() == (
        "SIRET : SIRET invalide : 14 chiffres dont la clé de contrôle (exemple : 732 829 320 00074).\n"
        "Numéro de déclaration d'activité (NDA) : Le numéro de déclaration d'activité a 11 chiffres.")
    assert "SIRET invalide" in form.errors["siret"].text()
    assert ProviderRepository(window.vault).load().nom == ""  # nothing saved
    form.widgets["siret"].setText("356 000 000 00001")  # La Poste: its SIRETs follow another key
    form.widgets["numero_declaration"].setText("11755555555")
    _type(dialog.auto_lock, "300")
    dialog.accept()
    assert dialog.tabs.currentIndex() == 1
    assert dialog.error.text() == "Verrouillage automatique après (minutes) : 240 min au plus."
    assert ProviderRepository(window.vault).load().nom == ""
    _type(dialog.auto_lock, "30")
    dialog.accept()
    saved = ProviderRepository(window.vault).load()
    assert (saved.nom, saved.siret, saved.numero_declaration) == ("Cabinet Horizon", "356 000 000 00001", "11755555555")
    assert window.prefs.auto_lock_minutes == 30
