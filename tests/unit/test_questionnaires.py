"""Scoring against hand-computed answer sets."""

import pytest

from bilan_desktop.domain.questionnaire_items import BIGFIVE_ITEMS, RIASEC_ITEMS
from bilan_desktop.domain.questionnaires import (BIGFIVE, RIASEC, Questionnaires, holland_code, item_score,
                                                 scale_scores)


def test_items_and_keys_match_the_published_markers():
    import csv
    from pathlib import Path
    shared = Path(__file__).resolve().parents[2] / "data" / "psychometrics"  # the published English markers
    riasec = list(csv.DictReader(open(shared / "riasec48_iip_markers_en.csv", encoding="utf-8")))
    assert [(r["id"], r["scale"], r["text"]) for r in riasec] == [(i[0], i[1], i[4]) for i in RIASEC_ITEMS]
    mini = list(csv.DictReader(open(shared / "mini_ipip20_en.csv", encoding="utf-8")))
    assert [(r["num"], r["scale"], r["key"], r["text"]) for r in mini] == [(i[0], i[1], i[2], i[4])
                                                                          for i in BIGFIVE_ITEMS]
    assert all(i[3] and i[3] != i[4] for i in RIASEC_ITEMS + BIGFIVE_ITEMS)  # a French wording for every item


def test_minus_keyed_items_are_reversed():
    assert [item_score(a, "-") for a in range(1, 6)] == [5, 4, 3, 2, 1]
    assert [item_score(a, "+") for a in range(1, 6)] == [1, 2, 3, 4, 5]
    with pytest.raises(ValueError):
        item_score(0, "+")


def test_mini_ipip_by_hand():
    # item:    1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20
    answers = [5, 4, 2, 1, 5, 1, 2, 4, 5, 1, 4, 5, 3, 2, 2, 2, 1, 5, 4, 1]
    # E: 1(+)=5, 6(-)=6-1=5, 11(+)=4, 16(-)=6-2=4 -> 18
    # A: 2(+)=4, 7(-)=6-2=4, 12(+)=5, 17(-)=6-1=5 -> 18
    # C: 3(+)=2, 8(-)=6-4=2, 13(+)=3, 18(-)=6-5=1 -> 8
    # N: 4(+)=1, 9(-)=6-5=1, 14(+)=2, 19(-)=6-4=2 -> 6
    # I: 5(+)=5, 10(-)=6-1=5, 15(-)=6-2=4, 20(-)=6-1=5 -> 19
    assert scale_scores(BIGFIVE, answers) == {"E": 18, "A": 18, "C": 8, "N": 6, "I": 19}
    assert scale_scores(BIGFIVE, [3] * 20) == {"E": 12, "A": 12, "C": 12, "N": 12, "I": 12}


def test_riasec_sums_and_holland_code_with_a_tie():
    per_type = {"R": [1, 1, 2, 1, 1, 2, 1, 1], "I": [4, 4, 5, 3, 4, 4, 5, 4], "A": [5, 4, 4, 4, 3, 4, 4, 5],
                "S": [5, 5, 5, 4, 5, 5, 4, 5], "E": [2, 3, 2, 2, 3, 2, 2, 2], "C": [1, 2, 1, 2, 1, 2, 1, 1]}
    answers = [a for letter in "RIASEC" for a in per_type[letter]]
    scores = scale_scores(RIASEC, answers)
    assert scores == {"R": 10, "I": 33, "A": 33, "S": 38, "E": 18, "C": 11}
    code = holland_code(scores)
    assert code.groups == [["S"], ["I", "A"]] and str(code) == "S (I = A)" and code.letters == "SIA"
    assert str(holland_code({"R": 9, "I": 30, "A": 25, "S": 35, "E": 25, "C": 8})) == "S I (A = E)"
    assert str(holland_code({"R": 40, "I": 30, "A": 20, "S": 10, "E": 9, "C": 8})) == "R I A"


def test_progress_and_pause():
    q = Questionnaires(riasec=[3, 4, 0, 5])
    assert RIASEC.first_unanswered(q) == 2 and not RIASEC.complete(q)
    assert RIASEC.answers(q)[:5] == [3, 4, 0, 5, 0] and len(RIASEC.answers(q)) == 48
    assert BIGFIVE.first_unanswered(Questionnaires()) == 0
