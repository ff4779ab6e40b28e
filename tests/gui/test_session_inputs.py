"""Issue 20 §6 in the window: the Séances page and the agenda warn with the same words about the same session; a
session planned from the agenda defaults to a phase, never the entretien préalable; an abandon offers to cancel the
sessions still planned."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QDialog, QMessageBox

from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.seances import Seance, StatutSeance
from tests.gui.workflow_helpers import bilan_at

SUNDAY = dt.date(2026, 11, 29)  # the fixed clock's today is Thursday 26 November 2026


def _answer(button):
    return lambda box: button


def test_the_seances_page_and_the_agenda_give_the_same_warnings(window, script):
    bw, repo = bilan_at(window, script, Step.PHASE_PRELIMINAIRE)

    def fill(day, start, end, steps=None):
        def handler(dialog):
            dialog.show()
            dialog.date.setText(day.strftime("%d/%m/%Y"))
            dialog.start.setTime(QTime(*start))
            dialog.end.setTime(QTime(*end))
            if steps:
                dialog.step.setCurrentIndex(dialog.step.findText(steps))
            dialog.accept()
            return dialog.result()
        return handler

    # the Séances page: a Sunday afternoon, confirmed
    script.expect(fill(SUNDAY, (14, 0), (16, 0)))
    script.expect(_answer(QMessageBox.StandardButton.Yes))
    bw.seances.add()
    assert script.seen[-1][1].startswith("• La séance tombe un dimanche : dimanche 29 novembre 2026.")
    assert [(s.date, s.debut) for s in repo.load(1).seances] == [(SUNDAY, dt.time(14))]

    # the agenda: the same Sunday at 13:00 (a free slot) for two hours overlaps it; refused at the question
    agenda = window.home.agenda
    window.home.setCurrentWidget(agenda)
    agenda.today()
    script.expect(lambda dialog: QDialog.DialogCode.Accepted)  # the only bilan
    shown = {}

    def planned(dialog):
        shown["times"] = (dialog.date.text(), dialog.start.text(), dialog.end.text())
        dialog.accept()
        return dialog.result()

    script.expect(planned)
    script.expect(_answer(QMessageBox.StandardButton.No))
    agenda.activate(10, 6)  # 8:00 + 10 half-hours, Sunday's column
    from_agenda = script.seen[-1][1]
    assert from_agenda == ("• La séance tombe un dimanche : dimanche 29 novembre 2026.\n• La séance chevauche celle "
                           "de BC-2026-0001 (14:00–16:00).\n\nEnregistrer la séance quand même ?")
    assert shown["times"] == ("29/11/2026", "13:00", "15:00") and len(repo.load(1).seances) == 1

    # the same session typed on the Séances page: the same question, word for word
    script.expect(fill(SUNDAY, (13, 0), (15, 0)))
    script.expect(_answer(QMessageBox.StandardButton.No))
    bw.seances.add()
    assert script.seen[-1][1] == from_agenda and len(repo.load(1).seances) == 1

    # a 4-hour entretien préalable, and a day over ten hours (refused, no question)
    script.expect(fill(dt.date(2026, 11, 20), (9, 0), (13, 0), "Entretien préalable"))
    script.expect(_answer(QMessageBox.StandardButton.No))
    bw.seances.add()
    assert "L'entretien préalable dure 4 h : plus de 3 heures" in script.seen[-1][1]
    def too_long(dialog):
        fill(dt.date(2026, 11, 24), (8, 0), (19, 0))(dialog)
        shown["error"] = dialog.error.text()
        return QDialog.DialogCode.Rejected

    before = len(script.seen)
    script.expect(too_long)
    bw.seances.add()
    assert "plus que les 10 heures d'une journée de travail" in shown["error"]
    assert [name for name, _ in script.seen[before:]] == ["seanceDialog"]  # no question before a refusal


def test_a_session_planned_from_the_agenda_defaults_to_the_phase_not_the_entretien_prealable(window, script):
    bilan_at(window, script, Step.ENTRETIEN_PREALABLE)
    window.reload_list()
    agenda = window.home.agenda
    window.home.setCurrentWidget(agenda)
    agenda.today()
    shown = {}

    def look(dialog):
        shown["step"] = dialog.step.currentText()
        shown["steps"] = [dialog.step.itemText(i) for i in range(dialog.step.count())]
        return QDialog.DialogCode.Rejected

    script.expect(lambda dialog: QDialog.DialogCode.Accepted)
    script.expect(look)
    agenda.activate(4, 1)
    assert shown["step"] == "Phase préliminaire"
    assert "Entretien préalable" in shown["steps"]  # the consultant may still choose it, in the dialog


def test_an_abandon_offers_to_cancel_the_planned_sessions(window, script):
    bw, repo = bilan_at(window, script, Step.PHASE_PRELIMINAIRE)
    now = window.clock.now()
    repo.save_seance(1, Seance(date=dt.date(2026, 11, 24), statut=StatutSeance.REALISEE,
                               etape=Step.PHASE_PRELIMINAIRE), now)
    for day in (dt.date(2026, 12, 1), dt.date(2026, 12, 8)):
        repo.save_seance(1, Seance(date=day, etape=Step.PHASE_PRELIMINAIRE), now)
    bw.refresh()

    def abandon(dialog):
        dialog.date.setText("26/11/2026")
        dialog.accept()
        return dialog.result()

    script.expect(abandon)
    script.expect(_answer(QMessageBox.StandardButton.Yes))
    bw.abandon_action.trigger()
    assert script.seen[-1][1].startswith("2 séances restent planifiées après l'abandon (01/12/2026, 08/12/2026).")
    assert {s.date: s.statut for s in repo.load(1).seances} == {
        dt.date(2026, 11, 24): StatutSeance.REALISEE, dt.date(2026, 12, 1): StatutSeance.ANNULEE,
        dt.date(2026, 12, 8): StatutSeance.ANNULEE}
    assert repo.load(1).cloture.abandon_le == dt.date(2026, 11, 26)


def test_a_pause_offers_to_cancel_the_planned_sessions_and_no_keeps_them(window, script):
    bw, repo = bilan_at(window, script, Step.PHASE_PRELIMINAIRE)
    repo.save_seance(1, Seance(date=dt.date(2026, 12, 1), etape=Step.PHASE_PRELIMINAIRE), window.clock.now())
    bw.refresh()
    script.expect(_answer(QMessageBox.StandardButton.No))
    bw.pause_action.trigger()
    assert script.seen[-1][1].startswith("1 séance reste planifiée après la pause (01/12/2026).")
    assert repo.load(1).cloture.suspendu_le == dt.date(2026, 11, 26)
    assert [s.statut for s in repo.load(1).seances] == [StatutSeance.PLANIFIEE]  # « Non »: kept
