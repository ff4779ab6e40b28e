"""Enums whose members carry their French label."""

from __future__ import annotations

from enum import Enum


class Choice(str, Enum):
    """`Member = "value", "Libellé"`: the value is stored, the label is shown."""

    def __new__(cls, value: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member
