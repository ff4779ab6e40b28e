"""The statistics of a year over 2,000 bilans (issue 15): the figures, and the page to publish with its charts.

Run: .venv/bin/python benchmarks/bench_stats.py
No target in the issue; the screen computes them when its tab opens, and again only if a bilan changed since.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from bench_startup import PASSPHRASE, generate  # noqa: E402


def main() -> None:
    from bilan_desktop.documents import stats_pdf
    from bilan_desktop.services.bilans import BilanService
    from bilan_desktop.services.stats import StatsService
    from bilan_desktop.storage.exports import ProviderRepository
    from bilan_desktop.storage.vault import Vault
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp) / "coffre", 2000)
        vault = Vault(Path(tmp) / "coffre")
        vault.unlock(PASSPHRASE)
        service, today = StatsService(BilanService(vault)), dt.date.today()
        start, end = dt.date(today.year - 1, 1, 1), dt.date(today.year, 12, 31)
        figures, pages = [], []
        for _ in range(5):
            begin = time.perf_counter()
            found = service.figures(start, end, today)
            figures.append(time.perf_counter() - begin)
            begin = time.perf_counter()
            stats_pdf.build(ProviderRepository(vault).load(), found, start, end, today)
            pages.append(time.perf_counter() - begin)
        vault.lock()
    print(f"figures of two years, 2,000 bilans ({len(found)} figures): median {statistics.median(figures):.3f} s, "
          f"worst {max(figures):.3f} s")
    print(f"page to publish (charts included): median {statistics.median(pages):.3f} s, worst {max(pages):.3f} s")


if __name__ == "__main__":
    main()
