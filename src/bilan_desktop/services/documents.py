"""Exporting a document: who may receive it (L6313-4), an exclusive private temporary file renamed into place, and the
export logged (what, when, to whom — never the content; working copies keep their path and hash so that the
destruction engine can find them). The synthèse sent to the CEP operator records the exception of R6313-7."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
from pathlib import Path

from ..domain.sections import Conservation
from ..domain.sharing import Destination, export_problems
from ..domain.workflow import RuleViolation
from ..storage.atomic import write_bytes_atomic
from ..storage.dossiers import DossierRepository
from ..storage.exports import ExportLog
from ..storage.vault import Vault

log = logging.getLogger(__name__)


class DocumentService:
    def __init__(self, vault: Vault):
        self.vault = vault

    def export(self, document: str, data: bytes, bilan_id: int | None, reference: str, destination: Destination,
               written_agreement: bool, path: Path, now: dt.datetime) -> Path:
        problems = export_problems(document, destination, written_agreement)
        if problems:
            raise RuleViolation(problems)
        write_bytes_atomic(path, data, mode=0o600)
        ExportLog(self.vault).record(bilan_id, reference, document, destination, str(path),
                                     hashlib.sha256(data).hexdigest(), now)
        if document == "synthese" and destination is Destination.CEP and bilan_id is not None:
            self._record_cep_transmission(bilan_id, now)
        log.info("document exported: %s, %s", document, destination.value)
        return path

    def _record_cep_transmission(self, bilan_id: int, now: dt.datetime) -> None:
        """R6313-7: the synthèse transmitted to the CEP operator at the beneficiary's request is kept."""
        dossiers = DossierRepository(self.vault)
        fin = dossiers.load(bilan_id).fin_du_bilan
        if fin.synthese_cep_transmise_le is not None:
            return
        conservation = fin.conservation if fin.conservation is Conservation.ACCORD_SUIVI else Conservation.SYNTHESE_CEP
        dossiers.save_section(bilan_id, dataclasses.replace(fin, conservation=conservation,
                                                            synthese_cep_transmise_le=now.date()), now)
