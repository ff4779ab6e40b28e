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


class State(Choice):
    """Where a bilan stands, for the list and the header (its step says where it is in the lifecycle)."""
    EN_COURS = "en_cours", "En cours"
    SUSPENDU = "suspendu", "Suspendu"
    TERMINE = "termine", "Terminé"
    CLOS = "clos", "Clos"
    REFUS_REPUTE = "refus_repute", "Refus réputé"
    ABANDON = "abandon", "Abandon"
    DETRUIT = "detruit", "Contenu détruit"


class Issue(Choice):
    """The beneficiary's situation six months after the bilan (recorded when the dossier is closed)."""
    NON_RENSEIGNEE = "non_renseignee", "Non renseignée"
    EMPLOI_PROJET = "emploi_projet", "En emploi dans le projet"
    FORMATION = "formation", "En formation"
    CREATION = "creation", "Création ou reprise d'entreprise"
    EN_COURS = "en_cours", "Projet en cours de réalisation"
    REPORTE = "reporte", "Projet reporté ou abandonné"
    SANS_NOUVELLES = "sans_nouvelles", "Sans nouvelles"
