"""Copies outside the vault and the application's backups, as the window shows them after a destruction: what could
not be deleted (changed, not found) and the backups that still hold destroyed content."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..storage.backup_log import BackupRecord
from ..storage.exports import ExportLog
from ..storage.offvault import CHANGED, MISSING
from ..storage.vault import Vault
from . import backups


@dataclass
class OutsideStatus:
    changed: list[str] = field(default_factory=list)  # copies changed since their export
    missing: list[str] = field(default_factory=list)  # copies neither at their path nor found by their hash
    holding: list[BackupRecord] = field(default_factory=list)  # backups made before a destruction
    replaced: list[BackupRecord] = field(default_factory=list)  # backups replaced at their path by another file

    @property
    def to_deal_with(self) -> bool:
        return bool(self.changed or self.missing or self.replaced)


def outside_status(vault: Vault) -> OutsideStatus:
    log = ExportLog(vault)
    return OutsideStatus(log.listed(CHANGED), log.listed(MISSING), backups.holding_destroyed(vault),
                         backups.replaced(vault))


def dismiss(vault: Vault) -> None:
    """The consultant has dealt with the listed copies and replaced backups: they are no longer listed, their paths
    are forgotten."""
    log = ExportLog(vault)
    log.dismiss(log.listed(CHANGED) + log.listed(MISSING))
    backups.dismiss(vault)
