"""Issue 19, point 3: a restore checks the data, not only the schema. Every row is decoded before the swap, as the
application will read it; a backup it cannot read is refused with the reason and the vault stays as it was. The
destruction engine never stops on one bad row: it skips it (logged without content) and says so; the command line
never ends in a traceback."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import subprocess
import sys

import pytest

from bilan_desktop.storage.backup import restore_backup, write_backup
from bilan_desktop.storage.errors import BackupInvalid
from bilan_desktop.storage.retention import RetentionEngine
from tests.conftest import PASSPHRASE
from tests.helpers.crafted_backup import doctor
from tests.unit.test_retention_engine import fill_bilan

SECRET = "phrase de la sauvegarde du coffre ocre et quinoa"
NOW = dt.datetime(2026, 6, 1, 9)
ODD = "valeur-inventee-Zorglub"  # what a crafted row holds: it must never reach a log or a message

CRAFTED = {
    "étape inconnue": f"UPDATE bilan SET step = '{ODD}'",
    "financement inconnu": f"UPDATE bilan SET funding = '{ODD}'",
    "section administrative malformée": "UPDATE bilan_section SET data = '{\"date_fin\": ' WHERE section = "
                                        "'fin_du_bilan' AND kind = 'admin'",
    "section de contenu malformée": "UPDATE bilan_section SET data = '[1, ' WHERE section = 'phase_investigation' AND "
                                    "kind = 'content'",
    "date impossible dans une section": "UPDATE bilan_section SET data = '{\"date_fin\": \"2026-13-45\"}' WHERE "
                                        "section = 'fin_du_bilan' AND kind = 'admin'",
    "étape de séance inconnue": f"UPDATE seance SET etape = '{ODD}'",
    "date de séance impossible": "UPDATE seance SET date = '2026-02-30'",
    "statut de séance inconnu": f"UPDATE seance SET statut = '{ODD}'",
    "civilité inconnue": f"UPDATE beneficiary SET civilite = '{ODD}'",
    "signature mal datée": "INSERT INTO seance_signature (seance_id, role, image, signed_at) SELECT id, "
                           "'consultant', x'00', 'hier' FROM seance LIMIT 1",
    "journal des destructions malformé": "INSERT INTO destruction_register (bilan_id, reference, destroyed_on, "
                                         "legal_basis, categories, recorded_at) VALUES (NULL, 'BC-2026-0009', "
                                         "'2026-05-01', 'x', '[\"contenu\"', '2026-05-01T09:00:00')",
    "registre Qualiopi malformé": "INSERT INTO registre (nom, data, updated_at) VALUES ('reclamations', '{', "
                                  "'2026-05-01T09:00:00')",
}


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def backup(vault, tmp_path):
    fill_bilan(vault, end=dt.date(2026, 6, 30))
    target = tmp_path / "b.bilanbak"
    write_backup(vault, target, SECRET, NOW)
    return target


@pytest.mark.parametrize("name", list(CRAFTED))
def test_a_backup_with_a_row_the_app_cannot_read_is_refused(vault, backup, name, caplog):
    doctor(backup, SECRET, [(CRAFTED[name], ())])
    before = sha(vault.db_path)
    with caplog.at_level(logging.DEBUG), pytest.raises(BackupInvalid) as info:
        restore_backup(vault, backup, SECRET, NOW)
    assert "ne sait pas lire" in info.value.user_message and "Rien n'a été restauré" in info.value.user_message
    assert ODD not in info.value.user_message and ODD not in caplog.text
    assert sha(vault.db_path) == before
    assert vault.conn.execute("SELECT count(*) FROM bilan").fetchone()[0] == 1  # still open, still the same
    assert not list(vault.folder.glob("*.tmp")) and not list(vault.folder.glob(".*tmp*"))


def test_the_reason_names_what_could_not_be_read(vault, backup):
    doctor(backup, SECRET, [(CRAFTED["section de contenu malformée"], ())])
    with pytest.raises(BackupInvalid) as info:
        restore_backup(vault, backup, SECRET, NOW)
    assert "le bilan BC-2026-0001" in info.value.user_message


def test_a_sound_backup_still_restores(vault, backup):
    restore_backup(vault, backup, SECRET, NOW)
    assert vault.conn.execute("SELECT count(*) FROM bilan").fetchone()[0] == 1


@pytest.mark.parametrize("name", ["étape inconnue", "section administrative malformée", "étape de séance inconnue"])
def test_the_engine_skips_a_bad_row_and_destroys_the_others(vault, name, caplog):
    good = fill_bilan(vault)  # ends 2026-05-29 without agreement: due
    bad = fill_bilan(vault)
    statement = CRAFTED[name]  # scoped to the bad bilan below
    table = statement.split()[1]
    column = "id" if table == "bilan" else "bilan_id"
    vault.conn.execute(f"{statement} {'AND' if ' WHERE ' in statement else 'WHERE'} {column} = ?", (bad,))
    with caplog.at_level(logging.WARNING):
        report = RetentionEngine(vault).run(NOW.date(), NOW)
    assert report.destroyed == ["BC-2026-0001"] and report.unreadable == ["BC-2026-0002"]
    assert vault.conn.execute("SELECT count(*) FROM bilan_section WHERE bilan_id = ? AND kind = 'content'",
                              (good,)).fetchone()[0] == 0
    assert f"bilan {bad} unreadable" in caplog.text and ODD not in caplog.text
    assert "Error" in caplog.text  # the exception's type, nothing else


def _cli(*args, stdin):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([os.getcwd(), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "bilan_desktop", *map(str, args)], input=stdin, capture_output=True,
                          text=True, env=env, timeout=120)


@pytest.mark.slow
def test_the_command_line_never_ends_in_a_traceback_on_a_bad_row(vault, backup):
    crafted = backup.with_name("piegee.bilanbak")
    crafted.write_bytes(backup.read_bytes())
    doctor(crafted, SECRET, [(CRAFTED["étape inconnue"], ())])
    folder = vault.folder
    vault.conn.execute(f"UPDATE bilan SET step = '{ODD}'")  # the vault itself holds a bad row
    vault.lock()
    before = sha(folder / "coffre.db")
    result = _cli("restore", crafted, "--data-dir", folder, stdin=f"{PASSPHRASE}\n{SECRET}\n")
    assert result.returncode == 6 and "ne sait pas lire" in result.stderr, result.stderr
    assert sha(folder / "coffre.db") == before
    for command, code in (("list", 7), ("check", 7)):
        result = _cli(command, "--data-dir", folder, stdin=f"{PASSPHRASE}\n")
        assert result.returncode == code, (command, result.stderr)
        assert "Traceback" not in result.stderr and ODD not in result.stderr + result.stdout
        assert "illisible" in result.stderr + result.stdout
    result = _cli("restore", backup, "--data-dir", folder, stdin=f"{PASSPHRASE}\n{SECRET}\n")
    assert result.returncode == 0, result.stderr  # a sound backup repairs it
    assert _cli("list", "--data-dir", folder, stdin=f"{PASSPHRASE}\n").returncode == 0
