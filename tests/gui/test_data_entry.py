"""Issue 13, data entry around the synthèse: list rows edited in a form, Tab leaving a table, wrapped cells, a date
picked from a calendar, two-digit years, the file dialog in French opening in the export folder."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from bilan_desktop.domain.dates import parse_short_date
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.sections import Experience, PhaseInvestigation
from bilan_desktop.storage.exports import ProviderRepository
from bilan_desktop.ui import dialogs
from tests.gui.conftest import by_accessible_name, type_text
from tests.gui.workflow_helpers import bilan_at

LONG = "Assistante de direction dans une PME de transport, chargée de la paie, de la facturation et des relations " \
       "avec les clients grands comptes"


def test_a_list_row_is_edited_in_a_form_and_tab_leaves_the_table(window, script):
    bw, repo = bilan_at(window, script, Step.PHASE_INVESTIGATION, sections=[
        PhaseInvestigation(experiences=[Experience(poste=LONG, employeur="Transports Rhône")])])
    page = bw.pages[Step.PHASE_INVESTIGATION]
    table = by_accessible_name(page, "Expériences professionnelles")
    editor = table.parent()
    assert table.wordWrap() and not table.tabKeyNavigation()
    assert table.item(0, 0).toolTip() == LONG  # the whole text, even where a cell is narrow
    table.setCurrentCell(0, 0)
    table.setFocus()
    QTest.keyClick(table, Qt.Key_Tab)
    assert QApplication.focusWidget() is not table  # Tab leaves the table instead of cycling through its cells

    def row(dialog):
        dialog.show()
        description = dialog.fields["description"]
        type_text(description, "Paie de 120 salariés.")
        dialog.fields["debut"].setText("1/9/13")  # two-digit year
        dialog.accept()
        return dialog.result()

    script.expect(row)
    table.setCurrentCell(0, 0)
    by_accessible_name(editor, "Modifier — Expériences professionnelles").click()
    page.save_now()
    (experience,) = repo.load(1).phase_investigation.experiences
    assert (experience.poste, experience.description, experience.debut) == (LONG, "Paie de 120 salariés.",
                                                                             dt.date(2013, 9, 1))

    def invalid(dialog):
        dialog.show()
        dialog.fields["fin"].setText("32/13/2020")
        dialog.accept()
        assert "valeur invalide" in dialog.error.text() and dialog.isVisible()
        dialog.reject()
        return dialog.result()

    script.expect(invalid)
    by_accessible_name(editor, "Modifier — Expériences professionnelles").click()
    assert repo.load(1).phase_investigation.experiences == [experience]  # nothing lost


def test_a_date_picked_from_the_calendar(window, script):
    bw, repo = bilan_at(window, script, Step.PHASE_INVESTIGATION)
    page = bw.pages[Step.ENTRETIEN_PREALABLE]
    field = page.form.widgets["date"]
    holder = field.parentWidget()
    holder.open_calendar()
    holder.calendar.clicked.emit(QDate(2026, 11, 20))
    assert field.text() == "20/11/2026"
    assert holder.calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    page.save_now()
    assert repo.load(1).entretien_prealable.date == dt.date(2026, 11, 20)


def test_two_digit_years():
    assert parse_short_date("12/4/83") == dt.date(1983, 4, 12)
    assert parse_short_date("3/1/27") == dt.date(2027, 1, 3)
    assert parse_short_date("1/1/40") == dt.date(2040, 1, 1) and parse_short_date("1/1/41") == dt.date(1941, 1, 1)
    assert parse_short_date("26/11/2026") == dt.date(2026, 11, 26)


def test_the_file_dialog_speaks_french_and_opens_in_the_export_folder(window, script, tmp_path):
    bw, _repo = bilan_at(window, script, Step.PHASE_INVESTIGATION)
    folder = tmp_path / "exports"
    folder.mkdir()
    provider = ProviderRepository(window.vault).load()
    from dataclasses import replace
    ProviderRepository(window.vault).save(replace(provider, dossier_export=str(folder)))
    seen = {}

    def look(dialog: QFileDialog):
        seen["dir"] = dialog.directory().absolutePath()
        seen["labels"] = [dialog.labelText(label) for label, _ in dialogs.FRENCH_LABELS]
        seen["texts"] = " ".join(w.text() for w in dialog.findChildren(QLabel))
        return 0

    script.expect(look)
    from bilan_desktop.ui.documents_page import export_folder
    dialogs.choose_save_file(bw, "Exporter", "Document PDF (*.pdf)", "synthese.pdf", folder=export_folder(window.vault))
    assert seen["dir"] == str(folder)
    assert seen["labels"] == ["Dossier\u00a0:", "Nom du fichier\u00a0:", "Type de fichier\u00a0:"]
    assert "Look in" not in seen["texts"] and "Files of type" not in seen["texts"]


def test_a_file_name_typed_without_its_extension_gets_it(qapp, script, tmp_path):
    from tests.gui.workflow_helpers import choose_file
    for typed, expected in (("chiffres", "chiffres.csv"), ("chiffres.CSV", "chiffres.CSV"),
                            ("chiffres.v2", "chiffres.v2.csv")):
        script.expect(choose_file(tmp_path / typed))
        assert dialogs.choose_save_path(None, "Exporter", "Tableur (*.csv)", "x.csv") == (tmp_path / expected, False)
    script.expect(lambda dialog: 0)  # cancelled
    assert dialogs.choose_save_path(None, "Exporter", "Tableur (*.csv)", "x.csv") is None
