"""Funding routes of a bilan, and the contract each one needs: the tripartite convention of R6313-8 (plan de
développement, congé de reclassement), the contrat de formation professionnelle of L6353-3 (the person pays), the
convention of L6353-1 with any other buyer, and none for the CPF (the platform's conditions apply)."""

from __future__ import annotations

from .choice import Choice


class Contract(Choice):
    TRIPARTITE = "tripartite", "Convention tripartite (art. R6313-8)"
    CONTRAT = "contrat", "Contrat de formation professionnelle (art. L6353-3)"
    CONVENTION_ACHETEUR = "convention_acheteur", "Convention de formation (art. L6353-1)"
    PLATEFORME = "plateforme", "Conditions générales de la plateforme Mon Compte Formation"


class Funding(Choice):
    CPF = "cpf", "CPF (Mon Compte Formation)"
    PLAN_DEVELOPPEMENT = "plan_developpement", "Plan de développement des compétences"
    CONGE_RECLASSEMENT = "conge_reclassement", "Congé de reclassement"
    PERSONNEL = "personnel", "Financement personnel"
    OPCO = "opco", "OPCO"
    FRANCE_TRAVAIL = "france_travail", "France Travail"
    TRANSITIONS_PRO = "transitions_pro", "Transitions Pro"
    EMPLOYEUR = "employeur", "Employeur (hors plan de développement)"
    AUTRE = "autre", "Autre financement"

    @property
    def requires_convention(self) -> bool:
        """R6313-8: plan de développement des compétences (L6312-1 1°) or congé de reclassement (L1233-71)."""
        return self in (Funding.PLAN_DEVELOPPEMENT, Funding.CONGE_RECLASSEMENT)

    @property
    def contract(self) -> Contract:
        if self.requires_convention:
            return Contract.TRIPARTITE
        if self is Funding.PERSONNEL:
            return Contract.CONTRAT
        if self is Funding.CPF:
            return Contract.PLATEFORME
        return Contract.CONVENTION_ACHETEUR
