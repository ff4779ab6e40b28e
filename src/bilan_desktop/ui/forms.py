"""A form built from a section dataclass: one widget per field, chosen from the field's type, each with a
visible label, an accessible name and a French message when its input is invalid."""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..domain import codec
from ..domain.dates import parse_short_date, short_date
from .list_editor import ListEditor
from .number_fields import DecimalField, NumberField
from .widgets import error_label, show_error, with_date_picker

LABEL_WIDTH = 230
DATE_MESSAGE = "Date invalide : utilisez le format jj/mm/aaaa (exemple : 14/03/2026)."


@dataclass(frozen=True)
class F:
    """A field of the form: the dataclass attribute, its French label, and how to show it."""

    name: str
    label: str
    multiline: bool = False
    columns: tuple[tuple[str, str], ...] = ()
    suffix: str = ""
    maximum: float = 100000
    minimum: float = 0


@dataclass(frozen=True)
class Heading:
    text: str


def field_type(cls, name: str):
    tp = codec.hints(cls)[name]
    return codec._unwrap_optional(tp)


class SectionForm(QWidget):
    edited = Signal()

    def __init__(self, cls, specs: list, parent=None):
        super().__init__(parent)
        self.cls = cls
        self.specs = [s for s in specs if isinstance(s, F)]
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._layout = QFormLayout(self)
        self._layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.rows: dict[str, int] = {}
        self.sections: list[tuple[int, set[str]]] = []  # a heading's row and the fields under it
        for spec in specs:
            if isinstance(spec, Heading):
                heading = QLabel(f"<h3>{spec.text}</h3>")
                self.sections.append((self._layout.rowCount(), set()))
                self._layout.addRow(heading)
            else:
                self.rows[spec.name] = self._layout.rowCount()
                if self.sections:
                    self.sections[-1][1].add(spec.name)
                self._add(spec)

    def show_only(self, names: frozenset[str] | None) -> None:
        """Show the rows of these fields (all when None), and the headings that still head something."""
        for name, row in self.rows.items():
            self._layout.setRowVisible(row, names is None or name in names)
        for row, under in self.sections:
            self._layout.setRowVisible(row, names is None or bool(under & names))

    # -- building ----------------------------------------------------------------------------------
    def _add(self, spec: F) -> None:
        tp = field_type(self.cls, spec.name)
        widget, label_text = self._make_widget(spec, tp)
        widget.setObjectName(f"field_{spec.name}")
        if not isinstance(widget, ListEditor):  # its table carries the name
            widget.setAccessibleName(spec.label)
        error = error_label(f"error_{spec.name}")
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(with_date_picker(widget) if isinstance(widget, QLineEdit) and tp is dt.date else widget)
        column.addWidget(error)
        if label_text:
            label = QLabel(label_text + "\u00a0:")
            label.setBuddy(widget)
            label.setWordWrap(True)
            label.setFixedWidth(LABEL_WIDTH)
            self._layout.addRow(label, column)
        else:
            self._layout.addRow("", column)
        self.widgets[spec.name] = widget
        self.errors[spec.name] = error

    def _make_widget(self, spec: F, tp) -> tuple[QWidget, str]:
        """The editor for one field and the label beside it ('' when the widget carries its own)."""
        if typing.get_origin(tp) is list:
            (item,) = typing.get_args(tp)
            editor = ListEditor(item, spec.columns, spec.label)
            editor.edited.connect(self.edited)
            return editor, spec.label
        if tp is bool:
            box = QCheckBox(spec.label)
            box.toggled.connect(self.edited)
            return box, ""
        if isinstance(tp, type) and issubclass(tp, Enum):
            combo = QComboBox()
            for member in tp:
                combo.addItem(getattr(member, "label", member.value), member.value)
            combo.currentIndexChanged.connect(self.edited)
            return combo, spec.label
        if tp is int:
            spin = NumberField()
            spin.setRange(int(spec.minimum), int(spec.maximum))
            spin.setSuffix(spec.suffix)
            spin.valueChanged.connect(self.edited)
            spin.textChanged.connect(self.edited)  # a number out of range is typed, and refused with its bound
            return spin, spec.label
        if tp is float:
            real = DecimalField()
            real.setRange(spec.minimum, spec.maximum)
            real.setSuffix(spec.suffix)
            real.valueChanged.connect(self.edited)
            real.textChanged.connect(self.edited)
            return real, spec.label
        if spec.multiline:
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setMinimumHeight(60)
            text.setMaximumHeight(110)
            text.textChanged.connect(self.edited)
            return text, spec.label
        line = QLineEdit()
        if tp is dt.date:
            line.setPlaceholderText("jj/mm/aaaa")
            line.setMaximumWidth(140)
        line.textEdited.connect(self.edited)
        return line, spec.label

    # -- values ------------------------------------------------------------------------------------
    def set_value(self, obj) -> None:
        for spec in self.specs:
            widget, value = self.widgets[spec.name], getattr(obj, spec.name)
            widget.blockSignals(True)
            if isinstance(widget, ListEditor):
                widget.set_items(value)
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(value.value)))
            elif isinstance(widget, (QSpinBox, QDoubleSpinBox)):
                widget.setValue(value)
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value)
            elif isinstance(widget, QLineEdit):
                widget.setText(short_date(value) if isinstance(value, dt.date) or value is None else value)
            widget.blockSignals(False)
        self.show_problems({})

    def read(self, fallback):
        """The typed section; an invalid field keeps its value from `fallback` and gets a message."""
        values, problems = {}, {}
        for spec in self.specs:
            widget = self.widgets[spec.name]
            tp = field_type(self.cls, spec.name)
            try:
                values[spec.name] = _widget_value(widget, tp)
            except ValueError as exc:
                problems[spec.name] = str(exc) or DATE_MESSAGE
                values[spec.name] = getattr(fallback, spec.name)
        return dataclasses.replace(fallback, **values), problems

    def show_problems(self, problems: dict[str, str]) -> None:
        for name, label in self.errors.items():
            show_error(label, problems.get(name, ""))

    def set_text(self, name: str, text: str) -> None:
        """Fill a field programmatically (a computed default), as if typed."""
        widget = self.widgets[name]
        if isinstance(widget, QLineEdit):
            widget.setText(text)
            self.edited.emit()


def _widget_value(widget, tp):
    if isinstance(widget, ListEditor):
        return widget.items()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        return tp(widget.currentData())
    if isinstance(widget, (NumberField, DecimalField)) and widget.refusal():
        raise ValueError(widget.refusal())
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        return widget.value()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if tp is dt.date:
        try:
            return parse_short_date(widget.text())
        except ValueError:
            raise ValueError(DATE_MESSAGE) from None
    return widget.text()
