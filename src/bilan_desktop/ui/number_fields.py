"""Number fields that refuse with a message instead of dropping keys (issue 20 §6). Qt's spin boxes ignore a
keystroke that would leave their range: « 25 » typed into a 0–24 field became « 2 », silently. These accept the
keystroke, keep showing what was typed, and `refusal()` says the bound in French (« 24 h au plus. ») until the
number fits; the value read meanwhile is never the number typed, and callers refuse to save while there is a
refusal."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox


def _number(text: str) -> float | None:
    try:
        return float(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except ValueError:
        return None


def _shown(value: float) -> str:
    return f"{value:g}".replace(".", ",")


class _Bounded:
    """Mixed into QSpinBox and QDoubleSpinBox."""

    def _setup(self) -> None:
        self._typed: str | None = None

    def _core(self, text: str) -> str:
        return text.removeprefix(self.prefix()).removesuffix(self.suffix()).strip()  # type: ignore[attr-defined]

    def validate(self, text: str, pos: int):
        result = super().validate(text, pos)  # type: ignore[misc]
        number = _number(self._core(text))
        if number is not None and not self.minimum() <= number <= self.maximum():  # type: ignore[attr-defined]
            self._set_typed(text)
            return QValidator.State.Intermediate, text, pos
        self._set_typed(None)
        return result

    def _set_typed(self, text: str | None) -> None:
        self._typed = text

    def _keeping_typed(self, handle, event) -> None:
        """Qt puts the last valid value back when editing ends (focus out, Enter): the number typed stays in sight
        instead, with its refusal."""
        typed = self._typed
        handle(event)
        if typed is not None:
            self.lineEdit().setText(typed)  # type: ignore[attr-defined]
            self._typed = typed

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self._keeping_typed(super().focusOutEvent, event)  # type: ignore[misc]

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._keeping_typed(super().keyPressEvent, event)  # type: ignore[misc]
        else:
            super().keyPressEvent(event)  # type: ignore[misc]

    def setValue(self, value) -> None:  # noqa: N802 (Qt's name)
        self._set_typed(None)
        super().setValue(value)  # type: ignore[misc]

    def refusal(self) -> str:
        """« 24 h au plus. », « 1 au moins. », or '' when what is shown is the value."""
        if self._typed is None:
            return ""
        number = _number(self._core(self._typed))
        minimum, maximum = self.minimum(), self.maximum()  # type: ignore[attr-defined]
        suffix = self.suffix()  # type: ignore[attr-defined]
        if number is not None and number < minimum:
            return f"{_shown(minimum)}{suffix} au moins."
        return f"{_shown(maximum)}{suffix} au plus."


class NumberField(_Bounded, QSpinBox):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._setup()


class DecimalField(_Bounded, QDoubleSpinBox):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._setup()
