"""The steps of a bilan (DESIGN.md §2); their order and guards are in workflow.py."""

from __future__ import annotations

from .choice import Choice


class Step(Choice):
    PREMIER_CONTACT = "premier_contact", "Premier contact"
    ENTRETIEN_PREALABLE = "entretien_prealable", "Entretien préalable"
    CONVENTION = "convention", "Convention"
    PHASE_PRELIMINAIRE = "phase_preliminaire", "Phase préliminaire"
    PHASE_INVESTIGATION = "phase_investigation", "Phase d'investigation"
    PHASE_CONCLUSION = "phase_conclusion", "Phase de conclusion"
    FIN_DU_BILAN = "fin_du_bilan", "Fin du bilan"
    ENTRETIEN_SUIVI = "entretien_suivi", "Entretien de suivi"
    REFUS_REPUTE = "refus_repute", "Refus réputé (art. R6313-8)"
    ABANDON = "abandon", "Abandon"
