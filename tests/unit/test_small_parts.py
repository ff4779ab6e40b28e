"""Small parts the GUI tests reached but no unit test did: backup rotation, clocks, emptiness, last session."""

import datetime as dt
import os

from bilan_desktop.domain.clock import FixedClock, SystemClock
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.seances import Seance
from bilan_desktop.domain.synthese import SyntheseDraft, is_empty
from bilan_desktop.domain.workflow import Dossier, last_session_date
from bilan_desktop.storage.backup import _new_salt, is_own_backup, rotate_backups
from tests.conftest import FAST_KDF


def _backup(path, mtime, own=True):
    path.write_bytes((_new_salt(FAST_KDF) if own else os.urandom(16)) + os.urandom(64))
    os.utime(path, (mtime, mtime))
    return path


def test_rotation_keeps_the_newest_of_the_applications_own_backups(tmp_path):
    olds = [_backup(tmp_path / f"b{i}.bilanbak", 1_000 + i) for i in range(4)]
    foreign = _backup(tmp_path / "autre.bilanbak", 500, own=False)
    newest = _backup(tmp_path / "neuve.bilanbak", 900)  # even if its clock says otherwise, the new one stays
    other = tmp_path / "notes.txt"
    other.write_text("x")
    (tmp_path / "dossier.bilanbak").mkdir()
    link = tmp_path / "lien.bilanbak"
    link.symlink_to(olds[0])
    removed = rotate_backups(tmp_path, 2, newest)
    assert sorted(p.name for p in removed) == ["b0.bilanbak", "b1.bilanbak", "b2.bilanbak"]
    assert olds[3].exists() and newest.exists() and foreign.exists() and other.exists() and link.is_symlink()
    assert rotate_backups(tmp_path, 0, newest) == []  # 0: keep them all


def test_own_backups_are_recognised_by_their_header(tmp_path):
    assert is_own_backup(_backup(tmp_path / "a.bilanbak", 1))
    assert not is_own_backup(_backup(tmp_path / "b.bilanbak", 1, own=False))
    assert not is_own_backup(tmp_path / "absent.bilanbak")
    short = tmp_path / "court.bilanbak"
    short.write_bytes(_new_salt(FAST_KDF)[:10])
    assert not is_own_backup(short)
    bad = bytearray(_new_salt(FAST_KDF))
    bad[3] = 50  # 2^50 KiB of memory: out of bounds, so not ours
    (tmp_path / "c.bilanbak").write_bytes(bytes(bad))
    assert not is_own_backup(tmp_path / "c.bilanbak")


def test_clocks():
    fixed = FixedClock(dt.date(2026, 11, 26))
    assert fixed.today() == dt.date(2026, 11, 26) and fixed.now() == dt.datetime(2026, 11, 26, 12, 0)
    now = SystemClock().now()
    assert now.microsecond == 0 and abs((dt.datetime.now() - now).total_seconds()) < 5
    assert SystemClock().today() == dt.date.today()


def test_emptiness_and_last_session():
    assert is_empty(SyntheseDraft()) and is_empty(SyntheseDraft(projet="  \n "))
    assert not is_empty(SyntheseDraft(suivi="x"))
    d = Dossier(seances=[Seance(date=dt.date(2026, 3, 1), etape=Step.PHASE_PRELIMINAIRE),
                         Seance(date=dt.date(2026, 3, 9), etape=Step.PHASE_CONCLUSION),
                         Seance(date=dt.date(2026, 9, 1), etape=Step.ENTRETIEN_SUIVI),
                         Seance(date=None, etape=Step.PHASE_INVESTIGATION)])
    assert last_session_date(d) == dt.date(2026, 3, 9)  # the follow-up is not a session of the bilan
    assert last_session_date(Dossier()) is None
