"""Editable exports: DOCX (python-docx) and ODT (odfpy) of a document's blocks, with headings as real styles, the
provider's header, page numbers, and no beneficiary data in the file's properties (its kind is its only title)."""

from __future__ import annotations

import dataclasses
import io

from ..domain.richtext import Line
from ..domain.text import printable
from .blocks import Block, Office

FORMATS = {".pdf": "PDF", ".docx": "Word (DOCX)", ".odt": "LibreOffice (ODT)"}


def printable_office(office: Office) -> Office:
    """Every text of the document as XML 1.0 can hold it (domain.text.printable: a form feed pasted from a PDF made
    python-docx refuse the whole export, and odfpy write a file no office suite opens), line breaks and tabs kept."""
    def line(value: Line | None) -> Line | None:
        return None if value is None else dataclasses.replace(
            value, runs=tuple(dataclasses.replace(run, text=printable(run.text)) for run in value.runs))

    def block(b: Block) -> Block:
        return dataclasses.replace(b, text=printable(b.text), line=line(b.line),
                                   headers=[printable(h) for h in b.headers],
                                   rows=[[printable(c or "") for c in row] for row in b.rows])

    return Office(printable(office.kind), printable(office.header), [block(b) for b in office.blocks])


# -- DOCX --------------------------------------------------------------------------------------------------
def _docx_field(paragraph, instruction: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def to_docx(office: Office) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    office = printable_office(office)
    document = docx.Document()
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = office.kind, "", ""
    properties.subject = properties.keywords = properties.comments = properties.category = ""
    section = document.sections[0]
    section.header.paragraphs[0].text = office.header
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("page ")
    _docx_field(footer, "PAGE")
    footer.add_run(" / ")
    _docx_field(footer, "NUMPAGES")
    for block in office.blocks:
        _docx_block(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_block(document, block: Block) -> None:
    if block.kind == "title":
        document.add_heading(block.text, level=0)
    elif block.kind in ("h1", "h2"):
        document.add_heading(block.text, level=1 if block.kind == "h1" else 2)
    elif block.kind in ("subtitle", "notice"):
        paragraph = document.add_paragraph()
        paragraph.add_run(block.text).bold = block.kind == "notice"
    elif block.kind == "table":
        table = document.add_table(rows=1, cols=len(block.headers), style="Table Grid")
        for cell, header in zip(table.rows[0].cells, block.headers, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(header).bold = True
        for row in block.rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = value or ""
        document.add_paragraph()
    elif block.line is not None:
        style = {"ul": "List Bullet", "ol": "List Number"}.get(block.line.kind)
        paragraph = document.add_paragraph(style=style)
        for run in block.line.runs:
            added = paragraph.add_run(run.text)
            added.bold, added.italic = run.bold or None, run.italic or None


# -- ODT ---------------------------------------------------------------------------------------------------
def to_odt(office: Office) -> bytes:
    from odf import dc, style, table, text  # type: ignore[import-untyped]
    from odf.opendocument import OpenDocumentText  # type: ignore[import-untyped]
    office = printable_office(office)
    document = OpenDocumentText()
    document.meta.addElement(dc.Title(text=office.kind))  # the only metadata (odfpy adds its own generator)
    styles = _odt_styles(document, style, text)
    header_style = style.Style(name="Header", family="paragraph")
    document.styles.addElement(header_style)
    layout = style.PageLayout(name="Page")
    layout.addElement(style.PageLayoutProperties(margin="2cm"))
    document.automaticstyles.addElement(layout)
    master = style.MasterPage(name="Standard", pagelayoutname=layout)
    head = style.Header()
    head.addElement(text.P(text=office.header, stylename=header_style))
    foot = style.Footer()
    numbers = text.P(stylename=header_style, text="page ")
    numbers.addElement(text.PageNumber(selectpage="current"))
    numbers.addText(" / ")
    numbers.addElement(text.PageCount())
    foot.addElement(numbers)
    master.addElement(head)
    master.addElement(foot)
    document.masterstyles.addElement(master)
    current_list, list_kind = None, ""
    for block in office.blocks:
        if block.line is not None and block.line.kind in ("ul", "ol"):
            if current_list is None or list_kind != block.line.kind:
                current_list = text.List(stylename=styles[block.line.kind])
                document.text.addElement(current_list)
                list_kind = block.line.kind
            item = text.ListItem()
            item.addElement(_odt_runs(text.P(stylename=styles["body"]), block.line.runs, styles, text))
            current_list.addElement(item)
            continue
        current_list = None
        document.text.addElement(_odt_block(block, styles, table, text))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def _odt_styles(document, style, text) -> dict:
    found = {}
    for name, family, props in (("Title", "paragraph", {"fontsize": "20pt", "fontweight": "bold"}),
                                ("Heading_20_1", "paragraph", {"fontsize": "14pt", "fontweight": "bold",
                                                               "color": "#1f3b5a"}),
                                ("Heading_20_2", "paragraph", {"fontsize": "12pt", "fontweight": "bold"}),
                                ("body", "paragraph", {"fontsize": "11pt"}),
                                ("strong", "paragraph", {"fontsize": "11pt", "fontweight": "bold"})):
        element = style.Style(name=name, family=family, displayname=name.replace("_20_", " "))
        if name.startswith("Heading"):
            element.setAttribute("defaultoutlinelevel", name[-1])
        element.addElement(style.TextProperties(**props))
        document.styles.addElement(element)
        found[name] = element
    for name, props in (("b", {"fontweight": "bold"}), ("i", {"fontstyle": "italic"}),
                        ("bi", {"fontweight": "bold", "fontstyle": "italic"})):
        element = style.Style(name=name, family="text")
        element.addElement(style.TextProperties(**props))
        document.automaticstyles.addElement(element)
        found[name] = element
    for kind in ("ul", "ol"):
        listing = text.ListStyle(name=f"list-{kind}")
        level = text.ListLevelStyleBullet(level=1, bulletchar="•") if kind == "ul" else \
            text.ListLevelStyleNumber(level=1, numformat="1", numsuffix=".")
        level.addElement(style.ListLevelProperties(spacebefore="0.4cm", minlabelwidth="0.6cm"))
        listing.addElement(level)
        document.automaticstyles.addElement(listing)
        found[kind] = listing
    found["cell"] = found["body"]
    return found


def _odt_text(element, value: str):
    """`value` in an ODT element with its line breaks, tabs and runs of spaces (odfpy's plain text loses them)."""
    from odf import teletype
    teletype.addTextToElement(element, value)
    return element


def _odt_runs(paragraph, runs, styles, text):
    for run in runs:
        key = ("b" if run.bold else "") + ("i" if run.italic else "")
        if key:
            paragraph.addElement(_odt_text(text.Span(stylename=styles[key]), run.text))
        else:
            _odt_text(paragraph, run.text)
    return paragraph


def _odt_block(block: Block, styles: dict, table, text):
    if block.kind == "title":
        return _odt_text(text.P(stylename=styles["Title"]), block.text)
    if block.kind in ("h1", "h2"):
        level = 1 if block.kind == "h1" else 2
        return _odt_text(text.H(outlinelevel=level, stylename=styles[f"Heading_20_{level}"]), block.text)
    if block.kind in ("subtitle", "notice"):
        return _odt_text(text.P(stylename=styles["strong" if block.kind == "notice" else "body"]), block.text)
    if block.kind == "table":
        grid = table.Table()
        grid.addElement(table.TableColumn(numbercolumnsrepeated=len(block.headers)))
        for values, key in [(block.headers, "strong")] + [(row, "body") for row in block.rows]:
            row = table.TableRow()
            for value in values:
                cell = table.TableCell(valuetype="string")
                cell.addElement(_odt_text(text.P(stylename=styles[key]), value or ""))
                row.addElement(cell)
            grid.addElement(row)
        return grid
    assert block.line is not None
    return _odt_runs(text.P(stylename=styles["body"]), block.line.runs, styles, text)


EDITABLE = ("synthese", "resultats")  # the documents also exported as DOCX and ODT


def office_of(document: str, context) -> Office:
    """The blocks of an editable document (`context`: documents.catalog.DocumentContext)."""
    from ..domain.synthese import is_empty, prefill
    from .blocks import resultats_office, synthese_office
    p, b, d = context.provider, context.beneficiary, context.dossier
    if document == "synthese":
        return synthese_office(p, b, d, d.synthese if not is_empty(d.synthese) else prefill(d), context.today)
    if document == "resultats":
        return resultats_office(p, b, d)
    raise ValueError(document)


def render(document: str, context, extension: str) -> bytes:
    """`.docx` or `.odt` of an editable document."""
    office = office_of(document, context)
    return to_docx(office) if extension == ".docx" else to_odt(office)
