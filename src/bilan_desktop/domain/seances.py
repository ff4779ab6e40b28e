"""Sessions (séances) and the 24-hour maximum of L6313-4."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .codec import content
from .lifecycle import Step
from .sections import ModaliteSeance

MAX_HOURS = 24.0
# The free entretien préalable comes before the bilan and the follow-up interview after its end:
# only the three phases of R6313-4 count towards the 24 hours.
COUNTED_STEPS = (Step.PHASE_PRELIMINAIRE, Step.PHASE_INVESTIGATION, Step.PHASE_CONCLUSION)
SESSION_STEPS = (Step.ENTRETIEN_PREALABLE,) + COUNTED_STEPS + (Step.ENTRETIEN_SUIVI,)


@dataclass
class Seance:
    id: int | None = None
    date: dt.date | None = None
    debut: dt.time = dt.time(9, 0)
    fin: dt.time = dt.time(11, 0)
    modalite: ModaliteSeance = ModaliteSeance.PRESENTIEL
    lien_visio: str = ""
    etape: Step = Step.PHASE_PRELIMINAIRE
    notes: str = content("")
    signe_beneficiaire: bool = False
    signe_consultant: bool = False

    @property
    def minutes(self) -> int:
        start = self.debut.hour * 60 + self.debut.minute
        end = self.fin.hour * 60 + self.fin.minute
        return max(0, end - start)

    @property
    def hours(self) -> float:
        return self.minutes / 60

    @property
    def counted(self) -> bool:
        return self.etape in COUNTED_STEPS


def format_hours(minutes: int) -> str:
    """1410 -> '23 h 30'; 1440 -> '24 h'."""
    hours, rest = divmod(int(minutes), 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def counted_minutes(seances: list[Seance], excluding_id: int | None = None) -> int:
    return sum(s.minutes for s in seances if s.counted and (excluding_id is None or s.id != excluding_id))


def seance_problems(seance: Seance, others: list[Seance]) -> list[str]:
    """Why this session cannot be recorded (`others`: every recorded session, the edited one included)."""
    problems = []
    if seance.date is None:
        problems.append("La date de la séance est obligatoire.")
    if seance.minutes <= 0:
        problems.append("L'heure de fin doit être postérieure à l'heure de début.")
    if seance.etape not in SESSION_STEPS:
        problems.append("Une séance se rattache à l'entretien préalable, à une phase du bilan ou au suivi.")
    if seance.counted:
        before = counted_minutes(others, excluding_id=seance.id)
        total = before + seance.minutes
        if total > MAX_HOURS * 60:
            problems.append(
                f"Séance refusée : elle porterait la durée du bilan à {format_hours(total)}, au-delà des "
                f"24 heures permises (art. L6313-4 du Code du travail). Déjà enregistrées : "
                f"{format_hours(before)}.")
    return problems
