"""Writing a file the window built (the registers' PDF and CSV) through the one guard of written files."""

from __future__ import annotations

from pathlib import Path

from ..storage.output_guard import AlreadyExists, IntoVault, OutputRefused, check_target, write_output
from ..storage.vault import Vault

__all__ = ["AlreadyExists", "IntoVault", "OutputRefused", "check_target", "write_file"]


def write_file(vault: Vault, path: Path, data: bytes, replace: bool = False) -> Path:
    """Never the vault's folder or files, never an existing file unless `replace` (confirmed by the consultant)."""
    return write_output(path, data, vault.folder, replace)
