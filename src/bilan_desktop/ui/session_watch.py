"""Lock the vault when the laptop sleeps or the screen locks.

A laptop suspended unlocked must not wake unlocked. On Linux the desktop says so over D-Bus: logind's
`PrepareForSleep(true)` (system bus) and `Lock` (the session), and the screensaver's `ActiveChanged(true)`
(freedesktop and GNOME names, session bus, from any sender: a process that can only make us lock does no harm).
Everywhere, and when no bus answers, a portable fallback watches the clocks: a timer ticks every few seconds; after a
suspension the wall clock has jumped ahead of the monotonic clock (which stops during sleep) and of the timer's own
rhythm, and the vault is locked at once on wake."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

log = logging.getLogger(__name__)

CHECK_MS = 5_000
JUMP_SECONDS = 60.0  # a jump this large between two ticks means the machine was asleep

_SYSTEM_SIGNALS = [("org.freedesktop.login1", "/org/freedesktop/login1", "org.freedesktop.login1.Manager",
                    "PrepareForSleep", "_on_sleep(bool)"),
                   ("org.freedesktop.login1", "", "org.freedesktop.login1.Session", "Lock", "_on_lock()")]
_SESSION_SIGNALS = [("", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver",
                     "ActiveChanged", "_on_screensaver(bool)"),
                    ("", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged",
                     "_on_screensaver(bool)")]


class SessionWatcher(QObject):
    lock_requested = Signal(str)  # the reason, for the log: "veille", "ecran", "horloge"

    def __init__(self, parent=None, wall: Callable[[], float] = time.time,
                 monotonic: Callable[[], float] = time.monotonic, use_dbus: bool = True):
        super().__init__(parent)
        self._wall, self._monotonic = wall, monotonic
        self._last = (wall(), monotonic())
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check_clocks)
        self._timer.start()
        self.dbus_connected: list[str] = []
        if use_dbus:
            self._connect_dbus()

    def _connect_dbus(self) -> None:
        try:
            from PySide6.QtCore import SLOT
            from PySide6.QtDBus import QDBusConnection
        except ImportError:
            return
        for bus, signals in ((QDBusConnection.systemBus(), _SYSTEM_SIGNALS),
                             (QDBusConnection.sessionBus(), _SESSION_SIGNALS)):
            if not bus.isConnected():
                continue
            for service, path, interface, name, slot in signals:
                # The stubs ask for bytes, the binding for the str SLOT() returns (6.11.3).
                if bus.connect(service, path, interface, name, self, SLOT(slot)):  # type: ignore[call-overload]
                    self.dbus_connected.append(name)
        log.info("session watcher: %d D-Bus signal(s)", len(self.dbus_connected))

    def check_clocks(self) -> None:
        wall, mono = self._wall(), self._monotonic()
        last_wall, last_mono = self._last
        self._last = (wall, mono)
        wall_step = wall - last_wall
        if wall_step - (mono - last_mono) > JUMP_SECONDS or wall_step > JUMP_SECONDS + CHECK_MS / 1000 * 4:
            self.lock_requested.emit("horloge")

    @Slot(bool)
    def _on_sleep(self, going_to_sleep: bool) -> None:
        if going_to_sleep:
            self.lock_requested.emit("veille")

    @Slot()
    def _on_lock(self) -> None:
        self.lock_requested.emit("ecran")

    @Slot(bool)
    def _on_screensaver(self, active: bool) -> None:
        if active:
            self.lock_requested.emit("ecran")
