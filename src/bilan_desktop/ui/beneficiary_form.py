"""The beneficiary's identity form (used by « Nouveau bilan » and by the bilan's identity page)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.beneficiary import Beneficiary, Civilite, Statut, validate
from ..domain.dates import parse_short_date, short_date
from ..domain.funding import Funding
from .widgets import error_label, show_error, with_date_picker

DATE_FORMAT_MESSAGE = "Date invalide : utilisez le format jj/mm/aaaa (exemple : 14/03/1985 ou 14/3/85)."


class BeneficiaryForm(QWidget):
    """Fields with visible labels, accessible names and a French message under each invalid one."""

    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.fields: dict[str, QLineEdit | QPlainTextEdit | QComboBox] = {}
        self.errors: dict[str, QLabel] = {}
        layout = self.layout_ = QFormLayout(self)
        self._add(layout, "civilite", self.tr("&Civilité"), self._combo(Civilite))
        specs = [("nom", self.tr("&Nom"), ""), ("prenom", self.tr("&Prénom"), ""),
                 ("date_naissance", self.tr("&Date de naissance"), "jj/mm/aaaa"),
                 ("email", self.tr("&E-mail"), "prenom.nom@exemple.fr"),
                 ("telephone", self.tr("&Téléphone"), "06 12 34 56 78")]
        for name, label, placeholder in specs:
            field = QLineEdit()
            field.setPlaceholderText(placeholder)
            field.textEdited.connect(self.edited)
            self._add(layout, name, label, field)
        address = QPlainTextEdit()
        address.setTabChangesFocus(True)
        address.setFixedHeight(64)
        address.textChanged.connect(self.edited)
        self._add(layout, "adresse", self.tr("&Adresse"), address)
        self._add(layout, "statut", self.tr("&Statut"), self._combo(Statut))
        for name, label, placeholder in (("employeur", self.tr("E&mployeur"), "raison sociale"),
                                         ("poste", self.tr("P&oste occupé"), "")):
            field = QLineEdit()
            field.setPlaceholderText(placeholder)
            field.textEdited.connect(self.edited)
            self._add(layout, name, label, field)

    def _combo(self, choice) -> QComboBox:
        combo = QComboBox()
        for member in choice:
            combo.addItem(member.label, member.value)
        combo.currentIndexChanged.connect(self.edited)
        return combo

    def _add(self, layout: QFormLayout, name: str, label: str, field) -> None:
        field.setObjectName(f"field_{name}")
        field.setAccessibleName(label.replace("&", ""))
        error = error_label(f"error_{name}")
        error.setWordWrap(False)
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(with_date_picker(field) if name == "date_naissance" else field)
        column.addWidget(error)
        row_label = QLabel(label + "\u00a0:")
        row_label.setBuddy(field)
        layout.addRow(row_label, column)
        self.fields[name] = field
        self.errors[name] = error

    def _text(self, name: str) -> str:
        field = self.fields[name]
        if isinstance(field, QComboBox):
            return str(field.currentData())
        return field.toPlainText() if isinstance(field, QPlainTextEdit) else field.text()

    def read(self, today: dt.date) -> tuple[Beneficiary, dict[str, str]]:
        """The typed values and the French message for each invalid field."""
        problems: dict[str, str] = {}
        try:
            birth = parse_short_date(self._text("date_naissance"))
        except ValueError:
            birth, problems["date_naissance"] = None, DATE_FORMAT_MESSAGE
        value = Beneficiary(nom=self._text("nom"), prenom=self._text("prenom"), date_naissance=birth,
                            email=self._text("email"), telephone=self._text("telephone"),
                            adresse=self._text("adresse"), civilite=Civilite(self._text("civilite")),
                            statut=Statut(self._text("statut")), employeur=self._text("employeur"),
                            poste=self._text("poste"))
        problems = {**validate(value, today), **problems}
        return value, problems

    def show_problems(self, problems: dict[str, str]) -> None:
        for name, label in self.errors.items():
            show_error(label, problems.get(name, ""))

    def set_value(self, value: Beneficiary) -> None:
        texts = {"nom": value.nom, "prenom": value.prenom, "date_naissance": short_date(value.date_naissance),
                 "email": value.email, "telephone": value.telephone, "employeur": value.employeur,
                 "poste": value.poste}
        for name, member in (("civilite", value.civilite), ("statut", value.statut)):
            combo = self.fields[name]
            if isinstance(combo, QComboBox):
                combo.blockSignals(True)
                combo.setCurrentIndex(max(0, combo.findData(member.value)))
                combo.blockSignals(False)
        for name, text in texts.items():
            line = self.fields[name]
            if isinstance(line, QLineEdit):
                line.setText(text)
        address = self.fields["adresse"]
        if isinstance(address, QPlainTextEdit):
            address.blockSignals(True)
            address.setPlainText(value.adresse)
            address.blockSignals(False)
        self.show_problems({})

    def clear(self) -> None:
        for field in self.fields.values():
            if isinstance(field, QComboBox):
                field.setCurrentIndex(0)
            else:
                field.clear()


class NewBilanDialog(QDialog):
    """« Nouveau bilan »: the beneficiary's identity and the funding route."""

    def __init__(self, today: dt.date, parent=None, keep=None):
        super().__init__(parent)
        self.setObjectName("newBilanDialog")
        self._keep = keep  # called with (beneficiary, funding) when the vault locks with a valid form
        self.setWindowTitle(self.tr("Nouveau bilan"))
        self.today = today
        self.form = BeneficiaryForm()
        self.funding = QComboBox()
        self.funding.setObjectName("field_funding")
        self.funding.setAccessibleName(self.tr("Financement"))
        for funding in Funding:
            self.funding.addItem(funding.label, funding.value)
        funding_label = QLabel(self.tr("&Financement\u00a0:"))
        funding_label.setBuddy(self.funding)
        self.form.layout_.addRow(funding_label, self.funding)
        self.summary = error_label("newBilanError")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Créer le bilan"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("createBilanButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.value: Beneficiary | None = None
        self.setMinimumWidth(640)

    def accept(self) -> None:
        value, problems = self.form.read(self.today)
        self.form.show_problems(problems)
        if problems:
            show_error(self.summary, self.tr("Corrigez les champs signalés en rouge."))
            first = next(name for name in self.form.fields if name in problems)
            self.form.fields[first].setFocus()
            self.adjustSize()
            return
        self.value = value
        super().accept()

    def keep_on_lock(self) -> None:
        """The vault is about to lock: a valid identity is recorded rather than lost."""
        value, problems = self.form.read(self.today)
        if not problems and self._keep is not None:
            self._keep(value, self.chosen_funding)

    @property
    def chosen_funding(self) -> Funding:
        return Funding(self.funding.currentData())
