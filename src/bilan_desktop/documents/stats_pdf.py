"""The provider's results for a period on one page, to publish (Qualiopi indicator 2): activity, completion,
satisfaction at the end and six months later, situations at six months — no name, no bilan, only counts."""

from __future__ import annotations

import datetime as dt

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..domain.dates import long_date
from ..domain.stats import Figure
from ..domain.text import counted
from .base import FONT, STYLES, build_pdf, esc, heading, markup, provider_block, table

KIND = "Résultats de l'organisme"
INK = colors.HexColor("#1f3b5a")


def satisfaction_bars(rows: list[Figure]) -> Drawing:
    """Averages out of 5, one bar per question (questions without answers left out)."""
    shown = [f for f in rows if f.unit == "/ 5" and f.value is not None]
    row, label_width, width = 16, 250, 180
    drawing = Drawing(label_width + width + 50, row * len(shown) + 4)
    for index, figure in enumerate(shown):
        y = drawing.height - (index + 1) * row
        drawing.add(String(label_width - 6, y + 4, figure.label[:48], fontName=FONT, fontSize=7, textAnchor="end"))
        drawing.add(Rect(label_width, y + 2, width, 10, fillColor=colors.HexColor("#e6edf5"), strokeColor=None))
        drawing.add(Rect(label_width, y + 2, max(1.0, width * (figure.value or 0) / 5), 10, fillColor=INK,
                         strokeColor=None))
        drawing.add(String(label_width + width + 6, y + 4, figure.text, fontName=FONT, fontSize=7))
    return drawing


def build(provider, found: list[Figure], start: dt.date, end: dt.date, today: dt.date) -> bytes:
    def section(name: str) -> list[Figure]:
        return [f for f in found if f.section == name]

    story = [*provider_block(provider), Spacer(1, 4 * mm), Paragraph(esc(KIND), STYLES["title"]),
             markup("Bilans de compétences, du {a} au {b}", "subtitle", a=long_date(start), b=long_date(end)),
             heading("Activité"),
             *table(["Indicateur", "Valeur"], [[f.label, f.text] for f in section("Activité")], [110 * mm, 50 * mm])]
    for name in ("Satisfaction à chaud", "Satisfaction à froid"):
        rows = section(name)
        story.append(heading(name, "h2"))
        counts = [f for f in rows if f.unit != "/ 5"]
        story.append(markup("{a} ; taux de réponse : {b}.", a=counted(int(counts[0].value or 0), "réponse"),
                            b=counts[1].text))
        if any(f.unit == "/ 5" and f.value is not None for f in rows):
            story.append(satisfaction_bars(rows))
    outcomes = [f for f in section("Situation à six mois (dossiers clos)") if f.value]
    if outcomes:
        story += [heading("Situation à six mois", "h2"),
                  *table(["Situation", "Dossiers"], [[f.label, f.text] for f in outcomes], [110 * mm, 50 * mm])]
    story.append(Paragraph(esc(f"Chiffres établis le {long_date(today)} à partir des dossiers administratifs et des "
                               "questionnaires de satisfaction ; aucune donnée personnelle."), STYLES["small"]))
    return build_pdf(story, kind=KIND, header=provider.nom or "Bilan de compétences", footer=KIND)
