"""Where the application keeps its files. The only user of platformdirs.

`--data-dir` (or `set_data_dir`) overrides the vault folder; logs and preferences keep their
platform folders so that they never end up on a USB key next to the vault by accident.
"""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

from . import APP_ID

_data_dir_override: Path | None = None

VAULT_FILE = "coffre.db"
KEY_FILE = "coffre.key"
LOCK_FILE = "coffre.lock"


def set_data_dir(path: str | Path | None) -> None:
    global _data_dir_override
    _data_dir_override = Path(path).expanduser().resolve() if path else None


def data_dir() -> Path:
    if _data_dir_override is not None:
        return _data_dir_override
    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_ID, appauthor=False))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_ID, appauthor=False))


def vault_path() -> Path:
    return data_dir() / VAULT_FILE


def key_path() -> Path:
    return data_dir() / KEY_FILE


def lock_path() -> Path:
    return data_dir() / LOCK_FILE


def resource_path(*parts: str) -> Path:
    """A file shipped with the package (also inside a PyInstaller bundle)."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent))
    if base != Path(__file__).resolve().parent:
        base = base / "bilan_desktop"
    return base.joinpath("resources", *parts)
