"""A cheap check, at every start, that the Qt binding does not leak references to `None`.

PySide6/shiboken6 6.12.0 on Python 3.11 drops one reference to `None` at every call of a Qt method that returns
nothing; after a few minutes the interpreter aborts (`none_dealloc`), losing what was being typed. Python 3.12 and
later are immune (None is immortal). The project pins a clean binding; this check catches an installation that
got another one anyway (a system package, a hand-made environment) before any window opens."""

from __future__ import annotations

import sys

CALLS = 200  # enough to see the drift, far too few to bring None near zero
BROKEN_BINDING_MESSAGE = (
    "Cette installation de Bilan Desktop utilise une version de Qt pour Python (PySide6 {version}) qui ferait "
    "planter l'application au bout de quelques minutes avec Python {python}. Réinstallez l'application (./run "
    "installe les versions prévues) ou utilisez Python 3.12 ou plus récent ; rien n'a été ouvert ni modifié.")


def none_drift(calls: int = CALLS) -> int:
    """Change of `sys.getrefcount(None)` over `calls` void Qt calls (0 on a sound binding)."""
    from PySide6.QtCore import QObject
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(calls):
        probe.setObjectName("sonde")
    drift = sys.getrefcount(None) - before
    del probe
    if drift < 0:  # give the references back, so that the process can still exit cleanly with its message
        import ctypes
        for _ in range(-drift):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    return drift


def binding_problem(drift_probe=None) -> str:
    """The French message to show when the binding drifts, or ''."""
    if sys.version_info >= (3, 12):
        return ""
    if abs((drift_probe or none_drift)()) < CALLS // 2:
        return ""
    import PySide6
    python = ".".join(str(part) for part in sys.version_info[:3])
    return BROKEN_BINDING_MESSAGE.format(version=PySide6.__version__, python=python)
