"""kill -9 in the middle of a loop of saves: no acknowledged save is lost, the vault stays sound."""

import random
import signal
import subprocess
import sys

import pytest

from bilan_desktop.storage.vault import Vault

CHILD = """
import sys, datetime as dt
from pathlib import Path
from bilan_desktop.domain.beneficiary import Beneficiary
from bilan_desktop.domain.funding import Funding
from bilan_desktop.storage.bilans import BilanRepository
from bilan_desktop.storage.vault import Vault
vault = Vault(Path(sys.argv[1])); vault.open_with_key(bytes.fromhex(sys.argv[2]))
repo = BilanRepository(vault)
run = int(sys.argv[3])
for i in range(100000):
    if i % 3 == 2:
        bilan_id = repo.summaries()[-1].id
        previous = repo.beneficiary(bilan_id)
        repo.update_beneficiary(bilan_id, Beneficiary(previous.nom, previous.prenom, adresse=f"maj{i}"),
                                dt.datetime(2026, 11, 26))
    else:
        repo.create(Beneficiary(f"run{run}", f"save{i}"), Funding.CPF, dt.datetime(2026, 11, 26))
    print(i, flush=True)
"""


@pytest.mark.slow
def test_kill_9_during_saves_loses_no_acknowledged_save(vault):
    key_hex = vault.raw_key.hex()
    folder = vault.folder
    vault.lock()
    rng = random.Random(1234)
    for run in range(20):
        proc = subprocess.Popen([sys.executable, "-c", CHILD, str(folder), key_hex, str(run)],
                                stdout=subprocess.PIPE, text=True)
        wanted = rng.randint(3, 40)
        acked = -1
        for line in proc.stdout:
            acked = int(line)
            if acked >= wanted:
                break
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        check = Vault(folder)
        check.open_with_key(bytes.fromhex(key_hex))
        assert check.check() == []
        rows = check.conn.execute("SELECT prenom, adresse FROM beneficiary WHERE nom = ?", (f"run{run}",)).fetchall()
        created = {prenom for prenom, _ in rows}
        for i in range(acked + 1):
            if i % 3 != 2:
                assert f"save{i}" in created, (run, i, acked)
        acked_updates = [i for i in range(acked + 1) if i % 3 == 2]
        if acked_updates:
            updated = [int(adresse[3:]) for _, adresse in rows if adresse.startswith("maj")]
            assert max(updated) >= acked_updates[-1], (run, acked)
        check.lock()
