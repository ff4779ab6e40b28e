"""Issue 19, point 5: a key change still due (interrupted or deferred after a destruction) is completed before the
window locks the vault, so an older copy of `coffre.db` stops opening with the key file even before the next
unlock."""

import datetime as dt
import shutil

from bilan_desktop.storage.keyfile import KeyFile
from bilan_desktop.storage.vault import mark_key_change_due
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
