"""Takes the README's screenshots from the application running offscreen on the demo vault: docs/*.png.

Run: make screenshots   (or QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py)"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            os.environ[var] = str(Path(tmp) / var.lower())  # nothing of the demo outside the temporary folder
        from PySide6.QtGui import QImage

        from bilan_desktop import paths
        from bilan_desktop.demo import DEMO_PASSPHRASE, create_demo_vault
        from bilan_desktop.documents.catalog import DocumentKind
        from bilan_desktop.documents.preview import PdfPreview
        from bilan_desktop.domain.lifecycle import Step
        from bilan_desktop.domain.questionnaires import Questionnaires
        from bilan_desktop.storage.rome import RomeCatalog
        from bilan_desktop.ui.app import build_main_window, create_application
        from bilan_desktop.ui.questionnaire_dialog import ResultsDialog
        from bilan_desktop.ui.rome_dialog import RomeDialog

        app = create_application([sys.argv[0]])
        today = dt.date.today()
        create_demo_vault(Path(tmp), today)
        paths.set_data_dir(Path(tmp) / "coffre")
        DOCS.mkdir(exist_ok=True)

        def shot(widget, name: str) -> None:
            widget.show()
            app.processEvents()
            widget.grab().save(str(DOCS / f"{name}.png"))

        window = build_main_window(demo=True)
        window.resize(1280, 680)
        shot(window, "01-deverrouillage")
        window.unlock(DEMO_PASSPHRASE)
        window.home.setCurrentWidget(window.list_page)
        shot(window, "02-liste-des-bilans")
        window.open_bilan(1)
        bilan = window.bilan_windows[1]
        bilan.resize(1150, 780)
        bilan.select(Step.PHASE_INVESTIGATION)
        shot(bilan, "03-phase-investigation")
        bilan.stepper.setCurrentRow(bilan.stepper.count() - 3)
        shot(bilan, "04-seances")
        window.open_bilan(2)
        convention = window.bilan_windows[2]
        convention.resize(1150, 780)
        convention.select(Step.CONVENTION)
        shot(convention, "05-convention")
        def page_shot(pdf: bytes, name: str) -> None:
            preview = PdfPreview(pdf)
            page = preview.render(0, 620)
            QImage(page.rgb, page.width, page.height, page.width * 3, QImage.Format_RGB888).save(
                str(DOCS / f"{name}.png"))
            preview.close()

        page_shot(bilan.documents._build(DocumentKind.SYNTHESE), "06-synthese-pdf")
        rome = RomeDialog(RomeCatalog(), True)
        rome.query.setText("aide soignante")
        rome.results.setCurrentRow(0)
        shot(rome, "07-rome")
        plan = [1] * 8 + [4] * 8 + [3] * 8 + [5] * 8 + [2] * 8 + [3] * 8
        results = ResultsDialog(Questionnaires(riasec=plan, bigfive=[4, 4, 3, 2, 4, 2, 2, 3, 4, 2] * 2),
                                RomeCatalog())
        shot(results, "08-questionnaires")
        _issue_12_to_15(window, bilan, shot, page_shot)
        for w in list(window.bilan_windows.values()):
            w.close()
        window.close()
    print(f"screenshots written to {DOCS}")


def _issue_12_to_15(window, bilan, shot, page_shot) -> None:
    """The screens of issues 12 to 15: sessions, contract, documents, certificate, editor, week, statistics."""
    from PySide6.QtWidgets import QApplication

    from bilan_desktop.documents.catalog import DocumentKind

    bilan.show_page("seances")
    shot(bilan, "09-seances-statuts")
    bilan.show_page("financement")
    shot(bilan, "10-contrat-et-financement")
    bilan.show_page("documents")
    shot(bilan, "11-documents")
    followed = window.bilan_windows.get(3) or (window.open_bilan(3), window.bilan_windows[3])[1]
    page_shot(followed.documents._build(DocumentKind.CERTIFICAT), "12-certificat-pdf")
    bilan.show_page("redaction")
    bilan.prefill_synthese()  # the draft the consultant starts from
    bilan.redaction.refresh_preview()
    deadline = time.monotonic() + 10
    while not any(label.isVisible() for label in bilan.redaction.preview_images) and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.05)
    shot(bilan, "13-redaction-synthese")
    home = window.home
    home.setCurrentWidget(home.agenda)
    if not any(e.active for e in home.agenda.events):  # at the weekend, the week ahead holds the sessions
        home.agenda.shift(1)
    shot(window, "14-agenda")
    home.setCurrentWidget(home.todo)
    shot(window, "15-a-faire")
    home.setCurrentWidget(home.stats)
    shot(window, "16-statistiques")
    home.setCurrentWidget(home.registers)
    shot(window, "17-registres")


if __name__ == "__main__":
    main()
