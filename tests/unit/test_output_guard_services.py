"""Issue 19, points 1 and 9: the guard as the window reaches it (through the services), its last-moment check, and
the sweep of the application's own abandoned temporary files beside what it writes."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bilan_desktop.domain.sharing import Destination
from bilan_desktop.services import outputs
from bilan_desktop.services.agenda import AgendaService
from bilan_desktop.services.backups import back_up
from bilan_desktop.services.bilans import BilanService
from bilan_desktop.services.documents import DocumentService
from bilan_desktop.services.stats import StatsService
from bilan_desktop.storage import output_guard
from bilan_desktop.storage.atomic import sweep_own_temp_files
from bilan_desktop.storage.errors import BackupInvalid
from bilan_desktop.storage.output_guard import AlreadyExists, IntoVault, commit, write_output

NOW = dt.datetime(2026, 11, 26, 10)
YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
SECRET = "la phrase de la copie de sauvegarde"
REFUSAL = ("Ce fichier ne peut pas être écrit dans le dossier du coffre, ni à la place de l'un de ses fichiers (pas "
           "même par un lien) : choisissez un autre dossier. Rien n'a été écrit.")


def listing(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def writers(vault):
    """What the window's pages call to write a file (documents, the six-month form and the PV go through the
    document service; the registers through services.outputs), each as `write(path, replace)`."""
    bilans = BilanService(vault)
    stats = StatsService(bilans)
    return {
        "document": lambda path, replace: DocumentService(vault).export(
            "questionnaire_suivi", b"%PDF-1.7 x", None, "BC-2026-0001", Destination.BENEFICIAIRE, False, path, NOW,
            replace),
        "stats csv": lambda path, replace: stats.write_csv([], path, replace),
        "stats pdf": lambda path, replace: stats.write_pdf(stats.figures(*YEAR, NOW.date()), *YEAR, path, NOW.date(),
                                                           replace),
        "calendar": lambda path, replace: AgendaService(bilans).export_ics([], path, NOW, False, replace),
        "registers": lambda path, replace: outputs.write_file(vault, path, b"registres", replace),
        "backup": lambda path, replace: back_up(vault, path, SECRET, NOW, 0, replace),
    }


@pytest.mark.parametrize("name", ["document", "stats csv", "stats pdf", "calendar", "registers", "backup"])
def test_the_window_services_refuse_the_vault_folder(vault, tmp_path, name):
    write = writers(vault)[name]
    before = listing(vault.folder)
    for target in (vault.folder / "export.pdf", vault.folder / "coffre.key", vault.folder / "coffre.db"):
        for replace in (False, True):
            with pytest.raises((IntoVault, BackupInvalid)) as info:
                write(target, replace)
            assert "dossier du coffre" in info.value.user_message and "Rien n'a été" in info.value.user_message
            assert listing(vault.folder) == before
    assert IntoVault().user_message == REFUSAL


def test_the_last_moment_check_refuses_a_file_that_appeared(tmp_path, monkeypatch):
    folder = tmp_path / "coffre"
    folder.mkdir()
    final = tmp_path / "export.csv"
    tmp = tmp_path / ".export.csv.1.tmp"
    tmp.write_bytes(b"nouveau")
    real_check = output_guard.check_target

    def late(path, vault_folder, replace=False):  # the check passes, then another program writes the file
        result = real_check(path, vault_folder, replace)
        final.write_bytes(b"apparu entre-temps")
        return result

    monkeypatch.setattr(output_guard, "check_target", late)
    with pytest.raises(AlreadyExists):
        commit(tmp, final, folder)
    assert final.read_bytes() == b"apparu entre-temps"
    final.unlink()
    monkeypatch.setattr(output_guard, "check_target", real_check)

    def no_links(*_args):
        raise PermissionError("no hard links on this file system")

    monkeypatch.setattr(os, "link", no_links)  # a FAT USB stick: checked, then renamed
    final.write_bytes(b"ancien")
    with pytest.raises(AlreadyExists):
        commit(tmp, final, folder)
    assert final.read_bytes() == b"ancien"
    final.unlink()
    commit(tmp, final, folder)
    assert final.read_bytes() == b"nouveau" and not tmp.exists()


def _dead_pid() -> int:
    return int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True).stdout)


def test_sweep_removes_only_the_applications_abandoned_temporary_files(tmp_path):
    dead = _dead_pid()
    victim = tmp_path / "ailleurs.txt"
    victim.write_bytes(b"intact")
    stale = [tmp_path / f".synthese.docx.{dead}.tmp", tmp_path / f".copie.bilanbak.{dead}-0a1b2c3d.tmp"]
    old_of_a_live_number = tmp_path / f".agenda.ics.{os.getppid()}.tmp"  # written before that process started
    kept = {
        "ours, live": tmp_path / f".synthese.pdf.{os.getpid()}.tmp",
        "another live process": tmp_path / f".chiffres.csv.{os.getppid()}-0a1b2c3d.tmp",
        "not our pattern": tmp_path / f"synthese.docx.{dead}.tmp",
        "not our pattern either": tmp_path / f".synthese.docx.{dead}.tmp.bak",
        "someone else's name": tmp_path / "notes.tmp",
    }
    for path in (*stale, old_of_a_live_number, *kept.values()):
        path.write_bytes(b"x")
    os.utime(old_of_a_live_number, (946684800, 946684800))  # 1 January 2000
    link = tmp_path / f".lien.pdf.{dead}.tmp"
    link.symlink_to(victim)
    folder = tmp_path / f".dossier.{dead}.tmp"
    folder.mkdir()
    removed = sweep_own_temp_files(tmp_path)
    expected = {p.name for p in stale} | ({old_of_a_live_number.name} if sys.platform.startswith("linux") else set())
    assert set(removed) == expected
    assert all(p.exists() for p in kept.values()), kept
    assert link.is_symlink() and victim.read_bytes() == b"intact" and folder.is_dir()
    assert sweep_own_temp_files(tmp_path / "absent") == []


def test_every_write_sweeps_its_folder_first(vault, tmp_path):
    """A kill during an export or a backup leaves a hidden temporary file; the next write in that folder removes it
    (the data folder is swept at every start, see test_hardening)."""
    dead = _dead_pid()
    exports = tmp_path / "exports"
    exports.mkdir()
    leftover = exports / f".synthese.docx.{dead}.tmp"
    leftover.write_bytes(b"PK complete document")
    write_output(exports / "chiffres.csv", b"a;b", vault.folder)
    assert not leftover.exists()
    backups = tmp_path / "sauvegardes"
    backups.mkdir()
    leftover = backups / f".sauvegarde.bilanbak.{dead}-0a1b2c3d.tmp"
    leftover.write_bytes(b"SQLCipher pages")
    back_up(vault, backups / "sauvegarde.bilanbak", SECRET, NOW)
    assert not leftover.exists() and [p.name for p in backups.iterdir()] == ["sauvegarde.bilanbak"]


KILL_DURING_BACKUP = """
import os, signal, sys, datetime as dt
from pathlib import Path
from bilan_desktop.storage import backup, keyfile
from bilan_desktop.storage.vault import Vault
from tests.conftest import FAST_KDF
keyfile.DEFAULT_KDF = FAST_KDF
def killed(*args, **kwargs):  # the backup is written and being verified: the machine stops
    os.kill(os.getpid(), signal.SIGKILL)
backup.verify_backup = killed
vault = Vault(Path(sys.argv[1])); vault.unlock(sys.argv[2])
backup.write_backup(vault, Path(sys.argv[3]), sys.argv[4], dt.datetime(2026, 11, 26, 10))
"""


def test_a_backup_killed_midway_leaves_a_temporary_file_the_next_write_sweeps(vault, tmp_path):
    from tests.conftest import PASSPHRASE
    vault.lock()
    folder = tmp_path / "sauvegardes"
    folder.mkdir()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([os.getcwd(), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run([sys.executable, "-c", KILL_DURING_BACKUP, str(vault.folder), PASSPHRASE,
                             str(folder / "lundi.bilanbak"), SECRET], capture_output=True, text=True, env=env,
                            timeout=120)
    assert result.returncode == -9, result.stderr[-2000:]
    (leftover,) = [p.name for p in folder.iterdir()]  # the whole encrypted copy, under a hidden temporary name
    assert leftover.startswith(".lundi.bilanbak.") and leftover.endswith(".tmp")
    vault.unlock(PASSPHRASE)
    back_up(vault, folder / "mardi.bilanbak", SECRET, NOW)
    assert [p.name for p in folder.iterdir()] == ["mardi.bilanbak"]
