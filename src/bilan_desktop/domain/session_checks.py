"""What every entry point of a session (the Séances page, the agenda, the session dialog) warns about, computed here
once (issue 20 §6): a Sunday or a public holiday of the workplace's département, an overlap with another session,
a long day, a long entretien préalable or de suivi. Warnings ask for a confirmation; `MAX_DAY_HOURS` refuses."""

from __future__ import annotations

from . import calendar_fr
from .agenda import Event, clashes_with
from .dates import long_date
from .lifecycle import Step
from .seances import COUNTED_STEPS, SESSION_STEPS, Seance, format_hours

LONG_DAY_HOURS = 7  # a working day: longer is possible, but asked
MAX_DAY_HOURS = 10  # L3121-18: ten hours of work a day at most; a longer session is refused
OUTSIDE_HOURS = 3  # the entretien préalable and the follow-up are interviews, not a phase of the bilan


def long_day_problem(seance: Seance) -> str:
    """The refusal of a session longer than the legal working day ('' when it fits)."""
    if seance.minutes > MAX_DAY_HOURS * 60:
        return (f"Séance refusée : elle dure {format_hours(seance.minutes)}, plus que les {MAX_DAY_HOURS} heures "
                "d'une journée de travail (art. L3121-18 du Code du travail). Répartissez-la sur plusieurs jours.")
    return ""


def session_warnings(seance: Seance, found: list[Event], departement: str = "") -> list[str]:
    """The warnings of a session about to be recorded. `found`: the agenda's events of that day, every bilan
    (the session itself, when already recorded, is left out by its id); `departement`: of the workplace."""
    if seance.date is None or not seance.active or seance.etape not in SESSION_STEPS:
        return []
    day, warnings = seance.date, []
    code = calendar_fr.normalize_departement(departement)
    if day.weekday() == 6:
        warnings.append(f"La séance tombe un dimanche : {long_date(day)}.")
    elif day in calendar_fr.public_holidays(day.year, code):
        where = f" (département {code})" if code in calendar_fr.DEPARTEMENTS_WITH_LOCAL_HOLIDAYS else ""
        warnings.append(f"La séance tombe un jour férié{where} : {long_date(day)}.")
    clashes = clashes_with(found, day, seance.debut, seance.fin, seance.id)
    if clashes:
        warnings.append("La séance chevauche " + ", ".join(f"celle de {e.reference} ({e.start:%H:%M}–{e.end:%H:%M})"
                                                      for e in clashes) + ".")
    if LONG_DAY_HOURS * 60 < seance.minutes <= MAX_DAY_HOURS * 60:
        warnings.append(f"La séance dure {format_hours(seance.minutes)} : plus de {LONG_DAY_HOURS} heures dans la journée.")
    if seance.etape not in COUNTED_STEPS and seance.minutes > OUTSIDE_HOURS * 60:
        what = "L'entretien préalable" if seance.etape is Step.ENTRETIEN_PREALABLE else "L'entretien de suivi"
        warnings.append(f"{what} dure {format_hours(seance.minutes)} : plus de {OUTSIDE_HOURS} heures, hors des "
                        "24 heures du bilan (ses heures ne figurent pas sur le certificat de réalisation).")
    return warnings


def planned_step(current: Step) -> Step:
    """The step a session planned from the agenda belongs to by default: the phase the bilan is in, or the next
    phase (never the entretien préalable, which is outside the 24 hours and the withdrawal check); the follow-up
    once the bilan is over."""
    if current in COUNTED_STEPS or current is Step.ENTRETIEN_SUIVI:
        return current
    order = list(Step)
    if current in order and order.index(current) > order.index(Step.PHASE_CONCLUSION):
        return Step.ENTRETIEN_SUIVI
    return Step.PHASE_PRELIMINAIRE
