"""The document de synthèse handed to the beneficiary (art. L6313-4, R6313-4)."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer

from ..domain.attributions import ROME as ROME_ATTRIBUTION
from ..domain.dates import long_date, short_date
from ..domain.questionnaires import BIGFIVE, RIASEC, holland_code, scale_scores
from ..domain.seances import plural, realised_minutes
from ..domain.synthese import DRAFT_MARK, TITLES, SyntheseDraft
from ..domain.workflow import Dossier
from . import charts
from .base import (
    STYLES,
    build_pdf,
    esc,
    fait_a,
    header_line,
    heading,
    hours,
    markup,
    paragraphs,
    provider_block,
    rich_paragraphs,
    signature_blocks,
    table,
)

KIND = "Document de synthèse"
BENEFICIARY_TRAITS = {"E": "Extraversion", "A": "Agréabilité", "C": "Caractère consciencieux",
                      "N": "Stabilité émotionnelle", "I": "Ouverture d'esprit"}
NOTICE = "Document strictement confidentiel, destiné au seul bénéficiaire (art. L6313-4 du Code du travail)"


def bilan_period(dossier: Dossier) -> tuple[dt.date | None, dt.date | None]:
    dates = sorted(s.date for s in dossier.seances if s.counted and s.date)
    start = dates[0] if dates else None
    return start, dossier.fin_du_bilan.date_fin or (dates[-1] if dates else None)


def questionnaire_charts(dossier: Dossier) -> list:
    """The questionnaires' results, only when the consultant chose to include them."""
    q = dossier.questionnaires
    if not q.graphiques_dans_synthese or not (RIASEC.complete(q) or BIGFIVE.complete(q)):
        return []
    flowables = [heading("Questionnaires d'intérêts et de personnalité", "h2"),
                 Paragraph("Ces questionnaires ont servi de support aux échanges : ce sont des repères, pas un "
                           "diagnostic.", STYLES["small"])]
    if RIASEC.complete(q):
        scores = scale_scores(RIASEC, RIASEC.answers(q))
        flowables += [markup("Intérêts professionnels (RIASEC) — code Holland : <b>{c}</b>",
                             c=str(holland_code(scores))), charts.hexagon(scores, RIASEC.scales)]
    if BIGFIVE.complete(q) and q.personnalite_dans_synthese:
        scores = scale_scores(BIGFIVE, BIGFIVE.answers(q))
        # the beneficiary reads « stabilité émotionnelle », the neuroticism scale turned round (4-20 -> 20-4)
        shown = {k: (24 - v if k == "N" else v) for k, v in scores.items()}
        flowables += [markup("Personnalité (cinq grands traits) :"), charts.bars(shown, BENEFICIARY_TRAITS)]
    return flowables


def build(provider, beneficiary, dossier: Dossier, draft: SyntheseDraft, today: dt.date) -> bytes:
    start, end = bilan_period(dossier)
    realised = [s for s in dossier.seances if s.realised]
    handed = dossier.phase_conclusion.synthese_remise_le or today
    story = [*provider_block(provider), Spacer(1, 14 * mm),
             Paragraph(esc(KIND), STYLES["title"]),
             Paragraph("Bilan de compétences (art. L6313-1 2° et R6313-4 du Code du travail)", STYLES["subtitle"]),
             Paragraph(esc(NOTICE), STYLES["notice"]), Spacer(1, 6 * mm),
             markup("<b>Bénéficiaire :</b> {n}", n=beneficiary.full_name),
             markup("<b>Consultant :</b> {c}", c=provider.consultant or "—"),
             markup("<b>Période :</b> du {a} au {b}", a=long_date(start) if start else "—",
                    b=long_date(end) if end else "—"),
             markup("<b>Durée :</b> {h} en {n} {s}", h=hours(realised_minutes(dossier.seances) / 60),
                    n=str(len(realised)), s=plural(len(realised), "séance")),
             markup("<b>Référence :</b> {r}", r=dossier.reference), PageBreak()]
    for name, title in TITLES.items():
        story.append(heading(title))
        story.extend(rich_paragraphs(getattr(draft, name)))
        if name == "motivations":
            story.extend(questionnaire_charts(dossier))
        if name == "conditions":
            story.append(heading("Plan d'action", "h2"))
            plan = sorted(dossier.phase_conclusion.plan_action, key=lambda s: (s.echeance is None, s.echeance))
            steps = [[s.action, short_date(s.echeance) or "à fixer"] for s in plan]
            story.extend(table(["Étape", "Échéance"], steps, [130 * mm, 40 * mm]) if steps
                         else paragraphs("Aucune étape enregistrée."))
    story += [Spacer(1, 8 * mm), KeepTogether([fait_a(provider, handed), Spacer(1, 3 * mm),
                                                signature_blocks(["Le bénéficiaire", "Le consultant"])])]
    inv = dossier.phase_investigation
    if inv.projet_code_rome or any(a.code_rome for a in inv.alternatives):
        story.append(Paragraph(esc(f"Codes ROME : {ROME_ATTRIBUTION}."), STYLES["small"]))
    return build_pdf(story, kind=KIND, header=header_line(provider, dossier.reference),
                     footer="Document confidentiel — art. L6313-4 du Code du travail",
                     watermark="" if draft.validee_le else DRAFT_MARK)
