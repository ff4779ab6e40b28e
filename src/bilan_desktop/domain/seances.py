"""Sessions (séances): their status, the proof of attendance, and the 24-hour maximum of L6313-4."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .choice import Choice
from .codec import content
from .lifecycle import Step
from .sections import ModaliteSeance
from .text import plural  # noqa: F401 (re-exported: the documents count sessions)

MAX_HOURS = 24.0
# The free entretien préalable comes before the bilan and the follow-up interview after its end:
# only the three phases of R6313-4 count towards the 24 hours.
COUNTED_STEPS = (Step.PHASE_PRELIMINAIRE, Step.PHASE_INVESTIGATION, Step.PHASE_CONCLUSION)
SESSION_STEPS = (Step.ENTRETIEN_PREALABLE,) + COUNTED_STEPS + (Step.ENTRETIEN_SUIVI,)


def session_step(current: Step) -> Step:
    """The step a new session of a bilan belongs to by default: the one it is at, when sessions are held there
    (before the convention is signed, or after a stop, the phase préliminaire that comes next)."""
    return current if current in SESSION_STEPS else Step.PHASE_PRELIMINAIRE


class StatutSeance(Choice):
    PLANIFIEE = "planifiee", "Planifiée"
    REALISEE = "realisee", "Réalisée"
    ANNULEE = "annulee", "Annulée"
    ABSENCE_EXCUSEE = "absence_excusee", "Absence excusée"
    ABSENCE = "absence", "Absence non excusée"
    REPORTEE = "reportee", "Reportée"


# Planned and realised sessions hold the bilan's hours (the 24 hours apply to both together); the others are
# kept on record but count nowhere.
ACTIVE = (StatutSeance.PLANIFIEE, StatutSeance.REALISEE)


class Attestation(Choice):
    """How a remote session's attendance is proven (no signature can be drawn on the consultant's screen)."""
    AUCUNE = "", "—"
    JOURNAL = "journal", "Journal de connexion de l'outil de visioconférence"
    SIGNATURE_DISTANCE = "signature_distance", "Émargement signé à distance (fichier reçu)"
    ATTESTATION = "attestation", "Attestation d'assiduité signée par le bénéficiaire"


class Role(Choice):
    BENEFICIAIRE = "beneficiaire", "Bénéficiaire"
    CONSULTANT = "consultant", "Consultant"


@dataclass(frozen=True)
class Signature:
    """A signature drawn on screen: the PNG image and when it was drawn (administrative record)."""
    role: Role
    image: bytes
    signed_at: dt.datetime


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
    statut: StatutSeance = StatutSeance.PLANIFIEE
    connexion_debut: dt.time | None = None  # remote sessions: the connection times, and how they are proven
    connexion_fin: dt.time | None = None
    attestation: Attestation = Attestation.AUCUNE
    signatures: tuple[Signature, ...] = ()

    @property
    def remote(self) -> bool:
        return self.modalite is not ModaliteSeance.PRESENTIEL

    @property
    def active(self) -> bool:
        return self.statut in ACTIVE

    def signature(self, role: Role) -> Signature | None:
        return next((s for s in self.signatures if s.role is role), None)

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
        """A session of the bilan's phases that holds hours (planned or realised)."""
        return self.etape in COUNTED_STEPS and self.active

    @property
    def realised(self) -> bool:
        return self.counted and self.statut is StatutSeance.REALISEE


def format_hours(minutes: int) -> str:
    """1410 -> '23 h 30'; 1440 -> '24 h'."""
    hours, rest = divmod(int(minutes), 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def counted_minutes(seances: list[Seance], excluding_id: int | None = None) -> int:
    """Planned and realised hours of the phases together: what the 24 hours of L6313-4 apply to."""
    return sum(s.minutes for s in seances if s.counted and (excluding_id is None or s.id != excluding_id))


def realised_minutes(seances: list[Seance]) -> int:
    return sum(s.minutes for s in seances if s.realised)


def hours_of(dossier) -> tuple[int, int]:
    """(minutes realised, minutes planned) of the bilan's phases: the list shows them apart."""
    done = realised_minutes(dossier.seances)
    return done, counted_minutes(dossier.seances) - done


def hours_summary(seances: list[Seance]) -> str:
    """« 6 h réalisées, 4 h planifiées » — the hours apart, as the header, the list and the documents show them."""
    done = realised_minutes(seances)
    planned = counted_minutes(seances) - done
    return f"{format_hours(done)} {plural(done // 60, 'réalisée')}, {format_hours(planned)} " \
           f"{plural(planned // 60, 'planifiée')}"


_RHYTHMS = ((("quotidien", "chaque jour", "tous les jours"), 1),
            (("deux semaines", "15 jours", "quinze jours", "quinzaine", "bimensuel"), 14),
            (("mensuel", "chaque mois", "par mois", "tous les mois"), 28),
            (("hebdo", "semaine"), 7))


def rhythm_days(rythme: str) -> int:
    """The interval between sessions that the rhythm typed in the phase préliminaire means (a week by default)."""
    text = rythme.casefold()
    return next((days for words, days in _RHYTHMS if any(w in text for w in words)), 7)


def next_session(seances: list[Seance], rythme: str, today: dt.date) -> tuple[dt.date, dt.time, dt.time]:
    """Defaults of a new session: the rhythm after the last session held or planned, at the same times; today
    when there is none (or when the rhythm points to the past)."""
    previous = sorted((s for s in seances if s.active and s.date is not None), key=lambda s: (s.date, s.debut))
    if not previous:
        return today, dt.time(9, 0), dt.time(11, 0)
    last = previous[-1]
    assert last.date is not None
    return max(today, last.date + dt.timedelta(days=rhythm_days(rythme))), last.debut, last.fin


def seance_problems(seance: Seance, others: list[Seance]) -> list[str]:
    """Why this session cannot be recorded (`others`: every recorded session, the edited one included)."""
    problems = []
    if seance.date is None:
        problems.append("La date de la séance est obligatoire.")
    if seance.minutes <= 0:
        problems.append("L'heure de fin doit être postérieure à l'heure de début.")
    if seance.etape not in SESSION_STEPS:
        problems.append("Une séance se rattache à l'entretien préalable, à une phase du bilan ou au suivi.")
    if (seance.connexion_debut is None) != (seance.connexion_fin is None) or (
            seance.connexion_debut and seance.connexion_fin and seance.connexion_fin <= seance.connexion_debut):
        problems.append("Indiquez l'heure de connexion et l'heure de déconnexion, la seconde après la première.")
    if seance.counted:
        before = counted_minutes(others, excluding_id=seance.id)
        total = before + seance.minutes
        if total > MAX_HOURS * 60:
            problems.append(
                f"Séance refusée : elle porterait la durée du bilan à {format_hours(total)}, au-delà des "
                f"24 heures permises (art. L6313-4 du Code du travail). Déjà enregistrées : "
                f"{format_hours(before)}.")
    return problems
