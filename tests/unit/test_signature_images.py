"""Issue 19: signature images are bounded before any decoder sees them, and a damaged one never stops the sheet."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import struct
import zlib

import PIL.Image
import pytest
from pypdf import PdfReader

from bilan_desktop.documents import certificat, emargement
from bilan_desktop.domain import images
from bilan_desktop.domain.seances import Role, Seance, Signature, StatutSeance
from tests.unit.documents_fixtures import dossier
from tests.unit.test_funder_documents import full_provider, person

STAMP = dt.datetime(2026, 3, 9, 12, 5)


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_header(width: int, height: int, idat: bytes = b"") -> bytes:
    """A PNG that announces width × height RGBA pixels, with whatever pixel data follows (here: a few bytes)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat or zlib.compress(b"\0" * 64)) + \
        _chunk(b"IEND", b"")


def drawn_signature(width: int = 300, height: int = 100) -> bytes:
    image = PIL.Image.new("RGB", (width, height), "white")  # opaque: one image object each in the PDF
    for x in range(20, width - 20):
        image.putpixel((x, height // 2 + (x % 17) - 8), (16, 36, 62))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def images_in(pdf: bytes) -> int:
    return len(re.findall(rb"/Subtype\s*/Image", pdf))


def sheet_with(beneficiary_png: bytes, consultant_png: bytes) -> bytes:
    d = dossier("court")
    d.seances = [Seance(id=1, date=dt.date(2026, 3, 9), debut=dt.time(9), fin=dt.time(12),
                        statut=StatutSeance.REALISEE, signatures=(Signature(Role.BENEFICIAIRE, beneficiary_png, STAMP),
                                                                  Signature(Role.CONSULTANT, consultant_png, STAMP)))]
    return emargement.build(full_provider(), person(), d)


def test_the_header_is_read_from_the_bytes():
    assert images.dimensions(png_header(12_000, 12_000)) == (12_000, 12_000)
    assert images.dimensions(drawn_signature(300, 100)) == (300, 100)
    jpeg = io.BytesIO()
    PIL.Image.new("RGB", (640, 480), "white").save(jpeg, "JPEG")
    assert images.dimensions(jpeg.getvalue()) == (640, 480)
    assert images.dimensions(b"GIF89a...") is None and images.dimensions(b"\x89PNG\r\n\x1a\n\0\0") is None
    assert images.within_bounds(drawn_signature())
    assert not images.within_bounds(png_header(12_000, 12_000))  # 144 megapixels
    assert not images.within_bounds(png_header(4001, 4000)) and images.within_bounds(png_header(4000, 4000))
    assert not images.within_bounds(png_header(0, 10))
    assert not images.within_bounds(drawn_signature() + b"\0" * images.MAX_IMAGE_BYTES)  # too many bytes


def test_a_huge_announced_signature_is_never_decoded_and_the_sheet_builds(monkeypatch):
    opened: list[tuple[int, int]] = []
    real_open = PIL.Image.open

    def spy(*args, **kwargs):
        image = real_open(*args, **kwargs)
        opened.append(image.size)
        return image

    monkeypatch.setattr(PIL.Image, "open", spy)
    good = drawn_signature()
    sheet = sheet_with(png_header(12_000, 12_000), good)
    assert (12_000, 12_000) not in opened  # refused from its header
    text = text_of(sheet)
    assert "Signature du bénéficiaire illisible" in text and "Signature du consultant illisible" not in text
    assert images_in(sheet) == 1  # the consultant's signature still printed


def test_a_truncated_signature_leaves_its_cell_empty_with_a_note_and_the_good_one_prints():
    good = drawn_signature()
    truncated = good[:len(good) // 2]
    assert images.within_bounds(truncated)  # its header is fine: only decoding finds it cut short
    sheet = sheet_with(good, truncated)
    text = text_of(sheet)
    assert "Signature du consultant illisible" in text and "Signature du bénéficiaire illisible" not in text
    assert images_in(sheet) == 1
    both_bad = sheet_with(truncated, b"\x89PNG\r\n\x1a\n garbage")
    assert images_in(both_bad) == 0
    assert "Signature du bénéficiaire illisible" in text_of(both_bad)
    assert "Signature du consultant illisible" in text_of(both_bad)
    both_good = sheet_with(good, drawn_signature(280, 90))  # two different images (the PDF stores a repeat once)
    assert images_in(both_good) == 2 and "illisible" not in text_of(both_good)


@pytest.mark.parametrize("bad", [png_header(12_000, 12_000), drawn_signature()[:200]])
def test_the_provider_signature_and_stamp_are_bounded_too(bad):
    d = dossier("court")
    provider = dataclasses.replace(full_provider(), signature=bad, cachet=bad, logo=bad)
    assert images_in(certificat.build(provider, person(), d, dt.date(2026, 5, 29))) == 0
