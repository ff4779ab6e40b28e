"""QApplication bootstrap: French translations, preferences paths, single instance, crash handler."""

from __future__ import annotations

import signal
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import APP_ID, APP_NAME, __version__, paths
from ..domain.clock import Clock, SystemClock
from ..instance_lock import InstanceLock
from ..logsetup import log_incident
from ..storage.vault import Vault
from . import dialogs
from .prefs import Preferences

EXIT_IN_USE = 5
EXIT_FILE = 9
_translator: QTranslator | None = None  # Qt's own French strings, installed once per process


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_ID)
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    config = str(paths.config_dir())
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):  # QtProject.conf goes there too
        QSettings.setPath(fmt, QSettings.Scope.UserScope, config)
    global _translator
    if _translator is None:
        _translator = QTranslator(app)
        if _translator.load(QLocale(QLocale.Language.French), "qtbase", "_",
                            QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(_translator)
    dialogs.forget_file_dialog_history()
    return app


def install_crash_handler(parent_getter=lambda: None) -> None:
    """Unhandled exceptions: logged with their type and frames only, a generic French dialog."""

    def handler(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        incident = log_incident(exc_type, tb)
        dialogs.error(parent_getter(), "Erreur inattendue",
                      "Une erreur inattendue s'est produite. Ce qui était enregistré dans le coffre est "
                      f"intact.\n\nRéférence de l'incident : {incident}")

    sys.excepthook = handler


def build_main_window(clock: Clock | None = None, demo: bool = False):
    from .main_window import MainWindow
    return MainWindow(Vault(paths.data_dir()), clock or SystemClock(), Preferences(), demo=demo)


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        path = paths.resource_path("icons", f"bilan-desktop-{size}.png")
        if path.exists():
            icon.addFile(str(path))
    return icon


def _quit_on_termination(window) -> None:
    """SIGTERM (logout, shutdown, kill) closes the window like the consultant would: pending edits saved, the
    vault locked, a demo folder removed. A short timer lets Python see the signal while Qt waits for events."""
    def close(*_args):
        window.close()
        QApplication.quit()

    signal.signal(signal.SIGTERM, close)
    timer = QTimer(window)
    timer.timeout.connect(lambda: None)
    timer.start(250)


def run_gui(clock: Clock | None = None, demo: bool = False) -> int:
    app = create_application()
    lock = InstanceLock(paths.lock_path())
    status = lock.acquire()
    if not status.ok:
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, status.message)
        dialogs.launch(box)
        return EXIT_IN_USE if status.in_use else EXIT_FILE
    try:
        app.setWindowIcon(app_icon())
        window = build_main_window(clock, demo)
        install_crash_handler(lambda: window)
        _quit_on_termination(window)
        window.show()
        return app.exec()
    finally:
        lock.release()
