"""The record of a destruction (procès-verbal): reference, date, legal basis, categories — never any content."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from ..domain.dates import long_date
from .base import STYLES, build_pdf, esc, fait_a, header_line, markup, provider_block, signature_blocks

KIND = "Procès-verbal de destruction"


@dataclass(frozen=True)
class DestructionRecord:
    reference: str
    destroyed_on: dt.date
    legal_basis: str
    categories: list[str] = field(default_factory=list)


def build(provider, record: DestructionRecord) -> bytes:
    story = [*provider_block(provider), Spacer(1, 10 * mm), Paragraph(esc(KIND), STYLES["title"]),
             Paragraph("Documents d'un bilan de compétences — art. R6313-7 du Code du travail", STYLES["subtitle"]),
             Spacer(1, 6 * mm),
             markup("<b>Bilan :</b> référence {r}", r=record.reference),
             markup("<b>Date de la destruction :</b> {d}", d=long_date(record.destroyed_on)),
             markup("<b>Fondement :</b> {b}", b=record.legal_basis),
             markup("<b>Catégories de documents détruites :</b>"),
             *[markup("– {c}", c=c) for c in record.categories],
             Paragraph("Les données ont été effacées du coffre chiffré (suppression sécurisée, pages libérées "
                       "réécrites). Ce procès-verbal ne reproduit aucun contenu du bilan ; le dossier administratif "
                       "(identité, financement, convention, dates et émargements des séances, consentements) est "
                       "conservé.", STYLES["body"]),
             Spacer(1, 8 * mm), KeepTogether([fait_a(provider, record.destroyed_on), Spacer(1, 3 * mm),
                                              signature_blocks(["Le prestataire"])])]
    return build_pdf(story, kind=KIND, header=header_line(provider, record.reference),
                     footer="Procès-verbal de destruction — art. R6313-7 du Code du travail")
