"""Every document: its sections and legal mentions, user text escaped and kept whole, DejaVu only, no link,
no image, neutral metadata, long input paginated without loss."""

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from bilan_desktop.documents import (accord_conservation, certificat, convention, convocation, emargement,
                                     pv_destruction, synthese)
from bilan_desktop.domain.synthese import SyntheseDraft
from tests.unit.documents_fixtures import CORPUS, TEXT, beneficiary, dossier, draft, provider

TODAY = dt.date(2026, 5, 29)


def _docs(text=TEXT):
    d, b, p = dossier(text), beneficiary(text), provider(text)
    record = pv_destruction.DestructionRecord(f"BC-2026-0001 {text}", TODAY, f"Art. R6313-7 {text}",
                                              [f"Notes {text}", "Synthèse"])
    return {
        "synthese": synthese.build(p, b, d, draft(d), TODAY),
        "convention": convention.build(p, b, d),
        "emargement": emargement.build(p, b, d),
        "certificat": certificat.build(p, b, d, TODAY),
        "accord": accord_conservation.build(p, b, d, TODAY),
        "pv": pv_destruction.build(p, record),
        "convocation": convocation.build(p, b, d.reference, d.seances[1], f"Apporter {text}", TODAY),
    }


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def docs():
    return _docs()


@pytest.mark.parametrize("name", ["synthese", "convention", "emargement", "certificat", "accord", "pv",
                                  "convocation"])
def test_user_text_is_shown_exactly_and_harmlessly(docs, name):
    pdf = docs[name]
    extracted = flat(text_of(pdf))
    for piece in CORPUS:
        assert flat(piece) in extracted, (name, piece)
    assert b"/URI" not in pdf and b"/JavaScript" not in pdf and b"/Subtype /Image" not in pdf
    reader = PdfReader(io.BytesIO(pdf))
    fonts = {str(f.get_object()["/BaseFont"]) for page in reader.pages
             for f in page["/Resources"]["/Font"].values()}
    assert fonts and all("DejaVuSans" in f for f in fonts), fonts  # no Helvetica, Symbol or ZapfDingbats
    meta = reader.metadata
    for key in ("/Title", "/Author", "/Subject", "/Keywords"):
        assert "Lefèvre" not in str(meta.get(key, "")) and "Jean" not in str(meta.get(key, ""))
    pages = len(reader.pages)
    assert f"page {pages} / {pages}" in text_of(pdf)


def test_synthese_sections_and_mentions(docs):
    text = flat(text_of(docs["synthese"]))
    for mention in ("Document strictement confidentiel, destiné au seul bénéficiaire (art. L6313-4 du Code du travail)",
                    "Circonstances et demande", "Objectifs du bilan", "Parcours professionnel et formation",
                    "Compétences et aptitudes", "Motivations, intérêts et valeurs",
                    "Projet professionnel et vérification de sa pertinence", "Pistes alternatives", "Besoins de formation",
                    "Conditions et moyens", "Plan d'action", "Entretien de suivi", "Le bénéficiaire", "Le consultant",
                    "84 69 12345 69", "QUA-2026-001", "du lundi 9 mars 2026 au vendredi 29 mai 2026",
                    "24 h en 8 séances",
                    "M1805", "RNCP31114", "01/09/2026", "Fait à", "Codes ROME : Source : France Travail"):
        assert flat(mention) in text, mention


def test_convention_mentions_of_r6313_8(docs):
    text = flat(text_of(docs["convention"]))
    for mention in ("Intitulé", "Objectif", "Contenu", "Moyens prévus", "Durée et période de réalisation",
                    "Modalités de déroulement et de suivi", "Modalités de remise des résultats détaillés",
                    "Prix et modalités de règlement", "1 234,50 €", "vendredi 20 février 2026",
                    "jusqu'au lundi 2 mars 2026 inclus", "L'absence de réponse du salarié dans ce délai vaut refus",
                    "L'employeur", "Le salarié", "Le prestataire"):
        assert flat(mention.replace(" ", " ")) in text.replace("\u202f", " ").replace("\u00a0", " "), mention


def test_attendance_certificate_agreement_record_convocation(docs):
    sheet = flat(text_of(docs["emargement"]))
    assert "Signature du bénéficiaire" in sheet and "16/03/2026" in sheet and "Heures du bilan : 24 h réalisées" in \
        sheet.replace("\u00a0", " ")
    cert = flat(text_of(docs["certificat"])).replace("\u00a0", " ")
    assert "Certificat de réalisation" in cert and "du lundi 9 mars 2026 au lundi 27 avril 2026" in cert
    assert "pour une durée de 24 h réalisées" in cert
    accord = flat(text_of(docs["accord"]))
    assert "jusqu'au samedi 29 mai 2027 inclus" in accord and "R6313-7" in accord and "retirer cet accord" in accord
    pv = flat(text_of(docs["pv"]))
    assert "Procès-verbal de destruction" in pv and "vendredi 29 mai 2026" in pv and "ne reproduit aucun contenu" in pv
    convocation_text = flat(text_of(docs["convocation"]))
    assert "lundi 16 mars 2026" in convocation_text and "visioconférence" in convocation_text


def test_long_input_paginates_without_loss():
    word = "x" * 5000
    sentence = "Une réponse très longue du bénéficiaire, qui revient sur chaque étape de son parcours. "
    paragraph = sentence * 30
    long_text = "\n\n".join([paragraph] * 30) + "\n\n" + word
    d = dossier("court")
    d.phase_conclusion.plan_action[0].action = paragraph * 4  # a cell longer than a page would be
    sections = SyntheseDraft(**{name: long_text if name == "projet" else "court" for name in
                                SyntheseDraft.__dataclass_fields__})
    pdf = synthese.build(provider(), beneficiary("court"), d, sections, TODAY)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 20
    furniture = ["Cabinet Horizon — réf. BC-2026-0001", "Document de synthèse",
                 "Document confidentiel — art. L6313-4 du Code du travail"]
    pages = []
    for page in reader.pages:  # the running header and footer, drawn last on each page, cut a word in two
        body = page.extract_text()
        for piece in furniture:
            body = body.replace(piece, "")
        pages.append(re.sub(r"page \d+ / \d+", "", body))
    squeezed = re.sub(r"\s+", "", "".join(pages))
    assert word in squeezed
    # 30 blocks of 30 sentences in the draft, and the action plan's overlong cell of 4 x 30 sentences
    assert squeezed.count(re.sub(r"\s+", "", sentence)) == 30 * 30 + 4 * 30


def test_unclosed_markup_raises_nothing_and_no_message_holds_user_text():
    d = dossier("<b>jamais fermé <i>")
    pdf = convention.build(provider(), beneficiary("<para>"), d)
    assert "<b>jamais fermé <i>" in text_of(pdf)


def test_long_tables_split_across_pages_with_their_headings_repeated():
    from bilan_desktop.domain.sections import EtapePlan
    d = dossier("court")
    d.phase_conclusion.plan_action = [EtapePlan(f"Étape numéro {i}", dt.date(2026, 9, 1)) for i in range(120)]
    pdf = synthese.build(provider(), beneficiary("court"), d, SyntheseDraft(), TODAY)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    with_rows = [text for text in pages if "Étape numéro" in text]
    assert len(with_rows) >= 3
    assert all("Échéance" in text for text in with_rows)  # the heading row on every page of the table
    assert all(f"Étape numéro {i}" in " ".join(pages) for i in range(120))


def test_first_page_of_every_document_renders(docs):
    from bilan_desktop.documents.preview import PdfPreview
    for name, pdf in docs.items():
        preview = PdfPreview(pdf)
        page = preview.render(0, 300)
        preview.close()
        assert page.width == 300 and page.height > 400
        assert len(set(page.rgb[::97])) > 2, name  # not a blank page


def test_questionnaire_charts_only_when_chosen():
    d = dossier("court")
    d.questionnaires.riasec = [1] * 8 + [4] * 8 + [4] * 8 + [5] * 8 + [2] * 8 + [3] * 8
    d.questionnaires.bigfive = [3] * 20
    without = flat(text_of(synthese.build(provider(), beneficiary("court"), d, SyntheseDraft(), TODAY)))
    assert "code Holland" not in without
    d.questionnaires.graphiques_dans_synthese = True
    pdf = synthese.build(provider(), beneficiary("court"), d, SyntheseDraft(), TODAY)
    text = flat(text_of(pdf))
    assert "code Holland : S (I = A)" in text and "Traduction non validée" not in text
    assert "Social (40)" in text and "Extraversion" not in text  # the five factors only when chosen apart
    d.questionnaires.personnalite_dans_synthese = True
    text = flat(text_of(synthese.build(provider(), beneficiary("court"), d, SyntheseDraft(), TODAY)))
    assert "Extraversion" in text and "12 / 20" in text and "Stabilité émotionnelle" in text
    assert "Névrosisme" not in text
    assert b"/Subtype /Image" not in pdf
