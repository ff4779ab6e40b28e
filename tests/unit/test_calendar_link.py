"""Issue 19, point 9: a visio link often holds the person's name; in an .ics file it goes in (LOCATION, URL) only
when the full details are ticked. Initials only: the event says « Visioconférence », never the link."""

from __future__ import annotations

import datetime as dt

from bilan_desktop.documents.calendar_export import to_ics
from bilan_desktop.domain.agenda import Event
from bilan_desktop.services.agenda import AgendaService
from bilan_desktop.services.bilans import BilanService

LINK = "https://visio.exemple.fr/elodie-lefevre-bilan"
DAY = dt.date(2026, 11, 26)
NOW = dt.datetime(2026, 11, 25, 8)


def _events() -> list[Event]:
    common = dict(bilan_id=1, reference="BC-2026-0001", who="Élodie Lefèvre", initials="É. L.", day=DAY,
                  title="Séance — phase d'investigation", status="Planifiée")
    return [Event(start=dt.time(9), end=dt.time(11), link=LINK, seance_id=1, **common),
            Event(start=dt.time(14), end=dt.time(15), place="12 rue des Lilas", seance_id=2, **common)]


def unfolded(data: bytes) -> bytes:
    return data.replace(b"\r\n ", b"")  # RFC 5545 folds long lines


def test_the_visio_link_only_with_the_full_details(vault, tmp_path):
    initials = unfolded(to_ics(_events(), NOW))
    assert b"visio.exemple.fr" not in initials and b"lefevre" not in initials and b"URL" not in initials
    assert "LOCATION:Visioconférence\r\n".encode() in initials
    assert b"LOCATION:12 rue des Lilas\r\n" in initials
    full = unfolded(to_ics(_events(), NOW, full_name=True))
    assert f"LOCATION:{LINK}\r\n".encode() in full and f"URL:{LINK}\r\n".encode() in full
    assert b"LOCATION:12 rue des Lilas\r\n" in full
    service = AgendaService(BilanService(vault))  # what the window and `agenda --ics` write
    for name, full_name in (("initiales.ics", False), ("complet.ics", True)):
        service.export_ics(_events(), tmp_path / name, NOW, full_name)
    assert b"visio.exemple.fr" not in unfolded((tmp_path / "initiales.ics").read_bytes())
    assert f"URL:{LINK}\r\n".encode() in unfolded((tmp_path / "complet.ics").read_bytes())
