"""What the contract of a bilan needs from the whole dossier: the funding it reads (one function, so that a later
split of the funding into frame and payer re-points one place), the period of realisation of a buyer convention
(D6353-1), the employer it names, and what is still missing before it is exported."""

from __future__ import annotations

import datetime as dt

from .contracts import schedule_problems
from .funding import Contract, Funding
from .seances import StatutSeance
from .workflow import Dossier

EMPLOYER_PAYERS = (Funding.OPCO, Funding.EMPLOYEUR)


def funding_of(d: Dossier) -> Funding:
    """The funding the contract texts follow (the payer)."""
    return d.funding


def contract_of(d: Dossier) -> Contract:
    return funding_of(d).contract


def employer_pays(d: Dossier) -> bool:
    """The employer pays, itself or through its OPCO: the buyer convention names the employer (D6353-1)."""
    return funding_of(d) in EMPLOYER_PAYERS


def employer_name(d: Dossier, identity_employer: str = "") -> str:
    """The beneficiary's employer: from the identity form, else from the convention (the tripartite convention's
    employer, or the employer named in the buyer convention)."""
    for name in (identity_employer, d.convention.employeur if funding_of(d).requires_convention else "",
                 d.financement.employeur if contract_of(d) is Contract.CONVENTION_ACHETEUR else ""):
        if name.strip():
            return name.strip()
    return ""


def first_session(d: Dossier) -> dt.date | None:
    days = [s.date for s in d.seances if s.counted and s.date is not None]
    return min(days) if days else None


def buyer_period(d: Dossier) -> tuple[dt.date, dt.date] | None:
    """The period of realisation of a buyer convention: as typed, else from the first to the last planned or held
    session of the phases (None when neither)."""
    f = d.financement
    if f.periode_debut is not None and f.periode_fin is not None:
        return f.periode_debut, f.periode_fin
    days = [s.date for s in d.seances if s.date is not None and s.counted and s.statut in (
        StatutSeance.PLANIFIEE, StatutSeance.REALISEE)]
    return (min(days), max(days)) if days else None


def contract_missing(d: Dossier, identity_employer: str = "") -> list[str]:
    """French names of what the contract of this dossier still needs before it is exported ([] when complete)."""
    contract = contract_of(d)
    f = d.financement
    missing = []
    if contract is Contract.CONVENTION_ACHETEUR:
        missing += [label for label, value in (
            ("acheteur", f.acheteur), ("adresse de l'acheteur", f.acheteur_adresse),
            ("représentant de l'acheteur", f.acheteur_representant)) if not value.strip()]
        if employer_pays(d) and not employer_name(d, identity_employer):
            missing.append("employeur du bénéficiaire")
        if buyer_period(d) is None:
            missing.append("période de réalisation (saisie, ou séances planifiées)")
    if contract in (Contract.CONTRAT, Contract.CONVENTION_ACHETEUR):
        if not f.prix_euros:
            missing.append("prix")
        if not f.echeancier:
            missing.append("échéancier de paiement")
    return missing


def contract_problems(d: Dossier) -> list[str]:
    """Why the financement section as typed breaks the law of the contract (refused at save)."""
    from .contracts import early_start_problems
    personal = contract_of(d) is Contract.CONTRAT
    return early_start_problems(d.financement) + schedule_problems(d.financement, personal, first_session(d))


def contract_refusal(d: Dossier, identity_employer: str = "") -> str:
    missing = contract_missing(d, identity_employer)
    if not missing:
        return ""
    return "Avant d'exporter le contrat, renseignez : " + ", ".join(missing) + "."
