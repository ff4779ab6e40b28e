"""Driving the bilan window like a consultant: widgets found by their French accessible names."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QPushButton, QWidget

from tests.gui.conftest import by_accessible_name, type_text


def fill(page: QWidget, values: dict[str, object]) -> None:
    for label, value in values.items():
        widget = by_accessible_name(page, label)
        if isinstance(widget, QCheckBox):
            if widget.isChecked() != bool(value):
                widget.click()
        elif isinstance(widget, QComboBox):
            index = widget.findText(str(value))
            assert index >= 0, (label, value)
            widget.setCurrentIndex(index)
        elif hasattr(widget, "setValue"):
            widget.setValue(value)
        else:
            widget.clear() if hasattr(widget, "clear") else None
            type_text(widget, str(value))


def add_rows(page: QWidget, label: str, rows: list[list[str]]) -> None:
    """Add rows to a list editor (found by its label) and type each cell's text."""
    table = by_accessible_name(page, label)
    editor = table.parent()
    add = [b for b in editor.findChildren(QPushButton) if b.accessibleName() == f"Ajouter — {label}"][0]
    for cells in rows:
        add.click()
        row = table.rowCount() - 1
        for column, text in enumerate(cells):
            if text is None:
                continue
            combo = table.cellWidget(row, column)
            if isinstance(combo, QComboBox):
                combo.setCurrentIndex(combo.findText(text))
            else:
                table.item(row, column).setText(text)


def next_step(window) -> str:
    """Click « Passer à l'étape suivante » on the visible page; returns the reasons shown, if any."""
    page = window.stack.currentWidget()
    page.next_button.click()
    return page.reasons.text()


def current_label(window) -> str:
    return window.stepper.currentItem().text()


def bilan_at(window, script, step, consent: bool = True, sections=()):
    """A new bilan (Élodie Lefèvre, CPF) moved straight to `step`, with free consent recorded unless told
    otherwise and the given sections saved; returns its window (showing that step) and the repository."""
    from bilan_desktop.domain.sections import EntretienPrealable
    from bilan_desktop.storage.dossiers import DossierRepository
    from tests.gui.conftest import create_vault, fill_new_bilan
    create_vault(window)
    script.expect(fill_new_bilan({"Nom": "Lefèvre", "Prénom": "Élodie"}))
    window.new_action.trigger()
    repo, now = DossierRepository(window.vault), window.clock.now()
    if consent:
        repo.save_section(1, EntretienPrealable(consentement_libre=True), now)
        repo.set_step(1, step, now)
    for section in sections:
        repo.save_section(1, section, now)
    bw = window.bilan_windows[1]
    bw.refresh()
    bw.select(step)
    return bw, repo


def choose_file(path):
    """A dialog-script handler for Qt's file dialog: picks `path` and accepts."""
    def handler(dialog) -> int:
        dialog.selectFile(str(path))
        dialog.accept()
        return 1  # QDialog.Accepted
    return handler
