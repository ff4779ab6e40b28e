"""The main window: the vault pages while locked, the list of bilans while unlocked; lock and unlock."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from .. import APP_NAME
from ..demo import BANNER as DEMO_BANNER
from ..demo import DEMO_PASSPHRASE
from ..domain.clock import Clock
from ..domain.sections import PremierContact
from ..services.agenda import AgendaService
from ..services.bilans import BilanService
from ..storage.errors import VaultError, VaultIncomplete
from ..storage.exports import ProviderRepository
from ..storage.retention import RetentionEngine
from ..storage.vault import DatabaseError, Vault, VaultState
from . import dialogs, provider_form
from .background import Busy, run_in_background
from .backup_ui import integrity_flow, restore_flow
from .beneficiary_form import NewBilanDialog
from .bilan_list import BilanListPage
from .guards import ClipboardGuard, IdleWatcher
from .home import HomePage
from .main_actions import build_actions
from .outside_ui import after_retention, status_text
from .prefs import Preferences
from .recovery_dialog import show_new_code
from .session_watch import SessionWatcher
from .settings_dialog import SettingsDialog
from .vault_pages import RecoveryCodePage, SetupPage, UnlockPage

log = logging.getLogger(__name__)
LIST_REFRESH_MS = 5 * 60_000
RETENTION_MS = 60 * 60_000


class MainWindow(QMainWindow):
    def __init__(self, vault: Vault, clock: Clock, prefs: Preferences, parent=None, demo: bool = False):
        super().__init__(parent)
        self.demo = demo
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.vault, self.clock, self.prefs = vault, clock, prefs
        self.repository = self.dossiers = BilanService(vault)  # every use case goes through the service
        self.bilan_windows: dict = {}  # bilan id -> its open BilanWindow
        self._resume: dict = {}
        self.setup_page, self.recovery_page = SetupPage(), RecoveryCodePage()
        self.unlock_page, self.list_page = UnlockPage(), BilanListPage()
        self.home = HomePage(self.list_page, AgendaService(self.repository), clock)
        self.stack = QStackedWidget()
        for page in (self.setup_page, self.recovery_page, self.unlock_page, self.home):
            self.stack.addWidget(page)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        if demo:
            banner = QLabel(DEMO_BANNER)
            banner.setObjectName("demoBanner")
            banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
            banner.setStyleSheet("background: #ffd54f; color: #3e2723; font-weight: bold; padding: 6px;")
            column.addWidget(banner)
            self.setWindowTitle(f"{APP_NAME} — {DEMO_BANNER}")
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.unlocked_actions = build_actions(self)
        self.idle = IdleWatcher(prefs.auto_lock_minutes, self)
        self.idle.idle.connect(self._auto_lock)
        self.session_watch = SessionWatcher(self)
        self.session_watch.lock_requested.connect(self._lock_for_session)
        self.clipboard_guard = ClipboardGuard(self)
        self.retention = RetentionEngine(vault)
        self._unfinished = False  # a destruction whose compaction and new key are still to run
        self.offvault: list[str] = []
        self.retention_status = QLabel()
        self.retention_status.setObjectName("retentionStatus")
        self.retention_status.setStyleSheet("color: #8a4b00; font-weight: bold;")
        self.statusBar().addPermanentWidget(self.retention_status)
        self.retention_timer = QTimer(self)  # R6313-7: applied while the app stays open
        self.retention_timer.setInterval(RETENTION_MS)
        self.retention_timer.timeout.connect(lambda: self.run_retention(later=True))
        self.list_timer = QTimer(self)  # steps and deadlines depend on today's date
        self.list_timer.setInterval(LIST_REFRESH_MS)
        self.list_timer.timeout.connect(self._refresh_list)
        self.setup_page.create_requested.connect(self.create_vault)
        self.recovery_page.confirmed.connect(self._first_run)
        self.unlock_page.unlock_requested.connect(self.unlock)
        self.unlock_page.recover_requested.connect(self.recover)
        self.list_page.open_requested.connect(self.open_bilan)
        self.list_page.new_requested.connect(self.new_bilan)
        self.home.open_requested.connect(lambda bilan_id, page: self.open_bilan(bilan_id, page))
        self.home.agenda.planned.connect(self._sessions_planned)
        self.home_stale = False  # a bilan window saved since the home was last read
        self.resize(1100, 700)
        self._show_locked_page()

    # -- vault pages ------------------------------------------------------------------------------
    def _show_locked_page(self) -> None:
        for action in self.unlocked_actions:
            action.setEnabled(False)
        state = self.vault.state()
        if state is VaultState.ABSENT:
            self.setup_page.reset()
            self.stack.setCurrentWidget(self.setup_page)
            self.setup_page.passphrase.setFocus()
            return
        self.unlock_page.reset()
        if self.demo:
            self.unlock_page.set_hint(f"Mot de passe de démonstration : {DEMO_PASSPHRASE}")
        if state is VaultState.INCOMPLETE:
            self.unlock_page.show_error(VaultIncomplete.user_message)
        self.stack.setCurrentWidget(self.unlock_page)
        self.unlock_page.passphrase.setFocus()
        self.statusBar().showMessage(self.tr("Coffre verrouillé."))

    def create_vault(self, passphrase: str) -> None:
        try:
            prepared = run_in_background(self.vault.prepare_creation, passphrase)
            with Busy():
                code = self.vault.create(passphrase, prepared=prepared)
        except VaultError as exc:
            dialogs.error(self, self.tr("Création impossible"), exc.user_message)
            return
        log.info("vault created")
        self.setup_page.reset()
        self.recovery_page.show_code(code)
        self.stack.setCurrentWidget(self.recovery_page)

    def _first_run(self) -> None:
        """Right after the vault is created: what the documents still need, and the way to Paramètres."""
        self._show_unlocked()
        if provider_form.ask_for_details(self, ProviderRepository(self.vault).load()):
            self.open_settings()

    def unlock(self, passphrase: str) -> None:
        try:
            derived = run_in_background(self.vault.derive, passphrase)  # Argon2id: the window keeps painting
            with Busy():
                self.vault.unlock(passphrase, derived)
        except VaultError as exc:
            log.info("unlock refused: %s", type(exc).__name__)
            self.unlock_page.show_error(exc.user_message)
            self.unlock_page.passphrase.selectAll()
            return
        log.info("vault unlocked")
        self._show_checked()
        if self.vault.is_open and self.vault.needs_recovery_code:  # a format-1 slot dropped at a key rotation
            self._issue_recovery_code(passphrase)

    def _issue_recovery_code(self, passphrase: str) -> None:
        try:
            with Busy():
                code = self.vault.renew_keys(passphrase)
        except VaultError as exc:
            log.warning("recovery code not renewed: %s", type(exc).__name__)
            return
        log.info("new recovery code issued")
        dialogs.inform(self, self.tr("Nouveau code de secours"),
                       self.tr("Les clés du coffre ont été renouvelées après une destruction de documents : votre "
                               "ancien code de secours ne fonctionne plus. Le nouveau va s'afficher une seule fois."))
        show_new_code(self, code)

    def recover(self, code: str, new_passphrase: str) -> None:
        try:
            with Busy():
                self.vault.unlock_with_recovery(code, new_passphrase)
        except VaultError as exc:
            log.info("recovery refused: %s", type(exc).__name__)
            message = ("Code de secours incorrect ou fichier endommagé." if exc.exit_code == 3
                       else exc.user_message)
            self.unlock_page.show_error(message)
            return
        log.info("vault opened with the recovery code; passphrase replaced")
        self._show_checked()
        dialogs.inform(self, self.tr("Nouveau mot de passe"),
                       self.tr("Le coffre est ouvert et votre nouveau mot de passe est enregistré. "
                               "Le code de secours reste valable."))

    def _show_checked(self) -> None:
        """The integrity check first (a worker thread); a damaged vault still opens on its menu (« Restaurer une
        sauvegarde »), even when the engine or the list cannot read it."""
        sound = integrity_flow(self, self.vault)
        try:
            self._show_unlocked()
        except DatabaseError:
            if sound:
                raise
            self.stack.setCurrentWidget(self.home)
            self.retention_status.setText(self.tr("Coffre endommagé : restaurez une sauvegarde (menu Fichier)."))

    def _show_unlocked(self) -> None:
        self.unlock_page.reset()
        for action in self.unlocked_actions:
            action.setEnabled(True)
        self.run_retention(reload=False)
        self.reload_list()
        self.stack.setCurrentWidget(self.home)
        self.idle.set_minutes(self.prefs.auto_lock_minutes)
        self.idle.start()
        self.list_timer.start()
        self.retention_timer.start()
        resume, self._resume = self._resume, {}
        self.home.setCurrentWidget(self.list_page if resume else self.home.todo)  # « À faire » first, after a lock
        self.list_page.filter.setText(resume.get("filter", ""))  # what was being done
        for bilan_id in resume.get("windows", []):
            self.open_bilan(bilan_id)
        if resume.get("selected") is not None:
            self.list_page.select_bilan(resume["selected"])
        self.list_page.filter.setFocus()
        self.statusBar().showMessage(self.tr("Coffre ouvert."), 4000)

    def reload_list(self) -> None:
        """The list shows each bilan's step as of today (a convention past its delay reads « Refus réputé »)
        and its next deadline."""
        self.home_stale = False
        overview = self.home.take_overview() or self.repository.overview()  # read once, shared by the tabs
        self.list_page.set_rows(self.repository.list_rows(self.clock.today(), overview))
        self.home.refresh(overview)

    # -- lock ------------------------------------------------------------------------------------
    def lock(self) -> None:
        if not self.vault.is_open:
            return
        self._finish_now()
        self.home.flush()
        dialogs.close_all()
        self._resume = {"windows": list(self.bilan_windows), "filter": self.list_page.filter.text(),
                        "selected": self.list_page.selected_bilan()}
        for window in list(self.bilan_windows.values()):
            window.close()  # saves pending edits first
        self.list_page.clear()
        self.clipboard_guard.clear()
        self.idle.stop()
        self.list_timer.stop()
        self.retention_timer.stop()
        self.retention_status.clear()
        self.vault.lock()
        log.info("vault locked")
        self._show_locked_page()

    def _finish_destruction(self) -> None:
        if self.vault.is_open and self._unfinished:
            self.retention.compact()
            QTimer.singleShot(0, self._finish_rotation)

    def _finish_rotation(self) -> None:
        if self.vault.is_open and self._unfinished:
            self.retention.rotate_key()
        self._unfinished = False

    def _finish_now(self) -> None:
        """Before the vault closes: a destruction's compaction and new key are never left undone, nor a key change
        recorded as due by an earlier destruction whose rotation was interrupted or deferred."""
        if self.vault.is_open and self._unfinished:
            self.retention.compact()
            self.retention.rotate_key()
        self._unfinished = False
        if self.vault.is_open:
            self.vault.finish_key_change()

    def run_retention(self, reload: bool = True, later: bool = False) -> None:
        """Destroys what R6313-7 makes due today; a failure stays visible and is retried."""
        if not self.vault.is_open:
            return
        report = self.retention.run(self.clock.today(), self.clock.now(), finish=False)
        if report.unfinished:  # compaction and new key each in a turn of the event loop of its own
            self._unfinished = True
            QTimer.singleShot(0, self._finish_destruction)
        self.offvault = report.offvault + report.missing
        after_retention(self, self.vault, self.clock, report, later)  # backups pruned, unreached copies said
        self.home.pending, self.home.overview = set(report.pending), report.overview
        self.retention_status.setText(status_text(report, self.offvault))
        if report.destroyed:
            self.statusBar().showMessage("Destruction réglementaire effectuée (art. R6313-7) : "
                                         + ", ".join(report.destroyed), 10_000)
            refresh = self._refresh_windows
            QTimer.singleShot(0, refresh) if later else refresh()
        if reload:  # `later`: the windows and the list each in a turn of the event loop of their own
            QTimer.singleShot(0, self._refresh_list) if later else self._refresh_list()

    def _refresh_windows(self) -> None:
        if self.vault.is_open:
            for window in list(self.bilan_windows.values()):
                window.refresh()

    def open_journal(self) -> None:
        self.run_retention()
        from .retention_ui import JournalDialog  # reportlab is loaded when a document is first needed
        dialogs.launch(JournalDialog(self.vault, self.clock, self.offvault, self))

    def _refresh_list(self) -> None:
        if self.vault.is_open:
            selected = self.list_page.selected_bilan()
            self.reload_list()
            if selected is not None:
                self.list_page.select_bilan(selected)

    def _auto_lock(self) -> None:
        log.info("auto-lock after inactivity")
        self.lock()

    def _lock_for_session(self, reason: str) -> None:
        if self.vault.is_open:
            log.info("lock on %s", reason)
            self.lock()

    # -- bilans ------------------------------------------------------------------------------------
    def new_bilan(self) -> None:
        if not self.vault.is_open:
            return
        dialog = NewBilanDialog(self.clock.today(), self, keep=self._create_bilan)
        if dialogs.launch(dialog) != QDialog.DialogCode.Accepted or not self.vault.is_open or dialog.value is None:
            return
        bilan_id = self._create_bilan(dialog.value, dialog.chosen_funding)
        self.reload_list()
        self.list_page.select_bilan(bilan_id)
        self.open_bilan(bilan_id)

    def _create_bilan(self, beneficiary, funding) -> int:
        bilan_id = self.repository.create(beneficiary, funding, self.clock.now())
        self.dossiers.save_section(bilan_id, PremierContact(date=self.clock.today()), self.clock.now())
        log.info("bilan created")
        return bilan_id

    def open_bilan(self, bilan_id: int, page: str = "") -> None:
        from .bilan_window import BilanWindow  # loaded with the first bilan, not at start-up
        window = self.bilan_windows.get(bilan_id)
        if window is None:
            if self.repository.summary(bilan_id) is None:
                return
            window = BilanWindow(self.repository, bilan_id, self.clock)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.saved.connect(lambda _id: self.reload_list())
            window.edited.connect(self._home_outdated)
            window.retention_requested.connect(lambda: self.run_retention(later=True))
            window.closed.connect(self._bilan_closed)
            self.bilan_windows[bilan_id] = window
        window.show()
        window.raise_()
        window.activateWindow()
        window.show_page(page)  # « À faire » and the agenda open the page their line is about

    def _bilan_closed(self, bilan_id: int) -> None:
        self.bilan_windows.pop(bilan_id, None)

    def _home_outdated(self, _bilan_id: int) -> None:
        """A bilan window saved: the home is read again when the consultant comes back to it (0.5 s with 2,000
        bilans: not on every pause in typing)."""
        self.home_stale = True
        if self.isActiveWindow():  # in a later turn of the event loop: one reading for several saves, none at lock
            QTimer.singleShot(0, self._refresh_if_stale)

    def _refresh_if_stale(self) -> None:
        if self.home_stale:
            self._refresh_list()

    def _sessions_planned(self, bilan_id: int) -> None:
        """The agenda planned a session: the bilan's window, if open, shows it; the list and « À faire » too."""
        if bilan_id in self.bilan_windows:
            self.bilan_windows[bilan_id].refresh()
        self._refresh_list()

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() \
                and hasattr(self, "home_stale"):  # (not yet set while the window is being built)
            self._refresh_if_stale()

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.vault, self.prefs, self)
        if dialogs.launch(dialog) == QDialog.DialogCode.Accepted:
            self.idle.set_minutes(self.prefs.auto_lock_minutes)

    def _restore(self) -> None:
        for window in list(self.bilan_windows.values()):
            window.close()
        if restore_flow(self, self.vault, self.clock):
            self.run_retention()

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.vault.is_open:
            self.home.flush()  # what was typed in the registers a moment ago
        for window in list(self.bilan_windows.values()):
            window.close()
        self.clipboard_guard.clear()
        self._finish_now()
        self.vault.lock()
        super().closeEvent(event)
        QApplication.closeAllWindows()

