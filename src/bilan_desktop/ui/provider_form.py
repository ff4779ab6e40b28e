"""Paramètres › Organisme: the provider's details printed on every document, and its optional logo."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..domain.provider import Provider
from . import dialogs
from .forms import F, SectionForm
from .widgets import error_label, show_error

MAX_LOGO_BYTES = 2_000_000
SPECS = [F("nom", "Nom de l'organisme"), F("adresse", "Adresse", multiline=True),
         F("numero_declaration", "Numéro de déclaration d'activité"), F("qualiopi", "Numéro du certificat Qualiopi"),
         F("consultant", "Consultant(e)"), F("ville", "Ville (« Fait à … »)"),
         F("departement", "Département habituel des lieux de travail (jours fériés locaux)")]


class ProviderForm(QWidget):
    def __init__(self, provider: Provider, parent=None):
        super().__init__(parent)
        self.provider = provider
        self.form = SectionForm(Provider, SPECS)
        self.form.set_value(provider)
        self.logo_preview = QLabel()
        self.logo_preview.setFixedSize(160, 64)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setStyleSheet("border: 1px dashed #999;")
        choose = QPushButton("Choisir un logo…")
        choose.setAccessibleName("Choisir un logo")
        choose.clicked.connect(self.choose_logo)
        remove = QPushButton("Retirer le logo")
        remove.setAccessibleName("Retirer le logo")
        remove.clicked.connect(lambda: self.set_logo(b""))
        self.error = error_label("logoError")
        row = QHBoxLayout()
        row.addWidget(self.logo_preview)
        row.addWidget(choose)
        row.addWidget(remove)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(QLabel("Logo (facultatif, PNG ou JPEG) :"))
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.set_logo(provider.logo)

    def set_logo(self, data: bytes) -> None:
        self.provider = dataclasses.replace(self.provider, logo=data)
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.logo_preview.setPixmap(pixmap.scaled(156, 60, Qt.AspectRatioMode.KeepAspectRatio,
                                                      Qt.TransformationMode.SmoothTransformation))
        else:
            self.logo_preview.setText("Aucun logo")

    def choose_logo(self) -> None:
        path = dialogs.choose_open_file(self, "Choisir un logo", "Images (*.png *.jpg *.jpeg)")
        if not path:
            return
        data = Path(path).read_bytes()[:MAX_LOGO_BYTES + 1]
        if len(data) > MAX_LOGO_BYTES or not (data.startswith(b"\x89PNG") or data.startswith(b"\xff\xd8")):
            show_error(self.error, "Choisissez une image PNG ou JPEG de moins de 2 Mo.")
            return
        show_error(self.error, "")
        self.set_logo(data)

    def value(self) -> Provider:
        typed, _problems = self.form.read(self.provider)
        return dataclasses.replace(typed, logo=self.provider.logo)
