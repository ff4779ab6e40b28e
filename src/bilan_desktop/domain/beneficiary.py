"""The beneficiary's identity and contact, with French validation messages."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .choice import Choice

FIELDS = ("civilite", "nom", "prenom", "date_naissance", "email", "telephone", "adresse", "statut", "employeur",
          "poste")


class Civilite(Choice):
    NON_PRECISEE = "", "Non précisée"
    MADAME = "madame", "Madame"
    MONSIEUR = "monsieur", "Monsieur"


class Statut(Choice):
    NON_PRECISE = "", "Non précisé"
    SALARIE = "salarie", "Salarié·e du secteur privé"
    AGENT_PUBLIC = "agent_public", "Agent·e public·que"
    DEMANDEUR_EMPLOI = "demandeur_emploi", "Demandeur·se d'emploi"
    INDEPENDANT = "independant", "Travailleur·se indépendant·e"
    AUTRE = "autre", "Autre"

_EMAIL = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[A-Za-z]{2,}$")


@dataclass(frozen=True)
class Beneficiary:
    nom: str
    prenom: str
    date_naissance: dt.date | None = None
    email: str = ""
    telephone: str = ""
    adresse: str = ""
    civilite: Civilite = Civilite.NON_PRECISEE
    statut: Statut = Statut.NON_PRECISE
    employeur: str = ""
    poste: str = ""

    @property
    def display_name(self) -> str:
        return f"{self.nom.upper()} {self.prenom}".strip()

    @property
    def full_name(self) -> str:
        """« Madame Élodie Lambert » in running text (« Élodie Lambert » when the civility is not given)."""
        return " ".join(part for part in (self.civilite.label if self.civilite.value else "", self.prenom,
                                          self.nom) if part.strip())

    @property
    def address_line(self) -> str:
        """The address on one line, for running text."""
        return one_line(self.adresse)


def one_line(address: str) -> str:
    return ", ".join(line.strip().rstrip(",") for line in address.splitlines() if line.strip())


def normalize_phone(phone: str) -> str | None:
    """A French number (10 digits starting with 0, or +33 and 9 digits) or an international one
    (+ and 8 to 15 digits). Returns the digits with their leading + if any, or None when invalid."""
    compact = re.sub(r"[\s.\-()]", "", phone)
    if re.fullmatch(r"0[1-9]\d{8}", compact):
        return compact
    if re.fullmatch(r"\+33[1-9]\d{8}", compact):
        return compact
    if re.fullmatch(r"\+(?!33)[1-9]\d{7,14}", compact):
        return compact
    return None


def validate(b: Beneficiary, today: dt.date) -> dict[str, str]:
    """Field name -> French message, for every problem found. Empty when the record is valid."""
    errors: dict[str, str] = {}
    if not b.nom.strip():
        errors["nom"] = "Le nom est obligatoire."
    if not b.prenom.strip():
        errors["prenom"] = "Le prénom est obligatoire."
    if b.date_naissance is not None:
        if b.date_naissance > today:
            errors["date_naissance"] = "La date de naissance ne peut pas être dans le futur."
        elif b.date_naissance.year < 1900:
            errors["date_naissance"] = "La date de naissance semble erronée (avant 1900)."
    if b.email.strip() and not _EMAIL.match(b.email.strip()):
        errors["email"] = "Adresse e-mail invalide (exemple : prenom.nom@exemple.fr)."
    if b.telephone.strip() and normalize_phone(b.telephone) is None:
        errors["telephone"] = "Numéro de téléphone invalide (exemple : 06 12 34 56 78)."
    return errors
