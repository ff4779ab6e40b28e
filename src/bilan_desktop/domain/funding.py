"""Funding routes of a bilan, and which of them need a tripartite convention (R6313-8)."""

from __future__ import annotations

from enum import Enum


class Funding(str, Enum):
    CPF = "cpf"
    PLAN_DEVELOPPEMENT = "plan_developpement"
    CONGE_RECLASSEMENT = "conge_reclassement"
    PERSONNEL = "personnel"
    AUTRE = "autre"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def requires_convention(self) -> bool:
        """R6313-8: plan de développement des compétences (L6312-1 1°) or congé de reclassement (L1233-71)."""
        return self in (Funding.PLAN_DEVELOPPEMENT, Funding.CONGE_RECLASSEMENT)


_LABELS = {
    Funding.CPF: "CPF (Mon Compte Formation)",
    Funding.PLAN_DEVELOPPEMENT: "Plan de développement des compétences",
    Funding.CONGE_RECLASSEMENT: "Congé de reclassement",
    Funding.PERSONNEL: "Financement personnel",
    Funding.AUTRE: "Autre financement",
}
