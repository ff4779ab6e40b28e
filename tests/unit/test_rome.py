"""The ROME repository: recall and ranking on fixed queries, fiches, Holland matching."""

import re

import pytest

from bilan_desktop.storage.rome import ATTRIBUTION, RomeCatalog


@pytest.fixture(scope="module")
def rome():
    return RomeCatalog()


@pytest.mark.parametrize("query, code, label, within", [
    ("developpeur", "M1805", "Développeur / Développeuse informatique", 1),
    ("Développeuse", "M1805", "Développeur / Développeuse informatique", 1),   # feminine form
    ("aide soignant", "J1501", "Aide-soignant / Aide-soignante", 1),            # hyphen
    ("AIDE-SOIGNANTE", "J1501", "Aide-soignant / Aide-soignante", 1),           # case, feminine
    ("aide soignante a domicile", "J1501", "Aide-soignant / Aide-soignante à domicile", 1),
    ("secretaire", "M1607", "Secrétaire", 1),                                   # missing accent
    ("cuisiniere", "G1609", "Cuisinier / Cuisinière", 1),
    ("boulangere", "D1102", "Boulanger / Boulangère", 1),
    ("agent d entretien", "I1203", None, 3),                                    # apostrophe typed as a space
    ("agent d’entretien", "I1203", None, 3),                                    # typographic apostrophe
    ("chauffeur poids lourd", "N4101", "Chauffeur / Chauffeuse de poids lourd", 1),
    ("devel", "M1805", None, 1),                                                # prefix
    ("infirmier", "J1506", None, 3),
    ("aides soignants", "J1501", "Aide-soignant / Aide-soignante", 1),             # plural forms
])
def test_search_recall_and_ranking(rome, query, code, label, within):
    hits = rome.search(query)[:within]
    assert any(h.code == code and (label is None or h.libelle == label) for h in hits), [(h.code, h.libelle)
                                                                                       for h in hits]


def test_nonsense_and_syntax_characters_are_harmless(rome):
    assert rome.search("") == [] and rome.search("   ") == []
    assert rome.search('"*) OR NEAR(') == []  # FTS syntax is folded away, never raised
    assert rome.search("zzzzqqq") == []


def test_fiche_view(rome):
    fiche = rome.fiche("J1501")
    assert fiche.libelle == "Aide-soignant / Aide-soignante" and fiche.riasec == "SI"
    assert fiche.definition and fiche.acces and fiche.grand_domaine and fiche.domaine
    assert len(fiche.skills["savoir_faire"]) > 5 and fiche.skills["savoir"] and fiche.skills["savoir_etre"]
    assert "Aide-soignant / Aide-soignante à domicile" in fiche.appellations
    developer = rome.fiche("M1805")
    assert all("''" not in p for p in developer.definition)  # doubled apostrophes of the source undone
    assert rome.fiche("Z9999") is None


def test_holland_matching(rome):
    hits = rome.matching_holland("SIA")
    assert hits and all(set(rome.fiche(h.code).riasec) <= set("SIA") for h in hits[:30])
    assert rome.fiche(hits[0].code).riasec[0] == "S"


def test_attribution_text():
    assert ATTRIBUTION == ("Source : France Travail, Répertoire Opérationnel des Métiers et des Emplois (ROME 4.0, "
                           "version 460), Licence Ouverte 2.0")


def test_stop_words_codes_and_acronyms():
    """Issue 14: « pour » carries no meaning, a code typed directly finds its fiche, « RH » is not « Rhumatologue »."""
    catalog = RomeCatalog()
    assert catalog.search("formateur pour adultes")[0].libelle == "Formateur / Formatrice d'adultes"
    assert [(h.code, h.kind) for h in catalog.search("K2111")[:2]] == [("K2111", "fiche"), ("K2111", "appellation")]
    assert catalog.search(" k 2111 ")[0].code == "K2111" and catalog.search("Z9999") == []
    rh = [h.libelle for h in catalog.search("RH")[:10]]
    assert rh and not any(label.startswith("Rh") for label in rh)
    assert all(re.search(r"\brh\b|ressources humaines", label.lower()) for label in rh), rh
    assert catalog.search("responsable rh")[0].libelle.startswith("Responsable")
    assert catalog.search("de")  # nothing but a stop word: still searched


def test_riasec_matches_closest_pair_first_and_broad_jobs_before_narrow():
    catalog = RomeCatalog()
    hits = catalog.matching_holland("SEC")
    majors = [catalog.fiche(h.code).riasec for h in hits[:12]]
    assert all(pair == "SE" for pair in majors)  # the code's own first two letters, in order
    breadth = {code: n for code, n in catalog.conn.execute(
        "SELECT code, count(*) FROM appellation GROUP BY code")}
    first_pair = [h for h in hits if catalog.fiche(h.code).riasec == "SE"]
    assert [breadth[h.code] for h in first_pair] == sorted((breadth[h.code] for h in first_pair), reverse=True)
    assert hits[0].libelle != "Ambassadeur du tri"
