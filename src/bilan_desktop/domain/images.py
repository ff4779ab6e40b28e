"""Bounds on the images the vault keeps (drawn signatures, the provider's logo, signature and stamp), checked on
their bytes before any image library decodes them: a PNG of a few kilobytes can announce 12,000 × 12,000 pixels,
which costs seconds and gigabytes to decode. The width and height are read from the file's header (PNG IHDR, JPEG
SOF), nothing else."""

from __future__ import annotations

import struct

MAX_IMAGE_BYTES = 2_000_000  # the provider form's limit; a drawn signature is a few kilobytes
# 16 megapixels: a 4,000 × 4,000 logo photo, a signature drawn full screen on a 4K display (8 MP) by an older
# version; decoded as RGBA, 64 MB at most. Far below the 144 MP (2.1 GB, 13 s) of a crafted 12,000² signature.
MAX_PIXELS = 16_000_000
# What the signature pad saves: enough for a stroke drawn on any screen, scaled down when the pad is larger.
SIGNATURE_MAX_SIZE = (1600, 600)

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def dimensions(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG or JPEG header; None for anything else or a header cut short."""
    if data.startswith(_PNG):
        if len(data) < 24 or data[12:16] != b"IHDR":
            return None
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if data.startswith(b"\xff\xd8"):
        return _jpeg_dimensions(data)
    return None


def _jpeg_dimensions(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:  # markers without a length
            i += 2
            continue
        length = int.from_bytes(data[i + 2:i + 4], "big")
        if marker in _JPEG_SOF:
            if i + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return width, height
        if length < 2:
            return None
        i += 2 + length
    return None


def within_bounds(data: bytes, max_bytes: int = MAX_IMAGE_BYTES, max_pixels: int = MAX_PIXELS) -> bool:
    """True when the image may be handed to a decoder: a PNG or JPEG, not too many bytes, not too many pixels."""
    if not data or len(data) > max_bytes:
        return False
    size = dimensions(data)
    return size is not None and 0 < size[0] * size[1] <= max_pixels and min(size) > 0
