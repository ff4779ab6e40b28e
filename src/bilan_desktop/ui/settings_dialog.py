"""Paramètres: the auto-lock delay, the passphrase change (a rewrap of the key: instant), and the renewal of the
vault's keys with a new recovery code (after a passphrase may have been seen, or a recovery code lost)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..services import backups
from ..storage.errors import VaultError
from ..storage.exports import ProviderRepository
from ..storage.vault import Vault
from .number_fields import NumberField
from .prefs import Preferences
from .provider_form import ProviderForm
from .recovery_dialog import show_new_code
from .widgets import (
    error_label,
    new_passphrase_problem,
    passphrase_strength,
    password_field,
    roomy_tabs,
    show_error,
)


class SettingsDialog(QDialog):
    def __init__(self, vault: Vault, prefs: Preferences, parent=None):
        super().__init__(parent)
        self.providers = ProviderRepository(vault)
        self.provider_form = ProviderForm(self.providers.load())
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Paramètres"))
        self.vault, self.prefs = vault, prefs
        self.auto_lock = NumberField()
        self.auto_lock.setObjectName("autoLockMinutes")
        self.auto_lock.setAccessibleName(self.tr("Verrouillage automatique après (minutes)"))
        self.auto_lock.setRange(1, 240)
        self.auto_lock.setSuffix(self.tr(" min"))
        self.auto_lock.setValue(prefs.auto_lock_minutes)
        security = QGroupBox(self.tr("Sécurité"))
        security_form = QFormLayout(security)
        security_form.addRow(self.tr("&Verrouiller après une inactivité de\u00a0:"), self.auto_lock)
        self.backup_horizon = NumberField()
        self.backup_horizon.setObjectName("backupHorizonMonths")
        self.backup_horizon.setAccessibleName(self.tr("Durée de conservation des sauvegardes de l'application (mois)"))
        self.backup_horizon.setRange(*backups.HORIZON_RANGE)
        self.backup_horizon.setSuffix(self.tr(" mois"))
        self.backup_horizon.setValue(backups.horizon_months(vault))
        security_form.addRow(self.tr("&Garder les sauvegardes\u00a0:"), self.backup_horizon)
        policy = QLabel(self.tr(
            "Une sauvegarde plus ancienne que cette durée, ou faite avant une destruction (art. R6313-7), est "
            "supprimée dès qu'une sauvegarde plus récente a été faite et vérifiée ; la plus récente est toujours "
            "gardée. Seules les sauvegardes écrites par l'application, restées intactes, sont supprimées."))
        policy.setWordWrap(True)
        security_form.addRow(policy)

        self.current = password_field(self.tr("Mot de passe actuel"), "currentPassphrase")
        self.new = password_field(self.tr("Nouveau mot de passe"), "changeNewPassphrase")
        self.confirmation = password_field(self.tr("Confirmation du nouveau mot de passe"),
                                           "changeConfirmPassphrase")
        self.strength = QLabel(passphrase_strength("")[1])
        self.strength.setWordWrap(True)
        self.change_button = QPushButton(self.tr("Changer le mot de passe"))
        self.change_button.setObjectName("changePassphraseButton")
        self.renew = QCheckBox(self.tr("Renouveler aussi les clés du coffre et le code de secours (recommandé si "
                                       "l'ancien mot de passe a pu être vu)"))
        self.renew.setObjectName("renewKeysCheck")
        self.renew_button = QPushButton(self.tr("Nouveau code de secours…"))
        self.renew_button.setObjectName("newRecoveryCodeButton")
        self.renew_button.setToolTip(self.tr("Remplace le code de secours et les clés du coffre : l'ancien code, les "
                                             "anciennes copies du fichier de clé et du coffre n'ouvrent plus rien. "
                                             "Demande le mot de passe actuel."))
        self.change_message = error_label("changePassphraseMessage")
        change = QGroupBox(self.tr("Mot de passe du coffre"))
        change_form = QFormLayout(change)
        change_form.addRow(self.tr("Mot de passe &actuel\u00a0:"), self.current)
        change_form.addRow(self.tr("&Nouveau mot de passe\u00a0:"), self.new)
        change_form.addRow(self.tr("&Confirmation\u00a0:"), self.confirmation)
        change_form.addRow("", self.strength)
        change_form.addRow("", self.renew)
        change_form.addRow("", self.change_button)
        change_form.addRow("", self.renew_button)
        change_form.addRow("", self.change_message)

        self.error = error_label("settingsError")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        security_tab = QWidget()
        tab_layout = QVBoxLayout(security_tab)
        tab_layout.addWidget(security)
        tab_layout.addWidget(change)
        tab_layout.addStretch(1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.provider_form, self.tr("Organisme"))
        self.tabs.addTab(security_tab, self.tr("Sécurité"))
        roomy_tabs(self.tabs)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.new.textChanged.connect(lambda text: self.strength.setText(passphrase_strength(text)[1]))
        self.change_button.clicked.connect(self._change_passphrase)
        self.renew_button.clicked.connect(self._renew_keys)
        self.resize(640, 560)

    def _change_passphrase(self) -> None:
        self.change_message.setStyleSheet("color: #b00020;")
        problem = new_passphrase_problem(self.new.text(), self.confirmation.text())
        if problem:
            show_error(self.change_message, problem)
            return
        code = None
        try:
            self.vault.change_passphrase(self.current.text(), self.new.text())
            if self.renew.isChecked():
                code = self.vault.renew_keys(self.new.text())
        except VaultError as exc:
            show_error(self.change_message, exc.user_message)
            return
        for field in (self.current, self.new, self.confirmation):
            field.clear()
        self._done(self.tr("Mot de passe changé. Le code de secours reste valable.") if code is None else
                   self.tr("Mot de passe changé, clés du coffre renouvelées. Seul le nouveau code de secours est "
                           "valable."), code)

    def _renew_keys(self) -> None:
        self.change_message.setStyleSheet("color: #b00020;")
        if not self.current.text():
            show_error(self.change_message, self.tr("Saisissez d'abord le mot de passe actuel."))
            return
        try:
            code = self.vault.renew_keys(self.current.text())
        except VaultError as exc:
            show_error(self.change_message, exc.user_message)
            return
        self.current.clear()
        self._done(self.tr("Clés du coffre renouvelées. Seul le nouveau code de secours est valable."), code)

    def _done(self, message: str, code: str | None) -> None:
        self.change_message.setStyleSheet("color: #1b5e20;")
        show_error(self.change_message, message)
        if code is not None:
            show_new_code(self, code)

    def accept(self) -> None:
        """Nothing is saved while a field is refused: the reason is shown, on the tab that holds the field."""
        provider = self.provider_form.problems()
        numbers = [f"{field.accessibleName()} : {field.refusal()}" for field in (self.auto_lock, self.backup_horizon)
                   if field.refusal()]
        if provider or numbers:
            self.tabs.setCurrentIndex(0 if provider else 1)
            show_error(self.error, "\n".join(provider + numbers))
            return
        self.prefs.auto_lock_minutes = self.auto_lock.value()
        backups.set_horizon_months(self.vault, self.backup_horizon.value())
        self.providers.save(self.provider_form.value())
        super().accept()
