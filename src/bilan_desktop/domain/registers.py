"""The Qualiopi registers: complaints (indicator 31) and improvement actions (indicator 32). A complaint may be
linked to a bilan by its reference; the printed register names nobody (issue 15)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .choice import Choice


class CanalReclamation(Choice):
    ORAL = "oral", "Oral (entretien, téléphone)"
    ECRIT = "ecrit", "Écrit (courrier, e-mail)"
    QUESTIONNAIRE = "questionnaire", "Questionnaire de satisfaction"
    FINANCEUR = "financeur", "Par le financeur"
    AUTRE = "autre", "Autre"


class SourceAmelioration(Choice):
    RECLAMATION = "reclamation", "Une réclamation"
    SATISFACTION = "satisfaction", "Une réponse de satisfaction"
    AUDIT = "audit", "Un audit"
    VEILLE = "veille", "La veille ou l'équipe"
    AUTRE = "autre", "Autre"


class StatutAction(Choice):
    A_FAIRE = "a_faire", "À faire"
    EN_COURS = "en_cours", "En cours"
    FAITE = "faite", "Réalisée"
    ABANDONNEE = "abandonnee", "Abandonnée"


@dataclass
class Reclamation:
    recue_le: dt.date | None = None
    canal: CanalReclamation = CanalReclamation.ORAL
    objet: str = ""
    reponse: str = ""
    close_le: dt.date | None = None
    bilan: str = ""  # the reference of the bilan concerned, if any: never printed


@dataclass
class Amelioration:
    source: SourceAmelioration = SourceAmelioration.RECLAMATION
    action: str = ""
    responsable: str = ""
    echeance: dt.date | None = None
    statut: StatutAction = StatutAction.A_FAIRE


def complaint_problems(items: list[Reclamation], today: dt.date) -> list[str]:
    problems = []
    for index, item in enumerate(items, start=1):
        if item.recue_le is None:
            problems.append(f"Réclamation {index} : la date de réception est obligatoire.")
        if item.close_le is not None and item.recue_le is not None and item.close_le < item.recue_le:
            problems.append(f"Réclamation {index} : elle ne peut pas être close avant d'avoir été reçue.")
        if item.close_le is not None and not item.reponse.strip():
            problems.append(f"Réclamation {index} : une réclamation close porte la réponse apportée.")
        if item.recue_le is not None and item.recue_le > today:
            problems.append(f"Réclamation {index} : la date de réception est dans le futur.")
    return problems
