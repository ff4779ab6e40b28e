"""French public holidays and the labour-code delays built on them (DESIGN.md §3)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

CONVENTION_DELAY_DAYS = 10  # R6313-8
FOLLOW_UP_MONTHS = 6


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[dt.date]:
    """The eleven national public holidays of metropolitan France (Code du travail L3133-1)."""
    sunday = easter(year)
    return frozenset({
        dt.date(year, 1, 1), sunday + dt.timedelta(days=1), dt.date(year, 5, 1), dt.date(year, 5, 8),
        sunday + dt.timedelta(days=39), sunday + dt.timedelta(days=50), dt.date(year, 7, 14),
        dt.date(year, 8, 15), dt.date(year, 11, 1), dt.date(year, 11, 11), dt.date(year, 12, 25),
    })


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def next_working_day(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def convention_last_day(transmitted: dt.date) -> dt.date:
    """Last day for the employee to sign (R6313-8): ten calendar days, the day of transmission not
    counted; a last day on a Saturday, Sunday or public holiday moves to the next working day
    (Code de procédure civile art. 641-642)."""
    return next_working_day(transmitted + dt.timedelta(days=CONVENTION_DELAY_DAYS))


def follow_up_date(end: dt.date) -> dt.date:
    """End of the bilan + 6 months, same day number, clamped to the month's last day."""
    return end + relativedelta(months=FOLLOW_UP_MONTHS)


def add_years(day: dt.date, years: int) -> dt.date:
    """29 February + 1 year -> 28 February."""
    return day + relativedelta(years=years)
