from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox

from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.sections import Libelle, PhasePreliminaire
from tests.conftest import PASSPHRASE
from tests.gui.conftest import by_accessible_name, type_text
from tests.gui.workflow_helpers import add_rows, bilan_at


def _bilan(window, script, consent=True):
    return bilan_at(window, script, Step.PHASE_PRELIMINAIRE, consent)


def test_list_rows_reorder_remove_and_bad_dates(window, script):
    bw, repo = _bilan(window, script)
    page = bw.page_for(Step.PHASE_PRELIMINAIRE)
    add_rows(page, "Objectifs du bénéficiaire", [["Premier"], ["Deuxième"], ["Troisième"]])
    editor = page.form.widgets["objectifs"]
    editor.table.setCurrentCell(2, 0)
    editor.move_row(-1)
    editor.move(0, 0)  # QWidget.move is no longer hidden by the row move
    editor.table.setCurrentCell(0, 0)
    editor.remove_row()
    page.save_now()
    assert repo.load(1).phase_preliminaire.objectifs == [Libelle("Troisième"), Libelle("Deuxième")]

    investigation = bw.page_for(Step.PHASE_INVESTIGATION)
    repo.set_step(1, Step.PHASE_INVESTIGATION, window.clock.now())
    bw.refresh()
    add_rows(investigation, "Expériences professionnelles", [["Comptable", "ACME", "32/13/2010", "", ""]])
    investigation.save_now()
    message = investigation.form.errors["experiences"].text()
    assert "Ligne 1" in message and "Début" in message and "jj/mm/aaaa" in message
    assert repo.load(1).phase_investigation.experiences == []  # not saved until corrected, nothing else lost


def test_consent_missing_locks_the_phases_with_the_reason(window, script):
    bw, repo = _bilan(window, script, consent=False)
    page = bw.page_for(Step.PHASE_PRELIMINAIRE)
    assert not page.form.isEnabled()
    assert "Terminez d'abord" in page.banner.text() or "consentement" in page.banner.text()
    repo.set_step(1, Step.PHASE_PRELIMINAIRE, window.clock.now())  # even if the step were reached
    bw.refresh()
    assert not page.form.isEnabled()
    assert "consentement libre" in page.banner.text()
    assert PhasePreliminaire() == repo.load(1).phase_preliminaire


def test_abandon_closes_the_record(window, script):
    bw, repo = _bilan(window, script)
    seen = []

    def abandon(dialog):
        dialog.show()
        seen.append(dialog.message.text())
        assert dialog.date.text() == window.clock.today().strftime("%d/%m/%Y")  # no session yet: today
        dialog.date.setText("01/01/2099")
        dialog.accept()  # a date in the future is refused, the dialog stays
        assert "futur" in dialog.error.text() and dialog.day is None
        dialog.date.setText(window.clock.today().strftime("%d/%m/%Y"))
        dialog.accept()
        return dialog.result()

    script.expect(abandon)
    bw.abandon_action.trigger()
    assert "destruction" in seen[0] and "Document de synthèse" in seen[0] and "Restent conservés" in seen[0]
    assert repo.load(1).cloture.abandon_le == window.clock.today()
    assert "Étape : <b>Abandon</b>" in bw.header.text()
    assert not bw.page_for(Step.PHASE_PRELIMINAIRE).form.isEnabled()
    assert not bw.abandon_action.isEnabled()
    window._refresh_list()
    assert window.list_page.model.rowCount() == 0 and "1 archivé" in window.list_page.count.text()
    window.list_page.archives.setChecked(True)  # an abandoned bilan is in the archives
    assert window.list_page.model.index(0, 3).data() == "Abandon"
    assert window.list_page.model.index(0, 4).data() == "Abandon"


def test_locked_step_tooltip_gives_the_reason(window, script):
    bw, _repo = _bilan(window, script)
    items = {bw.stepper.item(r).data(256): bw.stepper.item(r) for r in range(bw.stepper.count())}
    assert items["phase_investigation"].toolTip() == "Aucun objectif défini."
    assert items["phase_conclusion"].toolTip() == "Terminez d'abord l'étape « Phase d'investigation »."
    assert by_accessible_name(bw, "Étapes du bilan") is bw.stepper


def test_closing_the_app_right_after_typing_loses_nothing(window, script):
    bw, repo = _bilan(window, script)
    page = bw.page_for(Step.PHASE_PRELIMINAIRE)
    type_text(by_accessible_name(page, "a) Analyse de la demande"), "Envie d'un métier plus créatif")
    assert page.has_pending_edits
    window.close()  # quitting: every open bilan window saves what is pending
    window.vault.unlock(PASSPHRASE)
    assert repo.load(1).phase_preliminaire.analyse_demande == "Envie d'un métier plus créatif"


def test_edit_and_remove_a_session(window, script):
    bw, repo = _bilan(window, script)
    script.expect(lambda d: (d.date.setText("01/12/2026"), d.accept(), d.result())[-1])
    bw.seances.buttons["Ajouter une séance"].click()
    assert "2 h sur 24 h" in bw.seances.total.text()

    def longer(dialog):
        dialog.end.setTime(dialog.end.time().addSecs(3600))
        dialog.accept()
        return dialog.result()

    bw.seances.table.setCurrentCell(0, 0)
    script.expect(longer)
    bw.seances.buttons["Modifier"].click()
    assert "3 h sur 24 h" in bw.seances.total.text()
    script.expect(lambda box: QMessageBox.Yes)
    bw.seances.buttons["Supprimer"].click()
    assert repo.seances(1) == [] and "0 h sur 24 h" in bw.seances.total.text()


def test_planned_hours_cannot_exceed_24(window, script):
    bw, _repo = _bilan(window, script)
    field = by_accessible_name(bw.page_for(Step.PHASE_PRELIMINAIRE), "Heures prévues")
    field.setValue(30)
    assert field.value() == 24 and field.maximum() == 24


def test_a_table_cell_still_being_edited_is_saved_when_the_window_closes(window, script, qtbot):
    bw, repo = _bilan(window, script)
    page = bw.page_for(Step.PHASE_PRELIMINAIRE)
    editor = page.form.widgets["objectifs"]
    editor.add_row()
    table = editor.table
    table.setCurrentCell(0, 0)
    table.editItem(table.item(0, 0))
    cell = table.findChild(QLineEdit)
    assert cell is not None and cell.isVisible()
    type_text(cell, "Changer de métier sans tout perdre")
    assert page.has_pending_edits  # autosave already knows
    bw.close()  # the cell editor is still open
    assert [o.libelle for o in repo.load(1).phase_preliminaire.objectifs] == ["Changer de métier sans tout perdre"]


def test_a_session_being_typed_is_saved_when_the_vault_locks(window, script, qtbot):
    bw, repo = _bilan(window, script)
    window.idle._timer.setInterval(100)
    window.idle.start()

    def typing_when_the_lock_comes(dialog):
        dialog.show()
        dialog.date.setText("02/12/2026")
        type_text(dialog.notes, "Notes prises juste avant le verrouillage")
        qtbot.waitUntil(lambda: not window.vault.is_open, timeout=3000)
        return QDialog.Rejected  # the dialog and its bilan window are gone by now

    script.expect(typing_when_the_lock_comes)
    bw.seances.buttons["Ajouter une séance"].click()
    window.vault.unlock(PASSPHRASE)
    assert [s.notes for s in repo.seances(1)] == ["Notes prises juste avant le verrouillage"]


def test_locking_during_an_export_or_a_preview_is_harmless(window, script, qtbot):
    from bilan_desktop.documents.catalog import DocumentKind
    bw, repo = _bilan(window, script)

    def wait_for_the_lock(dialog):
        window.idle._timer.setInterval(100)
        window.idle.start()
        qtbot.waitUntil(lambda: not window.vault.is_open, timeout=3000)
        return QDialog.Rejected

    script.expect(wait_for_the_lock)  # the export's destination dialog
    bw.documents.export(DocumentKind.EMARGEMENT)
    assert window.stack.currentWidget() is window.unlock_page
    window.unlock(PASSPHRASE)
    bw = window.bilan_windows[1]  # reopened where the consultant was
    script.expect(lambda d: QDialog.Accepted)  # destination
    script.expect(wait_for_the_lock)  # the file dialog, open when the lock comes
    bw.documents.export(DocumentKind.EMARGEMENT)
    assert not window.vault.is_open
