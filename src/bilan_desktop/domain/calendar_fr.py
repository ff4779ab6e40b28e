"""French public holidays and the labour-code delays built on them (DESIGN.md §3)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

CONVENTION_DELAY_DAYS = 10  # R6313-8
FOLLOW_UP_MONTHS = 6


ALSACE_MOSELLE = ("57", "67", "68")  # Moselle, Bas-Rhin, Haut-Rhin: L3134-13
# Abolition of slavery (loi 83-550, décret 83-1003): one day in each overseas département (month, day).
ABOLITION_DAYS = {"971": (5, 27), "972": (5, 22), "973": (6, 10), "974": (12, 20), "976": (4, 27)}
DEPARTEMENTS_WITH_LOCAL_HOLIDAYS = ALSACE_MOSELLE + tuple(ABOLITION_DAYS)


def normalize_departement(code: str | None) -> str:
    """« 057 », « 57 », « Moselle (57) » → « 57 »; overseas « 974 » and Corsica « 2A », « 2B » stay; no code → ''."""
    corsica = re.search(r"\b0?2\s*([AB])\b", (code or "").upper())
    if corsica:
        return f"2{corsica.group(1)}"
    digits = "".join(ch for ch in (code or "") if ch.isdigit())
    if len(digits) == 3 and digits.startswith("0"):
        digits = digits[1:]
    return digits if digits else ""


@lru_cache(maxsize=256)
def public_holidays(year: int, departement: str = "") -> frozenset[dt.date]:
    """The eleven national public holidays (Code du travail L3133-1) and, for the workplace's département, the local
    ones: in Moselle, Bas-Rhin and Haut-Rhin, Good Friday and 26 December (L3134-13; Good Friday is due « in the
    communes having a Protestant temple or a mixed church »: it is applied to the whole département, which can only
    lengthen a delay that protects the employee); in each overseas département, its abolition-of-slavery day."""
    sunday = easter(year)
    days = {
        dt.date(year, 1, 1), sunday + dt.timedelta(days=1), dt.date(year, 5, 1), dt.date(year, 5, 8),
        sunday + dt.timedelta(days=39), sunday + dt.timedelta(days=50), dt.date(year, 7, 14),
        dt.date(year, 8, 15), dt.date(year, 11, 1), dt.date(year, 11, 11), dt.date(year, 12, 25),
    }
    code = normalize_departement(departement)
    if code in ALSACE_MOSELLE:
        days |= {sunday - dt.timedelta(days=2), dt.date(year, 12, 26)}
    if code in ABOLITION_DAYS:
        month, day = ABOLITION_DAYS[code]
        days.add(dt.date(year, month, day))
    return frozenset(days)


def is_working_day(day: dt.date, departement: str = "") -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year, normalize_departement(departement))


def next_working_day(day: dt.date, departement: str = "") -> dt.date:
    while not is_working_day(day, departement):
        day += dt.timedelta(days=1)
    return day


def convention_last_day(transmitted: dt.date, departement: str = "") -> dt.date:
    """Last day for the employee to sign (R6313-8): ten calendar days, the day of transmission not
    counted; a last day on a Saturday, Sunday or public holiday (national, or local to the workplace's
    département) moves to the next working day (Code de procédure civile art. 641-642)."""
    return next_working_day(transmitted + dt.timedelta(days=CONVENTION_DELAY_DAYS), departement)


@lru_cache(maxsize=4096)
def follow_up_date(end: dt.date) -> dt.date:
    """End of the bilan + 6 months, same day number, clamped to the month's last day."""
    return end + relativedelta(months=FOLLOW_UP_MONTHS)


def add_years(day: dt.date, years: int) -> dt.date:
    """29 February + 1 year -> 28 February."""
    return day + relativedelta(years=years)
