"""Attributions the licences of bundled data require."""

ROME = ("Source : France Travail, Répertoire Opérationnel des Métiers et des Emplois (ROME 4.0, version 460), "
        "Licence Ouverte 2.0")
