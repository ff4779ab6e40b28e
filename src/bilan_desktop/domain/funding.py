"""Funding routes of a bilan, and which of them need a tripartite convention (R6313-8)."""

from __future__ import annotations

from .choice import Choice


class Funding(Choice):
    CPF = "cpf", "CPF (Mon Compte Formation)"
    PLAN_DEVELOPPEMENT = "plan_developpement", "Plan de développement des compétences"
    CONGE_RECLASSEMENT = "conge_reclassement", "Congé de reclassement"
    PERSONNEL = "personnel", "Financement personnel"
    AUTRE = "autre", "Autre financement"

    @property
    def requires_convention(self) -> bool:
        """R6313-8: plan de développement des compétences (L6312-1 1°) or congé de reclassement (L1233-71)."""
        return self in (Funding.PLAN_DEVELOPPEMENT, Funding.CONGE_RECLASSEMENT)
