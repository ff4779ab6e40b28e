"""Text folding for searches: accent-, case-, hyphen- and apostrophe-insensitive."""

from __future__ import annotations

import re
import unicodedata

# The combining marks of Latin scripts (every one is `unicodedata.combining`): a regex strips them fast, the
# generic test then runs only on the rare text that still holds non-ASCII characters.
_LATIN_MARKS = re.compile("[\u0300-\u036f]")
_PUNCT = str.maketrans({"’": " ", "'": " ", "-": " ", "‐": " ", "–": " ", "_": " ", ".": " ", ",": " "})


def fold(text: str) -> str:
    """'Élodie D’Arc-Dupont' -> 'elodie d arc dupont'."""
    stripped = text if text.isascii() else _LATIN_MARKS.sub("", unicodedata.normalize("NFKD", text))
    if not stripped.isascii():
        stripped = "".join(ch for ch in stripped if not unicodedata.combining(ch))
    folded = stripped.casefold().replace("œ", "oe").replace("æ", "ae")  # casefold makes « Œ » « œ » first
    return " ".join(folded.translate(_PUNCT).split())


def query_words(query: str) -> list[str]:
    """The folded words of what was typed, computed once per keystroke."""
    return fold(query).split()


def contains_words(haystack_folded: str, words: list[str]) -> bool:
    """Every word occurs in the (already folded) haystack."""
    return all(word in haystack_folded for word in words)


def matches(haystack_folded: str, query: str) -> bool:
    return contains_words(haystack_folded, query_words(query))


NBSP, NNBSP = "\u00a0", "\u202f"


def money(value: float) -> str:
    """1234.5 -> '1 234,50 €' (narrow no-break space between thousands, no-break space before €)."""
    whole, cents = f"{value:,.2f}".split(".")
    return f"{whole.replace(',', NNBSP)},{cents}{NBSP}€"


_BEFORE = re.compile(r"(?<=\S)[ \t]+([;:!?»])")
_AFTER = re.compile(r"«[ \t]+")
_HOURS = re.compile(r"\b(\d{1,2}) h (\d{2})\b|\b(\d{1,2}) h\b")


def french_spacing(text: str) -> str:
    """French typography where a space was typed: a no-break space before ; : ! ? », after «, and inside
    « 14 h 30 », so that a line never starts with the punctuation or splits a time. Nothing is added where no space
    was typed (« http://… », « 14:30 », « RNCP:1 » stay as they are)."""
    if not text:
        return text
    spaced = _BEFORE.sub(lambda m: NBSP + m.group(1), text)
    spaced = _AFTER.sub("«" + NBSP, spaced)
    return _HOURS.sub(lambda m: f"{m.group(1)}{NBSP}h{NBSP}{m.group(2)}" if m.group(1) else f"{m.group(3)}{NBSP}h",
                      spaced)


_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c]")  # a vertical tab or a form feed pasted from a PDF: a new line
_UNPRINTABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATES = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """User text as every document format can hold it (XML 1.0 in DOCX and ODT, reportlab's PDF): the control
    characters a paste keeps (NUL, escape, a PDF's form feed…), DEL, the C1 controls and the non-characters U+FFFE
    and U+FFFF removed; a line break stays a line break (CR LF, CR, vertical tab and form feed become LF) and a
    tab a tab; a lone surrogate (from a crafted backup's JSON) becomes U+FFFD. Everything else is kept as typed."""
    if text.isascii() and text.isprintable():
        return text
    text = _LINE_BREAKS.sub("\n", text)
    return _SURROGATES.sub("\ufffd", _UNPRINTABLE.sub("", text))


def plural(count: int, word: str, words: str = "") -> str:
    """French agreement: singular for 0 and 1 (« 0 séance », « 1 an »), plural from 2."""
    return word if abs(count) < 2 else (words or word + "s")


def counted(count: int, word: str, words: str = "") -> str:
    """« 1 bilan », « 3 bilans », « 0 problème »."""
    return f"{count} {plural(count, word, words)}"
