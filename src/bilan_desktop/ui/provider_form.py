"""Paramètres › Organisme: the provider's details printed on every document, and its images (logo, the legal
representative's signature, the stamp), all kept in the vault."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ..domain import images as image_bounds
from ..domain.provider import Provider
from . import dialogs
from .forms import F, Heading, SectionForm
from .widgets import error_label, show_error

MAX_IMAGE_BYTES = image_bounds.MAX_IMAGE_BYTES
SPECS = [Heading("Identité de l'organisme"),
         F("nom", "Nom de l'organisme"), F("adresse", "Adresse", multiline=True),
         F("siret", "SIRET"), F("numero_declaration", "Numéro de déclaration d'activité (NDA)"),
         F("qualiopi", "Numéro du certificat Qualiopi"),
         F("exonere_tva", "Exonéré de TVA (art. 261-4-4° a du CGI)"),
         F("telephone", "Téléphone"), F("email", "E-mail"), F("site", "Site internet"),
         Heading("Signataires"),
         F("representant", "Représentant légal (prénom et nom)"), F("representant_qualite", "Qualité (gérante…)"),
         F("consultant", "Consultant(e)"), F("consultant_titres", "Diplômes, titres ou références du consultant"),
         F("accessibilite", "Référent handicap (nom et contact)"),
         Heading("Documents"),
         F("ville", "Ville (« Fait à … »)"), F("dossier_export", "Dossier où s'ouvrent les exports"),
         F("departement", "Département habituel des lieux de travail (jours fériés locaux)")]
IMAGES = (("logo", "Logo"), ("signature", "Signature du représentant légal"), ("cachet", "Cachet de l'organisme"))


class ProviderForm(QWidget):
    def __init__(self, provider: Provider, parent=None):
        super().__init__(parent)
        self.provider = provider
        self.form = SectionForm(Provider, SPECS)
        self.form.set_value(provider)
        self.form.edited.connect(self._check)
        self.previews: dict[str, QLabel] = {}
        self.error = error_label("logoError")
        grid = QGridLayout()
        for row, (name, label) in enumerate(IMAGES):
            preview = QLabel()
            preview.setFixedSize(160, 64)
            preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
            preview.setStyleSheet("border: 1px dashed #999;")
            choose = QPushButton("Choisir…")
            choose.setAccessibleName(f"Choisir — {label}")
            choose.clicked.connect(lambda _c=False, n=name, t=label: self.choose_image(n, t))
            remove = QPushButton("Retirer")
            remove.setAccessibleName(f"Retirer — {label}")
            remove.clicked.connect(lambda _c=False, n=name: self.set_image(n, b""))
            grid.addWidget(QLabel(label + "\u00a0:"), row, 0)
            grid.addWidget(preview, row, 1)
            grid.addWidget(choose, row, 2)
            grid.addWidget(remove, row, 3)
            self.previews[name] = preview
        grid.setColumnStretch(4, 1)
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addWidget(self.form)
        inner.addWidget(QLabel("<b>Images</b> (facultatives, PNG ou JPEG, reproduites sur le certificat de "
                               "réalisation et les conventions)\u00a0:"))
        inner.addLayout(grid)
        inner.addWidget(self.error)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        for name, _label in IMAGES:
            self.set_image(name, getattr(provider, name))

    def _check(self) -> None:
        typed, problems = self.form.read(self.provider)
        self.form.show_problems({**typed.problems, **problems})

    def problems(self) -> list[str]:
        """What blocks « OK »: an invalid SIRET or NDA (a funder would reject the documents), each with its field's
        name; shown under the fields too."""
        typed, problems = self.form.read(self.provider)
        found = {**typed.problems, **problems}
        self.form.show_problems(found)
        labels = {spec.name: spec.label for spec in SPECS if isinstance(spec, F)}
        return [f"{labels[name]} : {message}" for name, message in found.items()]

    def set_image(self, name: str, data: bytes) -> None:
        images: dict = {name: data}
        self.provider = dataclasses.replace(self.provider, **images)
        pixmap = QPixmap()
        preview = self.previews[name]
        # The header is checked before Qt decodes anything (a crafted backup can hold a 12,000² image).
        if data and image_bounds.within_bounds(data) and pixmap.loadFromData(data):
            preview.setPixmap(pixmap.scaled(156, 60, Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.SmoothTransformation))
        else:
            preview.setPixmap(QPixmap())
            preview.setText("Aucune image")

    def choose_image(self, name: str, label: str) -> None:
        path = dialogs.choose_open_file(self, f"Choisir — {label}", "Images (*.png *.jpg *.jpeg)")
        if not path:
            return
        try:
            with open(path, "rb") as file:  # never more than the limit read, whatever the file's size
                data = file.read(MAX_IMAGE_BYTES + 1)
        except OSError:
            show_error(self.error, "Le fichier n'a pas pu être lu.")
            return
        if len(data) > MAX_IMAGE_BYTES or image_bounds.dimensions(data) is None:
            show_error(self.error, "Choisissez une image PNG ou JPEG de moins de 2 Mo.")
            return
        if not image_bounds.within_bounds(data):
            show_error(self.error, "Cette image a trop de pixels (16 millions au plus, par exemple 4 000 × 4 000) : "
                                   "réduisez-la avant de la choisir.")
            return
        show_error(self.error, "")
        self.set_image(name, data)

    def value(self) -> Provider:
        typed, _problems = self.form.read(self.provider)
        images: dict = {name: getattr(self.provider, name) for name, _label in IMAGES}
        return dataclasses.replace(typed, **images)


def ask_for_details(parent, provider: Provider) -> bool:
    """Tell what the documents still need; True when the consultant wants to fill it in now."""
    missing = provider.missing
    if not missing:
        return False
    return dialogs.confirm(parent, "Les documents ont besoin de vos coordonnées",
                           "Pour que les conventions, contrats, certificats et feuilles d'émargement soient "
                           "acceptés par un financeur, renseignez une fois pour toutes : " + ", ".join(missing)
                           + ".\n\nLes saisir maintenant (Fichier › Paramètres › Organisme) ?")
