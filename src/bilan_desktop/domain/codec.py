"""Dataclass sections <-> JSON-ready dicts, split into their administrative and content parts.

A field marked with `CONTENT` metadata is bilan content (destroyed at the end of the bilan, R6313-7);
every other field belongs to the administrative record that proves the service."""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from enum import Enum
from functools import cache

CONTENT = {"content": True}


def content(default=dataclasses.MISSING, *, default_factory=dataclasses.MISSING):
    """A dataclass field holding bilan content."""
    if default_factory is not dataclasses.MISSING:
        return dataclasses.field(default_factory=default_factory, metadata=CONTENT)
    return dataclasses.field(default=default, metadata=CONTENT)


def is_content(field: dataclasses.Field) -> bool:
    return bool(field.metadata.get("content"))


@cache
def hints(cls) -> dict[str, typing.Any]:
    return typing.get_type_hints(cls)


def _unwrap_optional(tp):
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def encode(value):
    if dataclasses.is_dataclass(value):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, list):
        return [encode(v) for v in value]
    return value


def decode(tp, raw):
    tp = _unwrap_optional(tp)
    if raw is None:
        return None
    if dataclasses.is_dataclass(tp):
        return from_dict(tp, raw)
    if typing.get_origin(tp) is list:
        (item,) = typing.get_args(tp)
        return [decode(item, v) for v in raw]
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(raw)
    if tp is dt.date:
        return dt.date.fromisoformat(raw)
    if tp is dt.time:
        return dt.time.fromisoformat(raw)
    if tp is float:
        return float(raw)
    if tp is int:
        return int(raw)
    return raw


def from_dict(cls, data: dict):
    """Missing keys take their defaults, unknown keys are ignored: old records keep opening."""
    types_ = hints(cls)
    kwargs = {f.name: decode(types_[f.name], data[f.name]) for f in dataclasses.fields(cls) if f.name in data}
    return cls(**kwargs)


def split(obj) -> tuple[dict, dict]:
    """(administrative part, content part) of a section."""
    admin: dict[str, typing.Any] = {}
    body: dict[str, typing.Any] = {}
    for f in dataclasses.fields(obj):
        (body if is_content(f) else admin)[f.name] = encode(getattr(obj, f.name))
    return admin, body


def join(cls, admin: dict | None, body: dict | None):
    return from_dict(cls, {**(admin or {}), **(body or {})})


def has_content(obj) -> bool:
    """Whether any content field differs from its default (an empty form holds no content)."""
    default = type(obj)()
    return any(getattr(obj, f.name) != getattr(default, f.name) for f in dataclasses.fields(obj) if is_content(f))
