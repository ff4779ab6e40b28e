"""The beneficiary's written agreement to keep documents for the follow-up (art. R6313-7)."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from ..domain.calendar_fr import add_years
from ..domain.dates import long_date
from ..domain.seances import plural
from ..domain.sections import Conservation
from ..domain.workflow import MAX_RETENTION_YEARS, Dossier
from .base import STYLES, build_pdf, esc, fait_a, header_line, markup, provider_block, signature_blocks

KIND = "Accord écrit de conservation"


def agreed_lines(dossier: Dossier) -> list[str]:
    """What the beneficiary agrees to, one line per reason to keep: the documents for the follow-up (one to three
    years), the synthèse sent to the CEP operator (R6313-7)."""
    fin = dossier.fin_du_bilan
    lines = []
    if fin.conservation is Conservation.ACCORD_SUIVI:
        years = fin.duree_conservation_ans
        until = add_years(fin.date_fin, years) if fin.date_fin else None
        lines.append(f"les documents élaborés pour la réalisation de mon bilan de compétences (notes des phases, "
                     f"résultats des tests, projet, plan d'action, document de synthèse), pour le suivi de ma "
                     f"situation, notamment lors de l'entretien de suivi : pendant {years} {plural(years, 'an')} "
                     f"après la fin du bilan, soit jusqu'au {long_date(until) if until else '—'} inclus")
    if fin.conservation is Conservation.SYNTHESE_CEP or fin.synthese_cep_transmise_le is not None:
        until = add_years(fin.date_fin, MAX_RETENTION_YEARS) if fin.date_fin else None
        lines.append("le document de synthèse, transmis à ma demande à l'opérateur du conseil en évolution "
                     "professionnelle (art. L6111-6 et L6313-4) : pendant trois ans après la fin du bilan, soit "
                     f"jusqu'au {long_date(until) if until else '—'} inclus")
    return lines


def build(provider, beneficiary, dossier: Dossier, today: dt.date) -> bytes:
    fin = dossier.fin_du_bilan
    name = f"{beneficiary.prenom} {beneficiary.nom}"
    lines = agreed_lines(dossier)
    story = [*provider_block(provider), Spacer(1, 10 * mm), Paragraph(esc(KIND), STYLES["title"]),
             Paragraph("Conservation de documents après la fin du bilan — art. R6313-7 du Code du travail",
                       STYLES["subtitle"]), Spacer(1, 6 * mm),
             markup("Je soussigné(e) <b>{n}</b>, bénéficiaire du bilan de compétences réf. {r} réalisé par {p}, "
                    "dont la fin est fixée au {e}, accepte que soient conservés :", n=name, r=dossier.reference,
                    p=provider.nom or "—", e=long_date(fin.date_fin) if fin.date_fin else "—"),
             *(markup("– {w}{x}", w=line, x=" ;" if i < len(lines) - 1 else ".") for i, line in enumerate(lines)),
             markup("Ces documents sont détruits à la fin de la durée convenue. Cette durée ne peut excéder trois "
                    "ans (art. R6313-7)."),
             Paragraph("Je peux retirer cet accord à tout moment : les documents sont alors détruits sans délai. "
                       "Tous les autres documents du bilan sont détruits dès la fin de celui-ci.", STYLES["body"]),
             Spacer(1, 8 * mm), KeepTogether([fait_a(provider, today), Spacer(1, 3 * mm),
                                              signature_blocks(["Le bénéficiaire", "Le prestataire"])])]
    return build_pdf(story, kind=KIND, header=header_line(provider, dossier.reference),
                     footer="Accord écrit de conservation — art. R6313-7 du Code du travail")
