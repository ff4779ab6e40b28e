"""The synthèse as one document: the section headings in order with the text under each, bold, italic, bulleted and
numbered lists; French spell checking as you type. The document is read and written in the safe format of
domain/richtext.py: pasting keeps the text only, never the HTML of the clipboard."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QSyntaxHighlighter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextListFormat,
)
from PySide6.QtWidgets import QMenu, QTextEdit

from ..domain.richtext import Line, Run, parse, unparse
from ..domain.synthese import TITLES, SyntheseDraft

HEADING = QTextBlockFormat.Property.UserProperty + 1  # the section a heading block opens
LISTS = {"ul": QTextListFormat.Style.ListDisc, "ol": QTextListFormat.Style.ListDecimal}


def _heading_formats(first: bool) -> tuple[QTextBlockFormat, QTextCharFormat]:
    block = QTextBlockFormat()
    block.setHeadingLevel(2)
    block.setTopMargin(0 if first else 14)
    block.setBottomMargin(4)
    char = QTextCharFormat()
    char.setFontWeight(QFont.Weight.Bold)
    char.setFontPointSize(13)
    char.setForeground(QColor("#1f3b5a"))
    return block, char


def run_format(run: Run) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold if run.bold else QFont.Weight.Normal)
    fmt.setFontItalic(run.italic)
    return fmt


def fill_document(document: QTextDocument, draft: SyntheseDraft) -> None:
    document.clear()
    cursor = QTextCursor(document)
    for index, (name, title) in enumerate(TITLES.items()):
        block, char = _heading_formats(index == 0)
        block.setProperty(HEADING, name)
        if index:
            cursor.insertBlock(block, char)
        else:
            cursor.setBlockFormat(block)
            cursor.setBlockCharFormat(char)
        cursor.insertText(title, char)
        current, kind = None, ""
        for line in parse(getattr(draft, name)) or [Line("p", ())]:
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
            if line.kind in LISTS:
                if current is None or kind != line.kind:
                    current = cursor.createList(LISTS[line.kind])
                else:
                    current.add(cursor.block())
            else:
                current = None
            kind = line.kind
            for run in line.runs:
                cursor.insertText(run.text, run_format(run))
    document.clearUndoRedoStacks()
    document.setModified(False)


def heading_of(block) -> str:
    """The section a block heads ('' for a block of text): its mark and its title, untouched."""
    name = block.blockFormat().property(HEADING)
    return name if isinstance(name, str) and TITLES.get(name) == block.text() else ""


def read_document(document: QTextDocument) -> SyntheseDraft:
    sections: dict[str, list[Line]] = {name: [] for name in TITLES}
    current = next(iter(TITLES))
    block = document.begin()
    while block.isValid():
        name = heading_of(block)
        if name:
            current = name
        else:
            text_list = block.textList()
            kind = "p" if text_list is None else (
                "ol" if text_list.format().style() == QTextListFormat.Style.ListDecimal else "ul")
            runs = []
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                fmt = fragment.charFormat()
                runs.append(Run(fragment.text(), fmt.fontWeight() >= QFont.Weight.DemiBold, fmt.fontItalic()))
                fragments += 1
            sections[current].append(Line(kind, tuple(runs)))
        block = block.next()
    texts: dict = {name: unparse(lines) for name, lines in sections.items()}
    return SyntheseDraft(**texts)


class SpellHighlighter(QSyntaxHighlighter):
    """A red wavy line under each word the dictionary does not know (one block at a time: a keystroke rechecks
    only its own paragraph)."""

    def __init__(self, document: QTextDocument, checker):
        super().__init__(document)
        self.checker = checker
        self.enabled = checker is not None
        self.fmt = QTextCharFormat()
        self.fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.fmt.setUnderlineColor(QColor("#d01010"))

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt name)
        if not self.enabled or not text:
            return
        for start, length in self.checker.misspelt(text):
            self.setFormat(start, length, self.fmt)


class RichTextEdit(QTextEdit):
    word_added = Signal(str)

    def __init__(self, checker=None, parent=None):
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.checker = checker
        self.highlighter = SpellHighlighter(self.document(), checker)

    def insertFromMimeData(self, source) -> None:  # noqa: N802 (Qt name)
        """Paste the text only: formatting, links and images of the clipboard are left behind."""
        if source.hasText():
            self.textCursor().insertText(source.text().replace("\r\n", "\n"), QTextCharFormat())

    def keyPressEvent(self, event) -> None:  # noqa: N802
        """Enter at the end of a heading opens a paragraph of text, not another heading."""
        cursor = self.textCursor()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and heading_of(cursor.block()):
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
            self.setTextCursor(cursor)
            return
        super().keyPressEvent(event)

    # -- formatting ---------------------------------------------------------------------------------------
    def toggle(self, bold: bool) -> None:
        fmt = QTextCharFormat()
        current = self.currentCharFormat()
        if bold:
            fmt.setFontWeight(QFont.Weight.Normal if current.fontWeight() >= QFont.Weight.DemiBold
                              else QFont.Weight.Bold)
        else:
            fmt.setFontItalic(not current.fontItalic())
        self.textCursor().mergeCharFormat(fmt)
        self.mergeCurrentCharFormat(fmt)

    def toggle_list(self, kind: str) -> None:
        cursor = self.textCursor()
        if heading_of(cursor.block()):
            return
        current = cursor.currentList()
        if current is not None and current.format().style() == LISTS[kind]:
            for index in range(current.count() - 1, -1, -1):
                block = current.item(index)
                if block.position() <= cursor.selectionEnd() and block.position() + block.length() > \
                        cursor.selectionStart():
                    current.remove(block)
                    plain = QTextCursor(block)
                    plain.setBlockFormat(QTextBlockFormat())
            return
        cursor.createList(LISTS[kind])

    # -- spelling -------------------------------------------------------------------------------------------
    def contextMenuEvent(self, event) -> None:  # noqa: N802
        menu = self.createStandardContextMenu(event.pos())
        menu.setObjectName("spellMenu")
        self.spell_actions(menu, self.cursorForPosition(event.pos()))
        menu.exec(event.globalPos())

    def spell_actions(self, menu: QMenu, cursor: QTextCursor) -> None:
        """Suggestions for the misspelt word under `cursor`, and « Ajouter au dictionnaire », first in `menu`."""
        if self.checker is None or self.isReadOnly():
            return
        cursor.select(QTextCursor.SelectionType.WordUnderCursor)
        word = cursor.selectedText()
        if not word or self.checker.is_correct(word):
            return
        actions = []
        suggestions = self.checker.suggest(word)
        for suggestion in suggestions:
            action = QAction(suggestion, menu)
            action.triggered.connect(self._replacer(QTextCursor(cursor), suggestion))
            actions.append(action)
        if not suggestions:
            none = QAction("(aucune suggestion)", menu)
            none.setEnabled(False)
            actions.append(none)
        add = QAction("Ajouter au dictionnaire", menu)
        add.triggered.connect(lambda _c=False, w=word: self.word_added.emit(w))
        actions.append(add)
        separator = QAction(menu)
        separator.setSeparator(True)
        actions.append(separator)
        existing = menu.actions()
        if existing:
            menu.insertActions(existing[0], actions)
        else:
            menu.addActions(actions)

    def _replacer(self, cursor: QTextCursor, word: str):
        return lambda _checked=False: self._replace(cursor, word)

    def _replace(self, cursor: QTextCursor, word: str) -> None:
        cursor.insertText(word)
        self.setTextCursor(cursor)

    def insert_markup(self, text: str) -> None:
        """Text of the synthèse's format (a paragraph of the library) inserted at the cursor, as one undo step."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        for index, line in enumerate(parse(text)):
            if index or cursor.block().text().strip():
                cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
            if line.kind in LISTS:
                cursor.createList(LISTS[line.kind])
            for run in line.runs:
                cursor.insertText(run.text, run_format(run))
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def recheck(self) -> None:
        self.highlighter.rehighlight()
