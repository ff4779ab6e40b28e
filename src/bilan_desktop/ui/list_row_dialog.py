"""One row of a list (an experience, a training, a step of the action plan…) edited in a form: text fields wrap
over several lines, dates have their calendar, choices their list."""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import Enum

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ..domain.dates import parse_short_date, short_date
from .widgets import error_label, form_dialog, show_error, with_date_picker


class RowDialog(QDialog):
    def __init__(self, item_cls, columns, types, item, title: str, parent=None):
        super().__init__(parent)
        self.setObjectName("rowDialog")
        self.setWindowTitle(title)
        self.item_cls, self.columns, self.types = item_cls, columns, types
        self.value = None
        self.fields: dict[str, QLineEdit | QPlainTextEdit | QComboBox] = {}
        form = QFormLayout()
        for name, header in columns:
            tp, current = types[name], getattr(item, name)
            field: QLineEdit | QPlainTextEdit | QComboBox
            shown: QWidget
            if isinstance(tp, type) and issubclass(tp, Enum):
                field = QComboBox()
                for member in tp:
                    field.addItem(getattr(member, "label", member.value), member.value)
                field.setCurrentIndex(max(0, field.findData(current.value)))
                shown = field
            elif tp is dt.date or tp in (int, float):
                field = QLineEdit(short_date(current) if tp is dt.date else
                                  (f"{current:g}".replace(".", ",") if current else ""))
                field.setAccessibleName(header)
                shown = with_date_picker(field) if tp is dt.date else field
            else:
                field = QPlainTextEdit(current or "")
                field.setTabChangesFocus(True)
                field.setMinimumHeight(70)
                shown = field
            field.setAccessibleName(header)
            label = QLabel(header + "\u00a0:")
            label.setBuddy(field)
            form.addRow(label, shown)
            self.fields[name] = field
        self.error = error_label("rowError")
        form_dialog(self, form, self.error, "Valider")
        self.setMinimumWidth(620)

    def accept(self) -> None:
        values = {}
        for name, header in self.columns:
            field, tp = self.fields[name], self.types[name]
            try:
                if isinstance(field, QComboBox):
                    values[name] = tp(field.currentData())
                elif isinstance(field, QPlainTextEdit):
                    values[name] = field.toPlainText().strip()
                elif tp is dt.date:
                    values[name] = parse_short_date(field.text())
                elif tp is float:
                    values[name] = float(field.text().replace(",", ".")) if field.text().strip() else 0.0
                else:
                    values[name] = int(field.text()) if field.text().strip() else 0
            except ValueError:
                show_error(self.error, f"« {header} » : valeur invalide"
                                       f"{' (jj/mm/aaaa)' if tp is dt.date else ''}.")
                field.setFocus()
                return
        self.value = dataclasses.replace(self.item_cls(), **values)
        super().accept()
