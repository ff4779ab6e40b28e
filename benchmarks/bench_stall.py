"""The longest event-loop stall (the window cannot repaint) during an unlock, a synthèse export, a backup and a
destruction, on a vault of 200 bilans with the real Argon2id parameters.

Run: .venv/bin/python benchmarks/bench_stall.py [--bilans 200]
Goal (issue 11): <= 100 ms each. A 1 ms timer records when the loop turns; the stall is the longest gap.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.bench_startup import PASSPHRASE, generate  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def stall(app: QApplication, operation) -> float:
    """Run `operation` and return the longest time (ms) the event loop did not turn."""
    ticks = [time.perf_counter()]
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    app.processEvents()
    operation()
    ticks.append(time.perf_counter())
    timer.stop()
    return max(b - a for a, b in zip(ticks, ticks[1:], strict=False)) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bilans", type=int, default=200)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-stall-"))
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
    os.environ["XDG_STATE_HOME"] = str(folder / "state")
    generate(folder / "coffre", args.bilans)

    from bilan_desktop import paths
    from bilan_desktop.documents.catalog import DocumentKind
    from bilan_desktop.domain.beneficiary import Beneficiary
    from bilan_desktop.domain.funding import Funding
    from bilan_desktop.domain.sections import Conservation, EntretienPrealable, FinDuBilan, PhaseInvestigation
    from bilan_desktop.storage.backup import write_backup
    from bilan_desktop.ui.app import build_main_window, create_application

    paths.set_data_dir(folder / "coffre")
    app = create_application(["bilan-desktop"])
    window = build_main_window()
    window.show()
    app.processEvents()
    derive = stall(app, lambda: window.vault.unlock(PASSPHRASE, window_derived(window)))
    window.vault.lock()
    print(f"unlock, key derivation on a worker thread: longest stall {derive:6.1f} ms")
    total = stall(app, lambda: window.unlock(PASSPHRASE))
    print(f"unlock, whole (derivation, destruction engine, list of {args.bilans}): longest stall {total:6.1f} ms")

    now = dt.datetime.now()
    service = window.repository
    bilan_id = service.create(Beneficiary("Martin", "Zoé"), Funding.CPF, now)
    service.save_section(bilan_id, EntretienPrealable(consentement_libre=True, consentement_le=now.date()), now)
    service.save_section(bilan_id, PhaseInvestigation(projet_intitule="Ébéniste", personnalite="Curieuse " * 3000),
                         now)
    window.open_bilan(bilan_id)
    documents = window.bilan_windows[bilan_id].documents
    first = stall(app, lambda: documents._build(DocumentKind.SYNTHESE))
    print(f"synthèse built for export, first of the session (fonts loaded): longest stall {first:6.1f} ms")
    export = stall(app, lambda: documents._build(DocumentKind.SYNTHESE))
    print(f"synthèse built for export (layout on a worker thread): longest stall {export:6.1f} ms")
    target = folder / "copie.bilanbak"
    from bilan_desktop.storage.backup import BackupSecret
    from bilan_desktop.ui.background import run_in_background
    backup = stall(app, lambda: write_backup(window.vault, target, run_in_background(
        BackupSecret("phrase de la copie du banc d'essai").prepare_write), now))
    print(f"backup ({target.stat().st_size // 1024} KiB; key derivation on a worker thread, export and verification "
          f"on the GUI thread): longest stall {backup:6.1f} ms")
    from bilan_desktop.services import backups

    def restore_as_the_window_does():
        secret = run_in_background(BackupSecret("phrase de la copie du banc d'essai").prepare_read, target)
        backups.inspect(window.vault, target, secret)
        ready = run_in_background(backups.prepare(window.vault, target, secret))
        backups.restore(window.vault, target, secret, now, ready)

    restore = stall(app, restore_as_the_window_does)
    print(f"restore (verification and export on a worker thread; swap and destruction engine on the GUI thread): "
          f"longest stall {restore:6.1f} ms")
    window.bilan_windows[bilan_id].close()
    service.dossiers.save_section(bilan_id, FinDuBilan(date_fin=now.date() - dt.timedelta(days=2),
                                                       conservation=Conservation.AUCUNE), now)
    def destroy_as_the_window_does():
        window.run_retention(later=True)
        for _ in range(20):  # the windows, the list, the compaction and the new key: turns of their own
            app.processEvents()
        while window._unfinished:  # compaction, then the new key, each in a turn of the event loop of its own
            app.processEvents()

    destruction = stall(app, destroy_as_the_window_does)
    print(f"destruction of one bilan as the window runs it (delete; VACUUM; new key — three turns of the event "
          f"loop): longest stall {destruction:6.1f} ms")
    window.close()


def window_derived(window):
    from bilan_desktop.ui.background import run_in_background
    return run_in_background(window.vault.derive, PASSPHRASE)


if __name__ == "__main__":
    main()
