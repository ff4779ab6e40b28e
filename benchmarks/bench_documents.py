"""Time to build a complete 10-page synthèse with a full action plan, and to preview its first page.

Run: .venv/bin/python benchmarks/bench_documents.py
Targets (issue 4): build <= 0.5 s; first page of the preview shown <= 1 s.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pypdf import PdfReader  # noqa: E402

from bilan_desktop.documents import synthese  # noqa: E402
from bilan_desktop.domain.sections import EtapePlan, StatutEtape  # noqa: E402
from bilan_desktop.domain.synthese import SyntheseDraft, prefill  # noqa: E402
from tests.unit.documents_fixtures import beneficiary, dossier, provider  # noqa: E402

SENTENCE = ("Au fil des entretiens, le bénéficiaire a précisé ce qui compte pour lui dans son travail, les "
            "situations où il se sent utile et les compétences qu'il souhaite mobiliser. ")


def ten_page_inputs():
    d = dossier("Horizon")
    d.phase_conclusion.plan_action = [EtapePlan(f"Étape {i} : {SENTENCE[:90]}", dt.date(2026, 9, 1) +
                                                dt.timedelta(days=14 * i), list(StatutEtape)[i % 3])
                                      for i in range(40)]
    base = prefill(d)
    long = SENTENCE * 12
    draft = SyntheseDraft(**{name: (getattr(base, name) + "\n\n" + long + "\n\n" + long).strip()
                             for name in SyntheseDraft.__dataclass_fields__})
    return provider(), beneficiary("Horizon"), d, draft


def pasted_lines() -> None:
    """Issue 10: text pasted with many single line breaks laid out in linear time (was 6 s for 2,000 lines)."""
    p, b, d, draft = ten_page_inputs()
    for count in (2_000, 16_000):
        pasted = "\n".join(f"ligne {i} : {SENTENCE[:60]}" for i in range(count))
        start = time.perf_counter()
        pdf = synthese.build(p, b, d, SyntheseDraft(projet=pasted), dt.date(2026, 5, 29))
        print(f"synthèse with {count:,} pasted lines: {time.perf_counter() - start:.2f} s, "
              f"{len(PdfReader(io.BytesIO(pdf)).pages)} pages")


def main() -> None:
    p, b, d, draft = ten_page_inputs()
    synthese.build(p, b, d, draft, dt.date(2026, 5, 29))  # warm-up: fonts loaded once per process
    times, pdf = [], b""
    for _ in range(5):
        start = time.perf_counter()
        pdf = synthese.build(p, b, d, draft, dt.date(2026, 5, 29))
        times.append(time.perf_counter() - start)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(f"synthèse: {pages} pages, {len(pdf) / 1024:.0f} KiB")
    print(f"build: median {statistics.median(times):.3f} s, worst {max(times):.3f} s  (target <= 0.5 s)")

    from PySide6.QtWidgets import QApplication
    from bilan_desktop.ui import dialogs
    from bilan_desktop.ui.documents_page import PreviewDialog
    app = QApplication.instance() or QApplication([])
    shown = []
    for _ in range(3):
        start = time.perf_counter()
        fresh = synthese.build(p, b, d, draft, dt.date(2026, 5, 29))
        dialog = PreviewDialog("Document de synthèse", fresh)
        dialog.show()
        dialog.labels[0].repaint()
        app.processEvents()
        shown.append(time.perf_counter() - start)
        dialog.reject()
        dialogs.set_runner(None)
    print(f"preview, first page shown (build included): median {statistics.median(shown):.3f} s, "
          f"worst {max(shown):.3f} s  (target <= 1 s)")


def every_document() -> None:
    """Issue 12: each document of a bilan with 24 sessions signed on screen (48 signature images)."""
    from tests.unit.test_funder_documents import full_provider, person

    from bilan_desktop.documents import catalog
    from bilan_desktop.domain.funding import Funding
    from bilan_desktop.domain.seances import Role, Seance, Signature, StatutSeance
    from bilan_desktop.domain.sections import EntretienPrealable, Financement
    signature = Path(__file__).with_name("signature.png").read_bytes()
    for funding in (Funding.PERSONNEL, Funding.PLAN_DEVELOPPEMENT):
        d = dossier("Horizon", funding=funding)
        d.entretien_prealable = EntretienPrealable(consentement_libre=True, consentement_le=dt.date(2026, 1, 5))
        d.financement = Financement(contrat_signe_le=dt.date(2026, 1, 5), prix_euros=1800)
        stamp = dt.datetime(2026, 1, 12, 12)
        d.seances = [Seance(id=i, date=dt.date(2026, 1, 12) + dt.timedelta(days=3 * i), debut=dt.time(9),
                            fin=dt.time(10), statut=StatutSeance.REALISEE,
                            signatures=(Signature(Role.BENEFICIAIRE, signature, stamp),
                                        Signature(Role.CONSULTANT, signature, stamp))) for i in range(24)]
        ctx = catalog.DocumentContext(full_provider(), person(), d, dt.date(2026, 5, 29))
        for kind in catalog.BILAN_DOCUMENTS:
            if catalog.unavailable_reason(kind, d):
                continue
            catalog.build(kind, ctx)
            times = []
            for _ in range(3):
                start = time.perf_counter()
                pdf = catalog.build(kind, ctx)
                times.append(time.perf_counter() - start)
            print(f"{funding.value:>18} {kind.value:<20} {statistics.median(times) * 1000:6.0f} ms, "
                  f"{len(PdfReader(io.BytesIO(pdf)).pages)} page(s)")


if __name__ == "__main__":
    main()
    pasted_lines()
    every_document()
