"""Issue 12, the documents: each mandatory mention per document and funding route, realised hours only, blank and
signed attendance sheets (no word in a signature cell), every document rendered to PNG (BILAN_SHOTS=folder keeps
them to look at)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from bilan_desktop.documents import catalog, certificat, contrat, convocation, emargement, resultats, synthese
from bilan_desktop.documents.catalog import DocumentContext, DocumentKind
from bilan_desktop.domain.beneficiary import Civilite, Statut
from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.seances import Attestation, Role, Seance, Signature, StatutSeance
from bilan_desktop.domain.sections import Echeance, EntretienPrealable, EtapePlan, Financement, ModaliteSeance, StatutEtape
from bilan_desktop.domain.synthese import rncp
from tests.unit.documents_fixtures import beneficiary, dossier, draft, provider

D = dt.date
TODAY = D(2026, 5, 29)
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x02\x00\x00\x00\x01\x08\x06\x00\x00\x00\xf4\"\x7f\x8a\x00"
       b"\x00\x00\x10IDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x84\x19\x00\x00\x1f\xe8\x03\xfd\xa3\x0c\xfd\x11\x00\x00\x00\x00"
       b"IEND\xaeB`\x82")


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages).replace(
        "\u00a0", " ")


def images_in(pdf: bytes) -> int:
    return len(re.findall(rb"/Subtype\s*/Image", pdf))


def full_provider():
    return dataclasses.replace(provider(), siret="73282932000074", representant="Claire Martin",
                               representant_qualite="gérante", telephone="04 78 00 00 00", exonere_tva=True,
                               consultant_titres="Master de psychologie du travail", signature=PNG, cachet=PNG)


def person():
    return dataclasses.replace(beneficiary("court"), civilite=Civilite.MADAME, statut=Statut.SALARIE,
                               employeur="Transports Rhône", poste="Comptable")


def mixed_sessions() -> list[Seance]:
    """Realised (one remote, signed), cancelled, missed, and planned after today."""
    stamp = dt.datetime(2026, 3, 9, 12, 5)
    return [
        Seance(id=1, date=D(2026, 3, 9), debut=dt.time(9), fin=dt.time(12), statut=StatutSeance.REALISEE,
               etape=Step.PHASE_PRELIMINAIRE, signatures=(Signature(Role.BENEFICIAIRE, PNG, stamp),
                                                          Signature(Role.CONSULTANT, PNG, stamp))),
        Seance(id=2, date=D(2026, 3, 16), debut=dt.time(9), fin=dt.time(11), statut=StatutSeance.REALISEE,
               modalite=ModaliteSeance.VISIO, connexion_debut=dt.time(9, 2), connexion_fin=dt.time(10, 58),
               attestation=Attestation.JOURNAL, etape=Step.PHASE_INVESTIGATION),
        Seance(id=3, date=D(2026, 3, 23), debut=dt.time(9), fin=dt.time(12), statut=StatutSeance.ANNULEE,
               etape=Step.PHASE_INVESTIGATION),
        Seance(id=4, date=D(2026, 3, 30), debut=dt.time(9), fin=dt.time(12), statut=StatutSeance.ABSENCE,
               etape=Step.PHASE_INVESTIGATION),
        Seance(id=5, date=D(2026, 6, 8), debut=dt.time(14), fin=dt.time(17), statut=StatutSeance.PLANIFIEE,
               etape=Step.PHASE_CONCLUSION)]


def test_the_certificate_counts_realised_hours_only_and_carries_the_ministry_mentions():
    d = dossier("court")
    d.seances = mixed_sessions()
    d.fin_du_bilan.date_fin = D(2026, 6, 30)  # ends later: an interim attestation today
    pdf = certificat.build(full_provider(), person(), d, TODAY)
    text = text_of(pdf)
    assert "Attestation intermédiaire de réalisation" in text and "Certificat de réalisation" not in text.split(
        "Attestation")[0]
    assert "5 h réalisées" in text and "Dont 2 h à distance" in text and "(2 séances)" in text
    assert "08/06/2026" not in text and "23/03/2026" not in text and "30/03/2026" not in text
    for mention in ("Je soussigné·e Claire Martin, gérante du dispensateur", "Madame Élodie Lefèvre court, "
                    "salarié·e de l'entreprise Transports Rhône", "☒ bilan de compétences", "☐ action de formation",
                    "du lundi 9 mars 2026 au lundi 16 mars 2026", "conserver l'ensemble des pièces justificatives",
                    "pendant une durée de 3 ans", "Cachet et signature du responsable du dispensateur"):
        assert mention in text, mention
    assert images_in(pdf) == 2  # the representative's signature and the stamp
    d.fin_du_bilan.date_fin = TODAY
    final = text_of(certificat.build(full_provider(), person(), d, TODAY))
    assert final.startswith("Cabinet") and "Certificat de réalisation" in final and "intermédiaire" not in final
    assert "Le bilan est en cours" not in final


def test_the_certificate_is_refused_before_any_realised_session():
    d = dossier("court")
    d.seances = [s for s in mixed_sessions() if s.statut is not StatutSeance.REALISEE]
    assert "seules les heures réalisées" in catalog.unavailable_reason(DocumentKind.CERTIFICAT, d)


def test_attendance_sheets_blank_before_signed_after_and_no_word_in_a_signature_cell():
    d = dossier("court")
    d.seances = mixed_sessions()
    blank = emargement.build(full_provider(), person(), d, blank=True)
    text = text_of(blank)
    assert "Feuille d'émargement à signer" in text and "08/06/2026" in text and "14:00 – 17:00" in text
    assert "09/03/2026" not in text and images_in(blank) == 0
    signed = emargement.build(full_provider(), person(), d)
    text = text_of(signed)
    assert images_in(signed) == 2  # the two signatures drawn on screen, as images
    for mention in ("09/03/2026", "16/03/2026", "Connexion de 9 h 02 à 10 h 58",
                    "Présence attestée par : journal de connexion", "30/03/2026 09:00 – 12:00 3 h Présentiel "
                    "Absence non excusée", "Signé à l'écran le 09/03/2026 à 12:05", "5 h réalisées, 3 h planifiée"):
        assert mention in text, mention
    assert "émargé" not in text and "23/03/2026" not in text  # no fabricated word; cancelled sessions left out
    assert "Visioconférenc e" not in text and "Visioconférence" in text


def s_signed(row) -> bool:
    return "Signé à l'écran" in row[3].text


def test_the_signature_cells_hold_nothing_but_images():
    """The cells of the sheet's two last columns: a signature image or empty room, never a Paragraph."""
    d = dossier("court")
    d.seances = mixed_sessions()
    for blank in (True, False):
        shown = [s for s in d.seances if (s.statut is StatutSeance.PLANIFIEE) == blank and
                 s.statut is not StatutSeance.ANNULEE]
        sheet = emargement._sheet(shown, blank)
        for row in sheet._cellvalues[1:]:
            kinds = {type(cell).__name__ for cell in row[4:]}
            assert kinds <= ({"Spacer"} if blank else {"Spacer", "Image"}), row
            assert kinds == {"Image"} if s_signed(row) else True


@pytest.mark.parametrize("at_distance", [False, True])
def test_the_personal_contract_has_every_mention_of_l6353_4_and_the_withdrawal(at_distance):
    d = dossier("court", funding=Funding.PERSONNEL)
    d.financement = Financement(duree_heures=20, prix_euros=1600, contrat_signe_le=D(2026, 11, 7),
                                signe_a_distance=at_distance, modalites_reglement="En trois fois.")
    text = text_of(contrat.build(full_provider(), person(), d))
    for mention in ("Contrat de formation professionnelle", "L6353-3", "Nature : bilan de compétences", "Durée : 20 h",
                    "Programme", "phase préliminaire", "Aucun niveau de connaissances préalable",
                    "Conditions de déroulement et moyens", "à distance", "aucune certification",
                    "Titres et références : Master de psychologie du travail", "Prix : 1 600,00 €",
                    "Exonération de TVA, art. 261-4-4° a du CGI", "En trois fois.", "cessation anticipée",
                    "abandon", "30 %", "SIRET 73282932000074",
                    "représenté par Claire Martin, gérante", "Madame Élodie Lefèvre court"):
        assert mention in text, mention
    if at_distance:
        assert "quatorze jours" in text and "L221-18" in text and "jusqu'au lundi 23 novembre 2026" in text
        assert "lettre recommandée" not in text and "dénuée d'ambiguïté" in text
    else:
        assert "dix jours" in text and "jusqu'au mardi 17 novembre 2026" in text and "L221-18" not in text
        assert "lettre recommandée avec avis de réception" in text


def test_the_buyer_convention_names_the_buyer_and_keeps_the_results_from_it():
    d = dossier("court", funding=Funding.OPCO)
    d.financement = Financement(acheteur="OPCO Mobilités", acheteur_adresse="1 rue X\n75001 Paris",
                                acheteur_representant="M. Y", dossier_numero="OPC-42", prix_euros=1900,
                                employeur="Transports Rhône")
    text = text_of(contrat.build(full_provider(), person(), d))
    for mention in ("Convention de formation professionnelle", "L6353-1", "OPCO Mobilités, 1 rue X, 75001 Paris",
                    "représenté par M. Y, dossier n° OPC-42",
                    "Au bénéfice de : Madame Élodie Lefèvre court, salarié·e de l'entreprise Transports Rhône,",
                    "Rhône, Comptable",
                    "L6353-1 et D6353-1",
                    "qu'avec l'accord écrit du bénéficiaire", "certificat de réalisation", "Période de réalisation"):
        assert mention in text, mention
    assert "rétractation" not in text


def complete(funding: Funding):
    d = dossier("x", funding=funding)
    d.financement = Financement(acheteur="OPCO Mobilités", acheteur_adresse="1 rue X", acheteur_representant="M. Y",
                                employeur="Transports Rhône", prix_euros=1600, periode_debut=D(2026, 3, 2),
                                periode_fin=D(2026, 5, 29), echeancier=[Echeance(D(2026, 6, 1), 1600)])
    return d


def test_which_contract_each_route_may_print():
    reasons = {f: catalog.unavailable_reason(DocumentKind.CONTRAT, complete(f)) for f in Funding}
    assert {f for f, r in reasons.items() if not r} == {Funding.PERSONNEL, Funding.OPCO, Funding.FRANCE_TRAVAIL,
                                                         Funding.TRANSITIONS_PRO, Funding.EMPLOYEUR, Funding.AUTRE}
    assert "Mon Compte Formation" in reasons[Funding.CPF] and "tripartite" in reasons[Funding.PLAN_DEVELOPPEMENT]


def test_the_synthese_is_dated_the_day_handed_over_its_plan_sorted_without_status():
    d = dossier("court")
    d.phase_conclusion.synthese_remise_le = D(2026, 5, 27)
    d.phase_conclusion.plan_action = [EtapePlan("Deuxième", D(2026, 10, 1), StatutEtape.FAIT),
                                      EtapePlan("Sans date"), EtapePlan("Première", D(2026, 7, 1))]
    text = text_of(synthese.build(full_provider(), person(), d, draft(d), TODAY))
    assert "Fait à Lyon, le mercredi 27 mai 2026" in text
    assert text.index("Première") < text.index("Deuxième") < text.index("Sans date")
    assert "Statut" not in text and "Fait " not in text.replace("Fait à", "")
    assert "séance(s)" not in text and "Traduction non validée" not in text and "Névrosisme" not in text


def test_the_detailed_results_are_a_document_of_their_own():
    d = dossier("court")
    text = text_of(resultats.build(full_provider(), person(), d))
    for mention in ("Résultats détaillés du bilan", "strictement confidentiel", "Poste court", "Formation court",
                    "Compétence court", "Test court", "Analyse court", "Projet professionnel", "RNCP31114"):
        assert mention in text, mention
    assert rncp("RNCP 37275") == rncp("37275") == rncp("rncp37275") == "RNCP37275" and rncp("") == ""


def test_the_convocation_is_a_letter():
    seance = Seance(date=D(2026, 6, 8), debut=dt.time(14), fin=dt.time(16, 30), etape=Step.PHASE_CONCLUSION)
    p = dataclasses.replace(full_provider(), accessibilite="Claire Martin, 04 78 00 00 00",
                            email="contact@horizon.fr")
    text = text_of(convocation.build(p, person(), "BC-2026-0001", seance, "", TODAY))
    for mention in ("Madame,", "le lundi 8 juin 2026, de 14 h à 14 h 30".replace("14 h 30", "16 h 30"),
                    "04 78 00 00 00, contact@horizon.fr", "aménagement lié à un handicap",
                    "Je vous prie d'agréer, Madame, l'expression de mes salutations distinguées",
                    "Consultant·e en bilan de compétences"):
        assert mention in text, mention
    assert "14:00" not in text


def test_every_document_renders_and_is_looked_at(tmp_path):
    """Each document, every page, rendered to PNG as a reader would see it (kept when BILAN_SHOTS names a folder)."""
    folder = Path(os.environ.get("BILAN_SHOTS") or tmp_path) / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    rendered: set[str] = set()
    for funding in (Funding.PERSONNEL, Funding.OPCO, Funding.PLAN_DEVELOPPEMENT):
        d = dossier("court", funding=funding)
        d.seances = mixed_sessions()
        d.entretien_prealable = EntretienPrealable(consentement_libre=True, consentement_le=D(2026, 3, 2))
        d.financement = dataclasses.replace(complete(funding).financement, contrat_signe_le=D(2026, 3, 2))
        ctx = DocumentContext(full_provider(), person(), d, TODAY)
        for kind in catalog.BILAN_DOCUMENTS:
            if catalog.unavailable_reason(kind, d):
                continue
            pdf = pdfium.PdfDocument(catalog.build(kind, ctx))
            for index in range(len(pdf)):
                image = pdf[index].render(scale=1.0).to_pil()
                assert image.width > 500 and image.getextrema() != ((255, 255), (255, 255), (255, 255))
                image.save(folder / f"{funding.value}-{kind.value}-{index + 1}.png")
                rendered.add(kind.value)
            pdf.close()
    assert rendered == {k.value for k in catalog.BILAN_DOCUMENTS}


def test_an_unreadable_signature_or_stamp_leaves_the_place_empty():
    d = dossier("court")
    d.seances = [Seance(id=1, date=D(2026, 3, 9), statut=StatutSeance.REALISEE, signatures=(
        Signature(Role.BENEFICIAIRE, b"not an image", dt.datetime(2026, 3, 9, 12)),))]
    sheet = emargement.build(full_provider(), person(), d)
    assert images_in(sheet) == 0 and "not an image" not in text_of(sheet)
    broken = dataclasses.replace(full_provider(), signature=b"x", cachet=b"y", logo=b"z")
    assert images_in(certificat.build(broken, person(), d, TODAY)) == 0
