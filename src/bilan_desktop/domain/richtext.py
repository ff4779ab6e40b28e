"""The synthèse's text format: plain text with a small, safe markup, one line per paragraph.

- a line « - texte » is a bulleted item, « 1. texte » a numbered item; an empty line is a paragraph gap;
- « **gras** » and « *italique* » inside a line; a backslash keeps the next character as typed (« \\* »).
Nothing else is markup: no HTML, no link, no image. Text typed before this format existed reads the same (a line is
a line), and every writer (PDF, DOCX, ODT, the editor) reads it through `parse`."""

from __future__ import annotations

import re
from dataclasses import dataclass

BULLET = re.compile(r"^\s*[-•–]\s+(.*)$")
NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")
_INLINE = re.compile(r"\*\*\*(?=\S)(.+?)(?<=\S)\*\*\*|\*\*(?=\S)(.+?)(?<=\S)\*\*|\*(?=[^\s*])(.+?)(?<=[^\s*])\*")
_ESCAPE = re.compile(r"\\(.)")
_HOLD = 0xF0000  # a private-use plane: where escaped characters wait while the markup is read


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Line:
    kind: str  # "p", "ul" or "ol"; an empty "p" is a paragraph gap
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def runs(text: str, bold: bool = False, italic: bool = False) -> tuple[Run, ...]:
    """Inline markup of one line: bold, italic, escapes (an escaped character is set aside first, so that a « \\* »
    inside bold or italic text stays an asterisk)."""
    kept: list[str] = []

    def keep(match: re.Match) -> str:
        kept.append(match.group(1))
        return chr(_HOLD + len(kept) - 1)

    held = _ESCAPE.sub(keep, text)
    restored = [Run(_restore(r.text, kept), r.bold, r.italic) for r in _runs(held, bold, italic)]
    return _merged(restored)


def _restore(text: str, kept: list[str]) -> str:
    return "".join(kept[ord(c) - _HOLD] if _HOLD <= ord(c) < _HOLD + len(kept) else c for c in text)


def _runs(text: str, bold: bool, italic: bool) -> list[Run]:
    found: list[Run] = []
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            found.append(Run(text[position:match.start()], bold, italic))
        both, strong, emphasis = match.groups()
        if both is not None:
            found.extend(_runs(both, True, True))
        elif strong is not None:
            found.extend(_runs(strong, True, italic))
        else:
            found.extend(_runs(emphasis, bold, True))
        position = match.end()
    if position < len(text):
        found.append(Run(text[position:], bold, italic))
    return found


def _merged(items: list[Run]) -> tuple[Run, ...]:
    merged: list[Run] = []
    for run in items:
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        elif run.text:
            merged.append(run)
    return tuple(merged)


def parse(text: str) -> list[Line]:
    lines = []
    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        bullet, numbered = BULLET.match(raw), NUMBERED.match(raw)
        if bullet:
            lines.append(Line("ul", runs(bullet.group(1))))
        elif numbered:
            lines.append(Line("ol", runs(numbered.group(1))))
        else:
            lines.append(Line("p", runs(raw)))
    while lines and not lines[-1].runs:
        lines.pop()
    return lines


def escape(text: str) -> str:
    """Typed text as markup that reads back as exactly that text."""
    escaped = re.sub(r"([\\*])", r"\\\1", text)
    return re.sub(r"^(\s*)([-•–]|\d{1,3}[.)])(\s)", r"\1\\\2\3", escaped)


def unparse_runs(items: tuple[Run, ...] | list[Run]) -> str:
    out = []
    for run in items:
        text = escape(run.text)
        if not text.strip():
            out.append(text)
            continue
        stripped = text.strip()
        lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        stripped = "*" * (2 * run.bold + run.italic) + stripped + "*" * (2 * run.bold + run.italic)
        out.append(lead + stripped + trail)
    return "".join(out)


def unparse(lines: list[Line]) -> str:
    numbering = 0
    out = []
    for line in lines:
        body = unparse_runs(line.runs)
        if line.kind == "ul":
            out.append(f"- {body}")
            numbering = 0
        elif line.kind == "ol":
            numbering += 1
            out.append(f"{numbering}. {body}")
        else:
            out.append(body)
            numbering = 0
    return "\n".join(out).rstrip("\n")


def plain(text: str) -> str:
    """The words only (word count, search, a spell check's view)."""
    return "\n".join(line.text for line in parse(text))


def word_count(text: str) -> int:
    return len(re.findall(r"[\w’'-]+", plain(text)))


def fill_fields(text: str, values: dict[str, str]) -> str:
    """« {prénom} », « {date_fin} »… replaced by their value; an unknown field is left as typed."""
    return re.sub(r"\{([\w_éèàçô]+)\}", lambda m: values.get(m.group(1), m.group(0)), text)
