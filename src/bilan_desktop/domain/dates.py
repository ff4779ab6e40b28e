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


_SHORT = re.compile(r"^\s*(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4}|\d{2})\s*$")
TWO_DIGIT_PIVOT = 40  # « 12/4/83 » is 1983, « 3/1/27 » is 2027: 00 to 40 are this century, 41 to 99 the last


def parse_short_date(text: str) -> dt.date | None:
    """Parse 26/11/2026 (also 26.11.2026, 26-11-2026, and two-digit years: 12/4/83 is 12 April 1983); None when
    empty; ValueError when wrong."""
    if not text.strip():
        return None
    match = _SHORT.match(text)
    if not match:
        raise ValueError("format")
    day, month, year = (int(g) for g in match.groups())
    if len(match.group(3)) == 2:
        year += 2000 if year <= TWO_DIGIT_PIVOT else 1900
    return dt.date(year, month, day)
