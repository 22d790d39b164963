"""Write examples/council/template.docx: a second organisation's committee-paper layout.

A council-style paper, unlike the default template in every part an organisation brands: a
To / From / Date / Agenda Item / Contact officer block, a title, a table of contents, the
narrative, the
Implications table, and an appendix that opens with a summary of RAG ratings and a table of the
measures with a RAG rating (Target, Status and a shaded RAG cell whose word is always
printed)
before the performance data by theme. It uses only names from docs/templates.md, so an
organisation could type it in Word; this script only makes it reproducible:

    python scripts/make_council_template.py [OUTPUT.docx]
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

# Run as a script from scripts/, beside the default templates' script whose helpers it shares.
from make_template import _child, add_toc_styles, drop_styles_with_effects

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "examples" / "council" / "template.docx"

FONT = "Arial"
BODY_SIZE = 11
ACCENT = RGBColor(0x1D, 0x4F, 0x91)
ACCENT_HEX = "1D4F91"
HEADER_FILL = "DCE6F2"
"""Header rows and the header block's labels: a pale tint of the accent."""

HEADER_BLOCK = (
    ("To:", "{{ report_to }}"),
    ("From:", '{{ settings["From"] }}'),
    ("Date:", "{{ meeting_date }}"),
    ("Agenda Item:", "{{ agenda_item }}"),
    ("Contact officer:", '{{ settings["Contact officer"] }}'),
)
RAG_COLUMNS = ("Green", "Amber", "Red", "no target")
"""The keys of `rag_counts`, in the summary table's column order."""
RATED = 'measures|selectattr("rag")|list'
"""The measures with a RAG rating (from their target, or typed by hand), as the template selects
them: the table of ratings lists every measure the RAG summary counts as Green, Amber or Red."""
ITEM_ROW = 2
"""The row of a data table that `{%tr for %}` repeats (after the header and the for row)."""


def main(output: Path | None = None) -> None:
    """Write the council template to `output` (default examples/council/template.docx)."""
    document = Document()
    drop_styles_with_effects(document)
    style_document(document)
    page_setup(document)
    _clear_body(document)
    header_block(document)
    document.add_paragraph("{{ title }}", style="Title")
    document.add_paragraph("Contents", style="TOC Heading")
    document.add_paragraph("{{ toc }}")
    document.add_paragraph("{{p body }}")
    implications(document)
    appendix(document)
    properties = document.core_properties
    properties.title, properties.author = "Committee paper template (council layout)", "docgen"
    properties.comments, properties.language = "", "en-GB"
    path = output or OUTPUT
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    print(f"wrote {path}")


# --- styles -----------------------------------------------------------------------------------


def style_document(document) -> None:
    """Every style docgen's narrative and this layout use, in the council's font and colours."""
    _document_defaults(document)
    _text_styles(document)
    _heading_styles(document)
    _title_style(document)
    _table_text_styles(document)
    _table_styles(document)
    _contents_styles(document)


def _document_defaults(document) -> None:
    """The council's font and en-GB as the defaults every style starts from."""
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(
        qn("w:rPr"))
    for child in list(rpr):
        if child.tag in (qn("w:rFonts"), qn("w:lang")):
            rpr.remove(child)
    rpr.insert(0, _fonts_element())
    _child(rpr, "w:lang", val="en-GB", eastAsia="en-GB", bidi="ar-SA")


def _fonts_element():
    """A w:rFonts naming `FONT` for every script (no theme fonts, which Word would prefer)."""
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    return fonts


def _use_font(style) -> None:
    """Point a style's runs at `FONT`, replacing the theme fonts of python-docx's defaults."""
    rpr = style.element.get_or_add_rPr()
    old = rpr.find(qn("w:rFonts"))
    if old is not None:
        rpr.remove(old)
    rpr.insert(0, _fonts_element())


def _text_styles(document) -> None:
    """Normal, lists, caption, header and footer."""
    styles = document.styles
    normal = styles["Normal"]
    _use_font(normal)
    normal.font.size = Pt(BODY_SIZE)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.0
    for name in ("List Bullet", "List Number"):
        _use_font(styles[name])
        styles[name].paragraph_format.space_after = Pt(3)
    caption = styles["Caption"]
    _use_font(caption)
    caption.font.size = Pt(BODY_SIZE)
    caption.font.bold, caption.font.italic = True, False
    caption.font.color.rgb = ACCENT
    caption.paragraph_format.space_before = Pt(6)
    caption.paragraph_format.space_after = Pt(3)
    caption.paragraph_format.keep_with_next = True
    for name in ("Header", "Footer"):
        _use_font(styles[name])
        styles[name].font.size = Pt(BODY_SIZE)


def _heading_styles(document) -> None:
    """Headings in the accent colour: 14, 12 and 11 pt, the third in italics."""
    for level, size in ((1, 14), (2, 12), (3, 11)):
        style = document.styles[f"Heading {level}"]
        _use_font(style)
        style.font.size = Pt(size)
        style.font.bold, style.font.italic = True, level == 3
        style.font.color.rgb = ACCENT
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(14 if level == 1 else 10), Pt(4)
        fmt.keep_with_next, fmt.line_spacing = True, 1.0


def _title_style(document) -> None:
    """The report's title: 16 pt bold in the accent colour, under the header block (python-docx's
    Title, 26 pt with a rule under it and a theme font, is replaced outright)."""
    style = document.styles["Title"]
    for tag in ("w:pPr", "w:rPr"):
        old = style.element.find(qn(tag))
        if old is not None:
            style.element.remove(old)
    _use_font(style)
    style.font.size, style.font.bold, style.font.color.rgb = Pt(16), True, ACCENT
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(18), Pt(12), 1.0


def _contents_styles(document) -> None:
    """The table of contents (`{{ toc }}`): Word's TOC 1-3 styles, the first level bold, and
    its "Contents" heading in the accent colour at 12 pt (TOC Heading, which is no heading of
    the outline, so it is not listed itself)."""
    add_toc_styles(document)
    first = document.styles["toc 1"]
    first.font.bold = True
    first.paragraph_format.space_before = Pt(4)
    heading = document.styles["TOC Heading"]
    _use_font(heading)
    heading.font.size, heading.font.color.rgb = Pt(12), ACCENT
    heading.paragraph_format.space_before = Pt(6)


def _table_text_styles(document) -> None:
    """'Table Text' (tight spacing), 'Table Text Small' (wide tables) and 'Table Note'."""
    styles = document.styles
    table_text = styles.add_style("Table Text", 1)
    table_text.base_style = styles["Normal"]
    table_text.paragraph_format.space_before = Pt(2)
    table_text.paragraph_format.space_after = Pt(2)
    small = styles.add_style("Table Text Small", 1)
    small.base_style = table_text
    small.font.size = Pt(BODY_SIZE - 2)
    note = styles.add_style("Table Note", 1)
    note.base_style = table_text
    note.font.italic = True
    note.font.size = Pt(BODY_SIZE - 2)
    note.paragraph_format.space_before = Pt(0)


KEPT_TABLE_STYLES = {"Normal Table", "Table Grid", "Report Table", "Header Block"}
"""Table styles kept from python-docx's default document; Word adds back any other built-in
one a clerk picks, and the hundred unused ones would only make every build slower."""


def _table_styles(document) -> None:
    """'Report Table' (docgen's narrative tables and this layout's data tables), 'Header Block'
    (the To / From block, a layout table), and no unused built-in table styles."""
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if (style.get(qn("w:type")) == "table" and name is not None
                and name.get(qn("w:val")) not in KEPT_TABLE_STYLES):
            styles.remove(style)
    styles.append(_table_style("ReportTable", "Report Table", header_row=True))
    styles.append(_table_style("HeaderBlock", "Header Block", header_row=False))


def _table_style(style_id: str, name: str, *, header_row: bool):
    """A table style with accent-coloured borders; with `header_row`, a bold tinted first row."""
    style = OxmlElement("w:style")
    style.set(qn("w:type"), "table")
    style.set(qn("w:customStyle"), "1")
    style.set(qn("w:styleId"), style_id)
    _child(style, "w:name", val=name)
    _child(style, "w:basedOn", val="TableNormal")
    _child(style, "w:uiPriority", val="59")
    _child(_child(style, "w:pPr"), "w:spacing", before="40", after="40")
    tblpr = _child(style, "w:tblPr")
    borders = _child(tblpr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _child(borders, f"w:{edge}", val="single", sz="4", space="0", color=ACCENT_HEX)
    margins = _child(tblpr, "w:tblCellMar")
    for edge, width in (("top", "0"), ("left", "108"), ("bottom", "0"), ("right", "108")):
        _child(margins, f"w:{edge}", w=width, type="dxa")
    if header_row:
        first = _child(style, "w:tblStylePr", type="firstRow")
        _child(_child(first, "w:rPr"), "w:b")
        _child(_child(first, "w:tcPr"), "w:shd", val="clear", color="auto", fill=HEADER_FILL)
    return style


# --- page -------------------------------------------------------------------------------------


def page_setup(document) -> None:
    """A4 portrait, 2 cm margins; the organisation in the header, page X of Y in the footer."""
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.0)
    section.header_distance = section.footer_distance = Cm(1.0)
    header = section.header.paragraphs[0]
    header.style = document.styles["Header"]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.add_run("{{ organisation }}").bold = True
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")


def _field(paragraph, instruction: str) -> None:
    """A PAGE or NUMPAGES field as Word writes it (begin, instruction, separate, 1, end)."""
    for kind in ("begin", "instr", "separate", "text", "end"):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run._r.append(instr)
        elif kind == "text":
            run.text = "1"
        else:
            _child(run._r, "w:fldChar", fldCharType=kind)


def _clear_body(document) -> None:
    """Remove the default document's empty paragraph (the section properties stay)."""
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)


# --- tables -----------------------------------------------------------------------------------


def new_table(document, rows: int, widths: list[Cm], style: str):
    """A table of `rows` rows in `style`, its grid and every cell `widths` wide, every
    paragraph in 'Table Text'."""
    table = document.add_table(rows=rows, cols=len(widths))
    table.style = document.styles[style]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(int(width.twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
            cell.paragraphs[0].style = document.styles["Table Text"]
    return table


def write(cell, text: str, *, bold: bool = False, right: bool = False):
    """Put `text` in a cell's first paragraph (bold, right-aligned if asked); return the
    paragraph."""
    paragraph = cell.paragraphs[0]
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    return paragraph


def data_table(document, headings: list[str], widths: list[Cm], loop: str, *,
               figures: range = range(0)):
    """A data table: a header row repeated on every page and kept with the first data row,
    then `{%tr for ... %}` (`loop`), the row repeated per item (`ITEM_ROW`), `{%tr endfor %}`;
    no row splits across pages. Headings of the columns in `figures` are right-aligned, over
    their figures. Returns the table."""
    table = new_table(document, 4, widths, "Report Table")
    for column, (cell, heading) in enumerate(zip(table.rows[0].cells, headings, strict=True)):
        write(cell, heading, right=column in figures).paragraph_format.keep_with_next = True
    for row in table.rows:
        _row_property(row, "w:cantSplit")
    _row_property(table.rows[0], "w:tblHeader")
    write(table.rows[1].cells[0], f"{{%tr {loop} %}}")
    write(table.rows[3].cells[0], "{%tr endfor %}")
    return table


def _row_property(row, tag: str) -> None:
    """Switch on a row property (cantSplit, tblHeader), in the order Word's schema wants."""
    trpr = row._tr.get_or_add_trPr()
    if tag == "w:cantSplit":
        trpr.insert(0, OxmlElement(tag))
    else:
        trpr.append(OxmlElement(tag))


def _table_look(table, *, first_row: bool, first_column: bool) -> None:
    """Word's Table Design check boxes "Header Row" and "First Column"."""
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = _child(table._tbl.tblPr, "w:tblLook")
    look.set(qn("w:firstRow"), "1" if first_row else "0")
    look.set(qn("w:firstColumn"), "1" if first_column else "0")
    look.set(qn("w:lastRow"), "0")
    look.set(qn("w:lastColumn"), "0")
    look.set(qn("w:noHBand"), "1")
    look.set(qn("w:noVBand"), "1")


def _spacer(document) -> None:
    """An empty paragraph: Word joins tables that touch into one."""
    document.add_paragraph()


# --- parts of the paper -----------------------------------------------------------------------


def header_block(document) -> None:
    """To / From / Date / Agenda Item / Contact officer: labels on a tint, values beside them."""
    table = new_table(document, len(HEADER_BLOCK), [Cm(4.0), Cm(13.0)], "Header Block")
    for row, (label, value) in zip(table.rows, HEADER_BLOCK, strict=True):
        write(row.cells[0], label, bold=True)
        _shade(row.cells[0], HEADER_FILL)
        write(row.cells[1], value)
        _row_property(row, "w:cantSplit")
    _table_look(table, first_row=False, first_column=True)


def _shade(cell, fill: str) -> None:
    """A fixed cell shading."""
    _child(cell._tc.get_or_add_tcPr(), "w:shd", val="clear", color="auto", fill=fill)


def implications(document) -> None:
    """The numbered Implications heading and a label table (First Column on, Header Row off,
    which the accessibility check accepts without a header row)."""
    document.add_paragraph("{{ implications_heading }}", style="Heading 1")
    table = new_table(document, 3, [Cm(5.5), Cm(11.5)], "Report Table")
    for row in table.rows:
        _row_property(row, "w:cantSplit")
    write(table.rows[0].cells[0], "{%tr for item in implications %}")
    write(table.rows[1].cells[0], "{{ item.label }}", bold=True)
    write(table.rows[1].cells[1], "{{ item.detail }}")
    write(table.rows[2].cells[0], "{%tr endfor %}")
    _table_look(table, first_row=False, first_column=True)


def appendix(document) -> None:
    """On a new page: the appendix title and note, the RAG summary, the measures with a RAG
    rating, then the performance data by theme."""
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("{{ appendix_title }}", style="Heading 1")
    document.add_paragraph("{%p if appendix_note %}")
    document.add_paragraph("{{ appendix_note }}")
    document.add_paragraph("{%p endif %}")
    rag_summary(document)
    ratings_table(document)
    performance_data(document)


def rag_summary(document) -> None:
    """How many measures are Green, Amber, Red or without a target: a row per theme and one for
    all measures, every count computed by docgen (`rag_counts`)."""
    document.add_paragraph("RAG ratings by theme", style="Heading 2")
    headings = ["Theme", "Green", "Amber", "Red", "No target"]
    widths = [Cm(8.2), Cm(2.2), Cm(2.2), Cm(2.2), Cm(2.2)]
    table = data_table(document, headings, widths, "for t in rag_counts.themes",
                       figures=range(1, 5))
    cells = table.rows[ITEM_ROW].cells
    write(cells[0], "{{ t.theme }}")
    for cell, key in zip(cells[1:], RAG_COLUMNS, strict=True):
        write(cell, f'{{{{ t["{key}"] }}}}', right=True)
    total = table.add_row()
    _row_property(total, "w:cantSplit")
    write(total.cells[0], "All measures", bold=True)
    for cell, key in zip(total.cells[1:], RAG_COLUMNS, strict=True):
        write(cell, f'{{{{ rag_counts.overall["{key}"] }}}}', bold=True, right=True)
    for cell in total.cells:
        cell.paragraphs[0].style = document.styles["Table Text"]
    _spacer(document)


def ratings_table(document) -> None:
    """One row per measure with a RAG rating: previous, current, target, met or not, and the
    rating as a word on its shading (white or black text, whichever reads on it)."""
    document.add_paragraph("Measures with a RAG rating", style="Heading 2")
    document.add_paragraph(f"{{%p if {RATED} %}}")
    headings = ["Measure", "Previous", "Current", "Target", "Status", "RAG"]
    widths = [Cm(6.6), Cm(2.2), Cm(2.2), Cm(2.2), Cm(2.0), Cm(1.8)]
    table = data_table(document, headings, widths, f"for m in {RATED}", figures=range(1, 4))
    name, previous, current, target, status, rag = table.rows[ITEM_ROW].cells
    write(name, "{{ m.name }}")
    write(previous, "{{ m.previous }}", right=True)
    write(current, "{{ m.current }}", right=True)
    write(target, "{{ m.target }}", right=True)
    write(status, "{{ m.status }}")
    _rag_cell(rag)
    document.add_paragraph("{%p else %}")
    document.add_paragraph("No measure has a RAG rating.")
    document.add_paragraph("{%p endif %}")
    _spacer(document)


def _rag_cell(cell) -> None:
    """`{% cellbg m.rag_colour %}` shading and the rating in bold, white on the dark shadings."""
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("{% cellbg m.rag_colour %}")
    paragraph.add_run('{%r if m.rag_text_colour == "FFFFFF" %}')
    white = paragraph.add_run("{{ m.rag }}")
    white.bold = True
    white.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    paragraph.add_run("{%r else %}")
    paragraph.add_run("{{ m.rag }}").bold = True
    paragraph.add_run("{%r endif %}")


def performance_data(document) -> None:
    """Every measure in the appendix, a table per theme (and per period within a theme), with
    the workbook's column headings and periods."""
    document.add_paragraph("{%p for group in appendix %}")
    document.add_paragraph("{%p if group.first_of_theme %}")
    document.add_paragraph("{{ group.theme }}", style="Heading 2")
    document.add_paragraph("{%p if group.note %}")
    document.add_paragraph("{{ group.note }}", style="Table Note")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p endif %}")
    headings = ["Measure", "{{ previous_heading }}", "{{ change_heading }}",
                "{{ current_heading }}"]
    widths = [Cm(5.2), Cm(3.5), Cm(4.8), Cm(3.5)]
    table = data_table(document, headings, widths, "for m in group.measures")
    head = table.rows[0].cells
    for cell, period in ((head[1], "group.previous_period"), (head[3], "group.current_period")):
        cell.add_paragraph(f"{{{{ {period} }}}}", style=document.styles["Table Text"])
        cell.paragraphs[-1].paragraph_format.keep_with_next = True
    name, previous, change, current = table.rows[ITEM_ROW].cells
    write(name, "{{ m.name }}")
    name.add_paragraph("{%p if m.note %}", style=document.styles["Table Text"])
    name.add_paragraph("{{ m.note }}", style=document.styles["Table Note"])
    name.add_paragraph("{%p endif %}", style=document.styles["Table Text"])
    write(previous, "{{ m.previous }}", right=True)
    write(change, "{{ m.change }}")
    write(current, "{{ m.current }}", right=True)
    _spacer(document)
    document.add_paragraph("{%p endfor %}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
