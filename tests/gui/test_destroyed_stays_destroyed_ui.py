"""Issue 19 §6 through the window: after a destruction, exporting another document leaves the destroyed documents'
buttons disabled; follow-up notes destroyed are shown read-only, and the service refuses them by the same rule."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from bilan_desktop.documents.catalog import DocumentKind
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.seances import Seance
from bilan_desktop.domain.sections import Conservation, FinDuBilan, PhaseConclusion, Suivi
from bilan_desktop.domain.sharing import Destination
from bilan_desktop.domain.synthese import SyntheseDraft
from bilan_desktop.domain.workflow import RuleViolation
from tests.gui.conftest import by_accessible_name
from tests.gui.workflow_helpers import bilan_at, choose_file, next_step


def test_exporting_another_document_leaves_the_destroyed_synthese_disabled(window, script, tmp_path):
    end = dt.date(2026, 11, 25)
    bw, repo = bilan_at(window, script, Step.FIN_DU_BILAN, sections=[
        PhaseConclusion(synthese_remise_le=end), SyntheseDraft(projet="Devenir ébéniste"),
        FinDuBilan(date_fin=end, conservation=Conservation.AUCUNE)])
    repo.save_seance(1, Seance(date=dt.date(2026, 12, 3)), window.clock.now())  # planned: its sheet can be printed
    script.expect(lambda _dialog: QDialog.DialogCode.Accepted)  # the end of the bilan, and what it destroys
    bw.select(Step.FIN_DU_BILAN)
    assert next_step(bw) == ""
    rows = bw.documents.rows
    for kind in (DocumentKind.SYNTHESE, DocumentKind.RESULTATS):
        status, preview, export = rows[kind]
        assert status.text() == "Détruit le 26/11/2026 (art. R6313-7)."
        assert not preview.isEnabled() and not export.isEnabled()

    def destination(dialog):
        by_accessible_name(dialog, Destination.BENEFICIAIRE.label).click()
        dialog.accept()
        return dialog.result()

    for handler in (destination, choose_file(tmp_path / "feuille.pdf"), lambda _box: QMessageBox.StandardButton.Ok):
        script.expect(handler)
    rows[DocumentKind.EMARGEMENT_VIERGE][2].click()
    assert (tmp_path / "feuille.pdf").read_bytes().startswith(b"%PDF")
    for kind in (DocumentKind.SYNTHESE, DocumentKind.RESULTATS):  # still destroyed after the page reloaded
        status, preview, export = rows[kind]
        assert status.text() == "Détruit le 26/11/2026 (art. R6313-7)."
        assert not preview.isEnabled() and not export.isEnabled(), kind


def test_destroyed_follow_up_notes_read_only_and_refused(window, script):
    """The bilan ended in May; the follow-up took place on 20 November: its notes are destroyed when the app runs
    the engine (26 November). The page shows them read-only and the service refuses them, by one rule."""
    bw, repo = bilan_at(window, script, Step.ENTRETIEN_SUIVI, sections=[
        FinDuBilan(date_fin=dt.date(2026, 5, 29), conservation=Conservation.AUCUNE),
        Suivi(realise_le=dt.date(2026, 11, 20), mis_en_place="Formation d'ébéniste commencée")])
    page = bw.page_for(Step.ENTRETIEN_SUIVI)
    assert page.form.isEnabled()  # before the destruction, the notes can be typed
    window.run_retention()
    bw.refresh()
    assert repo.load(1).suivi.mis_en_place == ""
    assert not page.form.isEnabled()
    assert page.banner.text() == "Contenu détruit le jeudi 26 novembre 2026 (art. R6313-7)."
    with pytest.raises(RuleViolation) as refused:
        bw.dossiers.save_section(1, Suivi(realise_le=dt.date(2026, 11, 20), mis_en_place="Tapé de nouveau"),
                                 window.clock.now())
    assert refused.value.problems == ["Contenu détruit le jeudi 26 novembre 2026 (art. R6313-7)."]
    assert repo.load(1).suivi.mis_en_place == ""


def test_satisfaction_typed_after_the_destruction_is_stored_detached_and_said_so(window, script):
    bw, repo = bilan_at(window, script, Step.ENTRETIEN_SUIVI, sections=[
        FinDuBilan(date_fin=dt.date(2026, 5, 29), conservation=Conservation.AUCUNE),
        Suivi(realise_le=dt.date(2026, 11, 20))])
    window.run_retention()

    def answer(dialog):
        for group in dialog.groups:
            group.button(4).setChecked(True)
        dialog.comment.setPlainText("Merci Zéphyrine")
        dialog.accept()
        return dialog.result()

    said = []
    script.expect(answer)
    script.expect(lambda box: said.append(box.text()) or QMessageBox.StandardButton.Ok)
    bw.open_satisfaction("suivi")
    assert "sans lien avec le bénéficiaire" in said[0] and "commentaire libre n'est pas conservé" in said[0]
    rows = window.vault.conn.execute("SELECT bilan_id, kind, comment, funding FROM satisfaction").fetchall()
    assert rows == [(None, "suivi", "", "cpf")]
    script.expect(answer)  # a second time: refused, not counted twice
    script.expect(lambda box: said.append(box.text()) or QMessageBox.StandardButton.Ok)
    bw.open_satisfaction("suivi")
    assert "déjà enregistrées" in said[1]
    assert len(window.vault.conn.execute("SELECT * FROM satisfaction").fetchall()) == 1


def test_session_notes_read_only_once_the_content_is_destroyed(window, script):
    from bilan_desktop.ui.seances_page import SeanceDialog
    bw, repo = bilan_at(window, script, Step.ENTRETIEN_SUIVI, sections=[
        FinDuBilan(date_fin=dt.date(2026, 5, 29), conservation=Conservation.AUCUNE)])
    before = SeanceDialog(bw.dossiers, 1, Seance(date=dt.date(2026, 11, 20), etape=Step.ENTRETIEN_SUIVI), window.clock)
    assert not before.notes.isReadOnly()
    window.run_retention()
    after = SeanceDialog(bw.dossiers, 1, Seance(date=dt.date(2026, 11, 20), etape=Step.ENTRETIEN_SUIVI), window.clock)
    assert after.notes.isReadOnly()
    assert after.notes.placeholderText() == ("Contenu détruit le jeudi 26 novembre 2026 (art. R6313-7). Les notes de "
                                             "séance ne sont plus enregistrées.")
