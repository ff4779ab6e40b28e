"""Issue 19, points 5 and 9 in the window: a key change still due (interrupted or deferred after a destruction) is
completed before the window locks the vault, so an older copy of `coffre.db` stops opening with the key file even
before the next unlock; a damaged vault is noticed at the unlock and the consultant told which backup to restore."""

import datetime as dt
import shutil

from bilan_desktop.storage.keychange import mark_key_change_due
from bilan_desktop.storage.keyfile import KeyFile
from tests.conftest import PASSPHRASE
from tests.gui.conftest import create_vault
from tests.unit.test_key_change_due import opens_with_key_file


def test_a_key_change_due_is_completed_before_the_lock(window, tmp_path):
    create_vault(window)
    vault = window.vault
    old_copy = tmp_path / "copie-avant.db"
    shutil.copyfile(vault.db_path, old_copy)
    with vault.transaction() as conn:  # as a destruction whose rotation was then interrupted leaves it
        mark_key_change_due(conn, dt.datetime(2026, 11, 26, 9))
    before = KeyFile.load(vault.key_path).open_passphrase(PASSPHRASE).masters
    assert opens_with_key_file(old_copy, vault.folder)
    window.lock()
    assert not vault.is_open
    assert KeyFile.load(vault.key_path).open_passphrase(PASSPHRASE).masters != before
    assert not opens_with_key_file(old_copy, vault.folder)


def test_a_damaged_vault_is_said_at_unlock_with_the_backup_to_restore(window, script):
    from bilan_desktop.domain.beneficiary import Beneficiary
    from bilan_desktop.domain.funding import Funding
    from tests.gui.conftest import unlock
    from tests.unit.test_cli_hostile import damage
    create_vault(window)
    for i in range(40):
        window.repository.create(Beneficiary(f"Nom{i}", "Élodie"), Funding.CPF, window.clock.now())
    window.lock()
    damage(window.vault.db_path, -1)
    said = []
    script.expect(lambda box: said.append((box.windowTitle(), box.text())) or 0)
    unlock(window)
    assert said and said[0][0] == "Coffre endommagé", said
    assert "restaurez votre sauvegarde la plus récente" in said[0][1] and "Restaurer une sauvegarde" in said[0][1]


def test_a_bilan_with_an_unreadable_row_is_left_out_and_said(window, script):
    from bilan_desktop.domain.beneficiary import Beneficiary
    from bilan_desktop.domain.funding import Funding
    from tests.gui.conftest import unlock
    create_vault(window)
    for name in ("Lisible", "Abimee"):
        window.repository.create(Beneficiary(name, "Élodie"), Funding.CPF, window.clock.now())
    window.vault.conn.execute("UPDATE bilan SET step = 'etape-inventee' WHERE id = 2")
    window.lock()
    unlock(window)  # no « Erreur inattendue »: the engine and the list skip the row
    assert window.stack.currentWidget() is window.home
    assert "Bilans illisibles" in window.retention_status.text() and "BC-2026-0002" in window.retention_status.text()
    assert window.list_page.model.total == 1
