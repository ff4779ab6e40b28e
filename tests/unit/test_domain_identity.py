import datetime as dt

import pytest

from bilan_desktop.domain.beneficiary import Beneficiary, normalize_phone, validate
from bilan_desktop.domain.dates import long_date, parse_short_date, short_date
from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.text import fold, matches

TODAY = dt.date(2026, 11, 26)


def test_fold_ignores_accents_case_hyphens_and_apostrophes():
    assert fold("Élodie D’Arc-Dupont") == "elodie d arc dupont"
    assert fold("ŒUVRE") == "oeuvre"
    assert matches(fold("DUPONT Élodie"), "elodie")
    assert matches(fold("DUPONT Élodie"), "dupont ELO")
    assert not matches(fold("DUPONT Élodie"), "martin")


def test_fold_strips_every_combining_mark_not_only_latin_ones():
    """The fast path strips U+0300–U+036F; marks of other blocks still go (Hebrew cantillation, Vietnamese)."""
    assert fold("Ա\u0591b") == "աb"
    assert fold("Nguyễn") == "nguyen"
    assert fold("ﬁnance Ｎoël") == "finance noel"
    assert fold("a\u20d7") == "a"
    assert fold("Lætitia CÆSAR, Œdipe") == "laetitia caesar oedipe"


def test_valid_beneficiary_has_no_errors():
    b = Beneficiary("Dupont", "Élodie", dt.date(1985, 3, 14), "elodie@exemple.fr", "06 12 34 56 78", "Lyon")
    assert validate(b, TODAY) == {}


def test_each_invalid_field_gets_a_french_message():
    b = Beneficiary("  ", "", dt.date(2027, 1, 1), "pas-un-email", "12", "")
    errors = validate(b, TODAY)
    assert errors["nom"] == "Le nom est obligatoire."
    assert errors["prenom"] == "Le prénom est obligatoire."
    assert "futur" in errors["date_naissance"]
    assert "e-mail" in errors["email"]
    assert "téléphone" in errors["telephone"]


def test_birth_date_today_is_allowed_but_tomorrow_is_not():
    assert "date_naissance" not in validate(Beneficiary("A", "B", TODAY), TODAY)
    assert "date_naissance" in validate(Beneficiary("A", "B", TODAY + dt.timedelta(days=1)), TODAY)


@pytest.mark.parametrize("phone, expected", [
    ("06 12 34 56 78", "0612345678"), ("06.12.34.56.78", "0612345678"), ("+33 6 12 34 56 78", "+33612345678"),
    ("+32 470 12 34 56", "+32470123456"), ("0012345678", None), ("061234567", None), ("abc", None),
])
def test_phone_numbers(phone, expected):
    assert normalize_phone(phone) == expected


def test_french_dates():
    assert long_date(dt.date(2026, 11, 26)) == "jeudi 26 novembre 2026"
    assert long_date(dt.date(2026, 3, 1)) == "dimanche 1er mars 2026"
    assert short_date(dt.date(2026, 2, 3)) == "03/02/2026"
    assert parse_short_date("3/2/2026") == dt.date(2026, 2, 3)
    assert parse_short_date("  ") is None
    with pytest.raises(ValueError):
        parse_short_date("31/02/2026")
    with pytest.raises(ValueError):
        parse_short_date("2026-02-03")


def test_convention_is_required_exactly_for_the_two_routes_of_r6313_8():
    assert {f for f in Funding if f.requires_convention} == {Funding.PLAN_DEVELOPPEMENT, Funding.CONGE_RECLASSEMENT}
