"""A table editing a list of small dataclasses: add, edit a row in a form (wrapped, multi-line fields), remove, move
up and down. The table shows wrapped text, and Tab leaves it (it never cycles inside)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import Enum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain import codec
from ..domain.dates import parse_short_date, short_date


def _format(value) -> str:
    if isinstance(value, dt.date):
        return short_date(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


class _LiveDelegate(QStyledItemDelegate):
    """Commits a cell's text at every keystroke, so that autosave sees it and closing the window while the cell
    is still being edited loses nothing."""

    def createEditor(self, parent, option, index):  # noqa: N802 (Qt name)
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(lambda _text, e=editor: self.commitData.emit(e))
        return editor


class ListEditor(QWidget):
    edited = Signal()

    def __init__(self, item_cls, columns: tuple[tuple[str, str], ...], label: str, parent=None):
        super().__init__(parent)
        self.item_cls = item_cls
        self.columns = columns or tuple((f.name, f.name) for f in dataclasses.fields(item_cls))
        self.types = {name: codec._unwrap_optional(codec.hints(item_cls)[name]) for name, _ in self.columns}
        self.table = QTableWidget(0, len(self.columns))
        self.table.setAccessibleName(label)
        self.table.setHorizontalHeaderLabels([header for _, header in self.columns])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        trigger = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(trigger.EditKeyPressed | trigger.AnyKeyPressed | trigger.SelectedClicked)
        self.table.doubleClicked.connect(lambda _index: self.edit_row())
        self.table.setMinimumHeight(110)
        self.table.setItemDelegate(_LiveDelegate(self.table))
        self.table.itemChanged.connect(lambda _item: self.edited.emit())
        buttons = QHBoxLayout()
        for text, slot in (("Ajouter", self.add_row), ("Modifier…", self.edit_row), ("Supprimer", self.remove_row),
                           ("Monter", lambda: self.move_row(-1)), ("Descendre", lambda: self.move_row(1))):
            button = QPushButton(text)
            button.setAccessibleName(f"{text.rstrip('…')} — {label}")
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def set_items(self, items: list) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for item in items:
            self._append(item)
        self.table.blockSignals(False)
        self._fit()

    def _append(self, item) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, (name, _) in enumerate(self.columns):
            value, tp = getattr(item, name), self.types[name]
            if isinstance(tp, type) and issubclass(tp, Enum):
                combo = QComboBox()
                for member in tp:
                    combo.addItem(getattr(member, "label", member.value), member.value)
                combo.setCurrentIndex(max(0, combo.findData(value.value)))
                combo.currentIndexChanged.connect(lambda _i: self.edited.emit())
                self.table.setCellWidget(row, column, combo)
            else:
                cell = QTableWidgetItem(_format(value))
                cell.setToolTip(_format(value))
                self.table.setItem(row, column, cell)

    def _fit(self) -> None:
        self.table.setMinimumHeight(min(360, 60 + 28 * max(2, self.table.rowCount())))

    def add_row(self) -> None:
        self._append(self.item_cls())
        self._fit()
        self.table.setCurrentCell(self.table.rowCount() - 1, 0)
        self.table.setFocus()
        self.edited.emit()

    def edit_row(self) -> None:
        """The current row in a form: each column a field, long texts wrapped over several lines."""
        row = self.table.currentRow()
        if row < 0 or not self.isEnabled():
            return
        from .list_row_dialog import RowDialog
        try:
            item = self.items(keep_empty=True)[row]
        except ValueError:
            item = self.item_cls()
        dialog = RowDialog(self.item_cls, self.columns, self.types, item, self.table.accessibleName(), self)
        from . import dialogs
        if dialogs.launch(dialog) != dialog.DialogCode.Accepted or dialog.value is None:
            return
        items = self.items(keep_empty=True)
        items[row] = dialog.value
        self.set_items(items)
        self.table.setCurrentCell(row, 0)
        self.edited.emit()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._fit()
            self.edited.emit()

    def move_row(self, delta: int) -> None:
        """Move the current row up (-1) or down (+1). (Named so as not to hide QWidget.move.)"""
        row = self.table.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        items = self.items(keep_empty=True)
        items[row], items[target] = items[target], items[row]
        self.set_items(items)
        self.table.setCurrentCell(target, 0)
        self.edited.emit()

    def items(self, keep_empty: bool = False) -> list:
        """The typed items; raises ValueError (French) for a cell that does not parse."""
        result = []
        for row in range(self.table.rowCount()):
            values = {}
            for column, (name, header) in enumerate(self.columns):
                tp = self.types[name]
                widget = self.table.cellWidget(row, column)
                if isinstance(widget, QComboBox):
                    values[name] = tp(widget.currentData())
                    continue
                cell = self.table.item(row, column)
                text = (cell.text() if cell is not None else "").strip()
                try:
                    if tp is dt.date:
                        values[name] = parse_short_date(text)
                    elif tp is float:
                        values[name] = float(text.replace(",", ".")) if text else 0.0
                    elif tp is int:
                        values[name] = int(text) if text else 0
                    else:
                        values[name] = text
                except ValueError:
                    raise ValueError(f"Ligne {row + 1}, colonne « {header} » : valeur invalide"
                                     f"{' (jj/mm/aaaa)' if tp is dt.date else ''}. La liste n'est pas enregistrée "
                                     "tant qu'elle n'est pas corrigée.") from None
            item = self.item_cls(**values)
            if keep_empty or item != self.item_cls():
                result.append(item)
        return result
