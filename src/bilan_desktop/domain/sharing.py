"""Who may receive which document of a bilan (L6313-4, R6313-7).

The results and the synthèse belong to the beneficiary: nobody else receives them without the beneficiary's written
agreement (L6313-4 al. 3); the synthèse may go to the operator of the conseil en évolution professionnelle at the
beneficiary's request, which is the exception of R6313-7 to its destruction. The other documents (contract,
attendance, certificate…) prove the service to those who pay for it and need no agreement."""

from __future__ import annotations

from .choice import Choice
from .registry import Category


class Destination(Choice):
    BENEFICIAIRE = "beneficiaire", "Remis au bénéficiaire"
    EMPLOYEUR = "employeur", "Envoyé à l'employeur"
    FINANCEUR = "financeur", "Envoyé au financeur"
    CEP = "cep", "Transmis à l'opérateur du conseil en évolution professionnelle"
    TRAVAIL = "travail", "Copie de travail"


D = Destination
CONFIDENTIAL = frozenset({"synthese", "resultats"})
ALL = (D.BENEFICIAIRE, D.EMPLOYEUR, D.FINANCEUR, D.TRAVAIL)
DESTINATIONS: dict[str, tuple[Destination, ...]] = {
    "synthese": (D.BENEFICIAIRE, D.EMPLOYEUR, D.FINANCEUR, D.CEP, D.TRAVAIL),
    "resultats": ALL,
    "convention": ALL,
    "contrat": (D.BENEFICIAIRE, D.FINANCEUR, D.TRAVAIL),
    "emargement": ALL,
    "emargement_vierge": (D.BENEFICIAIRE, D.TRAVAIL),
    "certificat": ALL,
    "accord_conservation": (D.BENEFICIAIRE, D.TRAVAIL),
    "convocation": (D.BENEFICIAIRE, D.TRAVAIL),
    "pv_destruction": (D.TRAVAIL,),
    "questionnaire_suivi": (D.BENEFICIAIRE, D.TRAVAIL),
}
# Working copies left outside the vault that hold content: deleted (or listed when changed) with their category.
COPIES_DESTROYED_WITH: dict[str, Category] = {"synthese": Category.SYNTHESE, "resultats": Category.CONTENU}
SECRECY = ("Sans l'accord écrit du bénéficiaire, les résultats et le document de synthèse ne peuvent être communiqués "
           "à personne d'autre que lui (art. L6313-4).")


def destinations(document: str) -> tuple[Destination, ...]:
    return DESTINATIONS.get(document, (D.BENEFICIAIRE, D.TRAVAIL))


def needs_agreement(document: str, destination: Destination) -> bool:
    """The beneficiary's written agreement (or request, for the CEP operator) is needed for this transmission."""
    return document in CONFIDENTIAL and destination in (D.EMPLOYEUR, D.FINANCEUR, D.CEP)


def export_problems(document: str, destination: Destination, written_agreement: bool) -> list[str]:
    if destination not in destinations(document):
        return [f"Ce document ne s'adresse pas à ce destinataire ({destination.label.lower()})."]
    if needs_agreement(document, destination) and not written_agreement:
        return [SECRECY]
    return []
