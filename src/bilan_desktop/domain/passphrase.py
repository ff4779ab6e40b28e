"""How strong a new passphrase is: the number of guesses an offline attacker who holds `coffre.key` needs, each guess
costing one Argon2id derivation (128 MiB, 4 passes). A passphrase is accepted from 60 bits (about 10^18 guesses):
at a generous 10^6 guesses a second (a thousand GPUs, each a thousand 128 MiB derivations a second) that is
36,000 years for the whole space, 18,000 on average.

The attacker is assumed to know how people choose: the estimate is the cheapest way to write the passphrase as a
sequence of pieces, each priced at what it costs an attacker who tries the likely ones first:
- a common French word (20,000, ranked by frequency), any word of the French dictionary (about 100,000), a known
  phrase, saying, proverb, song or film title, English words, names and passwords (zxcvbn's lists) cost their
  rank, times their case and letter-for-digit swaps (zxcvbn's rules); accents are folded first;
- keyboard runs, repeats, sequences, years and dates cost what zxcvbn says;
- a separator after a word (space, hyphen…) costs one bit, elsewhere it is a character like any other; the same
  separator between every few characters (« a b c d… ») is judged with the separators taken out, plus where they go;
- digits typed apart cost 10 each;
- anything else is random: each character costs the size of the alphabet the passphrase uses (26 per case of
  letters, 10 digits, 33 symbols, 100 for other characters);
- the attacker does not know where each kind of piece sits: n blocks of different kinds cost n! more (words
  following each other, with or without separators, make one block: that is what a phrase attack tries);
- what any random string holds by chance is not counted: one or two characters inside a longer string, three-
  character runs, and three-letter words unless they continue a phrase.
Only the first 200 characters are judged (the beginning's estimate is the lower one; under a second whatever is
pasted).

So « la vie est belle 2026 » (a known phrase and a year, about 12 bits) or five common words (about 50 bits) are
refused, while four words picked at random in the dictionary (about 67 bits), a long personal sentence, or 16 random
characters from letters of both cases and digits (95 bits; estimated 91 on the median, and above 62 in 20,000
draws whatever short words, names or keyboard runs they happen to hold) pass."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from .passphrase_lists import (
    LONGEST_PHRASE,
    PHRASE_L33T,
    common_words,
    dictionary_words,
    fold,
    fold_char,
    is_separator,
    phrases,
)

MIN_LENGTH = 12
MIN_BITS = 60
MIN_GUESSES_LOG10 = MIN_BITS * math.log10(2)

HINT = ("Choisissez plutôt une phrase de quatre ou cinq mots peu courants, sans lien avec vous "
        "(par exemple des mots pris au hasard dans un livre), ou ajoutez des mots à celle-ci.")

_WINDOW, _STEP = 80, 40  # zxcvbn's matchers look at overlapping windows: a piece of up to 40 characters is found
_MAX_BLOCKS = 40
# Past this many characters the rest is not looked at: the estimate of the beginning is the lower one, so a long
# passphrase is judged on its first 200 characters (an estimate stays under a second whatever is pasted).
_LONGEST = 200
_SEPARATOR_CHOICES = (" ", "-", "_", ".", ",", "'")
_SEPARATOR_RUN = re.compile(r"[\s\-_.,'’]+")
_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
_DIGITS = re.compile(r"\d+")

# Why a passphrase is weak, after « il est fait », in the consultant's words (never the passphrase itself).
_REASONS = {
    "phrase": "d'une expression, d'un proverbe ou d'un titre connu",
    "common": "de mots courants",
    "dictionary": "de mots du dictionnaire",
    "password": "d'un mot de passe très répandu",
    "english": "de mots ou de prénoms courants",
    "keyboard": "d'une suite de touches du clavier",
    "repeat": "de répétitions",
    "sequence": "d'une suite de lettres ou de chiffres (abcd, 1234)",
    "year": "d'une année ou d'une date",
    "digits": "de chiffres",
    "swaps": "de chiffres à la place de lettres, ce que tout attaquant essaie",
}


@dataclass(frozen=True)
class Strength:
    acceptable: bool
    bits: float
    message: str  # French, empty when acceptable


@dataclass(frozen=True)
class _Piece:
    end: int
    bits: float
    kind: str  # "word" (joins a phrase block), "short" (a word of 3 letters: only within a phrase), "other" (a
    # block of its own), "sep"
    reason: str


def estimate(passphrase: str, context: tuple[str, ...] = ()) -> Strength:
    text = unicodedata.normalize("NFC", passphrase)
    if len(text) < MIN_LENGTH:
        return Strength(False, 0.0, f"Le mot de passe doit contenir au moins {MIN_LENGTH} caractères.")
    bits, reasons = _judged(text[:_LONGEST], tuple(w for w in context if w))
    if bits >= MIN_BITS:
        return Strength(True, bits, "")
    return Strength(False, bits, f"Ce mot de passe serait trop facile à deviner (environ {int(bits)} bits ; "
                                 f"il en faut {MIN_BITS}) : {_listed(reasons)}. {HINT}")


def _judged(text: str, context: tuple[str, ...]) -> tuple[float, list[str]]:
    """The cheaper of the passphrase as typed and the passphrase without its separators, plus where they go (« a b c
    d e f… » is the alphabet spaced out)."""
    direct = _estimate_bits(text, context)
    joined = "".join(ch for ch in text if not is_separator(ch))
    runs = [m.group() for m in _SEPARATOR_RUN.finditer(text)]
    if not runs or not joined or len(set(runs)) > 1:
        # Only one separator used throughout reads as a spacing out; several different ones are characters
        # (taking them out of a random string would glue its pieces into words that were never typed).
        return direct
    placement = math.log2(math.comb(len(joined) + 1, len(runs))) + math.log2(len(_SEPARATOR_CHOICES))
    bits, reasons = _estimate_bits(joined, context)
    return (bits + placement, reasons) if bits + placement < direct[0] else direct


def _listed(reasons: list[str]) -> str:
    kinds = dict.fromkeys(reasons)
    if "common" in kinds:
        kinds.pop("english", None)  # « mots courants » says it already
    texts = [_REASONS[r] for r in kinds]
    if not texts:
        return "il est trop court pour des caractères pris au hasard"
    return "il est fait " + (texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " et " + texts[-1])


def _alphabet_bits(folded: str) -> float:
    """log2 of the alphabet a random string of these characters is drawn from."""
    chars = [ch for ch in folded if not is_separator(ch)]
    size = 0
    size += 26 if any("a" <= ch <= "z" for ch in chars) else 0
    size += 26 if any("A" <= ch <= "Z" for ch in chars) else 0
    size += 10 if any(ch.isdigit() and ch.isascii() for ch in chars) else 0
    size += 33 if any(ch.isascii() and not ch.isalnum() for ch in chars) else 0
    size += 100 if any(not ch.isascii() for ch in chars) else 0
    return math.log2(max(size, 10))


def _estimate_bits(text: str, context: tuple[str, ...], depth: int = 0) -> tuple[float, list[str]]:
    folded = fold(text)
    n = len(folded)
    pieces: list[list[_Piece]] = [[] for _ in range(n)]
    _zxcvbn_pieces(folded, context, depth, pieces)
    _phrase_pieces(text, pieces)
    for m in _YEAR.finditer(folded):
        pieces[m.start()].append(_Piece(m.end(), math.log2(200), "other", "year"))
    for m in _DIGITS.finditer(folded):
        for start in range(m.start(), m.end()):
            pieces[start].append(_Piece(m.end(), (m.end() - start) * math.log2(10), "other", "digits"))
    i = 0
    while i < n:
        if is_separator(folded[i]):
            j = i
            while j < n and is_separator(folded[j]):
                j += 1
            pieces[i].append(_Piece(j, float(j - i), "sep", ""))
            i = j
        else:
            i += 1
    return _cheapest(n, pieces, _alphabet_bits(folded))


def _cheapest(n: int, pieces: list[list[_Piece]], char_bits: float) -> tuple[float, list[str]]:
    """The cheapest path through the pieces (random characters filling the gaps), n blocks costing n! more."""
    # State: (blocks, last kind) → (bits, previous position, previous state, reason).
    best: list[dict[tuple[int, str], tuple[float, int, tuple[int, str] | None, str]]] = [{} for _ in range(n + 1)]
    best[0][(0, "")] = (0.0, -1, None, "")

    def offer(pos: int, state: tuple[int, str], bits: float, back: int, prev: tuple[int, str], reason: str) -> None:
        if state not in best[pos] or bits < best[pos][state][0]:
            best[pos][state] = (bits, back, prev, reason)

    for pos in range(n):
        for state, (bits, _, _, _) in list(best[pos].items()):
            blocks, last = state
            offer(pos + 1, (blocks if last == "random" else min(blocks + 1, _MAX_BLOCKS), "random"),
                  bits + char_bits, pos, state, "")
            for piece in pieces[pos]:
                if piece.kind == "sep":
                    if last != "word":  # a separator joins words; elsewhere it is a character like any other
                        offer(piece.end, state, bits + (piece.end - pos) * char_bits, pos, state, "")
                        continue
                    new = state
                elif piece.kind == "short" and not (last == "word" or pos == 0):
                    continue
                elif piece.kind in ("word", "short"):
                    new = (blocks if last == "word" else min(blocks + 1, _MAX_BLOCKS), "word")
                else:
                    new = (min(blocks + 1, _MAX_BLOCKS), "other")
                offer(piece.end, new, bits + piece.bits, pos, state, piece.reason)
    total, state = min(((bits + math.log2(math.factorial(state[0])), state)
                        for state, (bits, _, _, _) in best[n].items()), key=lambda item: item[0])
    reasons = []
    pos, current = n, state
    while pos > 0:
        _, back, prev, reason = best[pos][current]
        if reason:
            reasons.append(reason)
        if prev is None:
            break
        pos, current = back, prev
    return total, reasons[::-1]


def _dictionaries(context: tuple[str, ...]) -> dict[str, dict[str, int]]:
    from zxcvbn import matching  # 35 ms of dictionaries: loaded when a passphrase is first chosen, not at start
    ranked = dict(matching.RANKED_DICTIONARIES)
    ranked.pop("user_inputs", None)
    ranked["french"] = common_words()
    ranked["french_dictionary"] = dictionary_words()
    if context:
        ranked["context"] = {fold(w).lower(): rank for rank, w in enumerate(context, 1)}
    return ranked


def _zxcvbn_pieces(folded: str, context: tuple[str, ...], depth: int, pieces: list[list[_Piece]]) -> None:
    from zxcvbn import matching, scoring
    ranked = _dictionaries(context)
    seen = set()
    windows = [(start, folded[start:start + _WINDOW]) for start in range(0, max(len(folded) - _STEP, 1), _STEP)]
    whole = [(0, match) for match in matching.repeat_match(folded, ranked)] if len(folded) > _WINDOW else []
    found = whole + [(start, match) for start, window in windows for match in matching.omnimatch(window, ranked)]
    for start, match in found:
        i, j = match["i"] + start, match["j"] + start + 1
        key = (i, j, match["pattern"], match.get("dictionary_name"), match.get("l33t"), match.get("reversed"))
        if key in seen:
            continue
        seen.add(key)
        if match["pattern"] == "repeat":
            if depth > 2:
                continue
            base_bits, _ = _estimate_bits(match["base_token"], context, depth + 1)
            bits = base_bits + math.log2(match["repeat_count"])
        else:
            bits = math.log2(float(scoring.estimate_guesses(match, folded)))
        delimited = _delimited(folded, i, j)
        if j - i <= 2 and not delimited:
            # One or two characters inside a longer string (« l », « qu », « aa », « 76 »): found in any
            # random string, they save an attacker nothing; a short word between separators counts.
            continue
        if match["pattern"] == "dictionary":
            if match.get("l33t") and not _plausible_swaps(match["token"]):
                continue
            # Words joined without separators make a phrase when typed in one case, as people do; a word in
            # mixed case (« eCiTS ») is a lucky find in a random string, a block of its own.
            kind = "word" if _plain_case(match["token"]) or delimited else "other"
            if kind == "word" and j - i == 3 and not delimited:
                kind = "short"  # « had », « sur »: in a phrase typed without spaces, not amid random characters
        else:
            kind = "other"
        if kind == "other" and j - i == 3 and not delimited:
            continue  # three characters in a row of a random string often look like a run (« lor », « HJk »)
        pieces[i].append(_Piece(j, bits, kind, _reason(match)))


def _plausible_swaps(token: str) -> bool:
    """Letters swapped for digits inside a word, not a string of digits read as a word (« 76 » for « tg »)."""
    letters = sum(ch.isalpha() for ch in token)
    return len(token) >= 4 and letters > len(token) - letters


def _plain_case(token: str) -> bool:
    rest = token[1:]
    return rest == rest.lower() or token == token.upper()


def _delimited(folded: str, i: int, j: int) -> bool:
    return (i == 0 or not folded[i - 1].isalnum()) and (j == len(folded) or not folded[j].isalnum())


def _reason(match: dict) -> str:
    pattern = match["pattern"]
    if pattern == "dictionary":
        if match.get("l33t"):
            return "swaps"
        return {"french": "common", "french_dictionary": "dictionary", "passwords": "password",
                "context": "common"}.get(match["dictionary_name"], "english")
    return {"spatial": "keyboard", "repeat": "repeat", "sequence": "sequence", "regex": "year",
            "date": "year"}.get(pattern, "")


def _phrase_pieces(text: str, pieces: list[list[_Piece]]) -> None:
    """Known phrases, whatever their spaces, apostrophes, case, accents and letter-for-digit swaps."""
    known = phrases()
    n = len(text)
    for i in range(n):
        if is_separator(text[i]):
            continue
        letters: list[str] = []
        swaps, separated, upper = 0, False, 0
        for j in range(i, min(n, i + LONGEST_PHRASE)):
            ch = text[j]
            if is_separator(ch):
                separated = True
                continue
            base = fold_char(ch)
            if base.isalpha():
                letters.append(base.lower().replace("œ", "oe").replace("æ", "ae"))
                upper += base.isupper()
            elif ch in PHRASE_L33T:
                letters.append(PHRASE_L33T[ch])
                swaps += 1
            else:
                break
            rank = known.get("".join(letters))
            if rank is not None and swaps < len(letters) - swaps:
                # Case: all lower, first letter or all upper, or each word's capital (2); else each capital doubles.
                case_bits = 0 if upper == 0 else 1 if upper in (1, len(letters)) else min(upper, 8)
                bits = math.log2(rank) + case_bits + (2 * swaps if swaps else 0) + (1 if separated else 0)
                pieces[i].append(_Piece(j + 1, bits, "word", "swaps" if swaps else "phrase"))
