"""Scoring of the questionnaires, exactly by their keys: answers 1 to 5, minus-keyed items scored 6 - x,
sums per scale; the Holland code is the three highest RIASEC types, ties shown as ties."""

from __future__ import annotations

from dataclasses import dataclass, field

from .codec import content
from .questionnaire_items import BIGFIVE_ITEMS, BIGFIVE_SCALES, RIASEC_ITEMS, RIASEC_SCALES


@dataclass
class Questionnaires:
    """Answers (0: not answered yet) kept as the beneficiary goes, so that a questionnaire can be paused."""

    riasec: list[int] = content(default_factory=list)
    bigfive: list[int] = content(default_factory=list)
    graphiques_dans_synthese: bool = content(False)
    personnalite_dans_synthese: bool = content(False)  # the five-factor chart too, only when the consultant says so


@dataclass(frozen=True)
class Instrument:
    key: str
    title: str
    items: list
    scales: dict[str, str]

    def answers(self, q: Questionnaires) -> list[int]:
        values = list(getattr(q, self.key))
        return (values + [0] * len(self.items))[:len(self.items)]

    def complete(self, q: Questionnaires) -> bool:
        return all(1 <= a <= 5 for a in self.answers(q))

    def first_unanswered(self, q: Questionnaires) -> int:
        answers = self.answers(q)
        return next((i for i, a in enumerate(answers) if a == 0), len(answers))


RIASEC = Instrument("riasec", "Intérêts professionnels (RIASEC, 48 items)", RIASEC_ITEMS, RIASEC_SCALES)
BIGFIVE = Instrument("bigfive", "Personnalité (Mini-IPIP, 20 items)", BIGFIVE_ITEMS, BIGFIVE_SCALES)


def item_score(answer: int, key: str) -> int:
    if not 1 <= answer <= 5:
        raise ValueError("answer out of range")
    return 6 - answer if key == "-" else answer


def scale_scores(instrument: Instrument, answers: list[int]) -> dict[str, int]:
    """Sum per scale, in the order of the instrument's scales. Every item must be answered."""
    scores = {scale: 0 for scale in instrument.scales}
    for (_id, scale, key, _fr, _en), answer in zip(instrument.items, answers, strict=True):
        scores[scale] += item_score(answer, key)
    return scores


@dataclass(frozen=True)
class HollandCode:
    groups: list[list[str]] = field(default_factory=list)  # ranks; letters sharing a rank are tied

    @property
    def letters(self) -> str:
        return "".join(letter for group in self.groups for letter in group)

    def __str__(self) -> str:
        return " ".join(group[0] if len(group) == 1 else "(" + " = ".join(group) + ")" for group in self.groups)


def holland_code(scores: dict[str, int]) -> HollandCode:
    """The three highest types; a tie that reaches the third place keeps every tied type."""
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    groups: list[list[str]] = []
    taken = 0
    for value in sorted({v for _, v in ranked}, reverse=True):
        if taken >= 3:
            break
        group = [letter for letter, v in ranked if v == value]
        groups.append(group)
        taken += len(group)
    return HollandCode(groups)
