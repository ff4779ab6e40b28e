"""The one registry of a bilan's steps and sections (DESIGN.md §4, issue 11). Every other table derives from it:
the order of the steps, the sections and their names, which sections consent gates, which destruction category
each section's content belongs to, which administrative parts the list loads, and which page edits each section.
A test cross-checks the registry against the section classes, the Dossier and the pages."""

from __future__ import annotations

from dataclasses import dataclass

from .choice import Choice
from .lifecycle import Step
from .questionnaires import Questionnaires
from .sections import (
    Cloture,
    Convention,
    EntretienPrealable,
    Financement,
    FinDuBilan,
    PhaseConclusion,
    PhaseInvestigation,
    PhasePreliminaire,
    PremierContact,
    Suivi,
)
from .synthese import SyntheseDraft


class Category(Choice):
    """What the destruction engine destroys, by category (R6313-7)."""
    CONTENU = "contenu", ("Contenu du bilan : notes des phases, tests et questionnaires, compétences, projets, plan "
                          "d'action, notes de séance")
    SYNTHESE = "synthese", "Document de synthèse (rédaction et copies de travail)"
    SUIVI = "suivi", "Compte rendu de l'entretien de suivi"


class EditedIn(Choice):
    """Where the consultant edits a section."""
    STEP_PAGE = "page", "la page de son étape"
    REDACTION = "redaction", "la page « Rédaction de la synthèse »"
    TOOLS = "outils", "les outils de la phase d'investigation"
    DIALOG = "dialogue", "une boîte de dialogue du bilan"
    CONTRACT_PAGE = "contrat", "la page « Contrat et financement »"


@dataclass(frozen=True)
class SectionSpec:
    name: str  # the storage key and the Dossier attribute
    cls: type
    step: Step | None  # the step this section belongs to (None: across steps)
    edited_in: EditedIn
    gated: bool  # its content cannot be entered before free consent (L6313-4)
    destroyed_as: Category | None  # the category its content is destroyed with (None: administrative only)
    in_overview: bool = False  # its administrative part is loaded for the list and the engine


SECTION_SPECS: tuple[SectionSpec, ...] = (
    SectionSpec("premier_contact", PremierContact, Step.PREMIER_CONTACT, EditedIn.STEP_PAGE, False, Category.CONTENU),
    SectionSpec("entretien_prealable", EntretienPrealable, Step.ENTRETIEN_PREALABLE, EditedIn.STEP_PAGE, False,
                Category.CONTENU),
    SectionSpec("convention", Convention, Step.CONVENTION, EditedIn.STEP_PAGE, False, None, in_overview=True),
    SectionSpec("phase_preliminaire", PhasePreliminaire, Step.PHASE_PRELIMINAIRE, EditedIn.STEP_PAGE, True,
                Category.CONTENU),
    SectionSpec("phase_investigation", PhaseInvestigation, Step.PHASE_INVESTIGATION, EditedIn.STEP_PAGE, True,
                Category.CONTENU),
    SectionSpec("phase_conclusion", PhaseConclusion, Step.PHASE_CONCLUSION, EditedIn.STEP_PAGE, True,
                Category.CONTENU, in_overview=True),  # « À faire » asks whether the synthèse was handed over
    SectionSpec("fin_du_bilan", FinDuBilan, Step.FIN_DU_BILAN, EditedIn.STEP_PAGE, False, None, in_overview=True),
    SectionSpec("suivi", Suivi, Step.ENTRETIEN_SUIVI, EditedIn.STEP_PAGE, True, Category.SUIVI, in_overview=True),
    SectionSpec("cloture", Cloture, None, EditedIn.DIALOG, False, None, in_overview=True),
    SectionSpec("financement", Financement, None, EditedIn.CONTRACT_PAGE, False, None, in_overview=True),
    SectionSpec("synthese", SyntheseDraft, Step.PHASE_CONCLUSION, EditedIn.REDACTION, True, Category.SYNTHESE),
    SectionSpec("questionnaires", Questionnaires, Step.PHASE_INVESTIGATION, EditedIn.TOOLS, True, Category.CONTENU),
)

# The steps of the lifecycle, in order (REFUS_REPUTE and ABANDON are states a bilan stops in, not steps).
ORDER: list[Step] = [Step.PREMIER_CONTACT, Step.ENTRETIEN_PREALABLE, Step.CONVENTION, Step.PHASE_PRELIMINAIRE,
                     Step.PHASE_INVESTIGATION, Step.PHASE_CONCLUSION, Step.FIN_DU_BILAN, Step.ENTRETIEN_SUIVI]

# -- derived tables: never written by hand elsewhere ----------------------------------------------------
SPEC_BY_NAME: dict[str, SectionSpec] = {spec.name: spec for spec in SECTION_SPECS}
SECTIONS: dict[str, type] = {spec.name: spec.cls for spec in SECTION_SPECS}
SECTION_NAMES: dict[type, str] = {spec.cls: spec.name for spec in SECTION_SPECS}
CONSENT_GATED: frozenset[str] = frozenset(spec.name for spec in SECTION_SPECS if spec.gated)
SECTIONS_OF: dict[Category, tuple[str, ...]] = {
    category: tuple(spec.name for spec in SECTION_SPECS if spec.destroyed_as is category) for category in Category}
OVERVIEW_SECTIONS: tuple[str, ...] = tuple(spec.name for spec in SECTION_SPECS if spec.in_overview)
PAGE_SECTION: dict[Step, SectionSpec] = {spec.step: spec for spec in SECTION_SPECS
                                         if spec.edited_in is EditedIn.STEP_PAGE and spec.step is not None}


class EntryKind(Choice):
    """The kinds of entry in the destruction register: categories of a bilan destroyed (R6313-7), or a prospect's
    whole dossier deleted, identity included, before the bilan started (GDPR), which names no category."""
    DESTRUCTION = "destruction", "Destruction de catégories du bilan"
    SUPPRESSION_DOSSIER = "suppression_dossier", "Dossier entier, identité comprise (prospect supprimé avant le bilan)"


# What the destruction register names, by category.
REGISTER_LABELS: dict[str, str] = {c.value: c.label for c in Category}


def entry_labels(kind: EntryKind, categories: list[str]) -> list[str]:
    """What a register entry says was destroyed, in French."""
    if kind is EntryKind.SUPPRESSION_DOSSIER:
        return [kind.label]
    return [REGISTER_LABELS.get(c, c) for c in categories]
