"""Issue 20 §4: the contract texts say what the law says. Rules through the service layer, texts read back from the
PDF (pypdf), expected strings written by hand. BILAN_SHOTS=folder keeps the rendered pages to look at."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from bilan_desktop.documents import accord_conservation, certificat, contrat
from bilan_desktop.documents.catalog import DocumentKind, unavailable_reason
from bilan_desktop.domain.beneficiary import Beneficiary
from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.seances import Seance, StatutSeance
from bilan_desktop.domain.sections import Cloture, Conservation, Echeance, EntretienPrealable, Financement, FinDuBilan
from bilan_desktop.domain.workflow import RuleViolation
from bilan_desktop.services.bilans import BilanService
from bilan_desktop.services.documents import DocumentUnavailable, produce
from bilan_desktop.storage.exports import ProviderRepository
from tests.unit.documents_fixtures import dossier
from tests.unit.test_funder_documents import full_provider, mixed_sessions, person, text_of

D = dt.date
NOW = dt.datetime(2026, 11, 20, 10, 0)
NNBSP, NBSP = "\u202f", "\u00a0"


def _service(vault, funding: Funding) -> tuple[BilanService, int]:
    service = BilanService(vault)
    bilan_id = service.create(Beneficiary("Lefèvre", "Élodie"), funding, NOW)
    service.dossiers.save_section(bilan_id, EntretienPrealable(consentement_libre=True, consentement_le=D(2026, 11, 2)),
                                  NOW)
    return service, bilan_id


def _personal(**values) -> Financement:
    return Financement(**{"duree_heures": 20, "prix_euros": 2000, "contrat_signe_le": D(2026, 11, 2), **values})


# -- L6353-6: the payment schedule -----------------------------------------------------------------------------
def test_a_schedule_asking_more_than_30_percent_at_the_end_of_withdrawal_is_refused_with_the_figures(vault):
    service, bilan_id = _service(vault, Funding.PERSONNEL)
    with pytest.raises(RuleViolation) as refused:  # signed Monday 2 November: withdrawal until Thursday 12
        service.save_section(bilan_id, _personal(echeancier=[Echeance(D(2026, 11, 13), 800),
                                                             Echeance(D(2026, 12, 1), 1200)]), NOW)
    assert refused.value.problems == [
        f"Échéancier refusé : 800,00{NBSP}€ exigés au plus tard le vendredi 13 novembre 2026 dépassent 30 % du prix "
        f"convenu (600,00{NBSP}€ au plus sur 2{NNBSP}000,00{NBSP}€) : le solde se paie au fur et à mesure du "
        "déroulement du bilan (art. L6353-6)."]
    with pytest.raises(RuleViolation) as early:
        service.save_section(bilan_id, _personal(echeancier=[Echeance(D(2026, 11, 12), 100)]), NOW)
    assert early.value.problems == [
        f"Échéance du jeudi 12 novembre 2026 (100,00{NBSP}€) : aucune somme ne peut être exigée pendant le délai "
        "de rétractation, qui court jusqu'au jeudi 12 novembre 2026 inclus (art. L6353-6)."]
    assert service.load(bilan_id).financement.echeancier == []  # nothing of the refused schedules is kept
    good = [Echeance(D(2026, 11, 13), 600), Echeance(D(2026, 12, 1), 1400)]
    service.save_section(bilan_id, _personal(echeancier=good), NOW)
    assert service.load(bilan_id).financement.echeancier == good


def test_what_is_due_before_the_first_session_counts_within_the_30_percent(vault):
    service, bilan_id = _service(vault, Funding.PERSONNEL)
    d = service.load(bilan_id)
    d.financement = _personal(echeancier=[Echeance(D(2026, 11, 13), 600), Echeance(D(2026, 11, 20), 1400)])
    d.seances = [Seance(date=D(2026, 11, 23), etape=Step.PHASE_PRELIMINAIRE, statut=StatutSeance.PLANIFIEE)]
    from bilan_desktop.domain.contract_terms import contract_problems
    assert contract_problems(d) == [
        f"Échéancier refusé : 2{NNBSP}000,00{NBSP}€ exigés au plus tard le lundi 23 novembre 2026 dépassent 30 % du "
        f"prix convenu (600,00{NBSP}€ au plus sur 2{NNBSP}000,00{NBSP}€) : le solde se paie au fur et à mesure du "
        "déroulement du bilan (art. L6353-6)."]


def test_the_express_request_to_start_early_is_dated_on_or_after_the_contract(vault):
    service, bilan_id = _service(vault, Funding.PERSONNEL)
    with pytest.raises(RuleViolation) as refused:
        service.save_section(bilan_id, _personal(debut_anticipe_le=D(2026, 11, 1)), NOW)
    assert refused.value.problems == ["La demande de commencer pendant le délai de rétractation (dimanche 1er "
                                      "novembre 2026) ne peut pas précéder la signature du contrat (lundi 2 "
                                      "novembre 2026)."]
    service.save_section(bilan_id, _personal(debut_anticipe_le=D(2026, 11, 2)), NOW)


@pytest.mark.parametrize("years", [0, 5])
def test_an_agreement_of_0_or_5_years_is_refused_by_the_rule_itself(vault, years):
    service, bilan_id = _service(vault, Funding.PERSONNEL)
    with pytest.raises(RuleViolation) as refused:
        service.save_section(bilan_id, FinDuBilan(conservation=Conservation.ACCORD_SUIVI,
                                                  duree_conservation_ans=years), NOW)
    assert refused.value.problems == ["La durée de conservation va d'un à trois ans, jamais au-delà (art. R6313-7)."]


# -- the personal contract: one number of days, the reading of L6353-5, the form at a distance ------------------
def _contract_text(**values) -> str:
    d = dossier("court", funding=Funding.PERSONNEL)
    d.financement = _personal(echeancier=[Echeance(D(2026, 12, 1), 1400), Echeance(D(2026, 11, 23), 600)],
                              **values)
    return text_of(contrat.build(full_provider(), person(), d))


def test_at_a_distance_fourteen_days_everywhere_no_registered_letter_and_the_model_form():
    text = _contract_text(signe_a_distance=True, contrat_signe_le=D(2026, 11, 4))
    assert set(re.findall(r"(\w+) jours", text)) == {"quatorze"}
    assert text.count("quatorze jours") == 2 and not re.search(r"\b1[04] jours", text)
    assert "lettre recommandée" not in text and "L6353-5" not in text
    for mention in ("signé à distance ou hors établissement", "toute autre déclaration dénuée d'ambiguïté",
                    "jusqu'au mercredi 18 novembre 2026 inclus",  # Wednesday 4 + 14 days, the 4th not counted
                    "Modèle de formulaire de rétractation",
                    "(Veuillez compléter et renvoyer le présent formulaire uniquement si vous souhaitez vous "
                    "rétracter du contrat.)",
                    "A l'attention de Cabinet Horizon, Cabinet Horizon, 12 rue des Lilas, 69003 Lyon :",
                    "Je/nous (*) vous notifie/notifions (*) par la présente ma/notre (*) rétractation du contrat "
                    "portant sur la vente du bien (*)/pour la prestation de services (*) ci-dessous :",
                    "Commandé le (*)/reçu le (*) :", "Nom du (des) consommateur(s) :",
                    "Adresse du (des) consommateur(s) :",
                    "Signature du (des) consommateur(s) (uniquement en cas de notification du présent formulaire "
                    "sur papier) :", "(*) Rayez la mention inutile."):
        assert mention in text, mention


def test_face_to_face_ten_days_everywhere_moved_to_the_next_working_day_and_the_schedule_printed():
    text = _contract_text(contrat_signe_le=D(2026, 11, 4))  # the tenth day is Saturday 14 November
    assert set(re.findall(r"(\w+) jours", text)) == {"dix"}
    assert "quatorze" not in text and "formulaire de rétractation" not in text
    for mention in ("jusqu'au lundi 16 novembre 2026 inclus", "lettre recommandée avec avis de réception",
                    "reporté au premier jour ouvrable suivant", "Échéancier de paiement :",
                    "– le lundi 23 novembre 2026 : 600,00 € – le mardi 1er décembre 2026 : 1 400,00 €"):
        assert mention.replace(NNBSP, " ") in text.replace(NNBSP, " "), mention


# -- the buyer convention (L6353-1, D6353-1) ------------------------------------------------------------------------
def _buyer(vault, **values) -> tuple[BilanService, int]:
    ProviderRepository(vault).save(full_provider())
    service, bilan_id = _service(vault, Funding.OPCO)
    service.save_section(bilan_id, Financement(**{
        "acheteur": "OPCO Mobilités", "acheteur_adresse": "1 rue X", "acheteur_representant": "M. Y",
        "employeur": "Transports Rhône", "prix_euros": 1900,
        "echeancier": [Echeance(D(2027, 1, 15), 1900)], **values}), NOW)
    return service, bilan_id


def test_the_buyer_convention_without_a_period_is_refused_with_the_reason(vault):
    _service_, bilan_id = _buyer(vault)
    with pytest.raises(DocumentUnavailable) as refused:
        produce(vault, bilan_id, "contrat", NOW.date())
    assert refused.value.problems == ["Avant d'exporter le contrat, renseignez : période de réalisation (saisie, ou "
                                      "séances planifiées)."]


def test_the_buyer_convention_period_typed_or_from_the_planned_sessions_and_the_employer_named(vault):
    service, bilan_id = _buyer(vault)
    d = service.load(bilan_id)
    d.seances = [Seance(date=D(2026, 12, 7), etape=Step.PHASE_PRELIMINAIRE, statut=StatutSeance.PLANIFIEE),
                 Seance(date=D(2027, 1, 11), etape=Step.PHASE_CONCLUSION, statut=StatutSeance.PLANIFIEE)]
    text = text_of(contrat.build(full_provider(), Beneficiary("Lefèvre", "Élodie"), d))
    assert "Période de réalisation : du lundi 7 décembre 2026 au lundi 11 janvier 2027." in text
    assert "non renseignée" not in text and "L6353-1 et D6353-1" in text and "R6353-1" not in text
    assert "Élodie Lefèvre, salarié·e de l'entreprise Transports Rhône" in text
    service.save_section(bilan_id, dataclasses.replace(d.financement, periode_debut=D(2026, 12, 1),
                                                       periode_fin=D(2027, 2, 26)), NOW)
    typed = text_of(produce(vault, bilan_id, "contrat", NOW.date()))
    assert "Période de réalisation : du mardi 1er décembre 2026 au vendredi 26 février 2027." in typed


def test_an_empty_buyer_address_representative_or_schedule_is_named_before_export(vault):
    _service_, bilan_id = _buyer(vault, acheteur_adresse="", acheteur_representant="", echeancier=[],
                                 employeur="", periode_debut=D(2026, 12, 1), periode_fin=D(2027, 2, 26))
    with pytest.raises(DocumentUnavailable) as refused:
        produce(vault, bilan_id, "contrat", NOW.date())
    assert refused.value.problems == ["Avant d'exporter le contrat, renseignez : adresse de l'acheteur, représentant "
                                      "de l'acheteur, employeur du bénéficiaire, échéancier de paiement."]


def test_the_consultants_titles_are_among_what_the_documents_still_need():
    provider = dataclasses.replace(full_provider(), consultant_titres="")
    assert provider.missing == ["titres et références du consultant (art. L6353-4)"]
    assert full_provider().missing == []


# -- the certificate after an abandon or an interruption ----------------------------------------------------------
@pytest.mark.parametrize("cloture,reason", [
    (Cloture(abandon_le=D(2026, 3, 20)), "Fin anticipée du bilan le vendredi 20 mars 2026 — motif : abandon du bilan."),
    (Cloture(suspendu_le=D(2026, 3, 20)),
     "Fin anticipée du bilan le vendredi 20 mars 2026 — motif : interruption du bilan (mise en pause)."),
])
def test_after_an_abandon_or_a_pause_the_certificate_is_final_with_the_end_and_its_reason(cloture, reason):
    d = dossier("court")
    d.seances = mixed_sessions()
    d.fin_du_bilan.date_fin = None
    d.cloture = cloture
    text = text_of(certificat.build(full_provider(), dataclasses.replace(person(), employeur=""), d, D(2026, 5, 29)))
    assert "Certificat de réalisation" in text and "intermédiaire" not in text and "en cours" not in text
    assert reason in text and "atteste des seules heures réalisées jusqu'à cette date (2 séances)" in text
    assert "5 h réalisées" in text
    # the identity form leaves the employer empty: the convention's employer is named
    assert "salarié·e de l'entreprise ACME court" in text


# -- the R6313-7 agreement -------------------------------------------------------------------------------------------
def test_the_agreement_says_what_was_agreed_one_line_per_reason():
    d = dossier("court")
    d.fin_du_bilan = FinDuBilan(date_fin=D(2026, 5, 29), conservation=Conservation.ACCORD_SUIVI,
                                accord_signe_le=D(2026, 5, 29), duree_conservation_ans=2,
                                synthese_cep_transmise_le=D(2026, 5, 29))
    text = text_of(accord_conservation.build(full_provider(), person(), d, D(2026, 5, 29)))
    assert ("pour le suivi de ma situation, notamment lors de l'entretien de suivi : pendant 2 ans après la fin du "
            "bilan, soit jusqu'au lundi 29 mai 2028 inclus ;") in text
    assert ("le document de synthèse, transmis à ma demande à l'opérateur du conseil en évolution professionnelle "
            "(art. L6111-6 et L6313-4) : pendant trois ans après la fin du bilan, soit jusqu'au mardi 29 mai 2029 "
            "inclus.") in text
    d.fin_du_bilan.synthese_cep_transmise_le = None
    d.fin_du_bilan.duree_conservation_ans = 1
    alone = text_of(accord_conservation.build(full_provider(), person(), d, D(2026, 5, 29)))
    assert "pendant 1 an après la fin du bilan, soit jusqu'au samedi 29 mai 2027 inclus." in alone
    assert "opérateur du conseil" not in alone
    d.fin_du_bilan.duree_conservation_ans = 5
    assert unavailable_reason(DocumentKind.ACCORD, d) == ("La durée de conservation va d'un à trois ans, jamais "
                                                          "au-delà (art. R6313-7).")


# -- looked at ----------------------------------------------------------------------------------------------------
def test_a_contract_at_a_distance_and_a_certificate_after_an_abandon_render(tmp_path):
    folder = Path(os.environ.get("BILAN_SHOTS") or tmp_path) / "contract-texts"
    folder.mkdir(parents=True, exist_ok=True)
    d = dossier("court", funding=Funding.PERSONNEL)
    d.financement = _personal(signe_a_distance=True, debut_anticipe_le=D(2026, 11, 3),
                              echeancier=[Echeance(D(2026, 11, 23), 600), Echeance(D(2026, 12, 14), 1400)])
    d.seances = mixed_sessions()
    d.fin_du_bilan.date_fin = None
    d.cloture = Cloture(abandon_le=D(2026, 3, 20))
    for name, pdf in (("contrat", contrat.build(full_provider(), person(), d)),
                      ("certificat", certificat.build(full_provider(), person(), d, D(2026, 5, 29)))):
        document = pdfium.PdfDocument(pdf)
        for index in range(len(document)):
            image = document[index].render(scale=1.2).to_pil()
            assert image.getextrema() != ((255, 255), (255, 255), (255, 255))
            image.save(folder / f"{name}-{index + 1}.png")
        document.close()
