import json

import pytest

from bilan_desktop.storage import keyfile
from bilan_desktop.storage.errors import WeakPassphrase, WrongKeyOrDamaged
from bilan_desktop.storage.keyfile import KdfParams, KeyFile, new_recovery_code, normalize_recovery_code

KEY = bytes(range(32))


def test_default_kdf_is_argon2id_with_a_real_cost():
    params = KdfParams()
    assert params.memory_cost >= 64 * 1024 and params.time_cost >= 3 and params.parallelism >= 1


def test_key_file_holds_no_key_and_no_passphrase():
    code = new_recovery_code()
    data = KeyFile.create(KEY, "une phrase de passe", code).to_bytes()
    doc = json.loads(data)
    assert doc["kdf"]["name"] == "argon2id"
    assert set(doc["slots"]) == {"passphrase", "recovery"}
    assert KEY.hex().encode() not in data and b"une phrase" not in data and code.encode() not in data


def test_unwrap_with_passphrase_and_recovery_code():
    code = new_recovery_code()
    kf = KeyFile.from_bytes(KeyFile.create(KEY, "une phrase de passe", code).to_bytes())
    assert kf.unwrap_passphrase("une phrase de passe") == KEY
    assert kf.unwrap_recovery(code.lower().replace("-", " ")) == KEY
    with pytest.raises(WrongKeyOrDamaged):
        kf.unwrap_passphrase("une phrase de passE")
    with pytest.raises(WrongKeyOrDamaged):
        kf.unwrap_recovery("0" * 30)


def test_recovery_code_shape_and_lookalikes():
    code = new_recovery_code()
    groups = code.split("-")
    assert len(groups) == 6 and all(len(g) == 5 for g in groups)
    assert set(code.replace("-", "")) <= set(keyfile.RECOVERY_ALPHABET)
    assert normalize_recovery_code("ab-o1 il") == "AB0111"


def test_short_passphrase_refused():
    with pytest.raises(WeakPassphrase):
        KeyFile.create(KEY, "11 caractèr", new_recovery_code())


def test_slots_are_bound_to_their_name_and_vault():
    kf = KeyFile.create(KEY, "une phrase de passe", new_recovery_code())
    kf.slots["recovery"] = kf.slots["passphrase"]  # swapping slots must not work
    with pytest.raises(WrongKeyOrDamaged):
        kf.unwrap("recovery", "une phrase de passe".encode())


@pytest.mark.parametrize("data", [b"", b"{", b"[]", b'{"format": "x"}', "é".encode("utf-8"), b"\x00" * 10])
def test_damaged_key_file_is_reported_not_crashing(data):
    with pytest.raises(WrongKeyOrDamaged):
        KeyFile.from_bytes(data)
