"""The screen-lock signal over a real (private) D-Bus session bus locks the vault's watcher."""

import os
import shutil
import subprocess
import sys

import pytest

CHILD = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from bilan_desktop.ui.session_watch import SessionWatcher
app = QApplication([])
watcher = SessionWatcher()
watcher.lock_requested.connect(lambda reason: (print("locked", reason, flush=True), app.quit()))
print("ready", ",".join(watcher.dbus_connected), flush=True)
QTimer.singleShot(10_000, app.quit)
app.exec()
"""


@pytest.mark.skipif(shutil.which("dbus-daemon") is None or shutil.which("dbus-send") is None,
                    reason="dbus-daemon is installed by ./run-tests where apt-get is available")
def test_screensaver_signal_on_the_session_bus(tmp_path):
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"], stdout=subprocess.PIPE,
                           text=True)
    try:
        address = bus.stdout.readline().strip()
        env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address, "QT_QPA_PLATFORM": "offscreen"}
        child = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True, env=env)
        ready = child.stdout.readline().split()
        assert ready[0] == "ready" and "ActiveChanged" in ready[1], ready
        subprocess.run(["dbus-send", "--session", "--type=signal", "/org/freedesktop/ScreenSaver",
                        "org.freedesktop.ScreenSaver.ActiveChanged", "boolean:true"], env=env, check=True)
        assert child.stdout.readline().split() == ["locked", "ecran"]
        child.wait(timeout=10)
    finally:
        bus.kill()
        bus.wait()
