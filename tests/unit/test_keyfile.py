import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bilan_desktop.storage import keyfile
from bilan_desktop.storage.errors import WeakPassphrase, WrongKeyOrDamaged
from bilan_desktop.storage.keyfile import KdfParams, KeyFile, new_recovery_code, normalize_recovery_code

KEY = bytes(range(32))
PASS = "girafe lampion escalier brume ocre"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# Written by release 0.1.0 (format 1) with a passphrase holding no-break spaces; the key it wraps is known.
V1_PASSPHRASE = "secret\u00a0: départ à 9\u00a0h"
V1_RECOVERY = "ABCDE-FGHJK-MNPQR-STVWX-YZ012-34567"
V1_KEY = bytes.fromhex("5a" * 16 + "c3" * 16)


def test_default_kdf_is_argon2id_with_a_real_cost():
    params = KdfParams()
    assert (params.time_cost, params.memory_cost, params.parallelism) == (4, 131072, 2)
    assert keyfile.PRODUCTION_KDF == params


def test_production_key_file_uses_the_strong_parameters(tmp_path):
    """The fast test fixture must not hide a weakened default: a real process writes a real key file."""
    env = {**os.environ}
    result = subprocess.run([sys.executable, "-m", "bilan_desktop", "init", "--data-dir", str(tmp_path / "c")],
                            input=PASS + "\n", capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    kdf = json.loads((tmp_path / "c" / "coffre.key").read_text())["kdf"]
    assert (kdf["time_cost"], kdf["memory_cost"], kdf["parallelism"]) == (4, 131072, 2)


def test_key_file_holds_no_key_and_no_passphrase():
    code = new_recovery_code()
    data = KeyFile.create(KEY, PASS, code).to_bytes()
    doc = json.loads(data)
    assert doc["kdf"]["name"] == "argon2id" and doc["version"] == 2
    assert set(doc["slots"]) == {"passphrase", "recovery"} and "master" in doc
    assert KEY.hex().encode() not in data and b"une phrase" not in data and code.encode() not in data


def test_unwrap_with_passphrase_and_recovery_code():
    code = new_recovery_code()
    kf = KeyFile.from_bytes(KeyFile.create(KEY, PASS, code).to_bytes())
    assert kf.unwrap_passphrase(PASS) == KEY
    assert kf.unwrap_recovery(code.lower().replace("-", " ")) == KEY
    with pytest.raises(WrongKeyOrDamaged):
        kf.unwrap_passphrase("girafe lampion escalier brume ocrE")
    with pytest.raises(WrongKeyOrDamaged):
        kf.unwrap_recovery("0" * 30)


def test_format_1_key_file_still_opens_known_answer():
    kf = KeyFile.load(FIXTURES / "keyfile_v1" / "coffre.key")
    assert kf.version == 1
    assert kf.unwrap_passphrase(V1_PASSPHRASE) == V1_KEY
    with pytest.raises(WrongKeyOrDamaged):  # an ordinary space is another passphrase
        kf.unwrap_passphrase(V1_PASSPHRASE.replace("\u00a0", " "))
    assert kf.unwrap_recovery(V1_RECOVERY) == V1_KEY


def test_upgrade_from_format_1_keeps_both_ways_in():
    kf = KeyFile.load(FIXTURES / "keyfile_v1" / "coffre.key")
    wrapping = kf.upgrade(V1_PASSPHRASE, V1_KEY)
    again = KeyFile.from_bytes(kf.to_bytes())
    assert again.version == 2 and again.open_passphrase(V1_PASSPHRASE).wrapping == wrapping
    assert again.unwrap_passphrase(V1_PASSPHRASE) == V1_KEY
    assert again.unwrap_recovery(V1_RECOVERY) == V1_KEY  # the old slot still works until a rotation
    again.stage_master(bytes(32), wrapping)
    again.promote_master()
    assert not again.has_recovery  # the rotation dropped the slot that wrapped the old key


def test_rotation_stages_then_promotes():
    kf = KeyFile.create(KEY, PASS, new_recovery_code())
    wrapping = kf.open_passphrase(PASS).wrapping
    new = os.urandom(32)
    kf.stage_master(new, wrapping)
    assert KeyFile.from_bytes(kf.to_bytes()).open_passphrase(PASS).masters == (KEY, new)
    kf.promote_master()
    reread = KeyFile.from_bytes(kf.to_bytes())
    assert reread.open_passphrase(PASS).masters == (new,) and KEY.hex() not in reread.to_bytes().decode()


def test_recovery_code_shape_and_lookalikes():
    code = new_recovery_code()
    groups = code.split("-")
    assert len(groups) == 6 and all(len(g) == 5 for g in groups)
    assert set(code.replace("-", "")) <= set(keyfile.RECOVERY_ALPHABET)
    assert normalize_recovery_code("ab-o1 il") == "AB0111"


@pytest.mark.parametrize("weak", ["11 caractèr", "aaaaaaaaaaaa", "azertyuiop12", "motdepasse12", "Bonjour2024!!",
                                  "soleil marseille 13"])
def test_weak_passphrase_refused_with_a_french_hint(weak):
    with pytest.raises(WeakPassphrase) as info:
        KeyFile.create(KEY, weak, new_recovery_code())
    assert "caractères" in info.value.user_message or "trop facile à deviner" in info.value.user_message


@pytest.mark.parametrize("strong", [PASS, "girafe lampion escalier brume", "Marmotte-Quinoa-Ornithorynque-42"])
def test_strong_passphrases_accepted(strong):
    keyfile.check_new_passphrase(strong)


def test_slots_are_bound_to_their_name_and_vault():
    kf = KeyFile.create(KEY, PASS, new_recovery_code())
    kf.slots["recovery"] = kf.slots["passphrase"]  # swapping slots must not work
    with pytest.raises(WrongKeyOrDamaged):
        kf.unwrap("recovery", PASS.encode())


@pytest.mark.parametrize("field,value", [("time_cost", 0), ("time_cost", 10_000), ("memory_cost", 1),
                                         ("memory_cost", 2**40), ("parallelism", 0), ("parallelism", 255)])
def test_kdf_parameters_out_of_bounds_are_refused(field, value):
    doc = json.loads(KeyFile.create(KEY, PASS, new_recovery_code()).to_bytes())
    doc["kdf"][field] = value
    with pytest.raises(WrongKeyOrDamaged):
        KeyFile.from_bytes(json.dumps(doc).encode())


@pytest.mark.parametrize("data", [b"", b"{", b"[]", b'{"format": "x"}', "é".encode("utf-8"), b"\x00" * 10])
def test_damaged_key_file_is_reported_not_crashing(data):
    with pytest.raises(WrongKeyOrDamaged):
        KeyFile.from_bytes(data)


def test_key_file_layout_is_stable():
    data = KeyFile.create(KEY, PASS, new_recovery_code()).to_bytes()
    assert data.startswith(b'{\n "format": "bilan-desktop-key",\n "kdf": {\n  "memory_cost"')  # sorted, indented
    assert data.decode("ascii") == data.decode("utf-8")


@pytest.mark.parametrize("field,value", [("format", "autre-chose"), ("version", 3), ("version", 0)])
def test_other_formats_and_versions_are_refused(field, value):
    doc = json.loads(KeyFile.create(KEY, PASS, new_recovery_code()).to_bytes())
    doc[field] = value
    with pytest.raises(WrongKeyOrDamaged):
        KeyFile.from_bytes(json.dumps(doc).encode())


def test_a_format_2_file_without_its_master_key_is_refused():
    doc = json.loads(KeyFile.create(KEY, PASS, new_recovery_code()).to_bytes())
    del doc["master"]
    with pytest.raises(WrongKeyOrDamaged):
        KeyFile.from_bytes(json.dumps(doc).encode())


@pytest.mark.parametrize("length", [72, 73, 100, 300])
def test_long_passphrases_are_estimated_not_crashing(length):
    """zxcvbn refuses more than 72 characters: the estimate works in pieces (a long repeated text stays weak)."""
    with pytest.raises(WeakPassphrase):
        keyfile.check_new_passphrase("a" * length)
    keyfile.check_new_passphrase(("girafe lampion escalier brume " * 12)[:length] if length > 40 else PASS)
