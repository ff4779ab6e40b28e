"""The provider (organisme prestataire), set once in Paramètres and printed on every document."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Provider:
    nom: str = ""
    adresse: str = ""
    numero_declaration: str = ""  # numéro de déclaration d'activité (NDA)
    qualiopi: str = ""  # numéro du certificat Qualiopi
    consultant: str = ""
    ville: str = ""  # « Fait à … »
    departement: str = ""  # default workplace département of new conventions (local public holidays)
    logo: bytes = b""  # PNG or JPEG, optional

    @property
    def missing(self) -> list[str]:
        """French names of the fields a document needs and that are still empty."""
        return [label for label, value in (("nom de l'organisme", self.nom), ("adresse", self.adresse),
                                           ("numéro de déclaration d'activité", self.numero_declaration),
                                           ("consultant", self.consultant)) if not value.strip()]
