"""Issue 13: the bilan window fits a 1366×768 laptop screen with its taskbar (about 1366×696 for the window once
the title bar is counted), and the « Passer à l'étape suivante » button stays on screen on every page."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize

from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.ui.bilan_window import fitted
from tests.gui.workflow_helpers import bilan_at

LAPTOP = QSize(1366, 696)


def test_every_page_fits_a_laptop_screen(window, script, qtbot):
    bw, _repo = bilan_at(window, script, Step.PHASE_INVESTIGATION)
    hint = bw.minimumSizeHint()
    assert hint.width() <= LAPTOP.width() and hint.height() <= LAPTOP.height(), hint
    bw.resize(LAPTOP)
    qtbot.waitExposed(bw)
    visible = QRect(QPoint(0, 0), bw.size())
    for row in range(bw.stepper.count()):
        if bw.stepper.item(row).isHidden():
            continue
        bw.stepper.setCurrentRow(row)
        page = bw.stack.currentWidget()
        button = getattr(page, "next_button", None)
        if button is not None and button.isVisible():
            corner = button.mapTo(bw, QPoint(button.width(), button.height()))
            assert visible.contains(corner), (bw.stepper.item(row).text(), corner)


def test_the_window_opens_within_the_screen(window, script):
    bw, _repo = bilan_at(window, script, Step.PHASE_PRELIMINAIRE)
    area = bw.screen().availableGeometry()
    # the test screen is 800 pixels wide, narrower than the window's minimum (886): only the height is clamped there
    assert bw.height() <= area.height() - 32 and bw.width() <= max(area.width(), bw.minimumSizeHint().width())
    assert fitted(bw, 100, 100) == QSize(100, 100)
