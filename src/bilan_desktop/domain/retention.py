"""What must be destroyed, and when (R6313-7 as in force since 2023-12-31). A pure function of a bilan's
recorded dates and consents and of today's date: the engine applies it as often as it likes.

- No written agreement: the bilan's content and its synthèse are due at the end of the bilan.
- Written agreement for the follow-up (signed by the end): everything is kept through end + period (1 year by
  default, 3 at most), due the day after; withdrawn, it is due at once (from the end at the earliest).
- Synthèse sent to the CEP operator at the beneficiary's request: an exception of its own, independent of any
  agreement: the synthèse is kept three years after the end, even when an agreement is withdrawn.
- Abandon: whatever content exists is due at once. Refus réputé: due once the consultant has confirmed it (a
  signature given in time but recorded late must still be enterable).
- The follow-up interview's notes come after the bilan: with no agreement they are due the day after the
  follow-up took place, and never later than three months after its planned date; with an agreement they follow
  the kept documents.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from .lifecycle import Step
from .registry import SECTIONS_OF, Category
from .workflow import ORDER, Dossier, agreement_end, cep_end, convention_last_day, effective_step, follow_up_planned

BASIS = "art. R6313-7 du Code du travail (version en vigueur depuis le 31 décembre 2023)"
KEPT = ("Restent conservés : l'identité, le financement, la convention, les dates, durées et émargements des séances, "
        "les consentements et les réponses au questionnaire de satisfaction.")
FOLLOW_UP_GRACE_MONTHS = 3  # follow-up notes of an interview never marked done: kept at most this long after its date


__all__ = ["BASIS", "KEPT", "Category", "Due", "SECTIONS_OF", "due_now", "next_due", "schedule"]  # Category: registry


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


def _after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=1)


def _suivi_due(d: Dossier) -> list[Due]:
    """Without an agreement, the follow-up's notes go the day after it took place; if it is never marked done, three
    months after its planned date at the latest."""
    if d.suivi.realise_le is not None:
        return [Due(Category.SUIVI, _after(d.suivi.realise_le), "entretien de suivi réalisé, sans accord de "
                    "conservation")]
    planned = follow_up_planned(d)
    if planned is None:
        return []
    limit = planned + relativedelta(months=FOLLOW_UP_GRACE_MONTHS)
    return [Due(Category.SUIVI, _after(limit), f"entretien de suivi non réalisé {FOLLOW_UP_GRACE_MONTHS} mois après "
                "sa date prévue")]


def schedule(d: Dossier) -> list[Due]:
    """Every category with the first day it is due, whatever today is (None-dated rules are left out)."""
    fin = d.fin_du_bilan
    if d.cloture.abandon_le is not None:
        return [Due(c, d.cloture.abandon_le, "abandon du bilan") for c in Category]
    last = convention_last_day(d)
    if last is not None and effective_step(d, _after(last)) is Step.REFUS_REPUTE:
        confirmed = d.cloture.refus_confirme_le
        if confirmed is None:
            return []  # nothing destroyed until the consultant confirms the refus réputé
        return [Due(c, max(_after(last), confirmed), "refus réputé de la convention (art. R6313-8)") for c in Category]
    end = fin.date_fin
    if end is None:
        return []
    cep = cep_end(fin)
    synthese_cep = [Due(Category.SYNTHESE, _after(cep), "fin de la conservation de la synthèse transmise au CEP")] \
        if cep else []
    kept = agreement_end(fin)
    if kept is not None:
        reason = "fin de la conservation pour le suivi (accord écrit)"
        synthese = max(kept, cep) if cep else kept
        return [Due(Category.CONTENU, _after(kept), reason), Due(Category.SUIVI, _after(kept), reason),
                Due(Category.SYNTHESE, _after(synthese), reason if synthese == kept else
                    "fin de la conservation de la synthèse transmise au CEP")]
    if fin.accord_retire_le is not None and fin.accord_signe_le is not None:
        since = max(fin.accord_retire_le, end)
        reason = "accord de conservation retiré par le bénéficiaire"
        return [Due(Category.CONTENU, since, reason, at_end=True), Due(Category.SUIVI, since, reason, at_end=True),
                *(synthese_cep or [Due(Category.SYNTHESE, since, reason, at_end=True)])]
    reason = "fin du bilan, sans accord de conservation"
    return [Due(Category.CONTENU, end, reason, at_end=True),
            *(synthese_cep or [Due(Category.SYNTHESE, end, reason, at_end=True)]), *_suivi_due(d)]


def follow_up_info(d: Dossier) -> str:
    """What the follow-up page says about the fate of its notes (French, HTML-free)."""
    if agreement_end(d.fin_du_bilan) is not None or d.fin_du_bilan.date_fin is None:
        return ""
    due = _suivi_due(d)
    if not due:
        return ""
    last = due[0].since - dt.timedelta(days=1)
    return ("Sans accord de conservation, le compte rendu de l'entretien de suivi est détruit le lendemain de "
            f"l'entretien, et au plus tard après le {last.strftime('%d/%m/%Y')} s'il n'est pas noté comme réalisé "
            "(art. R6313-7).")


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
