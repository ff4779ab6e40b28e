"""Exporting a document: the secrecy rule (L6313-4), an exclusive private temporary file renamed into place, and the
export logged (what, when, to whom — never the content; working copies keep their path and hash so that the
destruction engine can find them)."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from pathlib import Path

from ..domain.rules import export_problems
from ..domain.workflow import RuleViolation
from ..storage.atomic import write_bytes_atomic
from ..storage.exports import Destination, ExportLog
from ..storage.vault import Vault

log = logging.getLogger(__name__)


class DocumentService:
    def __init__(self, vault: Vault):
        self.vault = vault

    def export(self, document: str, pdf: bytes, bilan_id: int | None, reference: str, destination: Destination,
               written_agreement: bool, path: Path, now: dt.datetime) -> Path:
        problems = export_problems(destination is Destination.EMPLOYEUR, written_agreement)
        if problems:
            raise RuleViolation(problems)
        write_bytes_atomic(path, pdf, mode=0o600)
        ExportLog(self.vault).record(bilan_id, reference, document, destination, str(path),
                                     hashlib.sha256(pdf).hexdigest(), now)
        log.info("document exported: %s, %s", document, destination.value)
        return path
