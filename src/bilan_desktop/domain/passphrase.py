"""How strong a new passphrase is: zxcvbn (a maintained, offline estimator of the guesses an attacker needs),
fed with the French words and passwords it lacks. A passphrase is accepted from about 60 bits (10^18 guesses):
a few unusual words, or a long sentence, pass; `aaaaaaaaaaaa`, `azertyuiop12`, `motdepasse12` do not."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .french_words import COMMON_PASSWORDS, COMMON_WORDS

MIN_LENGTH = 12
MIN_GUESSES_LOG10 = 18.0  # ≈ 60 bits
_FRENCH = COMMON_PASSWORDS + COMMON_WORDS
_CHUNK = 72  # zxcvbn refuses longer passwords: a longer passphrase is estimated in pieces, their guesses multiplied

HINT = ("Choisissez plutôt une phrase de quatre ou cinq mots peu courants, sans lien avec vous "
        "(par exemple des mots pris au hasard dans un livre), ou ajoutez des mots à celle-ci.")


@dataclass(frozen=True)
class Strength:
    acceptable: bool
    bits: float
    message: str  # French, empty when acceptable


def _folded(text: str) -> str:
    """Accents folded, so that « mère » is found as the dictionary word « mere »."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def estimate(passphrase: str, context: tuple[str, ...] = ()) -> Strength:
    text = unicodedata.normalize("NFC", passphrase)
    if len(text) < MIN_LENGTH:
        return Strength(False, 0.0, f"Le mot de passe doit contenir au moins {MIN_LENGTH} caractères.")
    from zxcvbn import zxcvbn  # 35 ms of dictionaries: loaded when a passphrase is first chosen, not at start
    words = [w.lower() for w in (*_FRENCH, *context) if w]
    folded = _folded(text)
    log10 = sum(float(zxcvbn(folded[i:i + _CHUNK], user_inputs=words)["guesses_log10"])
                for i in range(0, len(folded), _CHUNK))
    bits = log10 * 3.3219
    if log10 >= MIN_GUESSES_LOG10:
        return Strength(True, bits, "")
    return Strength(False, bits, f"Ce mot de passe serait trop facile à deviner (environ {int(bits)} bits ; "
                                 f"il en faut 60). {HINT}")
