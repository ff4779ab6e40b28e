"""The contract of each funding route, the withdrawal period of a person paying alone, and the CPF declarations.

Withdrawal (rétractation), computed from the texts:
- signed face to face: « dans le délai de dix jours à compter de la signature du contrat » (Code du travail
  L6353-5). The day of signature is not counted (a delay « à compter de » an act starts the next day). The text says
  nothing of a period ending on a Saturday, Sunday or public holiday: the reading that protects the beneficiary, the
  same as for the R6313-8 delay (Code de procédure civile art. 641-642), moves such a last day to the next working
  day: signed on Monday 2 November 2026, the tenth day is Thursday 12 November; signed on Wednesday 4 November, the
  tenth day (Saturday 14) moves to Monday 16 November.
- signed at a distance or off premises: fourteen days (Code de la consommation L221-18), the day the contract is
  concluded not counted, a last day on a Saturday, Sunday or public holiday moved to the next working day (the same
  reading); the person withdraws by the model form or any unambiguous declaration (L221-21).
National public holidays only: a personal contract has no workplace département.
Nothing may be asked of the person before the period ends, then at most 30 % of the price; the rest as the action
proceeds (L6353-6): the payment schedule is a list of dates and amounts checked against both."""

from __future__ import annotations

import datetime as dt

from . import calendar_fr
from .dates import long_date
from .funding import Contract, Funding
from .sections import Echeance, Financement
from .text import money

WITHDRAWAL_DAYS = 10  # Code du travail L6353-5
DISTANCE_WITHDRAWAL_DAYS = 14  # Code de la consommation L221-18
FIRST_PAYMENT_SHARE = 0.30  # L6353-6


def withdrawal_days(at_distance: bool) -> int:
    """The one number of days of a contract: 14 signed at a distance or off premises, 10 otherwise."""
    return DISTANCE_WITHDRAWAL_DAYS if at_distance else WITHDRAWAL_DAYS


def days_in_words(at_distance: bool) -> str:
    return "quatorze" if at_distance else "dix"


def withdrawal_last_day(signed: dt.date, at_distance: bool) -> dt.date:
    """The tenth (or fourteenth) day after the signature, moved to the next working day when it is a Saturday, a
    Sunday or a public holiday (both periods read alike, as the R6313-8 delay)."""
    return calendar_fr.next_working_day(signed + dt.timedelta(days=withdrawal_days(at_distance)))


def contract_withdrawal_end(funding: Funding, f: Financement) -> dt.date | None:
    """The last day of withdrawal of a personally funded bilan whose contract is signed (None otherwise)."""
    if funding.contract is not Contract.CONTRAT or f.contrat_signe_le is None:
        return None
    return withdrawal_last_day(f.contrat_signe_le, f.signe_a_distance)


def withdrawal_text(funding: Funding, f: Financement) -> str:
    last = contract_withdrawal_end(funding, f)
    if last is None:
        return ""
    basis = "quatorze jours, contrat signé à distance ou hors établissement (art. L221-18 du Code de la " \
        "consommation)" if f.signe_a_distance else "dix jours (art. L6353-5 du Code du travail)"
    return (f"Délai de rétractation de {basis} : jusqu'au {long_date(last)} inclus (un dernier jour tombant un "
            "samedi, un dimanche ou un jour férié est reporté au premier jour ouvrable suivant).")


def payment_text(funding: Funding, f: Financement) -> str:
    """When the person may be asked to pay, and how much (L6353-6)."""
    last = contract_withdrawal_end(funding, f)
    if last is None:
        basis = "L221-18 du Code de la consommation et L6353-6 du Code du travail" if f.signe_a_distance else \
            "L6353-5 et L6353-6 du Code du travail"
        return (f"Aucune somme ne peut être exigée avant la fin du délai de rétractation de "
                f"{days_in_words(f.signe_a_distance)} jours qui suit la signature du contrat (art. {basis}).")
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


def early_start_problems(f: Financement) -> list[str]:
    """The beneficiary's express request to start during the withdrawal period comes with or after the contract."""
    if f.debut_anticipe_le is not None and f.contrat_signe_le is not None and f.debut_anticipe_le < f.contrat_signe_le:
        return [f"La demande de commencer pendant le délai de rétractation ({long_date(f.debut_anticipe_le)}) ne peut "
                f"pas précéder la signature du contrat ({long_date(f.contrat_signe_le)})."]
    return []


def schedule_problems(f: Financement, personal: bool, first_session: dt.date | None = None) -> list[str]:
    """The payment schedule (L6353-6): every line dated and priced, no more than the price in all; for a person
    paying alone, nothing due up to the last day of withdrawal, and at most 30 % of the price due in all by the first
    day after it — or by the first session of the bilan when it comes later (`first_session`): the balance is paid
    « au fur et à mesure du déroulement de l'action », never before the action starts."""
    problems = []
    for number, line in enumerate(f.echeancier, start=1):
        if line.date is None or line.montant_euros <= 0:
            problems.append(f"Échéance n° {number} : indiquez sa date et son montant.")
    lines = [line for line in f.echeancier if line.date is not None and line.montant_euros > 0]
    total = sum(line.montant_euros for line in lines)
    if lines and not f.prix_euros:
        return [*problems, "Indiquez le prix convenu : l'échéancier se vérifie sur lui (art. L6353-6)."]
    if total > f.prix_euros + 0.005:
        problems.append(f"Le total des échéances ({money(total)}) dépasse le prix convenu ({money(f.prix_euros)}).")
    if not personal or f.contrat_signe_le is None:
        return problems
    last = withdrawal_last_day(f.contrat_signe_le, f.signe_a_distance)
    for line in lines:
        if line.date is not None and line.date <= last:
            problems.append(f"Échéance du {long_date(line.date)} ({money(line.montant_euros)}) : aucune somme ne "
                            f"peut être exigée pendant le délai de rétractation, qui court jusqu'au {long_date(last)} "
                            "inclus (art. L6353-6).")
    until = last + dt.timedelta(days=1)
    if first_session is not None and first_session > until:
        until = first_session
    due = sum(line.montant_euros for line in lines if line.date is not None and line.date <= until)
    cap = f.prix_euros * FIRST_PAYMENT_SHARE
    if due > cap + 0.005:
        problems.append(f"Échéancier refusé : {money(due)} exigés au plus tard le {long_date(until)} dépassent "
                        f"30 % du prix convenu ({money(cap)} au plus sur {money(f.prix_euros)}) : le solde se paie "
                        "au fur et à mesure du déroulement du bilan (art. L6353-6).")
    return problems


def schedule_lines(schedule: list[Echeance]) -> list[str]:
    """The schedule as printed: « le 16 novembre 2026 : 480,00 € », in date order."""
    dated = sorted((e for e in schedule if e.date is not None), key=lambda e: e.date or dt.date.min)
    return [f"le {long_date(e.date)} : {money(e.montant_euros)}" for e in dated if e.date is not None]
