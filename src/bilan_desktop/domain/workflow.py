"""The lifecycle of one bilan and its guards (DESIGN.md §2-§3). Pure: today's date is passed in.

Every refused move comes with its reasons in French; the UI only shows them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import calendar_fr
from .contracts import contract_withdrawal_end
from .dates import long_date
from .funding import Funding
from .lifecycle import Step
from .questionnaires import Questionnaires
from .registry import ORDER
from .seances import MAX_HOURS, Seance, counted_minutes
from .sections import (
    Adaptation,
    Cloture,
    Conservation,
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

CLOSED = (Step.REFUS_REPUTE, Step.ABANDON)
MAX_RETENTION_YEARS = 3  # R6313-7 as amended on 2023-12-31


class RuleViolation(Exception):
    """A change the rules refuse; `problems` are French sentences safe to show."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__(" ".join(self.problems))


LAST_STEP = ("Le suivi est la dernière étape. Une fois l'entretien de suivi réalisé, clore le dossier : menu Bilan › "
             "Clore le dossier…")
CONSENT_MISSING = "Le consentement libre du bénéficiaire n'est pas enregistré (art. L6313-4) : rien ne peut " \
                  "être saisi dans le bilan avant."


@dataclass
class Dossier:
    """Everything recorded about one bilan (identity apart)."""

    bilan_id: int = 0
    reference: str = ""
    funding: Funding = Funding.CPF
    step: Step = Step.PREMIER_CONTACT
    premier_contact: PremierContact = field(default_factory=PremierContact)
    entretien_prealable: EntretienPrealable = field(default_factory=EntretienPrealable)
    convention: Convention = field(default_factory=Convention)
    phase_preliminaire: PhasePreliminaire = field(default_factory=PhasePreliminaire)
    phase_investigation: PhaseInvestigation = field(default_factory=PhaseInvestigation)
    phase_conclusion: PhaseConclusion = field(default_factory=PhaseConclusion)
    fin_du_bilan: FinDuBilan = field(default_factory=FinDuBilan)
    suivi: Suivi = field(default_factory=Suivi)
    cloture: Cloture = field(default_factory=Cloture)
    financement: Financement = field(default_factory=Financement)
    synthese: SyntheseDraft = field(default_factory=SyntheseDraft)
    questionnaires: Questionnaires = field(default_factory=Questionnaires)
    seances: list[Seance] = field(default_factory=list)


# -- facts derived from the record --------------------------------------------------------------------
def convention_required(d: Dossier) -> bool:
    return d.funding.requires_convention


def applicable_steps(d: Dossier) -> list[Step]:
    return [s for s in ORDER if s is not Step.CONVENTION or convention_required(d)]


def consent_recorded(d: Dossier) -> bool:
    return d.entretien_prealable.consentement_libre


def convention_last_day(d: Dossier) -> dt.date | None:
    sent = d.convention.transmis_le
    return calendar_fr.convention_last_day(sent, d.convention.departement) if sent else None


def convention_refused(d: Dossier, today: dt.date) -> bool:
    """Refus réputé (R6313-8): the employee did not sign within ten days of the transmission."""
    last = convention_last_day(d)
    if not convention_required(d) or last is None:
        return False
    signed = d.convention.signe_salarie_le
    if signed is not None and signed <= last:
        return False
    return today > last


def effective_step(d: Dossier, today: dt.date) -> Step:
    if d.cloture.abandon_le is not None:
        return Step.ABANDON
    if ORDER.index(d.step) <= ORDER.index(Step.CONVENTION) and convention_refused(d, today):
        return Step.REFUS_REPUTE
    return d.step


def minutes_used(d: Dossier) -> int:
    return counted_minutes(d.seances)


def last_session_date(d: Dossier) -> dt.date | None:
    dates = [s.date for s in d.seances if s.date is not None and s.counted]
    return max(dates) if dates else None


def follow_up_planned(d: Dossier) -> dt.date | None:
    if d.suivi.date_prevue is not None:
        return d.suivi.date_prevue
    end = d.fin_du_bilan.date_fin
    return calendar_fr.follow_up_date(end) if end else None


def agreement_years(fin: FinDuBilan) -> int:
    """The agreement's period, within the law: one year at least, three at most (R6313-7)."""
    return max(1, min(MAX_RETENTION_YEARS, fin.duree_conservation_ans))


def agreement_in_force(fin: FinDuBilan) -> bool:
    """A written agreement to keep the documents for the follow-up, signed by the end, not withdrawn."""
    return (fin.conservation is Conservation.ACCORD_SUIVI and fin.accord_signe_le is not None
            and fin.accord_retire_le is None
            and (fin.date_fin is None or fin.accord_signe_le <= fin.date_fin))


def agreement_end(fin: FinDuBilan) -> dt.date | None:
    """Last day the documents kept under the agreement may be kept (inclusive)."""
    if fin.date_fin is None or not agreement_in_force(fin):
        return None
    return calendar_fr.add_years(fin.date_fin, agreement_years(fin))


def cep_end(fin: FinDuBilan) -> dt.date | None:
    """Last day the synthèse sent to the CEP operator may be kept: an exception of its own, whatever the agreement."""
    if fin.date_fin is None or fin.synthese_cep_transmise_le is None:
        return None
    return calendar_fr.add_years(fin.date_fin, MAX_RETENTION_YEARS)


def retention_end(fin: FinDuBilan) -> dt.date | None:
    """Last day anything of the bilan may be kept (inclusive), or None when nothing is kept. Never more than three
    years after the end (R6313-7)."""
    ends = [day for day in (agreement_end(fin), cep_end(fin)) if day is not None]
    return max(ends) if ends else None


# -- guards ------------------------------------------------------------------------------------------
def _convention_problems(d: Dossier, today: dt.date) -> list[str]:
    c = d.convention
    problems = []
    missing = [label for label, value in (
        ("employeur", c.employeur), ("intitulé", c.intitule), ("objectif", c.objectif), ("contenu", c.contenu),
        ("moyens", c.moyens), ("durée", c.duree_heures), ("période", c.periode_debut and c.periode_fin),
        ("modalités de déroulement et de suivi", c.modalites_deroulement),
        ("modalités de remise des résultats", c.modalites_remise), ("prix", c.prix_euros),
        ("modalités de règlement", c.modalites_reglement)) if not value]
    if missing:
        problems.append("Mentions obligatoires manquantes (art. R6313-8) : " + ", ".join(missing) + ".")
    if c.duree_heures > MAX_HOURS:
        problems.append("La durée prévue dépasse 24 heures (art. L6313-4).")
    if c.transmis_le is None:
        problems.append("Date de transmission du projet de convention au salarié non renseignée.")
    last = convention_last_day(d)
    if last is not None and convention_refused(d, today):
        problems.append(f"Refus réputé (art. R6313-8) : le salarié n'a pas signé au plus tard le {long_date(last)}.")
    elif c.signe_salarie_le is None:
        problems.append("Convention non signée par le salarié.")
    if c.signe_employeur_le is None:
        problems.append("Convention non signée par l'employeur.")
    if c.signe_prestataire_le is None:
        problems.append("Convention non signée par le prestataire.")
    return problems


AGREEMENT_AFTER_END = ("L'accord écrit de conservation doit être signé au plus tard à la fin du bilan : à cette date, "
                       "les documents devaient déjà être détruits (art. R6313-7).")


AGREEMENT_YEARS = "La durée de conservation va d'un à trois ans, jamais au-delà (art. R6313-7)."


def agreement_years_problems(fin: FinDuBilan) -> list[str]:
    """R6313-7: the agreement keeps the documents one to three years; 0 or 5 are refused, whatever the widget."""
    return [] if 1 <= fin.duree_conservation_ans <= MAX_RETENTION_YEARS else [AGREEMENT_YEARS]


def retention_problems(fin: FinDuBilan) -> list[str]:
    """The retention decision (R6313-7). The written agreement and the synthèse sent to the CEP operator are two
    independent reasons to keep: both may apply."""
    problems = []
    if fin.conservation is Conservation.NON_DECIDEE:
        problems.append("La décision de conservation des documents est obligatoire (art. R6313-7).")
    if fin.conservation is Conservation.ACCORD_SUIVI:
        if fin.accord_signe_le is None:
            problems.append("Date de signature de l'accord écrit de conservation non renseignée.")
        elif fin.date_fin is not None and fin.accord_signe_le > fin.date_fin:
            problems.append(AGREEMENT_AFTER_END)
        problems += agreement_years_problems(fin)
    if fin.conservation is Conservation.SYNTHESE_CEP and fin.synthese_cep_transmise_le is None:
        problems.append("Date de transmission de la synthèse à l'opérateur du CEP non renseignée.")
    return problems


def exit_problems(d: Dossier, step: Step, today: dt.date) -> list[str]:
    """Why the bilan cannot move past `step` (empty when it can)."""
    if step is Step.PREMIER_CONTACT:
        return [] if d.premier_contact.date else ["Date du premier contact non renseignée."]
    if step is Step.ENTRETIEN_PREALABLE:
        e = d.entretien_prealable
        problems = []
        if e.date is None:
            problems.append("Date de l'entretien préalable non renseignée.")
        if not (e.cadre_legal_presente and e.objectifs_presentes and e.deroulement_presente
                and e.deontologie_presentee):
            problems.append("Présentation incomplète : cadre légal, objectifs, déroulement, déontologie et "
                            "confidentialité doivent avoir été présentés.")
        if e.prestation_adaptee is not Adaptation.OUI:
            problems.append("La prestation n'a pas été jugée adaptée au besoin du bénéficiaire.")
        if not e.consentement_libre:
            problems.append("Le consentement libre du bénéficiaire n'est pas enregistré (art. L6313-4).")
        elif e.consentement_le is None:
            problems.append("Date à laquelle le consentement libre a été recueilli non renseignée (art. L6313-4).")
        if not e.prestataire_non_employeur:
            problems.append("Il n'est pas attesté que le prestataire n'est pas l'employeur du bénéficiaire "
                            "(art. R6313-5).")
        if d.funding is Funding.AUTRE and not e.precision_financement.strip():
            problems.append("Précisez le financement (France Travail, OPCO, Transitions Pro…).")
        return problems
    if step is Step.CONVENTION:
        return _convention_problems(d, today)
    if step is Step.PHASE_PRELIMINAIRE:
        p = d.phase_preliminaire
        problems = []
        if not any(o.libelle.strip() for o in p.objectifs):
            problems.append("Aucun objectif défini.")
        if p.heures_prevues > MAX_HOURS:
            problems.append("La durée prévue dépasse 24 heures (art. L6313-4).")
        return problems
    if step is Step.PHASE_INVESTIGATION:
        i = d.phase_investigation
        if i.projet_intitule.strip() or any(a.intitule.strip() for a in i.alternatives):
            return []
        return ["Ni projet professionnel principal ni alternative définis (art. R6313-4 2°)."]
    if step is Step.PHASE_CONCLUSION:
        return [] if d.phase_conclusion.synthese_remise_le else ["Document de synthèse non remis."]
    if step is Step.FIN_DU_BILAN:
        problems = [] if d.fin_du_bilan.date_fin else ["Date de fin du bilan non renseignée."]
        return problems + retention_problems(d.fin_du_bilan)
    return [LAST_STEP]


def next_step(d: Dossier, step: Step) -> Step | None:
    steps = applicable_steps(d)
    position = steps.index(step) if step in steps else -1
    return steps[position + 1] if 0 <= position < len(steps) - 1 else None


def advance(d: Dossier, today: dt.date) -> tuple[Step | None, list[str]]:
    """The step the bilan may move to now, or None and the French reasons why not."""
    current = effective_step(d, today)
    if current is Step.REFUS_REPUTE:
        return None, ["Refus réputé (art. R6313-8) : le bilan ne peut pas commencer. Ce n'est pas une faute du "
                      "salarié (art. L6313-4)."]
    if current is Step.ABANDON:
        return None, ["Le bilan a été abandonné."]
    problems = exit_problems(d, current, today)
    target = next_step(d, current)
    if target is None:
        return None, problems or [LAST_STEP]
    return (None, problems) if problems else (target, [])


@dataclass(frozen=True)
class StepState:
    step: Step
    state: str  # "done", "current", "locked" or "closed"
    reason: str = ""


def step_states(d: Dossier, today: dt.date) -> list[StepState]:
    current = effective_step(d, today)
    steps = applicable_steps(d)
    if current in CLOSED:
        stopped = ORDER.index(d.step)
        return [StepState(s, "done" if ORDER.index(s) < stopped else "closed", current.label) for s in steps]
    position = steps.index(current)
    states = []
    for index, step in enumerate(steps):
        if index < position:
            states.append(StepState(step, "done"))
        elif index == position:
            states.append(StepState(step, "current"))
        else:
            previous = steps[index - 1]
            reasons = exit_problems(d, previous, today) if index == position + 1 else []
            reason = " ".join(reasons) if reasons else f"Terminez d'abord l'étape « {steps[index - 1].label} »."
            states.append(StepState(step, "locked", reason))
    return states


def next_deadline(d: Dossier, today: dt.date) -> tuple[str, dt.date] | None:
    """The next date the consultant must keep in mind, with its French label."""
    current = effective_step(d, today)
    if current in CLOSED:
        return None
    if convention_required(d) and ORDER.index(current) <= ORDER.index(Step.CONVENTION):
        last = convention_last_day(d)
        if last is not None and d.convention.signe_salarie_le is None:
            return "Signature du salarié", last
    withdrawal = contract_withdrawal_end(d.funding, d.financement)
    if withdrawal is not None and withdrawal >= today and ORDER.index(current) <= ORDER.index(Step.PHASE_PRELIMINAIRE):
        return "Fin du délai de rétractation", withdrawal
    if current in (Step.PHASE_PRELIMINAIRE, Step.PHASE_INVESTIGATION, Step.PHASE_CONCLUSION,
                   Step.ENTRETIEN_PREALABLE, Step.PREMIER_CONTACT):
        upcoming = sorted(s.date for s in d.seances if s.date and s.date >= today)
        if upcoming:
            return "Prochaine séance", upcoming[0]
    if current in (Step.FIN_DU_BILAN, Step.ENTRETIEN_SUIVI) and d.suivi.realise_le is None:
        planned = follow_up_planned(d)
        if planned is not None:
            return "Entretien de suivi", planned
    return None
