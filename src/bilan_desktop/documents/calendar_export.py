"""Sessions as an iCalendar file (RFC 5545, with the icalendar library) to import into Outlook, Thunderbird or Google
Calendar. A calendar often lives in a cloud: an event names the reference and the initials only, unless the
consultant asks for the full details (the full name and the visio link: a link often holds the person's name, it goes
in only then); no note, no content. Stable UIDs: importing again updates the events."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar
from icalendar import Event as IcsEvent

from ..domain.agenda import Event

PARIS = ZoneInfo("Europe/Paris")
REMOTE = "Visioconférence"  # where a remote session takes place, when its link stays out of the calendar


def summary(event: Event, full_name: bool) -> str:
    who = event.who if full_name and event.who else event.initials
    return " — ".join(x for x in (event.reference, who, event.title) if x)


def to_ics(found: list[Event], now: dt.datetime, full_name: bool = False) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Bilan Desktop//bilans de compétences//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    stamp = now.replace(tzinfo=PARIS) if now.tzinfo is None else now
    for event in found:
        item = IcsEvent()
        item.add("uid", event.uid)
        item.add("dtstamp", stamp)
        item.add("dtstart", dt.datetime.combine(event.day, event.start, tzinfo=PARIS))
        item.add("dtend", dt.datetime.combine(event.day, event.end, tzinfo=PARIS))
        item.add("summary", summary(event, full_name))
        link = event.link if full_name else ""
        if event.place or event.link:  # in person: the address; remote: the visio link, or only that it is remote
            item.add("location", event.place or link or REMOTE)
        if link:
            item.add("url", link)
        if not event.active:
            item.add("status", "CANCELLED")
        item.add("sequence", int(stamp.timestamp()) // 60 % 2_000_000_000)  # later exports win in the calendar
        calendar.add_component(item)
    calendar.add_missing_timezones()  # RFC 5545: a TZID needs its VTIMEZONE
    return calendar.to_ical()
