"""The contract of each funding route, the withdrawal period of a person paying alone, and the CPF declarations.

Withdrawal (rétractation), computed from the texts:
- signed face to face: « dans le délai de dix jours à compter de la signature du contrat » (Code du travail
  L6353-5). The day of signature is not counted (a delay « à compter de » an act starts the next day); the text
  does not extend a period ending on a Saturday, Sunday or public holiday, so none is extended: signed on Monday
  2 November, the last day is Thursday 12 November.
- signed at a distance: fourteen days (Code de la consommation L221-18), the day the contract is concluded not
  counted, and a period ending on a Saturday, Sunday, public holiday or day off extended to the next working day
  (Code de la consommation L221-19, which says so).
Nothing may be asked of the person before the period ends, then at most 30 % of the price; the rest as the action
proceeds (L6353-6)."""

from __future__ import annotations

import datetime as dt

from . import calendar_fr
from .dates import long_date
from .funding import Contract, Funding
from .sections import Financement
from .text import money

WITHDRAWAL_DAYS = 10  # Code du travail L6353-5
DISTANCE_WITHDRAWAL_DAYS = 14  # Code de la consommation L221-18
FIRST_PAYMENT_SHARE = 0.30  # L6353-6


def withdrawal_last_day(signed: dt.date, at_distance: bool) -> dt.date:
    if at_distance:
        return calendar_fr.next_working_day(signed + dt.timedelta(days=DISTANCE_WITHDRAWAL_DAYS))
    return signed + dt.timedelta(days=WITHDRAWAL_DAYS)


def contract_withdrawal_end(funding: Funding, f: Financement) -> dt.date | None:
    """The last day of withdrawal of a personally funded bilan whose contract is signed (None otherwise)."""
    if funding.contract is not Contract.CONTRAT or f.contrat_signe_le is None:
        return None
    return withdrawal_last_day(f.contrat_signe_le, f.signe_a_distance)


def withdrawal_text(funding: Funding, f: Financement) -> str:
    last = contract_withdrawal_end(funding, f)
    if last is None:
        return ""
    basis = "quatorze jours, contrat signé à distance (art. L221-18 et L221-19 du Code de la consommation)" \
        if f.signe_a_distance else "dix jours (art. L6353-5 du Code du travail)"
    return f"Délai de rétractation de {basis} : jusqu'au {long_date(last)} inclus."


def payment_text(funding: Funding, f: Financement) -> str:
    """When the person may be asked to pay, and how much (L6353-6)."""
    last = contract_withdrawal_end(funding, f)
    if last is None:
        return ("Aucune somme ne peut être exigée avant la fin du délai de rétractation de dix jours qui suit la "
                "signature du contrat (art. L6353-5 et L6353-6 du Code du travail).")
    first = last + dt.timedelta(days=1)
    share = f" (soit {money(f.prix_euros * FIRST_PAYMENT_SHARE)})" if f.prix_euros else ""
    return (f"Aucune somme ne peut être exigée avant le {long_date(first)} ; à cette date, au plus 30 % du prix "
            f"convenu{share} ; le solde est payé au fur et à mesure du déroulement du bilan (art. L6353-6).")


def contract_warnings(funding: Funding, f: Financement, session_days: list[dt.date], today: dt.date,
                      end: dt.date | None) -> list[str]:
    """What the consultant must see about the contract of this funding route (`session_days`: the planned and
    realised sessions of the phases; `end`: the bilan's end date)."""
    contract = funding.contract
    warnings: list[str] = []
    if contract is Contract.CONTRAT:
        if f.contrat_signe_le is None:
            warnings.append("Le contrat de formation professionnelle (art. L6353-3) n'est pas signé : il se signe "
                            "avant la première séance du bilan et avant tout paiement.")
        else:
            last = withdrawal_last_day(f.contrat_signe_le, f.signe_a_distance)
            early = sorted(day for day in session_days if day <= last)
            if early and f.debut_anticipe_le is None:
                warnings.append(f"La séance du {long_date(early[0])} est prévue pendant le délai de rétractation "
                                f"(jusqu'au {long_date(last)} inclus) : déplacez-la ou enregistrez la demande écrite "
                                "du bénéficiaire de commencer plus tôt.")
    elif contract is Contract.CONVENTION_ACHETEUR and not f.acheteur.strip():
        warnings.append("L'acheteur du bilan n'est pas renseigné : la convention de formation (art. L6353-1) le "
                        "nomme.")
    elif contract is Contract.PLATEFORME:
        if not f.dossier_numero.strip():
            warnings.append("Numéro du dossier Mon Compte Formation non renseigné.")
        if session_days and min(session_days) <= today and f.cpf_entree_declaree_le is None:
            warnings.append("Entrée en formation à déclarer sur la plateforme Mon Compte Formation (la première "
                            f"séance a eu lieu le {long_date(min(session_days))}).")
        if end is not None and end <= today and f.cpf_service_fait_le is None:
            warnings.append("Service fait à déclarer sur la plateforme Mon Compte Formation (bilan terminé le "
                            f"{long_date(end)}).")
    return warnings
