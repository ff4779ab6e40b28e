"""The consultant's agenda across bilans: sessions and follow-up interviews in a date range, conflicts between them,
free slots, and calendar events named discreetly (issue 14). Pure: the dossiers and the names are passed in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .dates import parse_short_date
from .seances import ACTIVE, Seance
from .workflow import Dossier, follow_up_planned

DAY_START, DAY_END = dt.time(8, 0), dt.time(20, 0)


@dataclass(frozen=True)
class Event:
    bilan_id: int
    reference: str
    who: str  # the beneficiary's full name: shown on screen; in a calendar file only when the consultant ticks it
    initials: str
    day: dt.date
    start: dt.time
    end: dt.time
    title: str  # « Séance — phase d'investigation », « Entretien de suivi »
    status: str  # the session's status label ('' for a follow-up interview not yet a session)
    place: str = ""
    link: str = ""
    seance_id: int | None = None
    active: bool = True  # planned or realised (a cancelled session is shown, never in conflict)

    @property
    def uid(self) -> str:
        """Stable across exports: re-importing updates the event instead of duplicating it."""
        key = f"seance-{self.seance_id}" if self.seance_id is not None else f"suivi-{self.day.isoformat()}"
        return f"{self.reference}-{key}@bilan-desktop"

    def overlaps(self, other: Event) -> bool:
        return self.day == other.day and self.start < other.end and other.start < self.end


def initials(prenom: str, nom: str) -> str:
    """« Élodie », « Lefèvre » → « É. L. » (compound first names: « J.-P. »)."""
    first = "-".join(part[:1] + "." for part in prenom.split("-") if part) if prenom else ""
    return " ".join(x for x in (first, (nom.strip()[:1] + ".") if nom.strip() else "") if x)


def events(dossiers: dict[int, Dossier], people: dict[int, tuple[str, str]], start: dt.date, end: dt.date,
           place: str = "") -> list[Event]:
    """Sessions (any status) and follow-up interviews planned but not yet held as a session, `start` to `end`
    inclusive, in time order. `people`: bilan id → (prénom, nom)."""
    found: list[Event] = []
    for bilan_id, d in dossiers.items():
        prenom, nom = people.get(bilan_id, ("", ""))
        who, short = f"{prenom} {nom}".strip(), initials(prenom, nom)
        for s in d.seances:
            if s.date is not None and start <= s.date <= end:
                found.append(_session(d, s, who, short, place))
        planned = follow_up_planned(d) if d.fin_du_bilan.date_fin else None
        followed = any(s.etape.value == "entretien_suivi" for s in d.seances)
        if planned is not None and start <= planned <= end and d.suivi.realise_le is None and not followed:
            found.append(Event(bilan_id, d.reference, who, short, planned, dt.time(9), dt.time(10),
                               "Entretien de suivi (date prévue, à fixer)", "", place))
    return sorted(found, key=lambda e: (e.day, e.start, e.reference))


def _session(d: Dossier, s: Seance, who: str, short: str, place: str) -> Event:
    assert s.date is not None
    return Event(d.bilan_id, d.reference, who, short, s.date, s.debut, s.fin, f"Séance — {s.etape.label.lower()}",
                 s.statut.label, "" if s.remote else place, s.lien_visio if s.remote else "", s.id,
                 s.statut in ACTIVE)


def conflicts(found: list[Event]) -> set[tuple[str, str]]:
    """The uids of events that overlap another (cancelled and missed sessions never conflict)."""
    clashing: set[tuple[str, str]] = set()
    live = [e for e in found if e.active and e.seance_id is not None]
    for index, event in enumerate(live):
        for other in live[index + 1:]:
            if event.overlaps(other):
                clashing.add((event.uid, other.uid))
    return clashing


def in_conflict(found: list[Event]) -> set[str]:
    return {uid for pair in conflicts(found) for uid in pair}


def clashes_with(found: list[Event], day: dt.date, start: dt.time, end: dt.time, seance_id: int | None = None) \
        -> list[Event]:
    """The active sessions a new or moved session would overlap."""
    probe = Event(0, "", "", "", day, start, end, "", "")
    return [e for e in found if e.active and e.seance_id is not None and e.seance_id != seance_id
            and probe.overlaps(e)]


def free_slots(found: list[Event], day: dt.date, length: dt.timedelta = dt.timedelta(hours=2)) \
        -> list[tuple[dt.time, dt.time]]:
    """Free periods of `length` between 8 h and 20 h on `day`, on the hour."""
    busy = sorted((e.start, e.end) for e in found if e.day == day and e.active)
    slots = []
    cursor = dt.datetime.combine(day, DAY_START)
    closing = dt.datetime.combine(day, DAY_END)
    while cursor + length <= closing:
        begin, finish = cursor.time(), (cursor + length).time()
        if all(not (begin < b_end and b_start < finish) for b_start, b_end in busy):
            slots.append((begin, finish))
        cursor += dt.timedelta(hours=1)
    return slots


def parse_day(text: str) -> dt.date:
    """AAAA-MM-JJ or JJ/MM/AAAA (the command line); ValueError with a French message."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        pass
    try:
        day = parse_short_date(text)
    except ValueError:
        day = None
    if day is None:
        raise ValueError(f"Date invalide : « {text} » (AAAA-MM-JJ ou JJ/MM/AAAA).")
    return day
