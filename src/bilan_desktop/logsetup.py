"""Logging to a rotating file in the platform log folder. Log lines never carry beneficiary data:
callers log events and counts, and crash reports keep only the exception type and the code frames."""

from __future__ import annotations

import logging
import logging.handlers
import os
import traceback
import uuid

from . import paths

LOG_FILE = "bilan-desktop.log"
_handler: logging.Handler | None = None


def setup_logging() -> None:
    global _handler
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    folder = paths.log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        _handler = logging.handlers.RotatingFileHandler(folder / LOG_FILE, maxBytes=1_000_000, backupCount=5,
                                                        encoding="utf-8")
        os.chmod(folder / LOG_FILE, 0o600)
    except OSError:  # an unwritable log folder must not stop the application: it runs without a log file
        _handler = logging.NullHandler()
        root.addHandler(_handler)
        root.setLevel(logging.INFO)
        return
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(_handler)
    root.setLevel(logging.INFO)


def incident_report(exc_type, tb) -> tuple[str, str]:
    """An incident id and a report holding the exception type and the frames (file, line, function)
    only: never the exception's message or local values, which may carry what the user typed."""
    incident = uuid.uuid4().hex[:8].upper()
    frames = [f"  {frame.filename}:{frame.lineno} in {frame.name}" for frame in traceback.extract_tb(tb)]
    report = f"incident {incident}: {exc_type.__module__}.{exc_type.__qualname__}\n" + "\n".join(frames)
    return incident, report


def log_incident(exc_type, tb) -> str:
    incident, report = incident_report(exc_type, tb)
    logging.getLogger("bilan_desktop.crash").error(report)
    return incident
