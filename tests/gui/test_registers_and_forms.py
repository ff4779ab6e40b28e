"""Issue 15 in the window: the registers typed, saved in the vault, printed without any name; the six-month
questionnaire sent as a fillable PDF and the returned file imported from the follow-up page."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader
from PySide6.QtWidgets import QMessageBox

from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.registers import CanalReclamation
from bilan_desktop.domain.sections import FinDuBilan
from bilan_desktop.storage.exports import Destination
from bilan_desktop.storage.registers import RegisterRepository
from tests.gui.conftest import by_accessible_name
from tests.gui.workflow_helpers import add_rows, bilan_at, choose_file
from tests.unit.test_satisfaction_form import fill


def test_registers_saved_in_the_vault_and_printed_without_names(window, script, clock, tmp_path):
    bw, _repo = bilan_at(window, script, Step.PHASE_PRELIMINAIRE)
    bw.close()
    page = window.home.registers
    window.home.setCurrentWidget(page)
    add_rows(page, "Réclamations", [["20/11/2026", CanalReclamation.ECRIT.label, "Retard de la convocation",
                                     "Excuses, nouvelle date proposée", "22/11/2026", "BC-2026-0001"]])
    add_rows(page, "Actions d'amélioration", [[None, "Convocations envoyées huit jours avant", "Claire",
                                               "01/12/2026", None]])
    page.save_now()
    (complaint,) = RegisterRepository(window.vault).load("reclamations")
    assert (complaint.recue_le, complaint.close_le, complaint.bilan) == (dt.date(2026, 11, 20),
                                                                        dt.date(2026, 11, 22), "BC-2026-0001")
    assert RegisterRepository(window.vault).load("ameliorations")[0].action.startswith("Convocations")
    for target, action in ((tmp_path / "registres.pdf", page.export_pdf), (tmp_path / "registres.csv",
                                                                          page.export_csv)):
        script.expect(choose_file(target))
        script.expect(lambda box: QMessageBox.Ok)
        action()
    text = " ".join(p.extract_text() for p in PdfReader(str(tmp_path / "registres.pdf")).pages)
    assert "Retard de la convocation" in text and "BC-2026-0001" not in text and "Lefèvre" not in text
    assert {"20/11/2026", "22/11/2026", "01/12/2026"} <= set(text.split())  # every date on one line of its cell
    assert "BC-2026-0001" not in (tmp_path / "registres.csv").read_text(encoding="utf-8-sig")
    # an invalid complaint is kept on screen with the reason, nothing saved over the good one
    add_rows(page, "Réclamations", [["", None, "Sans date", "", "", ""]])
    page.save_now()
    assert "date de réception est obligatoire" in page.error.text()
    assert len(RegisterRepository(window.vault).load("reclamations")) == 1


def test_the_cold_questionnaire_sent_then_imported(window, script, clock, tmp_path):
    bw, repo = bilan_at(window, script, Step.ENTRETIEN_SUIVI,
                        sections=[FinDuBilan(date_fin=dt.date(2026, 5, 25))])
    sent = tmp_path / "questionnaire.pdf"

    def destination(dialog):
        by_accessible_name(dialog, Destination.BENEFICIAIRE.label).click()
        dialog.accept()
        return dialog.result()

    for handler in (destination, choose_file(sent), lambda box: QMessageBox.Ok):
        script.expect(handler)
    by_accessible_name(bw, "Questionnaire à froid à remplir (PDF)").click()
    returned = tmp_path / "rempli.pdf"
    returned.write_bytes(fill(sent.read_bytes(), {f"q{i}": "4" for i in range(1, 9)}, comment="Merci"))
    seen = []
    script.expect(choose_file(returned))
    script.expect(lambda box: seen.append(box.text()) or QMessageBox.Ok)
    by_accessible_name(bw, "Importer un questionnaire rempli").click()
    assert "enregistrées" in seen[0]
    assert window.repository.satisfaction(1, "suivi") == ([4] * 8, "Merci")
    foreign = tmp_path / "autre.pdf"
    foreign.write_bytes(b"%PDF-1.4 rien")
    script.expect(choose_file(foreign))
    script.expect(lambda box: seen.append(box.text()) or QMessageBox.Ok)
    by_accessible_name(bw, "Importer un questionnaire rempli").click()
    assert "pas un questionnaire" in seen[1]
