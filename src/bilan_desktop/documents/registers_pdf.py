"""The registers printed: complaints (indicator 31) and improvement actions (indicator 32), naming nobody."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..domain.dates import long_date, short_date
from ..domain.registers import Amelioration, Reclamation
from .base import STYLES, build_pdf, esc, heading, provider_block, table

KIND = "Registres qualité"


def build(provider, complaints: list[Reclamation], actions: list[Amelioration], today: dt.date) -> bytes:
    story = [*provider_block(provider), Spacer(1, 4 * mm), Paragraph(esc(KIND), STYLES["title"]),
             Paragraph(esc(f"Édités le {long_date(today)}. Aucun nom ni référence de bilan n'y figure."),
                       STYLES["subtitle"]),
             heading("Réclamations (indicateur 31)"),
             *(table(["Reçue le", "Canal", "Objet", "Réponse apportée", "Close le"],
                     [[short_date(c.recue_le), c.canal.label, c.objet, c.reponse, short_date(c.close_le) or "en cours"]
                      for c in complaints], [23 * mm, 30 * mm, 49 * mm, 45 * mm, 23 * mm])  # a date fits on one line
               or [Paragraph("Aucune réclamation enregistrée.", STYLES["body"])]),
             heading("Actions d'amélioration (indicateur 32)"),
             *(table(["Source", "Action", "Responsable", "Échéance", "Statut"],
                     [[a.source.label, a.action, a.responsable, short_date(a.echeance), a.statut.label]
                      for a in actions], [32 * mm, 58 * mm, 30 * mm, 24 * mm, 26 * mm])
               or [Paragraph("Aucune action enregistrée.", STYLES["body"])])]
    return build_pdf(story, kind=KIND, header=provider.nom or "Bilan de compétences", footer=KIND)


def to_csv(complaints: list[Reclamation], actions: list[Amelioration]) -> str:
    import csv
    import io
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Registre", "Date", "Canal ou source", "Objet ou action", "Réponse ou responsable",
                     "Clôture ou échéance", "Statut"])
    for c in complaints:
        writer.writerow(["Réclamation", short_date(c.recue_le), c.canal.label, c.objet, c.reponse,
                         short_date(c.close_le), "close" if c.close_le else "en cours"])
    for a in actions:
        writer.writerow(["Action d'amélioration", "", a.source.label, a.action, a.responsable, short_date(a.echeance),
                         a.statut.label])
    return buffer.getvalue()
