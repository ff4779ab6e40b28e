"""The consultant's week across bilans: « À faire », the agenda, the calendar export (issue 14)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..domain.agenda import Event, events
from ..domain.todo import Todo, todos
from ..domain.workflow import Dossier
from ..storage.exports import ProviderRepository
from ..storage.output_guard import write_output
from .bilans import BilanService


class AgendaService:
    def __init__(self, bilans: BilanService):
        self.bilans = bilans

    def _people(self) -> dict[int, tuple[str, str]]:
        return {s.id: (s.prenom, s.nom) for s in self.bilans.summaries()}

    def todos(self, today: dt.date, pending: frozenset[str] | set[str] = frozenset(),
              overview: dict[int, Dossier] | None = None) -> list[Todo]:
        people = self._people()
        names = {bilan_id: f"{prenom} {nom}".strip() for bilan_id, (prenom, nom) in people.items()}
        return todos(overview if overview is not None else self.bilans.overview(), names, today, pending)

    def events(self, start: dt.date, end: dt.date, bilan_id: int | None = None,
               overview: dict[int, Dossier] | None = None) -> list[Event]:
        overview = overview if overview is not None else self.bilans.overview()
        if bilan_id is not None:
            overview = {bilan_id: overview[bilan_id]}
        place = ProviderRepository(self.bilans.vault).load().address_line
        return events(overview, self._people(), start, end, place)

    def export_ics(self, found: list[Event], path: Path, now: dt.datetime, full_name: bool = False,
                   replace: bool = False) -> int:
        """Write the events (private file, through the guard); returns how many."""
        from ..documents.calendar_export import to_ics  # icalendar loads only when a calendar is written
        write_output(path, to_ics(found, now, full_name), self.bilans.vault.folder, replace)
        return len(found)
