"""The tripartite convention (art. R6313-8): every mention of 1° and 2°, the delay to sign, three signatures."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from ..domain.beneficiary import one_line
from ..domain.dates import long_date
from ..domain.provider import VAT_EXEMPTION
from ..domain.workflow import Dossier, convention_last_day
from .base import (
    STYLES,
    build_pdf,
    date_text,
    esc,
    header_line,
    heading,
    hours,
    markup,
    money,
    paragraphs,
    provider_block,
    signature_blocks,
)

KIND = "Convention de bilan de compétences"


def provider_party(provider) -> Paragraph:
    """The provider as a party to a contract: name, address on one line, SIRET, NDA, Qualiopi, represented by."""
    extra = "".join(f", {label} {value}" for label, value in (
        ("SIRET", provider.siret), ("certificat Qualiopi n°", provider.qualiopi)) if value.strip())
    return markup("<b>Le prestataire :</b> {n}, {a}, déclaration d'activité n° {d}{x}, représenté par {r}",
                  n=provider.nom or "—", a=provider.address_line or "—", d=provider.numero_declaration or "—",
                  x=extra, r=provider.signatory or "—")


def vat(provider) -> str:
    return f" {VAT_EXEMPTION}" if provider.exonere_tva else " Prix hors taxes, TVA en sus au taux en vigueur."


def build(provider, beneficiary, dossier: Dossier) -> bytes:
    c = dossier.convention
    last = convention_last_day(dossier)
    story = [*provider_block(provider), Spacer(1, 8 * mm), Paragraph(esc(KIND), STYLES["title"]),
             Paragraph("Convention tripartite — art. L6313-4 et R6313-8 du Code du travail", STYLES["subtitle"]),
             heading("Entre les soussignés"),
             markup("<b>L'employeur :</b> {e}, {a}, représenté par {r}", e=c.employeur or "—",
                    a=one_line(c.employeur_adresse) or "—", r=c.employeur_representant or "—"),
             markup("<b>Le salarié :</b> {n}, {a}", n=beneficiary.full_name,
                    a=beneficiary.address_line or "adresse non renseignée"),
             provider_party(provider),
             markup("Financement : {f}.", f=dossier.funding.label),
             heading("Article 1 — Intitulé, objectif et contenu de l'action"),
             markup("<b>Intitulé :</b> {i}", i=c.intitule), markup("<b>Objectif :</b>"), *paragraphs(c.objectif),
             markup("<b>Contenu :</b>"), *paragraphs(c.contenu),
             heading("Article 2 — Moyens prévus"), *paragraphs(c.moyens),
             heading("Article 3 — Durée et période de réalisation"),
             markup("Durée : {h}, dans la limite de vingt-quatre heures (art. L6313-4). Période : du {a} au {b}.",
                    h=hours(c.duree_heures), a=date_text(c.periode_debut), b=date_text(c.periode_fin)),
             heading("Article 4 — Modalités de déroulement et de suivi du bilan"), *paragraphs(c.modalites_deroulement),
             heading("Article 5 — Modalités de remise des résultats détaillés et du document de synthèse"),
             *paragraphs(c.modalites_remise),
             Paragraph("Le salarié est seul destinataire des résultats détaillés et du document de synthèse ; ils ne "
                       "peuvent être communiqués à toute autre personne ou institution qu'avec son accord "
                       "(art. L6313-4).", STYLES["body"]),
             heading("Article 6 — Prix et modalités de règlement"),
             markup("Prix : {p}.{v}", p=money(c.prix_euros), v=vat(provider)), *paragraphs(c.modalites_reglement),
             heading("Article 7 — Délai d'acceptation"),
             markup("Le projet de convention a été transmis au salarié par l'employeur le {t}. Le salarié dispose "
                    "d'un délai de dix jours à compter de cette transmission pour faire connaître son acceptation en "
                    "apposant sa signature, <b>soit jusqu'au {d} inclus</b>.", t=date_text(c.transmis_le),
                    d=long_date(last) if last else "— (date de transmission à renseigner)"),
             Paragraph("<b>L'absence de réponse du salarié dans ce délai vaut refus de conclure la convention</b> "
                       "(art. R6313-8). Le refus d'un salarié de consentir à un bilan de compétences ne constitue ni "
                       "une faute ni un motif de licenciement (art. L6313-4).", STYLES["body"]),
             Spacer(1, 8 * mm),
             KeepTogether([signature_blocks(["L'employeur", "Le salarié", "Le prestataire"])])]
    return build_pdf(story, kind=KIND, header=header_line(provider, dossier.reference),
                     footer="Convention tripartite — art. R6313-8 du Code du travail")
