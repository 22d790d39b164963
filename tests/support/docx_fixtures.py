"""Small .docx documents built with python-docx, one feature each, in Arial like docgen's."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

BODY = ("The committee noted the report and the figures presented by officers, and asked "
        "for a further update at its next meeting. ")


def arial_document() -> docx.document.Document:
    """A new document whose styles all use Arial (no theme fonts), body 11 pt."""
    document = docx.Document()
    styles = document.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        fonts.set(qn("w:ascii"), "Arial")
        fonts.set(qn("w:hAnsi"), "Arial")
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    for style in document.styles:
        if getattr(style, "font", None) is not None and style.type == 1:
            style.font.name = "Arial"
    return document


def save(document, path: Path) -> Path:
    """Save and return the path."""
    document.save(str(path))
    return path


def long_report(path: Path, paragraphs: int = 40) -> Path:
    """A multi-page report: headings, body text, lists and a table."""
    d = arial_document()
    d.core_properties.title = "Fidelity report"
    d.add_heading("Quarterly performance report", 1)
    for i in range(paragraphs):
        if i % 8 == 0:
            d.add_heading(f"Section {i // 8 + 1}: measures and targets", 2)
        d.add_paragraph(f"Paragraph {i + 1}. " + BODY * (1 + i % 4))
        if i % 10 == 3:
            d.add_paragraph("A point to note in the list", style="List Bullet")
            d.add_paragraph("Another point, rather longer, that runs on " * 3, style="List Bullet")
    table = d.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Measure", "2019", "Change"), strict=True):
        cell.text = text
    for i in range(25):
        cells = table.add_row().cells
        cells[0].text = f"Measure number {i + 1}"
        cells[1].text = f"{(i + 1) * 6211:,}"
        cells[2].text = f"{i - 7}%"
    d.add_paragraph("End of report.")
    return save(d, path)


def merged_table(path: Path) -> Path:
    """A table with a horizontally merged header and a vertically merged first column."""
    d = arial_document()
    table = d.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    top = table.cell(0, 0).merge(table.cell(0, 2))
    top.text = "Merged heading across three"
    side = table.cell(1, 0).merge(table.cell(3, 0))
    side.text = "Side"
    for r in range(1, 4):
        table.cell(r, 1).text = f"Row {r} B"
        table.cell(r, 2).text = f"Row {r} C"
    return save(d, path)


def multilevel_list(path: Path) -> Path:
    """A three-level list (1. / a. / i.) set on paragraphs, and a style-numbered bullet."""
    d = arial_document()
    num_id = add_multilevel_numbering(d)
    for text, level in (("First item", 0), ("Sub item one", 1), ("Deep item", 2),
                        ("Sub item two", 1), ("Second item", 0)):
        set_numbering(d.add_paragraph(text), num_id, level)
    d.add_paragraph("A bullet", style="List Bullet")
    return save(d, path)


def add_multilevel_numbering(d) -> int:
    """Add an abstractNum with decimal, letter and roman levels; return its new numId."""
    numbering = d.part.numbering_part.element
    abstract_id = 90
    absn = OxmlElement("w:abstractNum")
    absn.set(qn("w:abstractNumId"), str(abstract_id))
    for level, (fmt, text) in enumerate((("decimal", "%1."), ("lowerLetter", "%2."),
                                         ("lowerRoman", "%3."))):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(level))
        for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text),
                           ("w:lvlJc", "left")):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            lvl.append(child)
        ppr = OxmlElement("w:pPr")
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(720 * (level + 1)))
        ind.set(qn("w:hanging"), "360")
        ppr.append(ind)
        lvl.append(ppr)
        absn.append(lvl)
    numbering.insert(0, absn)
    num_id = 90
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(num_id))
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), str(abstract_id))
    num.append(ref)
    numbering.append(num)
    return num_id


def set_numbering(paragraph, num_id: int, level: int) -> None:
    """Give a paragraph direct numbering (numId, ilvl)."""
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), str(num_id))
    num_pr.append(ilvl)
    num_pr.append(num)
    ppr.append(num_pr)


def add_field(paragraph, instr: str, cached: str = "1") -> None:
    """Append a complex field (begin/instr/separate/result/end) to a paragraph."""
    def run_with(child):
        run = OxmlElement("w:r")
        run.append(child)
        paragraph._p.append(run)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instr} "
    run_with(text)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    result = OxmlElement("w:t")
    result.text = cached
    run_with(result)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def page_numbers(path: Path) -> Path:
    """Two pages with a footer 'Page X of Y' and a header title."""
    d = arial_document()
    section = d.sections[0]
    section.header.paragraphs[0].text = "Committee report header"
    footer = section.footer.paragraphs[0]
    footer.add_run("Page ")
    add_field(footer, "PAGE")
    footer.add_run(" of ")
    add_field(footer, "NUMPAGES")
    d.add_paragraph("Page one text.")
    d.add_page_break()
    d.add_paragraph("Page two text.")
    return save(d, path)


def landscape(path: Path) -> Path:
    """A portrait section followed by a landscape one."""
    d = arial_document()
    d.add_paragraph("Portrait page.")
    section = d.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    d.add_paragraph("Landscape page.")
    return save(d, path)


def picture(path: Path, image: Path) -> Path:
    """A paragraph, an inline picture 2 inches wide, a paragraph."""
    from docx.shared import Inches

    d = arial_document()
    d.add_paragraph("Before the picture.")
    d.add_picture(str(image), width=Inches(2))
    d.add_paragraph("After the picture.")
    return save(d, path)


def welsh_text(path: Path) -> Path:
    """Text outside Latin-1: Welsh letters, euro, smart quotes, dashes."""
    d = arial_document()
    d.add_paragraph("Gŵyl Dŷ Ddewi – cost €5 — “quoted” ‘single’")
    return save(d, path)


def justified(path: Path) -> Path:
    """The same few lines of text twice: justified, then left-aligned."""
    d = arial_document()
    for align in (WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT):
        d.add_paragraph(BODY * 3).alignment = align
    return save(d, path)


def long_table(path: Path, rows: int = 80) -> Path:
    """A table longer than a page whose first row is a repeating header row."""
    d = arial_document()
    d.add_paragraph("Table of measures")
    table = d.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text = "Header A"
    table.rows[0].cells[1].text = "Header B"
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)
    for i in range(rows):
        cells = table.add_row().cells
        cells[0].text = f"Row {i + 1}"
        cells[1].text = f"{(i + 1) * 10}"
    return save(d, path)


def hyperlink(path: Path, url: str = "https://www.example.org/report") -> Path:
    """A paragraph with an external hyperlink."""
    d = arial_document()
    paragraph = d.add_paragraph("See ")
    rid = d.part.relate_to(url, "http://schemas.openxmlformats.org/officeDocument/2006/"
                           "relationships/hyperlink", is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "the report online"
    run.append(text)
    link.append(run)
    paragraph._p.append(link)
    paragraph.add_run(" for details.")
    return save(d, path)


def headings(path: Path) -> Path:
    """Headings at three levels with some text, and core properties set."""
    d = arial_document()
    props = d.core_properties
    props.title = "Performance report"
    props.author = "Committee clerk"
    props.subject = "Quarterly performance"
    props.keywords = "performance, committee"
    d.add_heading("Introduction", 1)
    d.add_paragraph("Text.")
    d.add_heading("Background", 2)
    d.add_paragraph("Text.")
    d.add_heading("Detail", 3)
    d.add_heading("Conclusions", 1)
    d.add_paragraph("Text.")
    return save(d, path)


def nested_table(path: Path) -> Path:
    """A table with a shaded, bordered table inside one of its cells, and a table in the
    header: rows drawn as units of a stacked story."""
    d = arial_document()
    header_table = d.sections[0].header.add_table(rows=1, cols=2, width=d.sections[0].page_width
                                                  - d.sections[0].left_margin
                                                  - d.sections[0].right_margin)
    header_table.style = "Table Grid"
    header_table.rows[0].cells[0].text = "Header left"
    header_table.rows[0].cells[1].text = "Header right"
    outer = d.add_table(rows=2, cols=2)
    outer.style = "Table Grid"
    outer.rows[0].cells[0].text = "Outer A"
    outer.rows[1].cells[1].text = "Outer D"
    cell = outer.rows[0].cells[1]
    cell.text = "Before the inner table"
    inner = cell.add_table(rows=2, cols=2)
    inner.style = "Table Grid"
    for r, row in enumerate(inner.rows):
        for c, inner_cell in enumerate(row.cells):
            inner_cell.text = f"Inner {r + 1}.{c + 1}"
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), "FFDD00")
    inner.rows[0].cells[0]._tc.get_or_add_tcPr().append(shading)
    cell.add_paragraph("After the inner table")
    return save(d, path)
