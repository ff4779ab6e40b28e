"""Text folding for searches: accent-, case-, hyphen- and apostrophe-insensitive."""

from __future__ import annotations

import unicodedata

_PUNCT = str.maketrans({"’": " ", "'": " ", "-": " ", "‐": " ", "–": " ", "_": " ", ".": " ", ",": " "})


def fold(text: str) -> str:
    """'Élodie D’Arc-Dupont' -> 'elodie d arc dupont'."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    return " ".join(stripped.casefold().translate(_PUNCT).split())


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
