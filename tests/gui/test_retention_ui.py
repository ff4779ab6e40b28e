"""The end of a bilan without consent in the interface: what will be destroyed, one last export of the
synthèse, then the destruction itself, its journal and its procès-verbal."""

import datetime as dt

from PySide6.QtWidgets import QDialog, QMessageBox

from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.sections import Conservation, FinDuBilan, Libelle, PhasePreliminaire
from bilan_desktop.storage.exports import ExportLog
from bilan_desktop.storage.retention import RetentionEngine
from tests.gui.conftest import by_accessible_name
from tests.gui.workflow_helpers import bilan_at, choose_file, next_step


def _at_end(window, script, conservation=Conservation.AUCUNE):
    return bilan_at(window, script, Step.FIN_DU_BILAN, sections=(
        PhasePreliminaire(objectifs=[Libelle("Objectif très personnel")]),
        FinDuBilan(date_fin=window.clock.today(), conservation=conservation)))


def test_end_without_consent_says_what_goes_offers_the_synthese_then_destroys(window, script, tmp_path):
    bw, repo = _at_end(window, script)
    seen = {}

    def end_dialog(dialog):
        seen["message"] = dialog.message.text()
        by_accessible_name(dialog, "Exporter la synthèse pour le bénéficiaire").click()  # one last export
        dialog.accept()
        return QDialog.Accepted

    def destination(dialog):
        seen["destination"] = dialog.destination.label
        dialog.accept()
        return dialog.result()

    for handler in (end_dialog, destination, choose_file(tmp_path / "pour-elodie.pdf"), lambda d: QMessageBox.Ok):
        script.expect(handler)
    assert next_step(bw) == ""
    assert "Contenu du bilan" in seen["message"] and "Document de synthèse" in seen["message"]
    assert "Restent conservés" in seen["message"]
    assert seen["destination"] == "Remis au bénéficiaire"
    assert "supprimées de cet ordinateur" in seen["message"]  # hand the copy over before confirming
    assert repo.load(1).phase_preliminaire.objectifs == []  # destroyed at once
    assert "Destruction réglementaire effectuée" in window.statusBar().currentMessage()
    (entry,) = ExportLog(window.vault).entries(1)  # handed to the beneficiary: tracked all the same, and
    assert entry.path == str(tmp_path / "pour-elodie.pdf") and not (tmp_path / "pour-elodie.pdf").exists()  # deleted

    shown = []

    def journal(dialog):
        shown.append([dialog.table.item(0, c).text() for c in range(4)])
        dialog.table.setCurrentCell(0, 0)
        script.expect(lambda preview: shown.append(preview.count.text()) or QDialog.Rejected)
        dialog.record()
        return QDialog.Rejected

    script.expect(journal)
    window.journal_action.trigger()
    assert shown[0][0] == "26/11/2026" and shown[0][1] == "BC-2026-0001" and "R6313-7" in shown[0][2]
    assert "Lefèvre" not in " ".join(shown[0])
    assert shown[1] == "1 page"


def test_end_can_be_cancelled_but_the_date_still_rules(window, script, clock):
    bw, repo = _at_end(window, script)
    script.expect(lambda d: QDialog.Rejected)
    next_step(bw)
    assert repo.load(1).step is Step.FIN_DU_BILAN and repo.load(1).phase_preliminaire.objectifs
    clock.day = dt.date(2026, 11, 27)  # the day after the end date: due whatever the consultant did
    window.retention_timer.timeout.emit()
    assert repo.load(1).phase_preliminaire.objectifs == []
    assert len(RetentionEngine(window.vault).register()) == 1


def test_unlock_applies_destruction_and_a_failure_stays_visible(window, script, monkeypatch, clock):
    from bilan_desktop.storage import retention
    from tests.conftest import PASSPHRASE
    from tests.gui.conftest import unlock
    bw, repo = _at_end(window, script)
    window.lock()
    clock.day = dt.date(2026, 11, 28)
    real_destroy = retention.RetentionEngine._destroy

    def full_disk(self, *args):
        raise retention.DatabaseError("database or disk is full")

    monkeypatch.setattr(retention.RetentionEngine, "_destroy", full_disk)
    unlock(window, PASSPHRASE)
    assert "Destruction en attente (BC-2026-0001)" in window.retention_status.text()
    assert repo.load(1).phase_preliminaire.objectifs  # nothing half-done
    monkeypatch.setattr(retention.RetentionEngine, "_destroy", real_destroy)
    window.retention_timer.timeout.emit()  # the next run succeeds
    assert window.retention_status.text() == ""
    assert repo.load(1).phase_preliminaire.objectifs == []
