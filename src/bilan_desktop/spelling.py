"""French spell checking with Hunspell (chunspell, which bundles the library) and the Grammalecte dictionary shipped
in resources/dictionaries; the consultant's own words come from the vault and are added in memory only."""

from __future__ import annotations

import re
import threading

from .paths import resource_path

WORD = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*")  # letters, with inner apostrophes and hyphens


class SpellChecker:
    """`is_correct` is a few microseconds a word; `suggest` a tenth of a second (only on demand)."""

    def __init__(self, personal: set[str] | None = None):
        self._personal = {w.casefold() for w in (personal or set())}
        self._engine = None
        self._lock = threading.Lock()
        self._cache: dict[str, bool] = {}

    def _hunspell(self):
        if self._engine is None:
            import hunspell  # type: ignore[import-untyped]
            self._engine = hunspell.Hunspell("fr", hunspell_data_dir=str(resource_path("dictionaries")))
        return self._engine

    def is_correct(self, word: str) -> bool:
        if len(word) < 2 or word.isupper() or word.casefold() in self._personal:
            return True  # a letter, an acronym (RH, CPF, RNCP), a word of the consultant's
        known = self._cache.get(word)
        if known is None:
            with self._lock:
                engine = self._hunspell()
                known = bool(engine.spell(word) or engine.spell(word.replace("'", "’"))
                             or engine.spell(word.replace("’", "'")))
            self._cache[word] = known
        return known

    def misspelt(self, text: str) -> list[tuple[int, int]]:
        """(start, length) of each misspelt word of a line."""
        return [(m.start(), m.end() - m.start()) for m in WORD.finditer(text) if not self.is_correct(m.group(0))]

    def suggest(self, word: str, limit: int = 6) -> list[str]:
        with self._lock:
            return list(self._hunspell().suggest(word))[:limit]

    def add(self, word: str) -> None:
        self._personal.add(word.casefold())
        self._cache.pop(word, None)


def spell_checker(personal: set[str]) -> SpellChecker | None:
    """A checker, or None where the Hunspell binding is missing (no wheel for this system): the editor then works
    without spell checking and says so."""
    try:
        import hunspell  # noqa: F401
    except ImportError:
        return None
    return SpellChecker(personal)
