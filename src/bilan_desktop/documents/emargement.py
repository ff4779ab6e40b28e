"""The attendance sheet (feuille d'émargement): one row per session, two signature boxes, the total."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from ..domain.dates import short_date
from ..domain.workflow import Dossier, minutes_used
from .base import FONT_COMMAND, STYLES, build_pdf, esc, header_line, hours, markup, provider_block

KIND = "Feuille d'émargement"
HEADERS = ["Date", "Horaires", "Durée", "Modalité", "Étape", "Signature du bénéficiaire", "Signature du consultant"]


def _cell(text: str, style: str = "cellsmall") -> Paragraph:
    return Paragraph(esc(text), STYLES[style])


def build(provider, beneficiary, dossier: Dossier) -> bytes:
    rows = [[_cell(h, "cellhead") for h in HEADERS]]
    for s in dossier.seances:
        rows.append([_cell(short_date(s.date)), _cell(f"{s.debut:%H:%M} – {s.fin:%H:%M}"),
                     _cell(hours(s.minutes / 60)), _cell(s.modalite.label), _cell(s.etape.label),
                     _cell(""), _cell("")])
    sheet = Table(rows, colWidths=[22 * mm, 22 * mm, 17 * mm, 26 * mm, 29 * mm, 27 * mm, 27 * mm], repeatRows=1,
                  rowHeights=[None] + [15 * mm] * len(dossier.seances))
    sheet.setStyle(TableStyle([FONT_COMMAND, ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6edf5")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story = [*provider_block(provider), Spacer(1, 6 * mm), Paragraph(esc(KIND), STYLES["title"]),
             markup("<b>Bénéficiaire :</b> {n} — <b>Consultant :</b> {c} — <b>Référence :</b> {r}",
                    n=f"{beneficiary.prenom} {beneficiary.nom}", c=provider.consultant or "—", r=dossier.reference),
             Spacer(1, 4 * mm), sheet, Spacer(1, 4 * mm),
             markup("<b>Total des heures du bilan :</b> {t} (les séances de l'entretien préalable et de l'entretien "
                    "de suivi ne sont pas comptées dans les vingt-quatre heures de l'art. L6313-4).",
                    t=hours(minutes_used(dossier) / 60))]
    return build_pdf(story, kind=KIND, header=header_line(provider, dossier.reference),
                     footer="Feuille d'émargement — bilan de compétences")
