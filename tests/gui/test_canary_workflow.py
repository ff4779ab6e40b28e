"""Canary, continued: content typed in the phases, a session's notes, the questionnaire, a document preview and a
working copy exported outside the data folders, then the destruction. No file under the data, config, log,
cache or temporary folders ever holds the text; after the destruction the vault's pages do not either."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QMessageBox

from bilan_desktop.documents.catalog import DocumentKind
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.sections import Conservation, FinDuBilan
from tests.gui.conftest import by_accessible_name, type_text
from tests.gui.workflow_helpers import bilan_at, choose_file
from tests.helpers.sqlcipher_pages import occurrences

CANARY = "Qzxcanari"


def _files_holding(root: Path, skip: Path) -> list[str]:
    needles = [CANARY.encode(), CANARY.encode("utf-16-le"), CANARY.lower().encode(), CANARY.upper().encode()]
    found = []
    for path in root.rglob("*"):
        if path.is_file() and skip not in path.parents:
            data = path.read_bytes()
            if any(n in data for n in needles) and path.name not in ("coffre.db",):
                found.append(str(path.relative_to(root)))
    return found


def test_workflow_documents_and_destruction_leave_no_copy(window, script, tmp_path):
    bw, repo = bilan_at(window, script, Step.PHASE_INVESTIGATION)
    page = bw.page_for(Step.PHASE_INVESTIGATION)
    type_text(by_accessible_name(page, "Description du projet"), f"Projet {CANARY}")
    type_text(by_accessible_name(page, "Intitulé du projet"), f"Intitulé {CANARY}")
    page.save_now()

    def seance(dialog):
        dialog.date.setText("20/11/2026")
        type_text(by_accessible_name(dialog, "Notes de séance"), f"Notes {CANARY}")
        dialog.accept()
        return dialog.result()

    script.expect(seance)
    bw.seances.buttons["Ajouter une séance"].click()

    def questionnaire(dialog):
        for _ in range(3):
            QTest.keyClick(dialog, Qt.Key_4)
        return QDialog.Rejected

    script.expect(questionnaire)
    by_accessible_name(bw, "Questionnaire d'intérêts (RIASEC)").click()

    exports = tmp_path / "exports"
    exports.mkdir()
    script.expect(lambda d: QDialog.Rejected)  # a preview: rendered in memory only
    bw.documents.preview(DocumentKind.SYNTHESE)

    def destination(dialog):
        by_accessible_name(dialog, "Copie de travail").click()
        dialog.accept()
        return dialog.result()

    for handler in (destination, choose_file(exports / "copie.pdf"), lambda d: QMessageBox.Ok):
        script.expect(handler)
    bw.documents.export(DocumentKind.SYNTHESE)
    assert (exports / "copie.pdf").exists()

    assert _files_holding(tmp_path, exports) == []
    assert occurrences(window.vault.db_path, window.vault.raw_key, CANARY) > 0  # it is in the vault, encrypted

    repo.save_section(1, FinDuBilan(date_fin=window.clock.today(), conservation=Conservation.AUCUNE),
                      window.clock.now())
    repo.set_step(1, Step.ENTRETIEN_SUIVI, window.clock.now())
    window.run_retention()
    assert not (exports / "copie.pdf").exists()  # the unchanged working copy went with the content
    assert occurrences(window.vault.db_path, window.vault.raw_key, CANARY) == 0
    assert _files_holding(tmp_path, exports) == []
