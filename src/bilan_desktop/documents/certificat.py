"""Certificat de réalisation / attestation de fin de bilan: dates, hours, modality — what funders ask for."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from ..domain.dates import short_date
from ..domain.workflow import Dossier, minutes_used
from .base import STYLES, build_pdf, esc, fait_a, header_line, hours, markup, provider_block, signature_blocks, table
from .synthese import bilan_period

KIND = "Certificat de réalisation"


def build(provider, beneficiary, dossier: Dossier, today: dt.date) -> bytes:
    start, end = bilan_period(dossier)
    counted = [s for s in dossier.seances if s.counted]
    modalities = sorted({s.modalite.label.lower() for s in counted}) or ["non renseignée"]
    rows = [[short_date(s.date), f"{s.debut:%H:%M} – {s.fin:%H:%M}", hours(s.minutes / 60), s.modalite.label,
             s.etape.label] for s in counted]
    story = [*provider_block(provider), Spacer(1, 10 * mm), Paragraph(esc(KIND), STYLES["title"]),
             Paragraph("Attestation de fin de bilan de compétences", STYLES["subtitle"]), Spacer(1, 6 * mm),
             markup("Je soussigné(e) {c}, pour {p}, atteste que <b>{n}</b> a réalisé un bilan de compétences "
                    "(art. L6313-1 2° du Code du travail) du <b>{a}</b> au <b>{b}</b>, d'une durée totale de "
                    "<b>{h}</b> en {k} séance(s), en modalité {m}.", c=provider.consultant or "—",
                    p=provider.nom or "—", n=f"{beneficiary.prenom} {beneficiary.nom}",
                    a=short_date(start) or "—", b=short_date(end) or "—", h=hours(minutes_used(dossier) / 60),
                    k=str(len(counted)), m=", ".join(modalities)),
             Paragraph("Le bilan a comporté les trois phases prévues à l'article R6313-4 du Code du travail : phase "
                       "préliminaire, phase d'investigation et phase de conclusion.", STYLES["body"]),
             markup("Financement : {f}. Référence : {r}.", f=dossier.funding.label, r=dossier.reference),
             Spacer(1, 4 * mm), *table(["Date", "Horaires", "Durée", "Modalité", "Phase"], rows,
                                       [25 * mm, 30 * mm, 20 * mm, 35 * mm, 60 * mm]),
             Spacer(1, 8 * mm), KeepTogether([fait_a(provider, today), Spacer(1, 3 * mm),
                                              signature_blocks(["Le prestataire"])])]
    return build_pdf(story, kind=KIND, header=header_line(provider, dossier.reference),
                     footer="Certificat de réalisation — bilan de compétences")
