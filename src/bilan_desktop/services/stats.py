"""The period's figures (Qualiopi, bilan pédagogique et financier), their CSV and their one-page PDF (issue 15)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..domain.stats import Answer, Figure, figures, to_csv
from ..storage.output_guard import write_output
from .bilans import BilanService


class StatsService:
    def __init__(self, bilans: BilanService):
        self.bilans = bilans

    def figures(self, start: dt.date, end: dt.date, today: dt.date) -> list[Figure]:
        answers = [Answer(bilan_id, kind, month, tuple(marks), funding)
                   for bilan_id, kind, month, marks, funding in self.bilans.dossiers.all_satisfaction()]
        return figures(self.bilans.overview(), answers, start, end, today)

    def write_csv(self, found: list[Figure], path: Path, replace: bool = False) -> None:
        write_output(path, to_csv(found).encode("utf-8-sig"), self.bilans.vault.folder, replace)  # BOM: for Excel

    def write_pdf(self, found: list[Figure], start: dt.date, end: dt.date, path: Path, today: dt.date,
                  replace: bool = False) -> None:
        from ..documents.stats_pdf import build
        from ..storage.exports import ProviderRepository
        write_output(path, build(ProviderRepository(self.bilans.vault).load(), found, start, end, today),
                     self.bilans.vault.folder, replace)
