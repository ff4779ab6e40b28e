"""French dates: « jeudi 26 novembre 2026 », « 26/11/2026 », and parsing what a consultant types."""

from __future__ import annotations

import datetime as dt
import re

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")


def long_date(day: dt.date) -> str:
    """jeudi 26 novembre 2026 (1er for the first of the month, as French usage has it)."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{DAYS[day.weekday()]} {number} {MONTHS[day.month - 1]} {day.year}"


def in_words(day: dt.date) -> str:
    """26 novembre 2026 (1er novembre): a date in running text."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def month_year(day: dt.date) -> str:
    """novembre 2026: the dates of a career."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def short_date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


_SHORT = re.compile(r"^\s*(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})\s*$")


def parse_short_date(text: str) -> dt.date | None:
    """Parse 26/11/2026 (also 26.11.2026, 26-11-2026); None when empty; ValueError when wrong."""
    if not text.strip():
        return None
    match = _SHORT.match(text)
    if not match:
        raise ValueError("format")
    day, month, year = (int(g) for g in match.groups())
    return dt.date(year, month, day)
