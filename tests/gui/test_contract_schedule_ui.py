"""Issue 20 §4 through the window: the payment schedule is a list of dates and amounts on « Contrat et financement »;
a schedule asking too much too early is refused with the figures and nothing is saved; the flag names both cases."""

from __future__ import annotations

import datetime as dt

from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.sections import Echeance, Financement
from tests.gui.workflow_helpers import bilan_at

NBSP, NNBSP = "\u00a0", "\u202f"


def test_a_schedule_typed_on_the_page_is_checked_against_l6353_6(window, script, clock):
    bw, repo = bilan_at(window, script, Step.PHASE_PRELIMINAIRE)
    repo.set_funding(1, Funding.PERSONNEL, clock.now())
    signed = clock.today() - dt.timedelta(days=1)
    repo.save_section(1, Financement(prix_euros=2000, contrat_signe_le=signed), clock.now())
    bw.refresh()
    page = bw.financement
    form = page.form
    assert form._layout.isRowVisible(form.rows["echeancier"])
    box = form.widgets["signe_a_distance"]
    assert box.text().startswith("Contrat signé à distance ou hors établissement")
    last = signed + dt.timedelta(days=10)  # Saturday 5 December 2026: moved to Monday 7 (no holiday near)
    while last.weekday() >= 5:
        last += dt.timedelta(days=1)
    first_day = last + dt.timedelta(days=1)
    assert first_day == dt.date(2026, 12, 8)
    editor = form.widgets["echeancier"]
    editor.add_row()
    columns = [name for name, _header in editor.columns]
    editor.table.item(0, columns.index("date")).setText(first_day.strftime("%d/%m/%Y"))
    editor.table.item(0, columns.index("montant_euros")).setText("700")
    page.save_now()
    assert "Échéancier refusé : 700,00" in page.reasons.text()
    assert f"(600,00{NBSP}€ au plus sur 2{NNBSP}000,00{NBSP}€)" in page.reasons.text()
    assert repo.load(1).financement.echeancier == []
    editor.table.item(0, columns.index("montant_euros")).setText("600")
    page.save_now()
    assert page.reasons.text() == "", page.reasons.text()
    assert repo.load(1).financement.echeancier == [Echeance(first_day, 600)]
    assert page.reasons.text() == ""
