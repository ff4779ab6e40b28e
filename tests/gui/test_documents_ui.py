"""Documents in the app: provider settings, rédaction of the synthèse, preview in memory, export logged."""

import hashlib
import io

from pypdf import PdfReader
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QMessageBox

from bilan_desktop.documents.catalog import DocumentKind
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.sections import EntretienPrealable, Libelle, PhaseInvestigation, PhasePreliminaire
from bilan_desktop.domain.seances import Seance
from bilan_desktop.storage.exports import Destination, ExportLog, ProviderRepository
from bilan_desktop.storage.dossiers import DossierRepository
from tests.gui.conftest import by_accessible_name, create_vault, fill_new_bilan, type_text
from tests.gui.workflow_helpers import choose_file, fill


def _bilan(window, script):
    create_vault(window)
    script.expect(fill_new_bilan({"Nom": "Lefèvre", "Prénom": "Élodie"}))
    window.new_action.trigger()
    repo = DossierRepository(window.vault)
    now = window.clock.now()
    repo.save_section(1, EntretienPrealable(consentement_libre=True), now)
    repo.save_section(1, PhasePreliminaire(objectifs=[Libelle("Trouver un métier qui a du sens")]), now)
    repo.save_section(1, PhaseInvestigation(projet_intitule="Ébéniste", projet_code_rome="H2206"), now)
    repo.save_seance(1, Seance(date=window.clock.today(), etape=Step.PHASE_PRELIMINAIRE), now)
    bw = window.bilan_windows[1]
    bw.refresh()
    return bw, repo


def _select(bw, text):
    for row in range(bw.stepper.count()):
        if bw.stepper.item(row).text().endswith(text):
            bw.stepper.setCurrentRow(row)
            return bw.stack.currentWidget()
    raise AssertionError(text)


def test_provider_details_are_set_once_in_settings(window, script):
    create_vault(window)

    def handler(dialog):
        fill(dialog.provider_form, {"Nom de l'organisme": "Cabinet Horizon", "Numéro de déclaration d'activité (NDA)":
                                    "84 69 12345 69", "Consultant(e)": "Claire Martin", "Ville (« Fait à … »)": "Lyon"})
        dialog.accept()
        return QDialog.Accepted

    script.expect(handler)
    window.settings_action.trigger()
    provider = ProviderRepository(window.vault).load()
    assert (provider.nom, provider.numero_declaration, provider.consultant, provider.ville) == (
        "Cabinet Horizon", "84 69 12345 69", "Claire Martin", "Lyon")


def test_redaction_prefilled_edited_and_used_in_the_pdf(window, script):
    bw, repo = _bilan(window, script)
    page = _select(bw, "Rédaction de la synthèse")
    assert not page.editor.isReadOnly()
    by_accessible_name(page, "Pré-remplir depuis le dossier").click()
    assert "Ébéniste (code ROME H2206)" in page.editor.toPlainText()
    cursor = page.editor.textCursor()
    cursor.setPosition(0)
    cursor.movePosition(QTextCursor.MoveOperation.NextBlock)  # the first line under « Circonstances et demande »
    page.editor.setTextCursor(cursor)
    type_text(page.editor, "Après vingt ans de comptabilité, l'envie du bois.")
    bw.close()
    draft = repo.load(1).synthese
    assert draft.circonstances.startswith("Après vingt ans de comptabilité, l'envie du bois.")
    assert draft.objectifs == "Les objectifs que nous avons fixés ensemble :\n- Trouver un métier qui a du sens"
    window.open_bilan(1)
    pdf = window.bilan_windows[1].documents._build(DocumentKind.SYNTHESE)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "l'envie du bois" in text and "Ébéniste" in text


def test_preview_in_memory_then_export_a_working_copy(window, script, tmp_path):
    bw, _repo = _bilan(window, script)
    page = _select(bw, "Documents")
    assert not by_accessible_name(page, "Aperçu — Convention tripartite").isEnabled()  # CPF: no convention
    assert "nom de l'organisme" in page.provider_warning.text()
    seen = {}

    def preview(dialog):
        dialog.show()
        seen["pages"] = dialog.count.text()
        seen["pixmap"] = not dialog.labels[0].pixmap().isNull()
        dialog.accept()  # « Exporter… »
        return QDialog.Accepted

    def destination(dialog):
        by_accessible_name(dialog, Destination.TRAVAIL.label).click()
        dialog.accept()
        return dialog.result()

    def choose(dialog):
        assert dialog.selectedFiles()[0].endswith("synthese-BC-2026-0001.pdf")  # never the beneficiary's name
        return choose_file(tmp_path / "copie.pdf")(dialog)

    for handler in (preview, destination, choose, lambda d: QMessageBox.Ok):
        script.expect(handler)
    by_accessible_name(page, "Aperçu — Document de synthèse").click()
    assert seen == {"pages": "2 pages", "pixmap": True}  # cover, then the sections
    written = (tmp_path / "copie.pdf").read_bytes()
    assert written.startswith(b"%PDF")
    entry = ExportLog(window.vault).entries(1)[0]
    assert (entry.document, entry.destination, entry.path) == ("synthese", Destination.TRAVAIL,
                                                               str(tmp_path / "copie.pdf"))
    assert entry.sha256 == hashlib.sha256(written).hexdigest()
    assert "Copie de travail" in page.history.text()
    assert not any((tmp_path / "tmp").iterdir())  # the preview wrote no temporary file


def test_synthese_to_the_employer_needs_the_written_agreement(window, script):
    bw, _repo = _bilan(window, script)
    page = _select(bw, "Documents")
    messages = []

    def destination(dialog):
        by_accessible_name(dialog, Destination.EMPLOYEUR.label).click()
        dialog.accept()
        messages.append(dialog.error.text())
        dialog.reject()
        return dialog.result()

    script.expect(destination)
    by_accessible_name(page, "Exporter — Document de synthèse").click()
    assert "accord écrit du bénéficiaire" in messages[0] and "L6313-4" in messages[0]
    assert ExportLog(window.vault).entries(1) == []


def test_convocation_from_the_sessions_page(window, script, tmp_path):
    bw, _repo = _bilan(window, script)
    _select(bw, "Séances")
    bw.seances.table.setCurrentCell(0, 0)
    shown = []
    script.expect(lambda d: shown.append(d.count.text()) or QDialog.Rejected)
    bw.seances.buttons["Convocation…"].click()
    assert shown == ["1 page"]


def test_a_failing_build_is_reported_without_the_users_text(window, script, monkeypatch):
    from bilan_desktop import paths
    bw, _repo = _bilan(window, script)
    page = _select(bw, "Documents")

    def broken(kind, context):
        raise ValueError("paragraph text '<b>Qzwsecret Lefèvre' caused exception")

    from bilan_desktop.documents import catalog
    monkeypatch.setattr(catalog, "build", broken)  # raised on the worker thread, reported on the GUI thread
    shown = []
    script.expect(lambda box: shown.append(box.text()) or QMessageBox.Ok)
    by_accessible_name(page, "Aperçu — Document de synthèse").click()
    assert "n'a pas pu être construit" in shown[0] and "Qzwsecret" not in shown[0]
    log_text = (paths.log_dir() / "bilan-desktop.log").read_text(encoding="utf-8")
    assert "ValueError" in log_text and "Qzwsecret" not in log_text
