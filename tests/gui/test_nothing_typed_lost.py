"""Issue 19 §6: a value typed a moment before a close, a quit or a lock is saved, on every page of the bilan window
and every tab of the home. The pages are listed here by hand, and the list is checked against the window's own pages:
a page added without autosave wiring makes these tests fail."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit

from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.sections import EntretienPrealable
from bilan_desktop.domain.synthese import text_of
from bilan_desktop.storage.bilans import BilanRepository
from bilan_desktop.storage.registers import RegisterRepository
from tests.conftest import PASSPHRASE
from tests.gui.conftest import by_accessible_name, create_vault, type_text, unlock
from tests.gui.workflow_helpers import bilan_at

TYPED = "Réorientation vers l'ébénisterie — œuvre"


def _typed_in(widget, text: str = TYPED) -> None:
    if not isinstance(widget, QLineEdit):  # a text area: at its end, as after a click below the last line
        widget.moveCursor(QTextCursor.MoveOperation.End)
    type_text(widget, text)


def _go_to_heading_end(editor) -> None:
    """The synthèse: below its first heading."""
    document = editor.document()
    cursor = QTextCursor(document.begin().next())
    editor.setTextCursor(cursor)


# Every page of the bilan window, by its name in the stepper: where a bilan must stand for it to be edited, its
# funding, the field typed into (by accessible name), what is typed, and where the value is stored. None: a page
# where nothing is typed in place (sessions are typed in a dialog and saved by its « OK »; documents are exported).
PAGES = {
    "Identité et coordonnées": (Step.PREMIER_CONTACT, Funding.CPF, "Employeur", TYPED,
                                lambda w: BilanRepository(w.vault).beneficiary(1).employeur),
    "Contrat et financement": (Step.PREMIER_CONTACT, Funding.CPF,
                               "Numéro de dossier (chez l'acheteur, ou sur Mon Compte Formation)", TYPED,
                               lambda w: w.repository.load(1).financement.dossier_numero),
    "Premier contact": (Step.PREMIER_CONTACT, Funding.CPF, "Comment nous a-t-il connus ?", TYPED,
                        lambda w: w.repository.load(1).premier_contact.origine),
    "Entretien préalable": (Step.ENTRETIEN_PREALABLE, Funding.CPF, "Pourquoi", TYPED,
                            lambda w: w.repository.load(1).entretien_prealable.justification),
    "Convention": (Step.CONVENTION, Funding.PLAN_DEVELOPPEMENT, "Raison sociale de l'employeur", TYPED,
                   lambda w: w.repository.load(1).convention.employeur),
    "Phase préliminaire": (Step.PHASE_PRELIMINAIRE, Funding.CPF, "a) Analyse de la demande", TYPED,
                           lambda w: w.repository.load(1).phase_preliminaire.analyse_demande),
    "Phase d'investigation": (Step.PHASE_INVESTIGATION, Funding.CPF, "Intitulé du projet", TYPED,
                              lambda w: w.repository.load(1).phase_investigation.projet_intitule),
    "Phase de conclusion": (Step.PHASE_CONCLUSION, Funding.CPF, "a) Échanges sur les résultats", TYPED,
                            lambda w: w.repository.load(1).phase_conclusion.resultats_commentaires),
    "Fin du bilan": (Step.FIN_DU_BILAN, Funding.CPF, "Date de fin du bilan", "26/11/2026",
                     lambda w: f"{w.repository.load(1).fin_du_bilan.date_fin:%d/%m/%Y}"),
    "Entretien de suivi": (Step.ENTRETIEN_SUIVI, Funding.CPF, "Ce qui a été mis en place", TYPED,
                           lambda w: w.repository.load(1).suivi.mis_en_place),
    "Séances": None,
    "Rédaction de la synthèse": (Step.PHASE_CONCLUSION, Funding.CPF, None, TYPED,
                                 lambda w: " ".join(text_of(w.repository.load(1).synthese))),
    "Documents": None,
}
TYPED_PAGES = [name for name, how in PAGES.items() if how is not None]


def _label(text: str) -> str:
    """The stepper's text without its mark (« ✓  Convention » → « Convention »)."""
    return text.split("  ", 1)[-1]


def test_the_hand_list_is_every_page_of_the_window(window, script):
    bw, _repo = bilan_at(window, script, Step.PREMIER_CONTACT)
    pages = bw.window_pages()
    labels = [_label(bw.stepper.item(row).text()) for row in range(bw.stepper.count())]
    assert labels == list(PAGES) and len(pages) == len(PAGES)
    assert [bw.stack.widget(index) for index in range(bw.stack.count())] == pages  # nothing shown outside the list
    for name, page in zip(PAGES, pages, strict=True):  # a page typed in place saves after a pause, and says so
        assert hasattr(page, "has_pending_edits") == (PAGES[name] is not None), name


def _open_at(window, script, name: str):
    step, funding, field, text, _stored = PAGES[name]
    bw, repo = bilan_at(window, script, Step.PREMIER_CONTACT, consent=False)
    now = window.clock.now()
    repo.set_funding(1, funding, now)
    repo.save_section(1, EntretienPrealable(consentement_libre=True), now)
    repo.set_step(1, step, now)
    bw.refresh()
    for row in range(bw.stepper.count()):
        if _label(bw.stepper.item(row).text()) == name:
            bw.stepper.setCurrentRow(row)
    page = bw.stack.currentWidget()
    assert page is bw.window_pages()[list(PAGES).index(name)]
    if field is None:
        editor = page.editor
        _go_to_heading_end(editor)
        type_text(editor, text)
    else:
        widget = by_accessible_name(page, field)
        assert widget.isEnabled() and widget.isVisibleTo(page), name
        _typed_in(widget, text)
    assert bw.has_pending_edits, name  # typed a moment ago: not saved yet
    return bw, page, field


def _shown(bw, name: str, field: str | None) -> str:
    page = bw.window_pages()[list(PAGES).index(name)]
    if field is None:
        return page.editor.toPlainText()
    widget = by_accessible_name(page, field)
    return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()


@pytest.mark.parametrize("name", TYPED_PAGES)
def test_typed_then_window_closed_at_once(window, script, name):
    bw, _page, field = _open_at(window, script, name)
    bw.close()
    stored = PAGES[name][4](window)
    assert PAGES[name][3] in stored, name
    window.open_bilan(1)
    assert PAGES[name][3] in _shown(window.bilan_windows[1], name, field)


@pytest.mark.parametrize("name", TYPED_PAGES)
def test_typed_then_vault_locked_at_once(window, script, name):
    _bw, _page, field = _open_at(window, script, name)
    window.lock()
    unlock(window)
    assert PAGES[name][3] in PAGES[name][4](window), name
    assert PAGES[name][3] in _shown(window.bilan_windows[1], name, field)  # the window comes back, value in it


@pytest.mark.parametrize("name", TYPED_PAGES)
def test_typed_then_app_quit_at_once(window, script, name):
    _open_at(window, script, name)
    window.close()
    window.vault.unlock(PASSPHRASE)
    assert PAGES[name][3] in PAGES[name][4](window), name


# -- the home's tabs ------------------------------------------------------------------------------------------------
HOME_TABS = {"À faire": False, "Bilans": False, "Agenda": False, "Statistiques": False, "Registres": True}


def _type_complaint(window) -> None:
    home = window.home
    home.setCurrentWidget(home.registers)
    editor = home.registers.complaints
    editor.add_row()
    columns = [name for name, _header in editor.columns]
    editor.table.item(0, columns.index("recue_le")).setText("20/11/2026")  # itemChanged: the edit signal
    editor.table.item(0, columns.index("objet")).setText(TYPED)
    assert home.registers.has_pending_edits


def _complaints(window) -> list[str]:
    return [c.objet for c in RegisterRepository(window.vault).load("reclamations")]


def test_the_hand_list_is_every_home_tab(window, script):
    create_vault(window)
    home = window.home
    assert [home.tabText(i).split(" (")[0] for i in range(home.count())] == list(HOME_TABS)
    assert home.tabs() == [home.widget(i) for i in range(home.count())]
    for (name, typed), tab in zip(HOME_TABS.items(), home.tabs(), strict=True):
        assert hasattr(tab, "has_pending_edits") == typed, name


def test_registers_typed_then_vault_locked_at_once(window, script):
    create_vault(window)
    _type_complaint(window)
    window.lock()
    unlock(window)
    assert _complaints(window) == [TYPED]
    assert window.home.registers.complaints.items()[0].objet == TYPED


def test_registers_typed_then_app_quit_at_once(window, script):
    create_vault(window)
    _type_complaint(window)
    window.close()
    window.vault.unlock(PASSPHRASE)
    assert _complaints(window) == [TYPED]
    assert RegisterRepository(window.vault).load("reclamations")[0].recue_le == dt.date(2026, 11, 20)
