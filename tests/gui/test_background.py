"""Work run off the GUI thread: the event loop keeps turning, results and errors come back."""

import threading
import time

import pytest
from PySide6.QtCore import QTimer

from bilan_desktop.ui.background import run_in_background


def test_the_event_loop_keeps_running_during_the_work(qapp):
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    threads = []

    def work(seconds):
        threads.append(threading.current_thread().name)
        time.sleep(seconds)
        return 42

    assert run_in_background(work, 0.3) == 42
    timer.stop()
    assert threads == ["bilan-worker"]
    assert len(ticks) >= 10  # the window would have repainted ~30 times
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert max(gaps) < 0.1


def test_errors_come_back_to_the_caller(qapp):
    def fails():
        raise ValueError("non")

    with pytest.raises(ValueError):
        run_in_background(fails)
