"""Pages of a PDF rendered in memory (pypdfium2): the preview never writes a plaintext file."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pypdfium2 as pdfium

_PDFIUM = threading.RLock()  # PDFium is not thread-safe: the synthèse's live preview renders on a worker thread


@dataclass(frozen=True)
class RenderedPage:
    width: int
    height: int
    rgb: bytes  # width * height * 3 bytes, rows top to bottom


class PdfPreview:
    def __init__(self, pdf: bytes):
        with _PDFIUM:
            self._document = pdfium.PdfDocument(pdf)
            self._count = len(self._document)

    def __len__(self) -> int:
        return self._count

    def render(self, index: int, width_px: int = 900) -> RenderedPage:
        with _PDFIUM:
            page = self._document[index]
            scale = width_px / page.get_width()
            image = page.render(scale=scale).to_pil().convert("RGB")
            page.close()
        return RenderedPage(image.width, image.height, image.tobytes())

    def close(self) -> None:
        with _PDFIUM:
            self._document.close()
