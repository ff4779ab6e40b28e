"""Per-keystroke time of the ROME search, typing real queries one character at a time.

Run: .venv/bin/python benchmarks/bench_rome.py      Target (issue 6): each keystroke <= 30 ms.
"""

from __future__ import annotations

import statistics
import time

from bilan_desktop.storage.rome import RomeCatalog

QUERIES = ["developpeur informatique", "aide soignante", "agent d'entretien", "chauffeur poids lourd", "comptable",
           "assistante maternelle", "conseiller en insertion professionnelle", "educateur specialise", "menuisier",
           "infirmiere", "secretaire medicale", "boulanger patissier", "electricien du batiment", "a", "e"]


def main() -> None:
    start = time.perf_counter()
    rome = RomeCatalog()
    print(f"opening the repository: {(time.perf_counter() - start) * 1000:.1f} ms")
    times = []
    for query in QUERIES:
        for end in range(1, len(query) + 1):
            t = time.perf_counter()
            rome.search(query[:end])
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(f"{len(times)} keystrokes: median {statistics.median(times):.2f} ms, 95th percentile "
          f"{times[int(len(times) * 0.95)]:.2f} ms, worst {times[-1]:.2f} ms  (target <= 30 ms)")


if __name__ == "__main__":
    main()
