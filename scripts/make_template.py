"""Write templates/report.docx, the default committee-report template, and the restyled one.

The template is a real Word document: designers may edit it in Word instead of running this.
This script only makes the starting point reproducible:

    python scripts/make_template.py            # templates/report.docx
    python scripts/make_template.py --restyled # examples/restyled/template.docx
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor

from docgen.table_layout import DEFAULT_CELL_MARGIN, WIDTH_SLACK, text_width
from docgen.toc_xml import toc_style

ROOT = Path(__file__).resolve().parents[1]
TEXT_WIDTH = Cm(16.0)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
CHANGE_SAMPLE = "decrease (\u22121.4 pts)"
"""A typical change in Appendix A, which its change column fits on one line."""

BRANDS = {
    "default": {
        "font": "Arial",
        "body_size": 12,
        "heading_colour": RGBColor(0, 0, 0),
        "heading_sizes": (12, 12, 12),
        "header_fill": "D9D9D9",
        "border": "000000",
        "organisation_in_header": False,
    },
    "restyled": {
        "font": "Arial",
        "body_size": 11,
        "heading_colour": RGBColor(0x9B, 0x1B, 0x30),
        "heading_sizes": (16, 13, 12),
        "header_fill": "F2DCDB",
        "border": "9B1B30",
        "organisation_in_header": True,
    },
}


def set_fonts(rpr_parent, font: str) -> None:
    """Point a style's run fonts at `font` (dropping the theme fonts Word would prefer)."""
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)


def set_defaults(document, brand: dict) -> None:
    """Document defaults: the brand font, en-GB, no spacing after by default."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        if child.tag in (qn("w:rFonts"), qn("w:lang")):
            rpr.remove(child)
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), brand["font"])
    rpr.insert(0, fonts)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-GB")
    lang.set(qn("w:eastAsia"), "en-GB")
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)


def style_paragraphs(document, brand: dict) -> None:
    """Normal, headings, lists and caption in the brand's font and sizes."""
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = brand["font"]
    normal.font.size = Pt(brand["body_size"])
    set_fonts(normal.element, brand["font"])
    normal.paragraph_format.space_after = Pt(8)
    normal.paragraph_format.line_spacing = 1.0
    for level, size in zip((1, 2, 3), brand["heading_sizes"], strict=True):
        style = styles[f"Heading {level}"]
        set_fonts(style.element, brand["font"])
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = level == 3
        style.font.color.rgb = brand["heading_colour"]
        fmt = style.paragraph_format
        fmt.space_before = Pt(12 if level == 1 else 10)
        fmt.space_after = Pt(6)
        fmt.keep_with_next = True
        fmt.line_spacing = 1.0
    for name in ("List Bullet", "List Number", "Caption", "Header", "Footer", "Title"):
        style = styles[name]
        set_fonts(style.element, brand["font"])
    styles["List Bullet"].paragraph_format.space_after = Pt(4)
    styles["List Number"].paragraph_format.space_after = Pt(4)
    caption = styles["Caption"]
    caption.font.size = Pt(brand["body_size"] - 1)
    caption.font.bold = True
    caption.font.italic = False
    caption.font.color.rgb = RGBColor(0, 0, 0)
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_after = Pt(4)
    table_text = styles.add_style("Table Text", 1)
    table_text.base_style = normal
    table_text.paragraph_format.space_before = Pt(2)
    table_text.paragraph_format.space_after = Pt(2)
    small = styles.add_style("Table Text Small", 1)
    small.base_style = table_text
    small.font.size = Pt(brand["body_size"] - 3)
    note = styles.add_style("Table Note", 1)
    note.base_style = normal
    note.font.italic = True
    note.font.size = Pt(brand["body_size"] - 2)
    note.paragraph_format.space_before = Pt(0)
    note.paragraph_format.space_after = Pt(2)
    note.paragraph_format.keep_with_next = True


def add_toc_styles(document) -> None:
    """Word's "TOC 1" to "TOC 3" paragraph styles, for a table of contents (`{{ toc }}`):
    python-docx's default document only lists them as latent styles."""
    styles = document.styles.element
    for level in (1, 2, 3):
        styles.append(toc_style(level, f"TOC{level}", "Normal"))


def add_table_styles(document, brand: dict) -> None:
    """'Report Table' (bordered data table, shaded bold header row) and 'Header Block'."""
    styles = document.styles.element
    styles.append(_table_style("ReportTable", "Report Table", brand, borders=True))
    styles.append(_table_style("HeaderBlock", "Header Block", brand, borders=False))


# Table styles the template keeps from python-docx's default document. The other hundred or so
# (Light Shading, Medium Grid, ...) are Word's built-ins, which Word adds back when one is
# chosen; defining them all made styles.xml 350 KB, parsed and written again by every build.
KEPT_TABLE_STYLES = {"Normal Table", "Table Grid", "Report Table", "Header Block"}


def drop_unused_table_styles(document) -> None:
    """Remove the default document's built-in table style definitions the report never uses."""
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if (style.get(qn("w:type")) == "table" and name is not None
                and name.get(qn("w:val")) not in KEPT_TABLE_STYLES):
            styles.remove(style)


def _table_style(style_id: str, name: str, brand: dict, *, borders: bool):
    style = OxmlElement("w:style")
    style.set(qn("w:type"), "table")
    style.set(qn("w:customStyle"), "1")
    style.set(qn("w:styleId"), style_id)
    _child(style, "w:name", val=name)
    _child(style, "w:basedOn", val="TableNormal")
    _child(style, "w:uiPriority", val="59")
    ppr = _child(style, "w:pPr")
    _child(ppr, "w:spacing", before="40", after="40")
    tblpr = _child(style, "w:tblPr")
    if borders:
        tbl_borders = _child(tblpr, "w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            _child(tbl_borders, f"w:{edge}", val="single", sz="4", space="0",
                   color=brand["border"])
    margins = _child(tblpr, "w:tblCellMar")
    for edge, width in (("top", "0"), ("left", "108"), ("bottom", "0"), ("right", "108")):
        _child(margins, f"w:{edge}", w=width, type="dxa")
    if borders:
        first = _child(style, "w:tblStylePr", type="firstRow")
        rpr = _child(first, "w:rPr")
        _child(rpr, "w:b")
        tcpr = _child(first, "w:tcPr")
        _child(tcpr, "w:shd", val="clear", color="auto", fill=brand["header_fill"])
    return style


def _child(parent, tag: str, **attrs):
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    parent.append(element)
    return element


def page_setup(document, brand: dict) -> None:
    """A4 portrait, 2.5 cm margins; header with the agenda item, footer with page numbers."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.header_distance = section.footer_distance = Cm(1.25)
    header = section.header.paragraphs[0]
    header.style = document.styles["Header"]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if brand["organisation_in_header"]:
        header.add_run("{{ organisation }}").bold = True
        header.add_run("{% if agenda_item %} | {{ agenda_item }}{% endif %}")
    else:
        header.add_run("{{ agenda_item }}").bold = True
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE", "1")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES", "1")


def _field(paragraph, instruction: str, cached: str) -> None:
    """A complex field (PAGE, NUMPAGES) with cached text, as Word writes it."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None),
                       ("text", cached), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)
        elif kind == "text":
            run.text = text
        else:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)


def header_block(document) -> None:
    """REPORT TO / DATE / TITLE, bold, in a borderless two-column table."""
    table = document.add_table(rows=3, cols=2)
    table.style = document.styles["Header Block"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for row, (label, field) in zip(
        table.rows,
        (("REPORT TO:", "{{ report_to|upper }}"), ("DATE:", "{{ meeting_date }}"),
         ("TITLE:", "{{ title }}")),
        strict=True,
    ):
        row.cells[0].width, row.cells[1].width = Cm(4), Cm(12)
        row.cells[0].paragraphs[0].add_run(label).bold = True
        row.cells[1].paragraphs[0].add_run(field).bold = True
    _set_grid(table, [Cm(4), Cm(12)])
    _table_text(table)
    document.add_paragraph()


def _table_text(table) -> None:
    """Cell paragraphs in the 'Table Text' style (tight spacing), notes keep theirs."""
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                if paragraph.style.name == "Normal":
                    paragraph.style = "Table Text"


def _set_grid(table, widths) -> None:
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width.twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    trpr.append(header)


def _keep_rows_whole(table) -> None:
    """Mark every row "don't split across pages", as a clerk formats a data table in Word."""
    for row in table.rows:
        row._tr.get_or_add_trPr().insert(0, OxmlElement("w:cantSplit"))


def _keep_with_next(row) -> None:
    """Keep a row with the row after it (Word's keep-with-next on each of its paragraphs)."""
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def appendix_widths(brand: dict) -> list[Emu]:
    """Appendix A's column widths: each period column fits the widest period heading of the
    form "May '18 - May '19" on one line in the bold header text (so a date label never
    breaks), the change column a typical change (`CHANGE_SAMPLE`), the measure names the
    rest."""
    font, size = brand["font"], brand["body_size"]
    widest = max(MONTHS, key=lambda m: text_width(m, font, size, bold=True))
    period = _column_width(text_width(f"{widest} '18 - {widest} '19", font, size, bold=True))
    change = _column_width(text_width(CHANGE_SAMPLE, font, size))
    return [Emu(TEXT_WIDTH - 2 * period - change), period, change, period]


def _column_width(text: float) -> Cm:
    """A column width for text `text` points wide: the cell margins and `WIDTH_SLACK`
    added, rounded up to a twentieth of a centimetre."""
    points = text + 2 * DEFAULT_CELL_MARGIN / 20 + WIDTH_SLACK
    return Cm(math.ceil(Emu(Pt(points)).cm * 20) / 20)


def implications(document) -> None:
    """The Implications section: a numbered heading and a two-column table."""
    document.add_paragraph("{{ implications_heading }}", style="Heading 1")
    table = document.add_table(rows=3, cols=2)
    table.style = document.styles["Report Table"]
    _set_grid(table, [Cm(6), Cm(10)])
    _keep_rows_whole(table)
    table.rows[0].cells[0].paragraphs[0].add_run("{%tr for item in implications %}")
    label, detail = table.rows[1].cells
    label.paragraphs[0].add_run("{{ item.label }}").bold = True
    detail.paragraphs[0].add_run("{{ item.detail }}")
    table.rows[2].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    _no_first_row_look(table)
    _table_text(table)


def _no_first_row_look(table) -> None:
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        table._tbl.tblPr.append(look)
    look.set(qn("w:firstRow"), "0")
    # First Column on, Header Row off: a label table, which the accessibility check accepts
    # without a repeating header row (its first column heads each row).
    look.set(qn("w:firstColumn"), "1")
    look.set(qn("w:val"), "0000")


def appendix(document, brand: dict) -> None:
    """Appendix A: a table per theme (and per period within a theme), header rows repeated."""
    breaker = document.add_paragraph()
    breaker.add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("{{ appendix_title }}", style="Heading 1")
    document.add_paragraph("{%p if appendix_note %}")
    document.add_paragraph("{{ appendix_note }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p for group in appendix %}")
    document.add_paragraph("{%p if group.first_of_theme %}")
    document.add_paragraph("{{ group.theme|upper }}", style="Heading 2")
    document.add_paragraph("{%p if group.note %}")
    document.add_paragraph("{{ group.note }}", style="Table Note")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p endif %}")
    table = document.add_table(rows=4, cols=4)
    table.style = document.styles["Report Table"]
    _set_grid(table, appendix_widths(brand))
    head = table.rows[0].cells
    for cell, (title, period) in zip(head, (
        ("Measure", None),
        ("{{ previous_heading }}", "group.previous_period"),
        ("{{ change_heading }}", None),
        ("{{ current_heading }}", "group.current_period"),
    ), strict=True):
        cell.paragraphs[0].add_run(title)
        if period:
            cell.add_paragraph(f"{{{{ {period} }}}}")
    _repeat_header(table.rows[0])
    _keep_rows_whole(table)
    _keep_with_next(table.rows[0])
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for m in group.measures %}")
    name, previous, change, current = table.rows[2].cells
    name.paragraphs[0].add_run("{{ m.name }}")
    name.add_paragraph("{%p if m.note %}")
    name.add_paragraph("{{ m.note }}", style="Table Note")
    name.add_paragraph("{%p endif %}")
    previous.paragraphs[0].add_run("{{ m.previous }}")
    change.paragraphs[0].add_run("{{ m.change }}")
    current.paragraphs[0].add_run("{{ m.current }}")
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    _table_text(table)
    # Word joins tables that touch: a paragraph keeps each theme's table whole and separate.
    document.add_paragraph()
    document.add_paragraph("{%p endfor %}")


def make_template(brand_name: str, path: Path) -> None:
    """Write the template for `brand_name` to `path`."""
    brand = BRANDS[brand_name]
    document = Document()
    set_defaults(document, brand)
    style_paragraphs(document, brand)
    add_toc_styles(document)
    add_table_styles(document, brand)
    drop_unused_table_styles(document)
    drop_styles_with_effects(document)
    page_setup(document, brand)
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    header_block(document)
    document.add_paragraph("{{p body }}")
    implications(document)
    appendix(document, brand)
    core = document.core_properties
    core.title, core.author, core.comments = "Committee report template", "docgen", ""
    core.language = "en-GB"
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)


def drop_styles_with_effects(document) -> None:
    """Drop word/stylesWithEffects.xml, Word 2010's copy of the styles: it no longer matches
    styles.xml once unused table styles are dropped, and Word would repair the file for it.
    The part goes with its relationship; its content type is not written without it."""
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rel_id)


def main() -> None:
    """Command-line entry: write the default template, or the restyled example's."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--restyled", action="store_true")
    args = parser.parse_args()
    if args.restyled:
        make_template("restyled", ROOT / "examples" / "restyled" / "template.docx")
    else:
        make_template("default", ROOT / "templates" / "report.docx")


if __name__ == "__main__":
    main()
