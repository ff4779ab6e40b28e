"""What may be recorded, and why not (issue 11 §2). Each rule is written here once; the service layer applies it
before anything is saved, and the pages ask the same functions whether a field can be edited."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from . import codec
from .contract_terms import contract_problems
from .dates import long_date
from .lifecycle import Issue, State, Step
from .registry import ORDER, SPEC_BY_NAME, Category
from .seances import COUNTED_STEPS, Seance, StatutSeance, seance_problems
from .session_checks import long_day_problem
from .workflow import (
    AGREEMENT_AFTER_END,
    CLOSED,
    CONSENT_MISSING,
    Dossier,
    agreement_years_problems,
    consent_recorded,
    convention_last_day,
    convention_refused,
    convention_required,
    effective_step,
    follow_up_planned,
)

ENDED = ("Le bilan est terminé : ses phases et la décision de conservation sont en lecture seule (seul le retrait de "
         "l'accord par le bénéficiaire peut encore être noté).")
ABANDONED = "Le bilan a été abandonné : le dossier est clos et en lecture seule."


def end_validated(d: Dossier) -> bool:
    """The consultant confirmed the end of the bilan (the step moved past « Fin du bilan »)."""
    return ORDER.index(d.step) > ORDER.index(Step.FIN_DU_BILAN) if d.step in ORDER else False


def refus_message(d: Dossier) -> str:
    last = convention_last_day(d)
    day = long_date(last) if last else "dernier jour du délai"
    return (f"Refus réputé (art. R6313-8) : le salarié n'a pas signé au plus tard le {day}. Le bilan ne peut pas "
            "commencer ; ce n'est pas une faute du salarié (art. L6313-4). Une signature datée dans le délai mais "
            "notée en retard peut encore être saisie dans la convention.")


def destroyed_day(name: str, destroyed: dict[str, dt.date]) -> dt.date | None:
    """The day the content of section `name` was destroyed, from the register's `destroyed` (category value ->
    day; BilanService.destroyed_on), or None while it is there."""
    category = SPEC_BY_NAME[name].destroyed_as
    return destroyed.get(category.value) if category is not None else None


def destroyed_text(day: dt.date) -> str:
    return f"Contenu détruit le {long_date(day)} (art. R6313-7)."


def section_lock(d: Dossier, name: str, today: dt.date, destroyed_on: dt.date | None = None) -> str:
    """Why the section `name` cannot be edited now ('' when it can). Consent is checked apart (content only).
    `destroyed_on`: the day its content was destroyed (`destroyed_day`): then nothing is recorded in it again. The
    one rule for « may this be recorded » (the service) and « may this be edited » (the pages, through
    `edit_mode`)."""
    if destroyed_on is not None:
        return destroyed_text(destroyed_on)
    current = effective_step(d, today)
    if current is Step.ABANDON:
        return ABANDONED
    if current is Step.REFUS_REPUTE:
        return "" if name == "convention" else refus_message(d)
    if end_validated(d) and name != "suivi":
        return "" if name in ("fin_du_bilan", "financement") else ENDED
    return ""


def editable_fields(d: Dossier, name: str, today: dt.date) -> frozenset[str] | None:
    """The only fields of an otherwise closed section that may still change (None: no such restriction): the
    employee's signature in a refus réputé (a signature given in time but recorded late lifts it), the withdrawal
    of the agreement after the end (the beneficiary may withdraw it at any time)."""
    current = effective_step(d, today)
    if current is Step.REFUS_REPUTE and name == "convention":
        return frozenset({"signe_salarie_le"})
    if current not in CLOSED and end_validated(d) and name == "fin_du_bilan":
        return frozenset({"accord_retire_le"})
    if current not in CLOSED and end_validated(d) and name == "financement":
        return CPF_DECLARATIONS  # declared on the platform after the end: « service fait »
    return None


CPF_DECLARATIONS = frozenset({"cpf_entree_declaree_le", "cpf_service_fait_le"})


def financement_problems(f, today: dt.date) -> list[str]:
    problems = []
    for label, day in (("La signature du contrat", f.contrat_signe_le),
                       ("La déclaration d'entrée en formation", f.cpf_entree_declaree_le),
                       ("La déclaration du service fait", f.cpf_service_fait_le)):
        if day is not None and day > today:
            problems.append(f"{label} ne peut pas être datée dans le futur ({long_date(day)}).")
    if f.debut_anticipe_le is not None and f.contrat_signe_le is None:
        problems.append("La demande de commencer pendant le délai de rétractation suppose un contrat signé.")
    if f.cpf_service_fait_le and f.cpf_entree_declaree_le and f.cpf_service_fait_le < f.cpf_entree_declaree_le:
        problems.append("Le service fait ne peut pas être déclaré avant l'entrée en formation.")
    return problems


def section_problems(d: Dossier, name: str, section, today: dt.date,
                     destroyed_on: dt.date | None = None) -> list[str]:
    """Why `section` cannot be saved as the new value of `name` in this dossier (`destroyed_on`: as for
    `section_lock`)."""
    spec = SPEC_BY_NAME[name]
    stored = getattr(d, name)
    lock = section_lock(d, name, today, destroyed_on)
    if lock:
        return [lock]
    problems: list[str] = []
    if spec.gated and codec.has_content(section) and not consent_recorded(d):
        problems.append(CONSENT_MISSING)
    allowed = editable_fields(d, name, today)
    if allowed is not None:
        changed = {f.name for f in dataclasses.fields(section) if getattr(section, f.name) != getattr(stored, f.name)}
        if changed - allowed:
            problems.append(refus_message(d) if name == "convention" else ENDED)
    if name == "financement":
        problems += financement_problems(section, today)
        problems += contract_problems(dataclasses.replace(d, financement=section))
    if name == "fin_du_bilan":
        if section.accord_signe_le and section.date_fin and section.accord_signe_le > section.date_fin:
            problems.append(AGREEMENT_AFTER_END)
        problems += agreement_years_problems(section)
    return problems


def seance_notes_lock(destroyed: dict[str, dt.date]) -> str:
    """Why session notes can no longer be typed ('' when they can): they are content, destroyed with it (`destroyed`:
    the register's category value -> day). The dialog shows it, the service refuses with it."""
    day = destroyed.get(Category.CONTENU.value)
    return destroyed_text(day) + " Les notes de séance ne sont plus enregistrées." if day is not None else ""


def seance_record_problems(d: Dossier, seance: Seance, today: dt.date,
                           destroyed: dict[str, dt.date] | None = None) -> list[str]:
    """Why this session cannot be recorded: the 24 hours, consent, the bilan's state, the convention, and the place
    of the entretien préalable (before the phases) and of the follow-up (after the end); notes typed after the
    content's destruction (`destroyed`, as for `seance_notes_lock`)."""
    lock = seance_notes_lock(destroyed or {})
    if lock and seance.notes.strip():
        return [lock]
    current = effective_step(d, today)
    if current is Step.REFUS_REPUTE:
        return [refus_message(d).split(". Une signature")[0] + " : aucune séance ne peut être enregistrée."]
    if current is Step.ABANDON:
        return ["Le bilan a été abandonné : aucune séance ne peut plus être enregistrée."]
    problems = seance_problems(seance, d.seances)
    too_long = long_day_problem(seance)
    if too_long:
        problems.append(too_long)
    if seance.counted and not consent_recorded(d):
        problems.insert(0, CONSENT_MISSING)
    if seance.counted and convention_required(d) and (d.convention.signe_salarie_le is None
                                                      or convention_refused(d, today)):
        problems.append("La convention n'est pas signée par le salarié : les séances du bilan ne peuvent pas "
                        "commencer (art. R6313-8).")
    if seance.date is None:
        return problems
    if seance.date > today and seance.statut is not StatutSeance.PLANIFIEE:
        problems.append(f"Une séance à venir ne peut être que planifiée (elle est datée du {long_date(seance.date)}).")
    if seance.date > today and seance.signatures:
        problems.append("L'émargement se signe le jour de la séance ou après, pas avant.")
    others = [s for s in d.seances if s.id is None or s.id != seance.id]
    phases = [s.date for s in others if s.counted and s.date is not None]
    prealables = [s.date for s in others if s.etape is Step.ENTRETIEN_PREALABLE and s.date is not None]
    end = d.fin_du_bilan.date_fin
    if seance.etape is Step.ENTRETIEN_PREALABLE and phases and seance.date > min(phases):
        problems.append("Une séance de l'entretien préalable ne peut pas avoir lieu après le début des phases du "
                        f"bilan (première séance le {long_date(min(phases))}).")
    if seance.counted and prealables and seance.date < max(prealables):
        problems.append("Une séance du bilan ne peut pas précéder l'entretien préalable "
                        f"(du {long_date(max(prealables))}).")
    if seance.counted and end is not None and seance.date > end:
        problems.append(f"Une séance du bilan ne peut pas avoir lieu après sa fin (le {long_date(end)}).")
    if seance.etape is Step.ENTRETIEN_SUIVI and (end is None or seance.date <= end):
        problems.append("L'entretien de suivi a lieu après la fin du bilan : renseignez d'abord la date de fin, puis "
                        "une date de séance postérieure." if end is None else
                        f"L'entretien de suivi a lieu après la fin du bilan (le {long_date(end)}).")
    return problems


def seance_change_lock(d: Dossier, today: dt.date) -> str:
    """Sessions of a closed bilan are the proof of the service: they are no longer changed or deleted."""
    current = effective_step(d, today)
    if current in CLOSED:
        return ABANDONED if current is Step.ABANDON else refus_message(d)
    return ""


def funding_lock(d: Dossier, today: dt.date) -> str:
    """The funding route decides the contract: it is chosen up to the entretien préalable."""
    if effective_step(d, today) in CLOSED:
        return "Le dossier est clos."
    if ORDER.index(d.step) > ORDER.index(Step.ENTRETIEN_PREALABLE):
        return "Le financement ne change plus après l'entretien préalable."
    return ""


def dossier_state(d: Dossier, today: dt.date, destroyed: bool = False) -> State:
    """En cours, suspendu, terminé, clos, refus réputé, abandon or contenu détruit."""
    current = effective_step(d, today)
    if current is Step.ABANDON:
        return State.ABANDON
    if current is Step.REFUS_REPUTE:
        return State.REFUS_REPUTE
    if d.cloture.clos_le is not None:
        return State.CLOS
    if destroyed:
        return State.DETRUIT
    if d.cloture.suspendu_le is not None:
        return State.SUSPENDU
    if end_validated(d):
        return State.TERMINE
    return State.EN_COURS


def suspend_problems(d: Dossier, today: dt.date) -> list[str]:
    if effective_step(d, today) in CLOSED or d.cloture.clos_le is not None:
        return ["Le dossier est clos."]
    if end_validated(d):
        return ["Le bilan est terminé : il n'y a plus rien à mettre en pause."]
    if d.cloture.suspendu_le is not None:
        return ["Le bilan est déjà en pause."]
    return []


def close_problems(d: Dossier, issue: Issue, today: dt.date) -> list[str]:
    """« Clore le dossier »: after the follow-up (or once its planned date has passed, for a beneficiary who did
    not come), with the beneficiary's situation at six months."""
    problems = []
    if effective_step(d, today) in CLOSED or d.cloture.clos_le is not None:
        return ["Le dossier est déjà clos."]
    if not end_validated(d):
        problems.append("Le bilan n'est pas terminé : la fin du bilan doit d'abord être confirmée.")
    planned = follow_up_planned(d)
    if d.suivi.realise_le is None and (planned is None or today <= planned):
        problems.append("L'entretien de suivi n'a pas eu lieu : notez sa date de réalisation, ou attendez la date "
                        "prévue s'il n'a pas pu se tenir.")
    if issue is Issue.NON_RENSEIGNEE:
        problems.append("Indiquez la situation du bénéficiaire six mois après le bilan.")
    return problems


def suspended_text(d: Dossier, today: dt.date) -> str:
    since = d.cloture.suspendu_le
    if since is None:
        return ""
    days = (today - since).days
    plural = "s" if days > 1 else ""
    return f"En pause depuis le {long_date(since)} ({days} jour{plural}). Rien n'est détruit pendant la pause."


@dataclass(frozen=True)
class EditMode:
    """How a page shows a section: editable or not, the reason shown above it, the only fields left editable."""
    editable: bool
    message: str = ""
    only: frozenset[str] | None = None


def edit_mode(d: Dossier, name: str, today: dt.date, reachable: bool = True, destroyed_on: dt.date | None = None,
              waiting: str = "") -> EditMode:
    """The one answer to « can the consultant edit this section now, and if not why »: the pages show it, the
    service refuses with the same reasons. `reachable`: the step is done or current; `waiting`: why it is not;
    `destroyed_on`: the day its content was destroyed (from the register)."""
    lock = section_lock(d, name, today, destroyed_on)
    if lock:
        return EditMode(False, lock)
    only = editable_fields(d, name, today)
    if only is not None:
        return EditMode(True, refus_message(d) if effective_step(d, today) is Step.REFUS_REPUTE else ENDED, only)
    if not reachable:
        return EditMode(False, waiting)
    if SPEC_BY_NAME[name].gated and not consent_recorded(d):
        return EditMode(False, CONSENT_MISSING)
    return EditMode(True)


SATISFACTION_ALREADY = ("Les réponses à ce questionnaire sont déjà enregistrées, détachées du dossier dont le contenu est "
                        "détruit : elles ne peuvent plus être modifiées.")


def satisfaction_detached(destroyed: dict[str, dt.date]) -> bool:
    """From the first destruction of a bilan's content on (`destroyed`: the register's category value -> day), its
    satisfaction answers are kept for the figures apart from the person: their month and funding route only, no
    link, no free comment (the comment goes with the content). An answer recorded later is stored so at once."""
    return bool(destroyed)


PROSPECT_BASIS = ("RGPD, art. 5, 1, e (limitation de la conservation) : prospect ou dossier saisi par erreur, supprimé "
                  "avant le début du bilan")


def deletion_problems(d: Dossier, today: dt.date) -> list[str]:
    """A dossier may be deleted outright only before the bilan has started: no session of its phases (planned or
    held), still at the first contact, the entretien préalable or the convention (or refused)."""
    current = effective_step(d, today)
    problems = []
    if current not in (Step.PREMIER_CONTACT, Step.ENTRETIEN_PREALABLE, Step.CONVENTION, Step.REFUS_REPUTE):
        problems.append("Le bilan a commencé : son dossier ne se supprime pas, il suit les règles de conservation "
                        "et de destruction (art. R6313-7).")
    if any(s.etape in COUNTED_STEPS for s in d.seances):
        problems.append("Des séances du bilan sont enregistrées : le dossier ne se supprime pas.")
    return problems
