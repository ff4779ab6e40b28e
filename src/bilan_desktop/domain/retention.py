"""What must be destroyed, and when (R6313-7 as in force since 2023-12-31). A pure function of a bilan's
recorded dates and consents and of today's date: the engine applies it as often as it likes.

- No written agreement: the bilan's content and its synthèse are due at the end of the bilan.
- Written agreement for the follow-up: everything is kept through end + period (1 year by default, 3 at most),
  due the day after; withdrawn, it is due at once.
- Synthèse sent to the CEP operator at the beneficiary's request: the synthèse is kept three years, the rest is
  due at the end.
- Abandon, or convention refused (refus réputé): whatever content exists is due at once.
- The follow-up interview's notes come after the bilan: with no agreement they are due the day after the
  follow-up took place; otherwise they follow the kept documents.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import calendar_fr
from .lifecycle import Step
from .registry import SECTIONS_OF, Category
from .sections import Conservation
from .workflow import MAX_RETENTION_YEARS, ORDER, Dossier, convention_last_day, effective_step

BASIS = "art. R6313-7 du Code du travail (version en vigueur depuis le 31 décembre 2023)"


__all__ = ["BASIS", "Category", "Due", "SECTIONS_OF", "due_now", "next_due", "schedule"]  # Category: registry


@dataclass(frozen=True)
class Due:
    category: Category
    since: dt.date  # the first day it is due
    reason: str
    at_end: bool = False  # due at the end of the bilan: only once the end is reached


def end_reached(d: Dossier, today: dt.date) -> bool:
    """The bilan has ended: its end was validated (the step moved past « Fin du bilan ») or its end date passed."""
    end = d.fin_du_bilan.date_fin
    if end is None:
        return False
    return ORDER.index(d.step) > ORDER.index(Step.FIN_DU_BILAN) or today > end


def schedule(d: Dossier) -> list[Due]:
    """Every category with the first day it is due, whatever today is (None-dated rules are left out)."""
    fin = d.fin_du_bilan
    if d.cloture.abandon_le is not None:
        return [Due(c, d.cloture.abandon_le, "abandon du bilan") for c in Category]
    last = convention_last_day(d)
    if last is not None and effective_step(d, last + dt.timedelta(days=1)) is Step.REFUS_REPUTE:
        return [Due(c, last + dt.timedelta(days=1), "refus réputé de la convention (art. R6313-8)") for c in Category]
    end = fin.date_fin
    if end is None:
        return []
    if fin.accord_retire_le is not None:
        return [Due(c, max(fin.accord_retire_le, end), "accord de conservation retiré par le bénéficiaire")
                for c in Category]
    if fin.conservation is Conservation.ACCORD_SUIVI:
        years = max(1, min(MAX_RETENTION_YEARS, fin.duree_conservation_ans))
        expiry = calendar_fr.add_years(end, years) + dt.timedelta(days=1)
        return [Due(c, expiry, f"fin de la conservation pour le suivi ({years} an(s))") for c in Category]
    suivi_done = d.suivi.realise_le
    suivi = [Due(Category.SUIVI, suivi_done + dt.timedelta(days=1), "entretien de suivi réalisé, sans accord "
                 "de conservation")] if suivi_done else []
    if fin.conservation is Conservation.SYNTHESE_CEP:
        expiry = calendar_fr.add_years(end, MAX_RETENTION_YEARS) + dt.timedelta(days=1)
        return [Due(Category.CONTENU, end, "fin du bilan", at_end=True),
                Due(Category.SYNTHESE, expiry, "fin de la conservation de la synthèse transmise au CEP"), *suivi]
    return [Due(Category.CONTENU, end, "fin du bilan, sans accord de conservation", at_end=True),
            Due(Category.SYNTHESE, end, "fin du bilan, sans accord de conservation", at_end=True), *suivi]


def due_now(d: Dossier, today: dt.date) -> list[Due]:
    """The categories to destroy now. At the end of the bilan, content is due once the end is reached."""
    result = []
    for due in schedule(d):
        if today < due.since:
            continue
        if due.at_end and not end_reached(d, today):
            continue
        result.append(due)
    return result


def next_due(d: Dossier, today: dt.date) -> dt.date | None:
    upcoming = [due.since for due in schedule(d) if due.since > today]
    return min(upcoming) if upcoming else None
