"""Issue 11 §3 through the window: pause and resume, the end then the destruction seen on every page, closing the
dossier with the situation at six months, and the list's states."""

import datetime as dt

from PySide6.QtWidgets import QDialog, QMessageBox

from bilan_desktop.domain.lifecycle import Issue, Step
from bilan_desktop.domain.sections import Conservation, FinDuBilan, PhaseConclusion, PhaseInvestigation
from bilan_desktop.domain.synthese import SyntheseDraft
from tests.gui.workflow_helpers import bilan_at, next_step


def _state(window) -> str:
    window._refresh_list()
    window.list_page.archives.setChecked(True)  # closed, abandoned, refused and destroyed bilans are archived
    return window.list_page.model.index(0, 4).data()


def test_pause_then_resume(window, script, clock):
    bw, repo = bilan_at(window, script, Step.PHASE_INVESTIGATION)
    assert _state(window) == "En cours" and bw.pause_action.text() == "Mettre en pause"
    bw.pause_action.trigger()
    assert "État : <b>Suspendu</b>" in bw.header.text() and "En pause depuis le jeudi 26 novembre 2026" in bw.header.text()
    assert _state(window) == "Suspendu" and bw.pause_action.text() == "Reprendre le bilan"
    clock.day = dt.date(2026, 12, 8)
    bw.refresh()
    assert "(12 jours)" in bw.header.text()
    bw.pause_action.trigger()
    assert "Suspendu" not in bw.header.text() and _state(window) == "En cours"


def test_end_destruction_shown_everywhere_then_closed(window, script, clock):
    end = dt.date(2026, 11, 25)
    bw, repo = bilan_at(window, script, Step.FIN_DU_BILAN, sections=[
        PhaseInvestigation(projet_intitule="Ébéniste"),
        PhaseConclusion(synthese_remise_le=end), SyntheseDraft(projet="Devenir ébéniste"),
        FinDuBilan(date_fin=end, conservation=Conservation.AUCUNE)])
    ends = []
    script.expect(lambda d: ends.append(d.message.text()) or QDialog.DialogCode.Accepted)
    bw.select(Step.FIN_DU_BILAN)
    assert next_step(bw) == ""
    assert "détruits définitivement" in ends[0]
    investigation = bw.page_for(Step.PHASE_INVESTIGATION)
    assert "Contenu détruit le jeudi 26 novembre 2026 (art. R6313-7)." in investigation.banner.text()
    assert not investigation.form.isEnabled()
    assert "Contenu détruit le" in bw.redaction.banner.text()
    status = bw.documents.rows[next(k for k in bw.documents.rows if k.value == "synthese")][0]
    assert status.text() == "Détruit le 26/11/2026 (art. R6313-7)."
    fin = bw.page_for(Step.FIN_DU_BILAN)  # the end decision is read-only, but the agreement can be withdrawn
    assert not fin.form.widgets["conservation"].isEnabled() and fin.form.widgets["accord_retire_le"].isEnabled()
    assert not bw.abandon_action.isEnabled()
    assert _state(window) == "Contenu détruit"

    errors = []
    script.expect(lambda d: d.accept() or d.result())  # close dialog, situation left « Non renseignée »
    script.expect(lambda box: errors.append(box.text()) or QMessageBox.StandardButton.Ok)
    bw.close_dossier_action.trigger()
    assert "entretien de suivi n'a pas eu lieu" in errors[0] and "six mois après" in errors[0]

    clock.day = dt.date(2027, 6, 1)  # the planned follow-up (25 May 2027) has passed: the beneficiary never came

    def close(dialog):
        dialog.issue.setCurrentIndex(dialog.issue.findData(Issue.SANS_NOUVELLES.value))
        dialog.accept()
        return dialog.result()

    bw.refresh()
    script.expect(close)
    last = bw.page_for(Step.ENTRETIEN_SUIVI).next_button  # the last step's button closes the dossier
    assert last.text() == "Clore le dossier…"
    last.click()
    dossier = repo.load(1)
    assert dossier.cloture.clos_le == dt.date(2027, 6, 1) and dossier.cloture.issue_six_mois is Issue.SANS_NOUVELLES
    assert _state(window) == "Clos" and not bw.close_dossier_action.isEnabled()


def _refused_bilan(window, script):
    from bilan_desktop.domain.funding import Funding
    from bilan_desktop.domain.sections import Convention, EntretienPrealable
    bw, repo = bilan_at(window, script, Step.ENTRETIEN_PREALABLE)
    now = window.clock.now()
    repo.set_funding(1, Funding.PLAN_DEVELOPPEMENT, now)
    repo.set_step(1, Step.CONVENTION, now)
    repo.save_section(1, EntretienPrealable(consentement_libre=True, justification="Besoin de faire le point"), now)
    repo.save_section(1, Convention(employeur="ACME", transmis_le=dt.date(2026, 11, 10)), now)  # last day: 20/11
    bw.refresh()
    bw.select(Step.CONVENTION)
    return bw, repo


def test_a_signature_in_time_recorded_late_lifts_the_refus(window, script):
    from tests.gui.conftest import type_text
    bw, repo = _refused_bilan(window, script)
    assert "Étape : <b>Refus réputé (art. R6313-8)</b>" in bw.header.text()
    convention = bw.page_for(Step.CONVENTION)
    field = convention.form.widgets["signe_salarie_le"]
    assert field.isEnabled() and not convention.form.widgets["employeur"].isEnabled()
    type_text(field, "20/11/2026")
    convention.save_now()
    bw.refresh()
    assert "Refus réputé" not in bw.header.text() and "Étape : <b>Convention</b>" in bw.header.text()
    assert repo.load(1).convention.signe_salarie_le == dt.date(2026, 11, 20)


def test_a_refus_is_destroyed_only_once_confirmed(window, script):
    bw, repo = _refused_bilan(window, script)
    window.run_retention()
    assert repo.load(1).entretien_prealable.justification == "Besoin de faire le point"  # nothing destroyed yet
    assert bw.confirm_refus_action.isEnabled()
    script.expect(lambda box: QMessageBox.StandardButton.Yes)
    bw.confirm_refus_action.trigger()
    assert repo.load(1).entretien_prealable.justification == ""
    assert repo.load(1).entretien_prealable.consentement_libre  # the administrative record stays
    assert not bw.confirm_refus_action.isEnabled() and _state(window) == "Refus réputé"


def test_the_window_finishes_a_destruction_in_later_turns_or_at_lock(window, script, qtbot):
    end = dt.date(2026, 11, 25)
    bw, repo = bilan_at(window, script, Step.ENTRETIEN_SUIVI, sections=[
        PhaseInvestigation(projet_intitule="Ébéniste" * 500), FinDuBilan(date_fin=end, conservation=Conservation.AUCUNE)])
    key = window.vault.raw_key
    window.run_retention()
    assert window._unfinished and window.vault.raw_key == key  # deleted now; compaction and new key to come
    qtbot.waitUntil(lambda: not window._unfinished, timeout=2000)
    assert window.vault.raw_key != key
    assert window.vault.conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
    # a destruction left unfinished when the vault locks is finished first
    repo.save_section(1, PhaseInvestigation(projet_intitule="Menuisier" * 500), window.clock.now())
    window.clock.day = dt.date(2026, 11, 27)
    key = window.vault.raw_key
    window.run_retention()
    assert window._unfinished
    db = window.vault.db_path
    window.lock()
    assert not window._unfinished
    from bilan_desktop.storage.keyfile import KeyFile
    from tests.conftest import PASSPHRASE
    assert KeyFile.load(db.with_name("coffre.key")).unwrap_passphrase(PASSPHRASE) != key  # the new key was set
