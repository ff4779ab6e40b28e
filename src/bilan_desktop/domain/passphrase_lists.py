"""The French lists an attacker tries first, for the passphrase estimate (domain.passphrase).

- common words: the 20,000 most frequent French words (resources/passphrase/mots_courants.txt, derived from wordfreq's
  frequency data), after a few French passwords (domain.french_words); ranked, most frequent first;
- the whole French dictionary shipped for the spell checker (resources/dictionaries/fr.dic, about 84,000 entries),
  unranked: any word of it costs the attacker the size of the list;
- common phrases, sayings, proverbs, song and film titles (resources/passphrase/expressions.txt), matched whatever
  their spaces, apostrophes, case, accents and usual letter-for-digit swaps.

Everything is folded the same way (accents off, lower case) and loaded once, when a passphrase is first estimated."""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path

from .french_words import COMMON_PASSWORDS

SEPARATORS = frozenset("-_.,'’")
_COMBINING = re.compile("[\u0300-\u036f]")
# The swaps people make inside a phrase they know (zxcvbn's table, one letter each: enough for a phrase).
PHRASE_L33T = {"0": "o", "1": "i", "3": "e", "4": "a", "@": "a", "5": "s", "$": "s", "7": "t", "+": "t", "!": "i",
               "8": "b", "9": "g", "2": "z", "|": "i"}


def is_separator(ch: str) -> bool:
    return ch.isspace() or ch in SEPARATORS


def fold_char(ch: str) -> str:
    """One character for one (the estimate keeps positions): accents dropped, « œ » kept, odd case mappings kept."""
    base = unicodedata.normalize("NFD", ch)[0]
    return base if len(base.lower()) == 1 and len(base.upper()) == 1 else "?"


_LATIN = {cp: fold_char(chr(cp)) for cp in range(0xC0, 0x250) if fold_char(chr(cp)) != chr(cp)}


def fold(text: str) -> str:
    if not text or max(text) < "\u0250":  # the usual case, and the word lists folded whole at load: one translate
        return text.translate(_LATIN)
    return "".join(fold_char(ch) for ch in text)


def _resources() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)  # the same place as paths.resource_path, inside a PyInstaller bundle too
    base = Path(bundle) / "bilan_desktop" if bundle else Path(__file__).resolve().parent.parent
    return base / "resources"


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def _folded_lines(path: Path) -> list[str]:
    """The file's lines folded and lower-cased in one pass (a hundred thousand words: a tenth of a second)."""
    text = _COMBINING.sub("", unicodedata.normalize("NFD", path.read_text(encoding="utf-8"))).lower()
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _variants(word: str) -> list[str]:
    """« œ » and « æ » as typed, and as two letters."""
    return [word, word.replace("œ", "oe").replace("æ", "ae")] if ("œ" in word or "æ" in word) else [word]


@lru_cache(maxsize=1)
def common_words() -> dict[str, int]:
    """Word → rank (1 = tried first)."""
    ranked: dict[str, int] = {}
    for word in (*COMMON_PASSWORDS, *_folded_lines(_resources() / "passphrase" / "mots_courants.txt")):
        for variant in _variants(word):
            ranked.setdefault(variant, len(ranked) + 1)
    return ranked


@lru_cache(maxsize=1)
def dictionary_words() -> dict[str, int]:
    """Every word of the French dictionary, each at the rank of the whole list (common ones are found first above)."""
    words: set[str] = set()
    for line in _folded_lines(_resources() / "dictionaries" / "fr.dic")[1:]:
        word = line.split("/", 1)[0]
        if word.isalpha():
            words.update(_variants(word))
    common = common_words()
    size = len(common) + len(words)
    return {word: size for word in words if word not in common}


def phrase_key(text: str) -> tuple[str, int] | None:
    """A phrase as the list stores it (letters only, folded, lower case) and the number of letter-for-digit swaps,
    or None when the text holds anything but letters, separators and those swaps."""
    letters = []
    swaps = 0
    for ch in text:
        if is_separator(ch):
            continue
        folded = fold_char(ch)
        if folded.isalpha():
            letters.append(folded.lower().replace("œ", "oe").replace("æ", "ae"))
        elif ch in PHRASE_L33T:
            letters.append(PHRASE_L33T[ch])
            swaps += 1
        else:
            return None
    return "".join(letters), swaps


@lru_cache(maxsize=1)
def phrases() -> dict[str, int]:
    """Phrase (letters only) → rank."""
    ranked: dict[str, int] = {}
    for line in _lines(_resources() / "passphrase" / "expressions.txt"):
        key = phrase_key(line)
        if key is not None and key[0]:
            ranked.setdefault(key[0], len(ranked) + 1)
    return ranked


LONGEST_PHRASE = 90  # characters of a phrase as typed (spaces included) that the estimate looks for
