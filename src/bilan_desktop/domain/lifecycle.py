"""The steps of a bilan (DESIGN.md §2). The guards between them come with the workflow."""

from __future__ import annotations

from enum import Enum


class Step(str, Enum):
    PREMIER_CONTACT = "premier_contact"
    ENTRETIEN_PREALABLE = "entretien_prealable"
    CONVENTION = "convention"
    PHASE_PRELIMINAIRE = "phase_preliminaire"
    PHASE_INVESTIGATION = "phase_investigation"
    PHASE_CONCLUSION = "phase_conclusion"
    FIN_DU_BILAN = "fin_du_bilan"
    ENTRETIEN_SUIVI = "entretien_suivi"
    REFUS_REPUTE = "refus_repute"
    ABANDON = "abandon"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Step.PREMIER_CONTACT: "Premier contact",
    Step.ENTRETIEN_PREALABLE: "Entretien préalable",
    Step.CONVENTION: "Convention",
    Step.PHASE_PRELIMINAIRE: "Phase préliminaire",
    Step.PHASE_INVESTIGATION: "Phase d'investigation",
    Step.PHASE_CONCLUSION: "Phase de conclusion",
    Step.FIN_DU_BILAN: "Fin du bilan",
    Step.ENTRETIEN_SUIVI: "Entretien de suivi",
    Step.REFUS_REPUTE: "Refus réputé (art. R6313-8)",
    Step.ABANDON: "Abandon",
}
