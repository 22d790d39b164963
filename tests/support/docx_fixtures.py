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


# -- fonts and features of ordinary Word files (issue 16, items 4 and 6) ----------------------

NARRATIVE = ("Officers reported that the scheme had met eleven of its fourteen targets in the "
             "year, with the remaining three expected to be met by the spring. Members asked "
             "whether the delayed works would affect the budget, and were told that the "
             "contingency would cover them. ")


def font_document(font: str, size: float = 11) -> docx.document.Document:
    """A new document whose styles all use `font` (no theme fonts), body `size` pt."""
    document = arial_document()
    for fonts in document.styles.element.iter(qn("w:rFonts")):
        fonts.set(qn("w:ascii"), font)
        fonts.set(qn("w:hAnsi"), font)
    for style in document.styles:
        if getattr(style, "font", None) is not None and style.type == 1:
            style.font.name = font
    document.styles["Normal"].font.size = Pt(size)
    return document


def font_report(path: Path, font: str = "Calibri", paragraphs: int = 30) -> Path:
    """Several pages of narrative, headings and a list in one font (Calibri, Cambria, ...):
    enough lines that a font measured with another's widths breaks them differently."""
    d = font_document(font)
    d.add_heading(f"Annual review in {font}", 1)
    for i in range(paragraphs):
        if i % 7 == 0:
            d.add_heading(f"Part {i // 7 + 1}: progress against the plan", 2)
        d.add_paragraph(f"{i + 1}. " + NARRATIVE * (1 + i % 3))
        if i % 9 == 4:
            d.add_paragraph("A point raised by members about the figures", style="List Bullet")
    return save(d, path)


def small_caps(path: Path) -> Path:
    """A paragraph with a run in small capitals between plain runs, and one in all caps."""
    d = arial_document()
    paragraph = d.add_paragraph("Plain text then ")
    paragraph.add_run("Small Caps text 2024").font.small_caps = True
    paragraph.add_run(" then plain again.")
    d.add_paragraph().add_run("all capitals").font.all_caps = True
    return save(d, path)


def _revision(tag: str, text: str, rid: int) -> OxmlElement:
    """A `w:ins` or `w:del` holding one run of `text`."""
    change = OxmlElement(f"w:{tag}")
    change.set(qn("w:id"), str(rid))
    change.set(qn("w:author"), "Clerk")
    change.set(qn("w:date"), "2024-01-01T00:00:00Z")
    run = OxmlElement("w:r")
    t = OxmlElement("w:delText" if tag == "del" else "w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    change.append(run)
    return change


def tracked_changes(path: Path) -> Path:
    """Tracked changes: an insertion and a deletion in a paragraph, a whole paragraph deleted
    (its text and its mark), and a deleted table row."""
    d = arial_document()
    paragraph = d.add_paragraph("The budget was ")
    paragraph._p.append(_revision("ins", "approved ", 1))
    paragraph._p.append(_revision("del", "rejected ", 2))
    paragraph.add_run("by members.")
    gone = d.add_paragraph()
    gone._p.append(_revision("del", "This paragraph was deleted.", 3))
    mark = OxmlElement("w:del")
    mark.set(qn("w:id"), "4")
    mark.set(qn("w:author"), "Clerk")
    _mark_rpr(gone).append(mark)
    d.add_paragraph("The next paragraph stays.")
    table = d.add_table(rows=3, cols=1)
    table.style = "Table Grid"
    for index, text in enumerate(("Kept row one", "Deleted row", "Kept row three")):
        table.rows[index].cells[0].text = text
    row_del = OxmlElement("w:del")
    row_del.set(qn("w:id"), "5")
    row_del.set(qn("w:author"), "Clerk")
    table.rows[1]._tr.get_or_add_trPr().append(row_del)
    return save(d, path)


def _mark_rpr(paragraph) -> OxmlElement:
    """The paragraph mark's run properties (`w:pPr/w:rPr`), created if missing."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    return rpr


def paragraph_borders(path: Path) -> Path:
    """The Title style (a bottom border 4 pt below its text), then a paragraph with its own
    top and bottom borders, then body text: what follows each border sits below it."""
    d = arial_document()
    d.add_paragraph("Annual report", style="Title")
    d.add_paragraph("Text under the title.")
    boxed = d.add_paragraph("A boxed paragraph with rules above and below.")
    borders = OxmlElement("w:pBdr")
    for side in ("top", "bottom"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "12")
        edge.set(qn("w:space"), "6")
        edge.set(qn("w:color"), "FF0000")
        borders.append(edge)
    boxed._p.get_or_add_pPr().append(borders)
    d.add_paragraph("Text after the boxed paragraph.")
    return save(d, path)


def right_tab_beyond_margin(path: Path) -> Path:
    """A paragraph whose right tab stop lies an inch beyond the right margin (as templates
    made for other page sizes have): the text after the tab stays on the line, at the margin."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Inches

    d = arial_document()
    section = d.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    paragraph = d.add_paragraph("Committee report\tJanuary 2024")
    paragraph.paragraph_format.tab_stops.add_tab_stop(text_width + Inches(1),
                                                      WD_TAB_ALIGNMENT.RIGHT)
    d.add_paragraph("Next paragraph.")
    return save(d, path)


def even_headers(path: Path) -> Path:
    """Three pages with different odd and even headers (settings' evenAndOddHeaders)."""
    d = arial_document()
    settings = d.settings.element
    flag = OxmlElement("w:evenAndOddHeaders")
    settings.insert(0, flag)
    section = d.sections[0]
    section.header.paragraphs[0].text = "Odd page header"
    section.even_page_header.paragraphs[0].text = "Even page header"
    for page in range(3):
        d.add_paragraph(f"Text of page {page + 1}.")
        if page < 2:
            d.add_page_break()
    return save(d, path)


def footnotes(path: Path) -> Path:
    """Two paragraphs each with a footnote reference, and the footnotes part holding them."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    d = arial_document()
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    notes = "".join(
        f'<w:footnote w:id="{n}"><w:p><w:r><w:t xml:space="preserve">Note {n} text.</w:t>'
        "</w:r></w:p></w:footnote>" for n in (1, 2))
    separators = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
                  '</w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0">'
                  "<w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>")
    blob = f"<w:footnotes {ns}>{separators}{notes}</w:footnotes>".encode()
    part = Part(PackURI("/word/footnotes.xml"), "application/vnd.openxmlformats-"
                "officedocument.wordprocessingml.footnotes+xml", blob, d.part.package)
    d.part.relate_to(part, RT.FOOTNOTES)
    for n in (1, 2):
        paragraph = d.add_paragraph(f"Paragraph {n} with a note")
        add_footnote_reference(paragraph, n)
        paragraph.add_run(" and more text.")
    return save(d, path)


def dot_leaders(path: Path) -> Path:
    """Right tab stops at the margin with dot leaders (a table of contents' lines), the text
    before the tab long and short, with and without a space; then a left tab with dots."""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Emu

    d = arial_document()
    section = d.sections[0]
    width = int(section.page_width - section.left_margin - section.right_margin)
    for text in ("Introduction\t3", "Introduction \t3", "Background and context of the "
                 "review\t12", "A\t100", "Short\t7"):
        d.add_paragraph(text).paragraph_format.tab_stops.add_tab_stop(
            Emu(width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    d.add_paragraph("Left leader\tafter").paragraph_format.tab_stops.add_tab_stop(
        Emu(width // 2), WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.DOTS)
    return save(d, path)


def rows_across_pages(path: Path, filler: int, cell_margin: int | None = None,
                      lines: tuple[int, ...] = (12, 3, 9, 2, 14, 5)) -> Path:
    """`filler` paragraphs, then a bordered table with a repeating header row and rows (that
    may split) of one-line paragraphs, `lines` of them in each row's first cell; Normal at
    1.15 spacing with 10 pt after; `cell_margin` twips above and below each cell's text."""
    d = arial_document()
    normal = d.styles["Normal"].paragraph_format
    normal.line_spacing = 1.15
    normal.space_after = Pt(10)
    for n in range(filler):
        d.add_paragraph(f"Filler paragraph {n + 1} before the table.")
    table = d.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text = "Measure"
    table.rows[0].cells[1].text = "Value"
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    if cell_margin is not None:
        margins = OxmlElement("w:tblCellMar")
        for side, width in (("top", cell_margin), ("left", 108), ("bottom", cell_margin),
                            ("right", 108)):
            edge = OxmlElement(f"w:{side}")
            edge.set(qn("w:w"), str(width))
            edge.set(qn("w:type"), "dxa")
            margins.append(edge)
        table._tbl.tblPr.append(margins)
    for r, count in enumerate(lines):
        cells = table.add_row().cells
        cells[0].text = f"Row {r} line 1"
        for k in range(2, count + 1):
            cells[0].add_paragraph(f"Row {r} line {k}")
        cells[1].text = f"{r * 1111:,}"
    d.add_paragraph("After the table.")
    return save(d, path)


def mixed_sizes_and_breaks(path: Path) -> Path:
    """Paragraphs at 1.15 spacing whose first line mixes 14 pt and 11 pt, a Symbol-font bullet
    list, and lines that end at a URL's slashes, a negative number and "+£"."""
    d = arial_document()
    d.styles["Normal"].paragraph_format.line_spacing = 1.15
    for big, small in ((14, 11), (11, 14), (18, 11)):
        paragraph = d.add_paragraph()
        paragraph.add_run(f"Opening words at {big} pt ").font.size = Pt(big)
        paragraph.add_run(BODY * 2).font.size = Pt(small)
    for n in range(4):
        d.add_paragraph(f"Point {n + 1}: " + BODY * (1 + n % 2), style="List Bullet")
    d.add_paragraph("See https://www.example.org/reports/2019/quarterly/performance/"
                    "committee-report-with-a-long-name.pdf for the figures.")
    table = d.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    for cells, text in zip(table.rows, ("-2,789", "+\u2060£2.2m", "Q1/Q2/Q3"), strict=True):
        cells.cells[0].text = text
        cells.cells[1].text = "a/b/c/d/e/f/g"
    for tc in table._tbl.iter(qn("w:gridCol")):
        tc.set(qn("w:w"), "700")
    return save(d, path)


def add_footnote_reference(paragraph, note_id: int) -> None:
    """Append a superscript reference to footnote `note_id` to a python-docx paragraph."""
    run = paragraph.add_run()
    props = OxmlElement("w:rPr")
    align = OxmlElement("w:vertAlign")
    align.set(qn("w:val"), "superscript")
    props.append(align)
    run._r.append(props)
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), str(note_id))
    run._r.append(ref)
