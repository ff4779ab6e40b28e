"""Rebuilds src/bilan_desktop/resources/passphrase/mots_courants.txt, the 20,000 most frequent French words that the
passphrase estimate ranks (domain/passphrase_lists.py). Run once by hand; wordfreq is not a dependency of the app:

    python -m pip install --target /tmp/wf wordfreq==3.1.1
    PYTHONPATH=/tmp/wf python scripts/build_french_words.py

wordfreq's data is licensed CC BY-SA 4.0: the list keeps that licence (resources/README.md)."""

from __future__ import annotations

from pathlib import Path

import wordfreq  # type: ignore[import-not-found]

COUNT = 20_000
OUTPUT = Path(__file__).resolve().parent.parent / "src" / "bilan_desktop" / "resources" / "passphrase" / \
    "mots_courants.txt"


def main() -> None:
    words: dict[str, None] = {}
    for word in wordfreq.top_n_list("fr", 2 * COUNT, wordlist="best"):
        if word.isalpha() and word not in words:
            words[word] = None
            if len(words) == COUNT:
                break
    header = (f"# {COUNT:,} most frequent French words, most frequent first: wordfreq 3.1.1 "
              "top_n_list(\"fr\", wordlist=\"best\"),\n# alphabetic tokens only. Data licence: CC BY-SA 4.0 "
              "(see resources/README.md).\n").replace(",", " ", 1)
    OUTPUT.write_text(header + "\n".join(words) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
