"""Issue 14 in the window: « À faire » is the home screen after unlocking and opens the right page; the agenda
plans sessions from free slots, flags a conflict that moving a session resolves, and exports an .ics file that a
parser reads back with the expected events and no full name."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from icalendar import Calendar
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.sections import EntretienPrealable
from bilan_desktop.domain.seances import Seance
from bilan_desktop.storage.dossiers import DossierRepository
from tests.gui.conftest import create_vault, fill_new_bilan
from tests.gui.workflow_helpers import choose_file


def _shot(widget, name):
    folder = os.environ.get("BILAN_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def _two_bilans(window, script):
    create_vault(window)
    for nom, prenom in (("Lefèvre", "Élodie"), ("Martin", "Jérôme")):
        script.expect(fill_new_bilan({"Nom": nom, "Prénom": prenom}))
        window.new_action.trigger()
    repo = DossierRepository(window.vault)
    now = window.clock.now()
    for bilan_id in (1, 2):
        repo.save_section(bilan_id, EntretienPrealable(consentement_libre=True), now)
        repo.set_step(bilan_id, Step.PHASE_PRELIMINAIRE, now)
    for bw in list(window.bilan_windows.values()):
        bw.close()
    window.reload_list()
    return repo


def test_agenda_plans_sessions_resolves_a_conflict_and_exports_ics(window, script, clock, tmp_path):
    repo = _two_bilans(window, script)
    home = window.home
    agenda = home.agenda
    home.setCurrentWidget(agenda)
    agenda.today()
    monday = clock.today() - dt.timedelta(days=clock.today().weekday())
    headers = [agenda.grid.horizontalHeaderItem(c) for c in range(7)]
    marked = [c for c, h in enumerate(headers) if h.text().endswith("— aujourd'hui")]
    assert marked == [clock.today().weekday()] and [h.font().bold() for h in headers].count(True) == 1
    assert headers[marked[0]].font().bold()
    friday_column = 4
    ten = 4  # 8:00 + 4 half-hours

    def plan_for(reference):
        def choose(dialog):
            dialog.combo.setCurrentIndex(next(i for i in range(dialog.combo.count())
                                              if dialog.combo.itemText(i).startswith(reference)))
            return QDialog.DialogCode.Accepted
        return choose

    def save(dialog):
        dialog.show()
        dialog.step.setCurrentIndex(dialog.step.findText("Phase préliminaire"))
        dialog.accept()
        return dialog.result()

    # a free slot on Friday at 10:00, for the first bilan
    script.expect(plan_for("BC-2026-0001"))
    script.expect(save)
    agenda.activate(ten, friday_column)
    (first,) = repo.load(1).seances
    assert (first.date, first.debut, first.fin) == (monday + dt.timedelta(days=4), dt.time(10), dt.time(12))
    model = window.list_page.model  # the list follows at once: hours realised + planned
    assert model.data(model.index(model.row_of(1), 8)) == "0 h + 2 h"

    # the second bilan's window is open while its session is planned from the agenda: it shows the session
    window.open_bilan(2)
    assert window.bilan_windows[2].seances.table.rowCount() == 0

    # 9:00 for the second bilan overlaps 10:00–12:00: the dialog warns (as the Séances page does), the consultant
    # plans it anyway
    nine = 2
    script.expect(plan_for("BC-2026-0002"))
    script.expect(save)
    script.expect(lambda box: QMessageBox.StandardButton.Yes)  # « Enregistrer la séance quand même ? »
    agenda.activate(nine, friday_column)
    assert "La séance chevauche celle de BC-2026-0001 (10:00–12:00)" in script.seen[-1][1]
    assert window.bilan_windows[2].seances.table.rowCount() == 1
    (second,) = repo.load(2).seances
    assert (second.debut, second.fin) == (dt.time(9), dt.time(11))
    assert "2 séances en conflit" in agenda.conflicts.text()
    _shot(agenda, "60-agenda-conflit")

    # a double-click on the clash opens the bilan on its sessions; the session moved to 14:00, the conflict is gone
    assert [e.reference for e in agenda.cluster_at(nine, friday_column)] == ["BC-2026-0002", "BC-2026-0001"]
    agenda.activate(nine, friday_column)  # the earliest of the clash: the second bilan's session
    bw = window.bilan_windows[2]
    assert bw.stack.currentWidget() is bw.seances

    def move(dialog):
        dialog.show()
        dialog.start.setTime(dialog.start.time().fromString("14:00", "HH:mm"))
        dialog.end.setTime(dialog.end.time().fromString("16:00", "HH:mm"))
        dialog.accept()
        return dialog.result()

    script.expect(move)
    bw.seances.table.setCurrentCell(0, 0)
    bw.activateWindow()  # the consultant works in the bilan's window
    QApplication.processEvents()
    assert bw.isActiveWindow() and not window.isActiveWindow()
    bw.seances.edit()
    assert repo.load(2).seances[0].debut == dt.time(14)
    # saved in the bilan's window: the home is read again when the consultant comes back to the main window
    assert window.home_stale and "2 séances en conflit" in agenda.conflicts.text()
    window.activateWindow()
    QApplication.processEvents()
    assert not window.home_stale and agenda.conflicts.text() == ""

    # a day view, and the export of the week
    agenda.show_day(first.date)
    assert agenda.grid.columnCount() == 1 and len(agenda.events) == 2
    agenda.set_days(7)
    target = tmp_path / "semaine.ics"
    script.expect(choose_file(target))
    script.expect(lambda box: QMessageBox.Ok)
    agenda.export()
    calendar = Calendar.from_ical(target.read_bytes())
    summaries = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    assert summaries == ["BC-2026-0001 — É. L. — Séance — phase préliminaire",
                         "BC-2026-0002 — J. M. — Séance — phase préliminaire"]
    assert b"Martin" not in target.read_bytes() and "Lefèvre".encode() not in target.read_bytes()
    assert oct(target.stat().st_mode & 0o777) == "0o600"


def test_todo_is_the_home_screen_and_opens_the_right_page(window, script, clock):
    repo = _two_bilans(window, script)
    repo.save_seance(1, Seance(date=clock.today(), debut=dt.time(14), fin=dt.time(16), etape=Step.PHASE_PRELIMINAIRE),
                     clock.now())
    home = window.home
    todo = home.todo
    assert window.stack.currentWidget() is home and home.currentWidget() is todo  # the first screen unlocked
    home.setCurrentWidget(home.list_page)
    window.lock()
    from tests.gui.conftest import unlock
    unlock(window)
    assert home.currentWidget() is home.list_page  # after a lock: back to what was being done
    home.setCurrentWidget(todo)
    assert todo.table.rowCount() >= 1 and "Séance" in todo.table.item(0, 2).text()
    assert "À faire (" in home.tabText(0)
    _shot(window, "61-a-faire")
    todo.open_row(0)
    bw = window.bilan_windows[1]
    assert bw.stack.currentWidget() is bw.seances


def test_one_session_or_all_of_a_bilan_to_ics(window, script, clock, tmp_path):
    repo = _two_bilans(window, script)
    for hour in (9, 14):
        repo.save_seance(1, Seance(date=clock.today(), debut=dt.time(hour), fin=dt.time(hour + 2),
                                   etape=Step.PHASE_PRELIMINAIRE), clock.now())
    window.open_bilan(1, "seances")
    page = window.bilan_windows[1].seances
    for target, select in ((tmp_path / "toutes.ics", False), (tmp_path / "une.ics", True)):
        page.table.clearSelection()
        if select:
            page.table.selectRow(1)
        script.expect(choose_file(target))
        script.expect(lambda box: QMessageBox.Ok)
        page.export_ics()
    every = Calendar.from_ical((tmp_path / "toutes.ics").read_bytes()).walk("VEVENT")
    one = Calendar.from_ical((tmp_path / "une.ics").read_bytes()).walk("VEVENT")
    assert len(every) == 2 and len(one) == 1 and str(one[0]["UID"]) == str(every[1]["UID"])
    assert "É. L." in str(one[0]["SUMMARY"]) and "Lefèvre" not in (tmp_path / "toutes.ics").read_text()


def test_a_double_click_or_enter_acts_once(window, script, clock):
    """A double-click on a free slot plans one session (one dialog, not two); Enter does the same from the keyboard;
    Enter on a line of « À faire » or of the list opens its bilan."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    _two_bilans(window, script)
    agenda = window.home.agenda
    window.home.setCurrentWidget(agenda)
    agenda.today()
    before = len(script.seen)
    script.expect(lambda dialog: QDialog.DialogCode.Rejected)  # « Nouvelle séance »: which bilan? cancelled
    rect = agenda.grid.visualRect(agenda.grid.model().index(4, 2))
    for gesture in (QTest.mouseClick, QTest.mouseDClick):  # a double-click as the platform delivers it
        gesture(agenda.grid.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    assert [name for name, _ in script.seen[before:]] == ["agendaBilanChoice"]
    # Enter plans from the keyboard; the session belongs to the step the bilan is at, the dialog names the bilan
    repo = DossierRepository(window.vault)
    repo.set_step(1, Step.PHASE_INVESTIGATION, clock.now())
    window.reload_list()
    shown = {}

    def choose_first(dialog):
        dialog.combo.setCurrentIndex(dialog.combo.findData(1))
        return QDialog.DialogCode.Accepted

    def look(dialog):
        shown.update(step=dialog.step.currentText(), title=dialog.windowTitle())
        return QDialog.DialogCode.Rejected

    script.expect(choose_first)
    script.expect(look)
    agenda.grid.setFocus()
    agenda.grid.setCurrentCell(6, 1)
    QTest.keyClick(agenda.grid, Qt.Key.Key_Return)
    assert [name for name, _ in script.seen[before:]] == ["agendaBilanChoice"] * 2 + ["seanceDialog"]
    assert shown == {"step": "Phase d'investigation", "title": "Nouvelle séance — BC-2026-0001 — LEFÈVRE Élodie"}
    assert repo.load(1).seances == []  # cancelled: nothing saved

    window.home.setCurrentWidget(window.list_page)
    table = window.list_page.table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    QTest.keyClick(table, Qt.Key.Key_Return)
    assert len(window.bilan_windows) == 1


def test_saves_seen_from_the_active_main_window_read_the_home_once_and_never_at_lock(window, script, monkeypatch):
    _two_bilans(window, script)
    window.open_bilan(1)
    bw = window.bilan_windows[1]
    window.activateWindow()
    QApplication.processEvents()
    assert window.isActiveWindow()
    readings = []
    real = window.reload_list
    monkeypatch.setattr(window, "reload_list", lambda: readings.append(1) or real())
    bw.edited.emit(1)
    bw.edited.emit(1)  # two saves in a row (a page, then the sessions)
    assert readings == []  # not inside the save itself
    QApplication.processEvents()
    assert readings == [1] and not window.home_stale
    bw.edited.emit(1)  # a save made while the vault locks (the window closing saves what is pending)
    window.lock()
    QApplication.processEvents()
    assert readings == [1]  # nothing read for a list that is being cleared
