"""The provider (organisme prestataire), set once in Paramètres and printed on every document."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .beneficiary import one_line

VAT_EXEMPTION = "Exonération de TVA, art. 261-4-4° a du CGI."


@dataclass
class Provider:
    nom: str = ""
    adresse: str = ""
    numero_declaration: str = ""  # numéro de déclaration d'activité (NDA)
    qualiopi: str = ""  # numéro du certificat Qualiopi
    consultant: str = ""
    ville: str = ""  # « Fait à … »
    departement: str = ""  # default workplace département of new conventions (local public holidays)
    siret: str = ""
    telephone: str = ""
    email: str = ""
    site: str = ""
    representant: str = ""  # the legal representative who signs certificates and conventions
    representant_qualite: str = ""  # « Gérante », « Président »…
    exonere_tva: bool = True  # most bilan providers are exempt (art. 261-4-4° a du CGI)
    consultant_titres: str = ""  # the consultant's diplomas, titles or references (L6353-4 4°)
    dossier_export: str = ""  # where the file dialogs open to export documents (kept in the vault)
    accessibilite: str = ""  # the disability contact (référent handicap), printed on the convocation
    logo: bytes = b""  # PNG or JPEG, optional
    signature: bytes = b""  # the legal representative's signature (image), optional
    cachet: bytes = b""  # the stamp (image), optional

    @property
    def address_line(self) -> str:
        return one_line(self.adresse)

    @property
    def signatory(self) -> str:
        """Who signs for the provider: the legal representative, or the consultant when none is set."""
        if self.representant.strip():
            return ", ".join(p for p in (self.representant.strip(), self.representant_qualite.strip()) if p)
        return self.consultant.strip()

    @property
    def missing(self) -> list[str]:
        """French names of the fields the documents need and that are still empty."""
        return [label for label, value in (
            ("nom de l'organisme", self.nom), ("adresse", self.adresse),
            ("numéro de déclaration d'activité", self.numero_declaration), ("SIRET", self.siret),
            ("consultant", self.consultant), ("titres et références du consultant (art. L6353-4)",
                                               self.consultant_titres),
            ("représentant légal", self.representant),
            ("téléphone ou e-mail", self.telephone + self.email)) if not value.strip()]

    @property
    def problems(self) -> dict[str, str]:
        """Field -> French message, for values a funder would reject."""
        found = {}
        if self.siret.strip() and not siret_valid(self.siret):
            found["siret"] = "SIRET invalide : 14 chiffres dont la clé de contrôle (exemple : 732 829 320 00074)."
        if self.numero_declaration.strip() and not re.fullmatch(r"\d{11}", re.sub(r"\s", "",
                                                                                  self.numero_declaration)):
            found["numero_declaration"] = "Le numéro de déclaration d'activité a 11 chiffres."
        return found


def siret_valid(siret: str) -> bool:
    """14 digits and the Luhn key (La Poste's establishments, SIREN 356 000 000, may instead have digits adding up
    to a multiple of 5)."""
    digits = re.sub(r"\s", "", siret)
    if not re.fullmatch(r"\d{14}", digits):
        return False
    if digits.startswith("356000000") and sum(int(d) for d in digits) % 5 == 0:
        return True
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0
