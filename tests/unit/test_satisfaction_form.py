"""Issue 15: the fillable six-month questionnaire round-trips — produced, filled by a PDF library as a beneficiary's
reader would, imported, the figures updated — and a foreign or altered form is refused with a clear message."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from bilan_desktop.domain.beneficiary import Beneficiary
from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.sections import FinDuBilan, Suivi
from bilan_desktop.domain.workflow import RuleViolation
from bilan_desktop.services.bilans import BilanService
from bilan_desktop.services.satisfaction_forms import SatisfactionForms
from bilan_desktop.services.stats import StatsService

NOW = dt.datetime(2026, 11, 25, 10)


def fill(pdf: bytes, marks: dict[str, str], comment: str = "", **overrides: str) -> bytes:
    """What a PDF reader writes when the beneficiary ticks and types (radio groups take the chosen value's name)."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    writer.append(reader)
    for annotation in writer.pages[0].get("/Annots", []):
        widget = annotation.get_object()
        parent = widget.get("/Parent")
        name = parent.get_object().get("/T") if parent is not None else widget.get("/T")
        if name in marks:
            on = [key for key in widget["/AP"]["/N"].keys() if key != "/Off"][0]
            chosen = on == f"/{marks[name]}"
            widget[NameObject("/AS")] = NameObject(on if chosen else "/Off")
            if chosen:
                parent.get_object()[NameObject("/V")] = NameObject(on)
    texts = {"commentaire": comment, **overrides}
    writer.update_page_form_field_values(writer.pages[0], {k: v for k, v in texts.items() if v}, auto_regenerate=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def ended(vault):
    service = BilanService(vault)
    bilan_id = service.create(Beneficiary("Lefèvre", "Élodie"), Funding.CPF, NOW)
    service.dossiers.save_section(bilan_id, FinDuBilan(date_fin=dt.date(2026, 5, 1)), NOW)
    service.dossiers.save_section(bilan_id, Suivi(realise_le=dt.date(2026, 11, 2)), NOW)
    service.dossiers.set_step(bilan_id, Step.ENTRETIEN_SUIVI, NOW)
    return service, bilan_id


def test_the_form_round_trips_and_the_figures_follow(ended):
    service, bilan_id = ended
    forms = SatisfactionForms(service)
    pdf = forms.issue(bilan_id, NOW.date())
    forms.issue(bilan_id, NOW.date())
    tokens = service.vault.conn.execute("SELECT token FROM satisfaction_form").fetchall()
    assert len(tokens) == 1 and tokens[0][0].encode() in pdf  # the same token for the same bilan
    assert b"Lef" not in pdf and "Élodie".encode() not in pdf
    filled = fill(pdf, {f"q{i}": str(1 + i % 5) for i in range(1, 9)}, comment="Très utile, merci.")
    reference, marks = forms.import_(filled, NOW.date())
    assert reference == "BC-2026-0001" and marks == [2, 3, 4, 5, 1, 2, 3, 4]
    assert service.satisfaction(bilan_id, "suivi") == ([2, 3, 4, 5, 1, 2, 3, 4], "Très utile, merci.")
    cold = {f.label: f.value for f in StatsService(service).figures(dt.date(2026, 1, 1), dt.date(2026, 12, 31),
                                                                    NOW.date()) if f.section == "Satisfaction à froid"}
    assert cold["Réponses"] == 1 and cold["Taux de réponse"] == 100.0 and cold["Votre satisfaction globale"] == 4.0


def test_an_incomplete_a_foreign_and_an_altered_form_are_refused(ended, tmp_path):
    service, bilan_id = ended
    forms = SatisfactionForms(service)
    pdf = forms.issue(bilan_id, NOW.date())
    with pytest.raises(RuleViolation, match="Questions sans réponse : 7, 8"):
        forms.import_(fill(pdf, {f"q{i}": "3" for i in range(1, 7)}), NOW.date())
    with pytest.raises(RuleViolation, match="pas un questionnaire"):
        forms.import_(b"%PDF-1.4 nothing here", NOW.date())
    with pytest.raises(RuleViolation, match="pas un questionnaire"):
        forms.import_(b"not even a pdf", NOW.date())
    with pytest.raises(RuleViolation, match="ne vient pas de ce coffre"):
        forms.import_(fill(pdf, {f"q{i}": "3" for i in range(1, 9)}, jeton="0" * 24), NOW.date())
    with pytest.raises(RuleViolation, match="ne vient pas de ce coffre"):
        forms.import_(fill(pdf, {f"q{i}": "3" for i in range(1, 9)}, reference="BC-2026-0099"), NOW.date())
    assert service.satisfaction(bilan_id, "suivi") is None  # nothing recorded by a refused import


def test_registers_travel_with_backups(vault, tmp_path):
    from bilan_desktop.domain.registers import Amelioration, Reclamation
    from bilan_desktop.services.backups import back_up, restore
    from bilan_desktop.storage.registers import RegisterRepository
    registers = RegisterRepository(vault)
    registers.save("reclamations", [Reclamation(recue_le=dt.date(2026, 11, 2), objet="Retard")], NOW)
    registers.save("ameliorations", [Amelioration(action="Relancer plus tôt")], NOW)
    target = tmp_path / "copie.bilanbak"
    back_up(vault, target, "lampion quinoa marmotte de sauvegarde", NOW)
    registers.save("reclamations", [], NOW)
    restore(vault, target, "lampion quinoa marmotte de sauvegarde", NOW)
    assert [c.objet for c in RegisterRepository(vault).load("reclamations")] == ["Retard"]
    assert [a.action for a in RegisterRepository(vault).load("ameliorations")] == ["Relancer plus tôt"]


# -- Issue 19: bounds on what an import reads and stores ------------------------------------------------------------

def _answered() -> dict[str, str]:
    return {f"q{i}": "4" for i in range(1, 9)}


@pytest.mark.parametrize("token", ["jéton-modifié", "ß" * 24, "\u202e" + "0" * 23, "😀" * 12])
def test_a_token_with_non_ascii_characters_is_refused_in_french(ended, token):
    service, bilan_id = ended
    forms = SatisfactionForms(service)
    pdf = forms.issue(bilan_id, NOW.date())
    with pytest.raises(RuleViolation, match="ne vient pas de ce coffre"):
        forms.import_(fill(pdf, _answered(), jeton=token), NOW.date())
    assert service.satisfaction(bilan_id, "suivi") is None


def test_a_comment_longer_than_the_form_allows_is_refused_and_the_limit_itself_accepted(ended):
    service, bilan_id = ended
    forms = SatisfactionForms(service)
    pdf = forms.issue(bilan_id, NOW.date())
    assert b"/MaxLen 2000" in pdf  # the limit the form declares to the beneficiary's reader
    for comment in ("x" * 2001, "é" * 2001, "x" * 1_000_000):  # the whole file stays under 5 MB
        with pytest.raises(RuleViolation, match="dépasse les 2\u202f000 caractères"):
            forms.import_(fill(pdf, _answered(), comment=comment), NOW.date())
        assert service.satisfaction(bilan_id, "suivi") is None
    forms.import_(fill(pdf, _answered(), comment="é" * 2000), NOW.date())
    assert service.satisfaction(bilan_id, "suivi") == ([4] * 8, "é" * 2000)


def test_an_over_long_reference_is_a_foreign_form(ended):
    service, bilan_id = ended
    forms = SatisfactionForms(service)
    pdf = forms.issue(bilan_id, NOW.date())
    with pytest.raises(RuleViolation, match="ne vient pas de ce coffre"):
        forms.import_(fill(pdf, _answered(), reference="BC-2026-0001" + " " * 100_000), NOW.date())


def test_a_file_over_five_megabytes_is_refused_before_it_is_read(ended, tmp_path, monkeypatch):
    from bilan_desktop.services import satisfaction_forms as module
    service, bilan_id = ended
    forms = SatisfactionForms(service)
    pdf = forms.issue(bilan_id, NOW.date())
    read_sizes: list[int] = []
    real_open = open

    class Spy:
        def __init__(self, file):
            self.file = file

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

        def fileno(self):
            return self.file.fileno()

        def read(self, size=-1):
            data = self.file.read(size)
            read_sizes.append(len(data))
            return data

    monkeypatch.setattr(module, "open", lambda path, mode="r": Spy(real_open(path, mode)), raising=False)
    big = tmp_path / "gros.pdf"
    with real_open(big, "wb") as file:  # sparse: 64 MB on paper, nothing on disk
        file.truncate(64 * 1024 * 1024)
    with pytest.raises(RuleViolation, match="trop gros"):
        forms.import_file(big, NOW.date())
    assert read_sizes == []  # refused from its size alone
    limit = tmp_path / "limite.pdf"
    limit.write_bytes(fill(pdf, _answered()) + b"\n%" + b"0" * module.MAX_FORM_BYTES)
    with pytest.raises(RuleViolation, match="trop gros"):
        forms.import_file(limit, NOW.date())
    good = tmp_path / "rempli.pdf"
    good.write_bytes(fill(pdf, _answered(), comment="Merci"))
    assert forms.import_file(good, NOW.date()) == ("BC-2026-0001", [4] * 8)
    assert max(read_sizes) <= module.MAX_FORM_BYTES + 1
