"""A keystroke in the synthèse editor with French spell checking on, in a 20-page synthèse (issue 13).

Run: .venv/bin/python benchmarks/bench_spelling.py
Target: <= 16 ms per keystroke (the key event, the edit, the re-check of its paragraph and the repaint).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent, QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bilan_desktop.domain.synthese import TITLES, SyntheseDraft  # noqa: E402
from bilan_desktop.spelling import SpellChecker  # noqa: E402
from bilan_desktop.ui.rich_edit import RichTextEdit, fill_document  # noqa: E402

PARAGRAPH = ("Au fil des entretiens, la bénéficiaire a précisé ce qui compte pour elle dans son travail : les "
             "situations où elle se sent utile, les compétences qu'elle souhaite mobiliser et les conditions qui lui "
             "permettraient de s'engager durablement dans un nouveau métier. Elle a rencontré deux professionnels et "
             "vérifié la faisabilité d'une formation qualifiante. ")


def main() -> None:
    app = QApplication.instance() or QApplication([])
    text = "\n\n".join(PARAGRAPH * 3 for _ in range(5))  # ~800 words a section, ~8,000 words: about 20 pages
    draft = SyntheseDraft(**{name: text for name in TITLES})
    checker = SpellChecker()
    editor = RichTextEdit(checker)
    editor.resize(900, 700)
    editor.show()
    start = time.perf_counter()
    fill_document(editor.document(), draft)
    app.processEvents()
    print(f"document: {len(editor.toPlainText().split())} words, first full check {time.perf_counter() - start:.2f} s")
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock, n=30)
    editor.setTextCursor(cursor)
    times = []
    for char in "Une phrase ajoutée au milieu du document, avec une fôte. " * 4:
        begin = time.perf_counter()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(editor, QKeyEvent(kind, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, char))
        app.processEvents()
        editor.viewport().repaint()
        times.append((time.perf_counter() - begin) * 1000)
    first, times = times[0], times[1:]
    print(f"first keystroke after the document is opened: {first:.1f} ms "
          "(Qt's first paint of the region the cursor jumped to)")
    print(f"keystroke with spell checking on ({len(times)} keys): median {statistics.median(times):.2f} ms, "
          f"95th percentile {sorted(times)[int(len(times) * 0.95)]:.2f} ms, worst {max(times):.2f} ms "
          "(target <= 16 ms)")


if __name__ == "__main__":
    main()
