"""Issue 19 in the window: the signature pad saves a bounded image whatever its size on screen, the provider
form never hands a huge or unreadable image to Qt's decoder, and a six-month form is judged by its size first."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from bilan_desktop.domain import images
from bilan_desktop.domain.provider import Provider
from bilan_desktop.ui import dialogs
from bilan_desktop.ui.provider_form import ProviderForm
from bilan_desktop.ui.signature_pad import SignaturePad
from tests.unit.test_signature_images import drawn_signature, png_header


def test_a_pad_as_large_as_a_4k_screen_saves_a_bounded_signature(qtbot):
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(3840, 2000)
    pad.start(QPointF(100, 1000))
    for x in range(100, 3700, 50):
        pad.extend(QPointF(x, 1000 + (x % 300)))
    width, height = images.dimensions(pad.png())
    assert width <= 1600 and height <= 600 and abs(width / height - 3840 / 2000) < 0.05
    assert images.within_bounds(pad.png())
    small = SignaturePad()
    qtbot.addWidget(small)
    small.resize(480, 180)
    small.start(QPointF(10, 10))
    small.extend(QPointF(400, 150))
    assert images.dimensions(small.png()) == (480, 180)  # a pad under the bound keeps its size


def test_the_provider_form_shows_no_huge_or_broken_image(qtbot, tmp_path, monkeypatch):
    form = ProviderForm(Provider())
    qtbot.addWidget(form)
    form.set_image("signature", png_header(12_000, 12_000))
    assert form.previews["signature"].text() == "Aucune image"
    form.set_image("signature", drawn_signature())
    assert not form.previews["signature"].pixmap().isNull()
    huge = tmp_path / "signature.png"
    huge.write_bytes(png_header(12_000, 12_000))
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *args, **kwargs: str(huge))
    form.choose_image("cachet", "Cachet de l'organisme")
    assert "trop de pixels" in form.error.text() and form.provider.cachet != png_header(12_000, 12_000)
    big = tmp_path / "gros.png"
    big.write_bytes(drawn_signature() + b"\0" * images.MAX_IMAGE_BYTES)
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *args, **kwargs: str(big))
    form.choose_image("cachet", "Cachet de l'organisme")
    assert "moins de 2 Mo" in form.error.text()


def test_the_window_refuses_an_oversized_form_from_its_size(window, script, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from bilan_desktop.domain.lifecycle import Step
    from tests.gui.workflow_helpers import bilan_at, choose_file
    bw, _repo = bilan_at(window, script, Step.ENTRETIEN_SUIVI)
    big = tmp_path / "questionnaire.pdf"
    with open(big, "wb") as file:  # sparse: 64 MB announced, nothing to read
        file.truncate(64 * 1024 * 1024)
    script.expect(choose_file(big))
    script.expect(lambda box: QMessageBox.Ok)
    bw.import_cold_form()
    assert "trop gros pour être un questionnaire rempli" in script.seen[-1][1]
