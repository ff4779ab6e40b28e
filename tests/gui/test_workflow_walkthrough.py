"""Two bilans walked through the UI: a CPF one from first contact to follow-up, and an employer-funded
one whose convention expires unsigned and becomes « refus réputé » when the injected date passes."""

import datetime as dt
import os
from pathlib import Path

from PySide6.QtWidgets import QDialog

from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.storage.dossiers import DossierRepository
from tests.gui.conftest import by_accessible_name, create_vault, fill_new_bilan, type_text
from tests.gui.workflow_helpers import add_rows, current_label, fill, next_step

ENTRETIEN = {
    "Date de l'entretien": "27/11/2026",
    "Cadre légal du bilan de compétences présenté": True, "Objectifs du bilan présentés": True,
    "Déroulement (trois phases, 24 heures au plus) présenté": True, "Déontologie et confidentialité présentées": True,
    "La prestation est-elle adaptée au besoin ?": "Oui", "Pourquoi": "Souhaite une reconversion réfléchie",
}
ATTESTATIONS = {
    "Le bénéficiaire donne son consentement libre : aucune contrainte n'est exercée (art. L6313-4)": True,
    "Consentement recueilli le": "27/11/2026",
    "Le prestataire n'est pas l'employeur du bénéficiaire (art. R6313-5)": True,
}


def _seance_handler(date, start, end, step_label, expect_error=None):
    def handler(dialog):
        dialog.show()
        dialog.date.clear()
        type_text(by_accessible_name(dialog, "Date"), date)
        dialog.start.setTime(dialog.start.time().fromString(start, "HH:mm"))
        dialog.end.setTime(dialog.end.time().fromString(end, "HH:mm"))
        dialog.step.setCurrentIndex(dialog.step.findText(step_label))
        type_text(by_accessible_name(dialog, "Notes de séance"), "Échanges riches")
        dialog.accept()
        if expect_error is not None:
            expect_error.append(dialog.error.text())
            dialog.reject()
        return dialog.result()
    return handler


def _shot(widget, name):
    """Keep a picture of a filled page when BILAN_SHOTS names a folder (to look at it)."""
    folder = os.environ.get("BILAN_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def _open_new_bilan(window, script, funding_index, nom="Lefèvre", prenom="Élodie"):
    script.expect(fill_new_bilan({"Nom": nom, "Prénom": prenom}, funding_index))
    window.new_action.trigger()
    return next(iter(window.bilan_windows.values()))


def _entretien(bw):
    page = bw.page_for(Step.ENTRETIEN_PREALABLE)
    fill(page, ENTRETIEN)
    return page


def test_cpf_bilan_from_first_contact_to_follow_up(window, script, clock, qtbot):
    create_vault(window)
    bw = _open_new_bilan(window, script, funding_index=0)
    assert "Premier contact" in current_label(bw)
    contact = bw.page_for(Step.PREMIER_CONTACT)
    assert by_accessible_name(contact, "Date du premier contact").text() == "26/11/2026"
    fill(contact, {"Comment nous a-t-il connus ?": "Bouche à oreille",
                   "Situation actuelle (résumé)": "Comptable depuis 12 ans, envie de changement"})
    assert next_step(bw) == ""
    assert "Entretien préalable" in current_label(bw)

    # nothing can be entered in the bilan before free consent
    preliminaire = bw.page_for(Step.PHASE_PRELIMINAIRE)
    assert not preliminaire.form.isEnabled()
    entretien = _entretien(bw)
    reasons = next_step(bw)
    assert "Le consentement libre du bénéficiaire n'est pas enregistré (art. L6313-4)." in reasons
    assert "R6313-5" in reasons
    fill(entretien, ATTESTATIONS)
    _shot(bw, "20-entretien-prealable")
    assert next_step(bw) == ""
    assert "Phase préliminaire" in current_label(bw)  # CPF: no convention step
    assert bw.stepper.item(4).isHidden()  # the convention item

    for args in (("01/12/2026", "09:00", "12:00", "Phase préliminaire"),):
        script.expect(_seance_handler(*args))
        bw.seances.buttons["Ajouter une séance"].click()
    reasons = next_step(bw)
    assert reasons == "• Aucun objectif défini."
    fill(preliminaire, {"a) Analyse de la demande": "Reconversion", "Heures prévues": 21.0})
    add_rows(preliminaire, "Objectifs du bénéficiaire", [["Identifier un métier porteur"], ["Valider un projet"]])
    assert next_step(bw) == ""
    assert "Phase d'investigation" in current_label(bw)

    investigation = bw.page_for(Step.PHASE_INVESTIGATION)
    assert "Ni projet" in next_step(bw)
    add_rows(investigation, "Expériences professionnelles",
             [["Comptable", "Cabinet Durand", "01/09/2012", "", "Paie et bilans"]])
    add_rows(investigation, "Compétences professionnelles", [["Rigueur"], ["Maîtrise d'Excel"]])
    fill(investigation, {"Intitulé du projet": "Développeuse informatique", "Code ROME": "M1805"})
    add_rows(investigation, "Vérification de la pertinence", [["Enquête métier", "05/12/2026", "3 développeurs"]])
    add_rows(investigation, "Alternatives", [["Contrôleuse de gestion", "M1204", "Proche du métier actuel"]])
    for day in ("03/12/2026", "08/12/2026", "10/12/2026", "15/12/2026", "17/12/2026", "18/12/2026"):
        script.expect(_seance_handler(day, "09:00", "12:00", "Phase d'investigation"))
        bw.seances.buttons["Ajouter une séance"].click()
    assert "21 h sur 24 h" in bw.seances.total.text()
    errors = []
    script.expect(_seance_handler("19/12/2026", "09:00", "13:00", "Phase d'investigation", errors))
    bw.seances.buttons["Ajouter une séance"].click()
    assert "25 h" in errors[0] and "24 heures" in errors[0]
    assert "21 h sur 24 h" in bw.seances.total.text()  # refused: nothing recorded
    _shot(bw, "21-investigation")
    bw.stepper.setCurrentRow(bw.stepper.count() - 1)
    _shot(bw, "22-seances")
    bw.select(Step.PHASE_INVESTIGATION)
    assert next_step(bw) == ""

    conclusion = bw.page_for(Step.PHASE_CONCLUSION)
    script.expect(_seance_handler("22/12/2026", "14:00", "17:00", "Phase de conclusion"))
    bw.seances.buttons["Ajouter une séance"].click()
    assert "24 h sur 24 h" in bw.seances.total.text()  # 24 h exactly: allowed
    assert next_step(bw) == "• Document de synthèse non remis."
    fill(conclusion, {"a) Résultats détaillés remis et discutés le": "22/12/2026", "Synthèse remise le": "22/12/2026",
                      "Entretien de suivi proposé": True, "Entretien de suivi accepté": True})
    add_rows(conclusion, "c) Plan d'action", [["S'inscrire à la formation", "15/01/2027", "À faire"]])

    def satisfaction(dialog):
        for group in dialog.groups:
            group.button(4).setChecked(True)
        dialog.accept()
        return dialog.result()

    script.expect(satisfaction)
    by_accessible_name(conclusion, "Questionnaire de satisfaction (fin)").click()
    assert next_step(bw) == ""

    fin = bw.page_for(Step.FIN_DU_BILAN)
    assert by_accessible_name(fin, "Date de fin du bilan").text() == "22/12/2026"  # the last session's date
    assert "obligatoire" in next_step(bw)
    fill(fin, {"Décision de conservation": "Accord écrit du bénéficiaire pour le suivi de sa situation",
               "Accord écrit signé le": "22/12/2026"})
    fin.save_now()
    bw.refresh()
    assert "mercredi 22 décembre 2027 inclus" in fin.info.text()
    _shot(bw, "23-fin-du-bilan")
    ends = []
    script.expect(lambda d: ends.append(d.message.text()) or QDialog.Accepted)
    assert next_step(bw) == ""
    assert "conservés jusqu'au mercredi 22 décembre 2027 inclus" in ends[0]

    suivi = bw.page_for(Step.ENTRETIEN_SUIVI)
    assert by_accessible_name(suivi, "Date prévue").text() == "22/06/2027"
    assert "Entretien de suivi : <b>mardi 22 juin 2027</b>" in bw.header.text()
    bw.flush()
    window._refresh_list()
    assert window.list_page.model.index(0, 5).data() == "22/06/2027 (entretien de suivi)"
    fill(suivi, {"Réalisé le": "24/06/2027", "Ce qui a été mis en place": "Formation commencée"})
    script.expect(satisfaction)
    by_accessible_name(suivi, "Questionnaire de satisfaction (suivi)").click()
    bw.close()  # closing right after typing loses nothing

    dossier = DossierRepository(window.vault).load(1)
    assert dossier.step is Step.ENTRETIEN_SUIVI
    assert dossier.suivi.mis_en_place == "Formation commencée"
    assert dossier.phase_investigation.projet_code_rome == "M1805"
    assert dossier.phase_investigation.experiences[0].debut == dt.date(2012, 9, 1)
    assert [o.libelle for o in dossier.phase_preliminaire.objectifs] == ["Identifier un métier porteur",
                                                                       "Valider un projet"]
    assert len(dossier.seances) == 8 and dossier.seances[0].notes == "Échanges riches"
    assert DossierRepository(window.vault).satisfaction(1, "suivi")[0] == [4] * 8
    window._refresh_list()
    assert window.list_page.model.index(0, 3).data() == "Entretien de suivi"
    assert window.list_page.model.index(0, 5).data() == ""  # the follow-up took place: nothing due


def test_employer_funded_convention_expires_into_refus_repute(window, script, clock):
    clock.day = dt.date(2026, 2, 20)
    create_vault(window)
    bw = _open_new_bilan(window, script, funding_index=1, nom="Martin", prenom="Jérôme")  # plan de développement
    assert next_step(bw) == ""
    entretien = _entretien(bw)
    fill(entretien, {"Date de l'entretien": "20/02/2026", **ATTESTATIONS})
    assert next_step(bw) == ""
    assert "Convention" in current_label(bw)
    convention = bw.page_for(Step.CONVENTION)
    fill(convention, {"Raison sociale de l'employeur": "ACME SAS", "Objectif": "Projet d'évolution",
                      "Contenu": "Trois phases", "Moyens prévus": "Entretiens, tests", "Durée": 24.0,
                      "Période : du": "09/03/2026", "Période : au": "30/05/2026",
                      "Modalités de déroulement et de suivi": "Hebdomadaire",
                      "Modalités de remise des résultats détaillés et du document de synthèse": "En main propre",
                      "Prix": 1800.0, "Modalités de règlement": "À la fin du bilan",
                      "Projet transmis au salarié par l'employeur le": "20/02/2026",
                      "Signée par l'employeur le": "20/02/2026", "Signée par le prestataire le": "20/02/2026"})
    convention.save_now()
    bw.refresh()
    assert "jusqu'au lundi 2 mars 2026 inclus" in convention.info.text()
    assert "Signature du salarié : <b>lundi 2 mars 2026</b>" in bw.header.text()
    assert next_step(bw) == "• Convention non signée par le salarié."

    clock.day = dt.date(2026, 3, 2)  # the last day: still open
    bw.refresh()
    assert "Étape : <b>Convention</b>" in bw.header.text()

    clock.day = dt.date(2026, 3, 3)  # the day after: refus réputé, automatically
    bw._timer.timeout.emit()
    assert "Étape : <b>Refus réputé (art. R6313-8)</b>" in bw.header.text()
    assert "pas une faute du salarié" in convention.banner.text() and "lundi 2 mars 2026" in convention.banner.text()
    bw.select(Step.CONVENTION)
    _shot(bw, "24-refus-repute")
    # only the employee's signature can still be noted (given in time, recorded late); nothing else changes
    assert convention.form.widgets["signe_salarie_le"].isEnabled() and not convention.form.widgets["employeur"].isEnabled()
    assert not bw.page_for(Step.PHASE_PRELIMINAIRE).form.isEnabled()
    assert "Refus réputé" in bw.stepper.item(4).toolTip()
    window._refresh_list()
    window.list_page.archives.setChecked(True)
    assert window.list_page.model.index(0, 3).data() == "Refus réputé (art. R6313-8)"
    bw.close()
    window.open_bilan(1)  # the closed record stays visible
    assert "Refus réputé" in window.bilan_windows[1].header.text()
