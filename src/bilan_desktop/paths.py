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


def key_path() -> Path:
    return data_dir() / KEY_FILE


def lock_path() -> Path:
    return data_dir() / LOCK_FILE


def resource_path(*parts: str) -> Path:
    """A file shipped inside the package (src/bilan_desktop/resources), also inside a PyInstaller bundle.

    The resources live in the package rather than at the top of the repository: an editable install, a
    wheel and a bundle then all find them at the same place, with no build-time mapping."""
    bundle = getattr(sys, "_MEIPASS", None)
    base = Path(bundle) / "bilan_desktop" if bundle else Path(__file__).resolve().parent
    return base.joinpath("resources", *parts)
