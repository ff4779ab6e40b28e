"""« Statistiques »: the figures of a period (activity, satisfaction, situations at six months, by funding, the yearly
BPF), exported as CSV or as a one-page PDF to publish; the definitions used are written beside them (issue 15)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.dates import parse_short_date, short_date
from ..domain.stats import DEFINITIONS, Figure
from ..services.outputs import OutputRefused
from ..services.stats import StatsService
from . import dialogs
from .widgets import beside_preview, error_label, show_error, with_date_picker


class StatsPage(QWidget):
    def __init__(self, service: StatsService, clock, parent=None):
        super().__init__(parent)
        self.setObjectName("statsPage")
        self.service, self.clock = service, clock
        today = clock.today()
        self.start = QLineEdit(short_date(dt.date(today.year, 1, 1)))
        self.start.setAccessibleName("Du")
        self.end = QLineEdit(short_date(dt.date(today.year, 12, 31)))
        self.end.setAccessibleName("Au")
        self.error = error_label("statsError")
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("statsTable")
        self.table.setAccessibleName("Chiffres de la période")
        self.table.setHorizontalHeaderLabels(["Rubrique", "Indicateur", "Valeur"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 190)  # a long rubric is elided, whole in the tooltip: the indicators keep the room
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Du\u00a0:"))
        bar.addWidget(with_date_picker(self.start))
        bar.addWidget(QLabel("au\u00a0:"))
        bar.addWidget(with_date_picker(self.end))
        for text, slot in (("Calculer", self.refresh), ("Exporter (CSV)…", self.export_csv),
                           ("PDF à publier…", self.export_pdf)):
            button = QPushButton(text)
            button.setAccessibleName(text.rstrip("…"))
            button.clicked.connect(slot)
            bar.addWidget(button)
        bar.addStretch(1)
        definitions = QLabel(f"<small>{DEFINITIONS}</small>")
        definitions.setObjectName("statsDefinitions")
        definitions.setWordWrap(True)
        self.page = QLabel()
        self.page.setObjectName("statsPreview")
        self.page.setAccessibleName("Aperçu de la page à publier")
        self.page.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        body, self.preview_area = beside_preview(self.table, self.page, 300)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Statistiques</h2>"))
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(body, 1)
        layout.addWidget(definitions)
        self.found: list[Figure] = []
        self.stale = True
        for field in (self.start, self.end):
            field.editingFinished.connect(self.refresh)

    def showEvent(self, event) -> None:  # noqa: N802 — opening the tab shows the figures, no button to find first
        super().showEvent(event)
        if self.stale:  # 0.25 s for 2,000 bilans: computed again only when a bilan changed since
            self.refresh()

    def data_changed(self) -> None:
        self.stale = True
        if self.isVisible():
            self.refresh()

    def period(self) -> tuple[dt.date, dt.date] | None:
        try:
            start, end = parse_short_date(self.start.text()), parse_short_date(self.end.text())
        except ValueError:
            start = end = None
        if start is None or end is None or end < start:
            show_error(self.error, "Période invalide : deux dates jj/mm/aaaa, la seconde après la première.")
            return None
        show_error(self.error, "")
        return start, end

    def refresh(self) -> None:
        period = self.period()
        if period is None or not self.service.bilans.vault.is_open:
            return
        self.found = self.service.figures(*period, self.clock.today())
        self.stale = False
        self.table.setRowCount(len(self.found))
        previous = ""
        for row, figure in enumerate(self.found):
            cells = (figure.section if figure.section != previous else "", figure.label, figure.text)
            previous = figure.section
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{figure.section} — {figure.label} : {figure.text}")
                self.table.setItem(row, column, item)
        self._show_page(*period)

    def _show_page(self, start: dt.date, end: dt.date) -> None:
        """The page to publish, with its charts, beside the figures (built in memory, never written)."""
        from ..documents.preview import PdfPreview
        from ..documents.stats_pdf import build
        from ..storage.exports import ProviderRepository
        pdf = build(ProviderRepository(self.service.bilans.vault).load(), self.found, start, end, self.clock.today())
        preview = PdfPreview(pdf)
        rendered = preview.render(0, max(280, self.preview_area.viewport().width() - 16))
        preview.close()
        image = QImage(rendered.rgb, rendered.width, rendered.height, rendered.width * 3,
                       QImage.Format.Format_RGB888).copy()
        self.page.setPixmap(QPixmap.fromImage(image))

    def export_csv(self) -> None:
        period = self.period()
        if period is None:
            return
        self.refresh()
        chosen = dialogs.choose_save_path(self, "Exporter les chiffres", "Tableur (*.csv)",
                                          f"chiffres-{period[0]:%Y}.csv")
        if chosen is not None:
            self._write(lambda: self.service.write_csv(self.found, chosen.path, chosen.replace), chosen.path)

    def export_pdf(self) -> None:
        period = self.period()
        if period is None:
            return
        self.refresh()
        chosen = dialogs.choose_save_path(self, "Résultats à publier", "Document PDF (*.pdf)",
                                          f"resultats-{period[0]:%Y}.pdf")
        if chosen is not None:
            self._write(lambda: self.service.write_pdf(self.found, *period, chosen.path, self.clock.today(),
                                                       chosen.replace), chosen.path)

    def _write(self, write, path: Path) -> None:
        try:
            write()
        except OutputRefused as exc:
            dialogs.error(self, "Export refusé", exc.user_message)
            return
        except OSError:
            dialogs.error(self, "Export impossible", "Le fichier n'a pas pu être écrit (disque plein, dossier protégé ?).")
            return
        dialogs.inform(self, "Chiffres exportés", f"Écrit : {path.name}. Aucun nom n'y figure.")
