"""Enums whose members carry their French label."""

from __future__ import annotations

from enum import Enum


class Choice(str, Enum):
    """`Member = "value", "Libellé"`: the value is stored, the label is shown."""

    label: str  # set per member in __new__ (an annotation only: not a member)

    def __new__(cls, value: str, label: str = ""):  # the default only tells type checkers that Choice(value) looks up
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member
