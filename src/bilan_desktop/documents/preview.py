"""Pages of a PDF rendered in memory (pypdfium2): the preview never writes a plaintext file."""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium


@dataclass(frozen=True)
class RenderedPage:
    width: int
    height: int
    rgb: bytes  # width * height * 3 bytes, rows top to bottom


class PdfPreview:
    def __init__(self, pdf: bytes):
        self._document = pdfium.PdfDocument(pdf)

    def __len__(self) -> int:
        return len(self._document)

    def render(self, index: int, width_px: int = 900) -> RenderedPage:
        page = self._document[index]
        scale = width_px / page.get_width()
        image = page.render(scale=scale).to_pil().convert("RGB")
        page.close()
        return RenderedPage(image.width, image.height, image.tobytes())

    def close(self) -> None:
        self._document.close()
