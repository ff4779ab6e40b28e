"""The registry is the one declaration of steps and sections: everything else agrees with it."""

import dataclasses

from bilan_desktop.domain import codec, registry, retention, workflow
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.registry import (CONSENT_GATED, ORDER, OVERVIEW_SECTIONS, PAGE_SECTION, SECTION_SPECS,
                                           SECTIONS_OF, Category, EditedIn)
from bilan_desktop.storage import dossiers
from bilan_desktop.ui.forms import F
from bilan_desktop.ui.step_specs import PAGES


def _content_fields(cls) -> set[str]:
    return {f.name for f in dataclasses.fields(cls) if codec.is_content(f)}


def test_every_section_is_a_dossier_attribute_of_its_class():
    hints = {f.name: f.type for f in dataclasses.fields(workflow.Dossier)}
    for spec in SECTION_SPECS:
        assert spec.name in hints, spec.name
        assert isinstance(getattr(workflow.Dossier(), spec.name), spec.cls)
    section_fields = {f.name for f in dataclasses.fields(workflow.Dossier)} - {"bilan_id", "reference", "funding",
                                                                                 "step", "seances"}
    assert section_fields == {spec.name for spec in SECTION_SPECS}  # and no section left out


def test_content_sections_have_a_destruction_category_and_admin_ones_none():
    for spec in SECTION_SPECS:
        assert bool(_content_fields(spec.cls)) == (spec.destroyed_as is not None), spec.name


def test_consent_gates_only_content_and_everything_after_the_entretien_prealable():
    for spec in SECTION_SPECS:
        if spec.gated:
            assert spec.destroyed_as is not None, spec.name
        after = spec.step is not None and ORDER.index(spec.step) > ORDER.index(Step.CONVENTION)
        if spec.destroyed_as is not None and after:
            assert spec.gated, f"{spec.name}: content entered after the entretien préalable must need consent"


def test_every_step_has_one_page_and_every_page_field_exists():
    assert list(PAGES) == ORDER == list(PAGE_SECTION)
    for step, (title, _intro, specs) in PAGES.items():
        cls = PAGE_SECTION[step].cls
        names = {f.name for f in dataclasses.fields(cls)}
        shown = {s.name for s in specs if isinstance(s, F)}
        assert title and shown <= names, (step, shown - names)
        assert shown == names, f"{step}: fields without a label on the page: {names - shown}"


def test_sections_edited_elsewhere_belong_to_a_step_or_a_dialog():
    for spec in SECTION_SPECS:
        if spec.edited_in is EditedIn.STEP_PAGE:
            assert PAGE_SECTION[spec.step] is spec
        elif spec.edited_in in (EditedIn.DIALOG, EditedIn.CONTRACT_PAGE):
            assert spec.step is None and spec.destroyed_as is None


def test_derived_tables_are_the_registry():
    assert workflow.ORDER is registry.ORDER
    assert retention.SECTIONS_OF is SECTIONS_OF and retention.Category is Category
    assert dossiers.OVERVIEW_SECTIONS is OVERVIEW_SECTIONS
    assert CONSENT_GATED == {"phase_preliminaire", "phase_investigation", "phase_conclusion", "suivi", "synthese",
                             "questionnaires"}
    assert sorted(n for names in SECTIONS_OF.values() for n in names) == sorted(
        s.name for s in SECTION_SPECS if s.destroyed_as is not None)
    # the engine needs the administrative facts its schedule reads
    assert {"convention", "fin_du_bilan", "suivi", "cloture"} <= set(OVERVIEW_SECTIONS)
