"""Process hardening: a clean Qt binding, no core dumps, private files, stale temporary files swept, temporary
files that never follow a planted link."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bilan_desktop import cli, qt_selfcheck
from bilan_desktop.hardening import sweep_stale_temp_files
from bilan_desktop.storage.atomic import write_bytes_atomic

PASS = "girafe lampion escalier brume ocre"

DRIFT_PROBE = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
before = sys.getrefcount(None)
for _ in range(10_000):
    label.setText("x")  # a Qt method that returns nothing
print(sys.getrefcount(None) - before)
"""


def test_the_pinned_binding_does_not_drop_references_to_none():
    """PySide6 6.12.0 on Python 3.11 drifts by -10,000 here (and aborts); 6.11.3 drifts 0."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", DRIFT_PROBE], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout.strip()) == 0


def test_selfcheck_is_clean_on_this_binding():
    assert qt_selfcheck.none_drift() == 0
    assert qt_selfcheck.binding_problem() == ""


def test_a_drifting_binding_is_refused_with_a_french_message(monkeypatch, capsys):
    if sys.version_info >= (3, 12):
        assert qt_selfcheck.binding_problem(lambda: -qt_selfcheck.CALLS) == ""  # immune: None is immortal
        return
    message = qt_selfcheck.binding_problem(lambda: -qt_selfcheck.CALLS)
    assert "Qt pour Python" in message and "Réinstallez" in message
    monkeypatch.setattr(qt_selfcheck, "none_drift", lambda calls=qt_selfcheck.CALLS: -calls)
    assert cli.main(["list"]) == cli.EXIT_BROKEN_INSTALL
    assert "Réinstallez" in capsys.readouterr().err


HARDENED = """
import os, resource, sys
from bilan_desktop.cli import main
from bilan_desktop.hardening import is_dumpable
code = main(sys.argv[1:])
print(code, resource.getrlimit(resource.RLIMIT_CORE), is_dumpable(), oct(os.umask(0)))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_DUMPABLE is Linux's")
def test_start_disables_core_dumps_and_sets_a_private_umask(tmp_path):
    result = subprocess.run([sys.executable, "-c", HARDENED, "list", "--data-dir", str(tmp_path / "absent")],
                            capture_output=True, text=True, timeout=60)
    code, rest = result.stdout.split(" ", 1)
    assert code == "4" and "(0, 0) False 0o77" in rest, result.stdout + result.stderr
    assert not (tmp_path / "absent").exists()  # and no folder was created for a command that only reads


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_are_private_whatever_the_umask(tmp_path):
    folder = tmp_path / "coffre"
    env = {**os.environ}
    run = [sys.executable, "-c", "import os, sys; os.umask(0o022); from bilan_desktop.cli import main; "
           "sys.exit(main(sys.argv[1:]))"]
    result = subprocess.run(run + ["init", "--data-dir", str(folder)], input=PASS + "\n", capture_output=True,
                            text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    backup = tmp_path / "copies" / "c.bilanbak"
    backup.parent.mkdir()
    result = subprocess.run(run + ["backup", str(backup), "--data-dir", str(folder)],
                            input=f"{PASS}\nla phrase de la copie de sauvegarde\n", capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert _mode(folder) == 0o700
    assert _mode(folder / "coffre.db") == 0o600 and _mode(folder / "coffre.key") == 0o600
    assert _mode(backup) == 0o600
    logs = list((Path(os.environ["XDG_STATE_HOME"])).rglob("*.log"))
    assert logs and all(_mode(p) == 0o600 for p in logs)


def test_an_older_vault_readable_by_others_is_tightened_at_unlock(vault):
    from tests.conftest import PASSPHRASE
    vault.lock()
    os.chmod(vault.db_path, 0o644)
    os.chmod(vault.folder, 0o755)
    vault.unlock(PASSPHRASE)
    assert _mode(vault.db_path) == 0o600 and _mode(vault.folder) == 0o700


def test_stale_temporary_files_of_dead_processes_are_swept(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    stale = [tmp_path / f".coffre.db.{dead}.tmp", tmp_path / f".coffre.key.{dead}-0a1b2c3d.tmp"]
    live = tmp_path / f".coffre.db.{os.getpid()}.tmp"
    other = tmp_path / "notes.tmp"
    for path in (*stale, live, other):
        path.write_bytes(b"x")
    assert sorted(sweep_stale_temp_files(tmp_path)) == sorted(p.name for p in stale)
    assert live.exists() and other.exists() and not any(p.exists() for p in stale)


def test_main_sweeps_the_data_folder(tmp_path, vault):
    stale = vault.folder / ".coffre.db.999999999.tmp"
    stale.write_bytes(b"x")
    vault.lock()
    cli.main(["list", "--data-dir", str(vault.folder)])  # no passphrase on stdin: refused, but swept first
    assert not stale.exists()


def test_a_planted_link_never_receives_the_export(tmp_path):
    victim = tmp_path / "ailleurs.txt"
    victim.write_bytes(b"intact")
    final = tmp_path / "partage" / "synthese.pdf"
    final.parent.mkdir()
    planted = final.with_name(f".{final.name}.{os.getpid()}.tmp")
    planted.symlink_to(victim)
    write_bytes_atomic(final, b"%PDF-1.7 contenu")
    assert victim.read_bytes() == b"intact" and planted.is_symlink()
    assert final.read_bytes() == b"%PDF-1.7 contenu" and _mode(final) == 0o600


def test_key_file_json_has_no_secret_after_hardening(vault):
    doc = json.loads(vault.key_path.read_text())
    assert vault.raw_key.hex() not in json.dumps(doc)
