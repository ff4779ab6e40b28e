"""The beneficiary's written agreement to keep documents for the follow-up (art. R6313-7)."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from ..domain.calendar_fr import add_years
from ..domain.dates import long_date
from ..domain.sections import Conservation
from ..domain.workflow import Dossier, retention_end
from .base import STYLES, build_pdf, esc, fait_a, header_line, markup, provider_block, signature_blocks

KIND = "Accord écrit de conservation"


def build(provider, beneficiary, dossier: Dossier, today: dt.date) -> bytes:
    fin = dossier.fin_du_bilan
    until = retention_end(fin)
    if until is None and fin.date_fin:
        until = add_years(fin.date_fin, fin.duree_conservation_ans)
    name = f"{beneficiary.prenom} {beneficiary.nom}"
    if fin.conservation is Conservation.SYNTHESE_CEP:
        what = ("le document de synthèse, transmis à ma demande à l'opérateur du conseil en évolution "
                "professionnelle (art. L6111-6 et L6313-4)")
        why = "cette transmission faite à ma demande"
    else:
        what = ("les documents élaborés pour la réalisation de mon bilan de compétences (notes des phases, résultats "
                "des tests, projet, plan d'action, document de synthèse)")
        why = "la nécessité d'un suivi de ma situation, notamment lors de l'entretien de suivi"
    story = [*provider_block(provider), Spacer(1, 10 * mm), Paragraph(esc(KIND), STYLES["title"]),
             Paragraph("Conservation de documents après la fin du bilan — art. R6313-7 du Code du travail",
                       STYLES["subtitle"]), Spacer(1, 6 * mm),
             markup("Je soussigné(e) <b>{n}</b>, bénéficiaire du bilan de compétences réf. {r} réalisé par {p}, "
                    "dont la fin est fixée au {e}, accepte que soient conservés :", n=name, r=dossier.reference,
                    p=provider.nom or "—", e=long_date(fin.date_fin) if fin.date_fin else "—"),
             markup("– {w} ;", w=what),
             markup("Motif : {y}.", y=why),
             markup("Durée : ces documents seront conservés <b>jusqu'au {u} inclus</b>, puis détruits. Cette durée ne "
                    "peut excéder trois ans (art. R6313-7).", u=long_date(until) if until else "—"),
             Paragraph("Je peux retirer cet accord à tout moment : les documents sont alors détruits sans délai. "
                       "Tous les autres documents du bilan sont détruits dès la fin de celui-ci.", STYLES["body"]),
             Spacer(1, 8 * mm), KeepTogether([fait_a(provider, today), Spacer(1, 3 * mm),
                                              signature_blocks(["Le bénéficiaire", "Le prestataire"])])]
    return build_pdf(story, kind=KIND, header=header_line(provider, dossier.reference),
                     footer="Accord écrit de conservation — art. R6313-7 du Code du travail")
