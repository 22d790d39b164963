"""Render the report model into the Word template with docxtpl and python-docx.

The template's Jinja tags place the header block, Implications and Appendix A; the narrative
(headings, paragraphs, lists, tables, charts) is built as WordprocessingML in the template's
own styles and dropped in at `{{p body }}`. Jinja runs sandboxed, with autoescape on and
undefined names as errors; workbook text only ever reaches it as data.

The narrative is written with lxml directly, in the XML python-docx would write (same
elements, same order): going through python-docx's proxies, each run, cell width and bold
flag walked the XML schema, which cost several times what docxtpl itself costs.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import functools
import logging
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree
from markupsafe import Markup

from .exceptions import DocgenError, Problem, TemplateError
from .model import Block, Chart, Heading, Paragraph, Report, Table
from .numbering import Level, Scheme, scheme_named

if TYPE_CHECKING:
    from docx.document import Document
    from docxtpl import DocxTemplate
    from lxml.etree import _Element

logger = logging.getLogger(__name__)

BODY_STYLE = "Normal"
LIST_STYLES = {"bullet": "List Bullet", "numbered": "List Number"}
TABLE_STYLES = ("Report Table", "Table Grid")
CAPTION_STYLE = "Caption"
TABLE_TEXT_STYLE = "Table Text"
SMALL_TABLE_TEXT_STYLE = "Table Text Small"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
NARRATIVE_NS = "urn:docgen:narrative"
PLACEHOLDER = f'<docgen:narrative xmlns:docgen="{NARRATIVE_NS}"/>'
"""What the template's `body` is: an inert element that `place_narrative` replaces."""
PLACEHOLDER_TAG = f"{{{NARRATIVE_NS}}}narrative"
FIRST_DOCPR_ID = 1001  # where docxtpl starts numbering drawings after rendering
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
EMU_PER_POINT = 12700
_BREAKS = re.compile(r"[\t\r\n]")


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


_BLOCK_CONTAINERS = {_w(t) for t in ("body", "tc", "sdtContent", "txbxContent", "hdr", "ftr",
                                     "footnote", "endnote", "comment")}


P, PPR, PSTYLE, JC, R, RPR, T = (_w(t) for t in ("p", "pPr", "pStyle", "jc", "r", "rPr", "t"))
BOLD, ITALIC, TAB, BREAK, VAL = (_w(t) for t in ("b", "i", "tab", "br", "val"))
TBL, TBLPR, TBLSTYLE, TBLW, TBLLOOK, TBLGRID, GRIDCOL = (
    _w(t) for t in ("tbl", "tblPr", "tblStyle", "tblW", "tblLook", "tblGrid", "gridCol"))
TR, TRPR, TBLHEADER, TC, TCPR, TCW, NUMPR, ILVL, NUMID, SECTPR = (
    _w(t) for t in ("tr", "trPr", "tblHeader", "tc", "tcPr", "tcW", "numPr", "ilvl", "numId",
                    "sectPr"))
CANTSPLIT, KEEPNEXT = _w("cantSplit"), _w("keepNext")
TBLW_ATTRS = {_w("type"): "auto", _w("w"): "0"}
# python-docx's new-table look: header row and first column formatting, banded rows.
TBLLOOK_ATTRS = {_w("firstColumn"): "1", _w("firstRow"): "1", _w("lastColumn"): "0",
                 _w("lastRow"): "0", _w("noHBand"): "0", _w("noVBand"): "1", _w("val"): "04A0"}


def render_docx(report: Report, template: Path, output: Path, *, properties: dict | None = None,
                warnings: list[Problem] | None = None) -> Document:
    """Write the report as a .docx to `output` (a path the caller makes atomic).

    Returns the python-docx document as saved, for checks that need not read the file again.
    What was removed from the template (see `template_file`) is added to `warnings`.
    """
    tpl = open_template(template, warnings)
    narrative = build_narrative(tpl, report)
    context = template_context(report)
    context["body"] = Markup(PLACEHOLDER)
    _render(tpl, context, template)
    place_narrative(tpl, narrative)
    set_properties(tpl.docx, report, properties or {})
    tpl.save(output)
    return tpl.docx


def build_narrative(tpl: DocxTemplate, report: Report) -> list[_Element]:
    """The narrative's paragraphs, tables and charts, built in the template's styles beside its
    body (a python-docx document sharing the template's part, so styles, numbering and chart
    parts are the template's), for `place_narrative` to move in once Jinja has run."""
    from docx.document import Document
    from docx.oxml import parse_xml

    element = parse_xml(f'<w:document xmlns:w="{W_NS}"><w:body/></w:document>')
    add_blocks(Document(element, tpl.docx.part), report)
    return list(element.body)


def place_narrative(tpl: DocxTemplate, narrative: list[_Element]) -> None:
    """Put the narrative where Jinja left placeholders, and number drawings as docxtpl does.

    The template sees `body` only as an inert placeholder element: it is text, never an object
    with methods. In the document body each placeholder (or the paragraph holding it) is
    replaced by the narrative; in headers and footers, where a narrative has no place, it is
    removed. docxtpl numbers every drawing (wp:docPr) of the body from 1001 after rendering;
    the narrative's charts were not there yet, so the numbering is done again in full.
    """
    body = tpl.docx.element.body
    spots = list(body.iter(PLACEHOLDER_TAG))
    for index, spot in enumerate(spots):
        block = _block_holding(spot)
        for element in narrative if index == 0 else map(copy.deepcopy, narrative):
            block.addprevious(element)
        block.getparent().remove(block)
    if spots:
        for number, doc_pr in enumerate(body.iter(f"{{{WP_NS}}}docPr"), FIRST_DOCPR_ID):
            doc_pr.set("id", str(number))
    for rel in tpl.docx.part.rels.values():
        element = getattr(rel.target_part, "element", None) if not rel.is_external else None
        if element is not None and rel.reltype.endswith(("/header", "/footer")):
            for spot in list(element.iter(PLACEHOLDER_TAG)):
                _block_holding(spot).getparent().remove(_block_holding(spot))


def _block_holding(spot: _Element) -> _Element:
    """The placeholder, or the block-level element (paragraph) it was pasted into."""
    block = spot
    while block.getparent() is not None and block.getparent().tag not in _BLOCK_CONTAINERS:
        block = block.getparent()
    return block


def open_template(template: Path, warnings: list[Problem] | None = None) -> DocxTemplate:
    """Load a .docx template read-only, bounded and cleaned (`template_file.read_template`),
    or raise `TemplateError` with one sentence; what was removed goes to `warnings`."""
    import io

    from docxtpl import DocxTemplate

    from .template_file import read_template

    cleaned = read_template(template)
    if warnings is not None:
        warnings.extend(cleaned.problems)
    try:
        tpl = DocxTemplate(io.BytesIO(cleaned.data))
        tpl.init_docx()
    except Exception as exc:  # python-docx raises several kinds for a non-.docx file
        raise TemplateError(f"'{template.name}' is not a Word .docx template ({exc})") from None
    return tpl


def jinja_environment():
    """A sandboxed Jinja environment: autoescape on, undefined names are errors, on a budget."""
    from .sandbox import SafeEnvironment

    return SafeEnvironment()


def _render(tpl: DocxTemplate, context: dict, template: Path) -> None:
    """Run the template's Jinja over `context` (checked to hold data only); any failure is a
    `TemplateError` saying what and, where the linter can see it, where in the template."""
    from jinja2 import TemplateError as JinjaError
    from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError

    from .sandbox import check_data

    check_data(context)
    try:
        tpl.render(context, jinja_env=jinja_environment(), autoescape=True)
        return
    except SecurityError as exc:
        message = f"tries something unsafe: {exc}"
    except TemplateSyntaxError as exc:
        message = f"has a Jinja syntax error: {exc.message}"
    except UndefinedError as exc:
        message = f"uses a name docgen does not provide: {exc.message}"
    except RecursionError:
        message = "tries something unsafe: its macros call themselves too deeply"
    except JinjaError as exc:
        message = f"cannot be rendered: {exc}"
    except DocgenError:
        raise
    except Exception as exc:  # template code applied to the wrong kind of value ('a' - 1, 1/0)
        message = f"cannot be rendered: {type(exc).__name__}: {exc}"
    raise TemplateError(f"the template '{template.name}' {message}{_located(template)}"
                        ) from None


def _located(template: Path) -> str:
    """Where the linter finds the template's first error, as a clause for a message."""
    from .template_check import check_template

    try:
        errors = [p for p in check_template(template) if p.severity == "error"]
    except Exception:  # a template that cannot even be linted: the message stands alone
        return ""
    return f" (at {errors[0].location}: {errors[0].message})" if errors else ""


def template_context(report: Report) -> dict:
    """The names a template can use (`context.FIELDS`): plain data, never workbook code."""
    from .context import template_context as context_of

    return context_of(report)


def add_blocks(doc: Document, report: Report) -> None:
    """The narrative, appended to `doc`'s body: each block's heading, paragraphs, caption and
    table or chart (`doc` is a python-docx document; its styles are the template's)."""
    body = doc.element.body
    section = body.find(SECTPR)
    if section is not None:  # kept last, as python-docx keeps it
        body.remove(section)
    try:
        _add_blocks(_Writer(doc), report)
    finally:
        if section is not None:
            body.append(section)


def _add_blocks(out: _Writer, report: Report) -> None:
    sections = SectionNumbering(out.doc, scheme_named(report.settings.section_numbering))
    for block in report.blocks:
        if block.heading:
            para = out.paragraph(f"Heading {block.heading.level}")
            sections.heading(para.find(PPR), block.heading)
            if block.heading.title:  # python-docx adds no run for empty text
                _add_text(out.sub(para, R), block.heading.title)
        for paragraph in block.paragraphs:
            add_paragraph(out, paragraph, sections)
        if block.insert is not None:
            out.lists.reset()
            add_insert(out, block, report)
        if not block.paragraphs or block.paragraphs[-1].style != "numbered":
            out.lists.reset()


class _Writer:
    """Appends WordprocessingML to a document's body, with the template's style ids.

    Each style name is resolved once (python-docx scans every style of the template for each
    lookup); the text width is read once.
    """

    def __init__(self, doc: Document):
        self.doc = doc
        self.body = doc.element.body
        self.sub = etree.SubElement
        self.styles = _Styles(doc.part.styles.element)
        self.lists = _ListNumbering(doc, self.styles)
        self._width: int | None = None
        self._height: float | None = None

    def paragraph(self, style: str, parent: _Element | None = None) -> _Element:
        """A new w:p with the paragraph style `style` (or the body style), at the end."""
        para = self.sub(self.body if parent is None else parent, P)
        self.paragraph_properties(para, self.styles.paragraph_id(style))
        return para

    def paragraph_properties(self, para: _Element, style_id: str | None) -> _Element:
        """The w:pPr python-docx writes for a paragraph style: empty for the default style."""
        ppr = self.sub(para, PPR)
        if style_id is not None:
            self.sub(ppr, PSTYLE, {VAL: style_id})
        return ppr

    def run(self, para: _Element, text: str, bold: bool, italic: bool) -> None:
        """A w:r with a w:rPr (left empty for plain text, as python-docx leaves it)."""
        run = self.sub(para, R)
        rpr = self.sub(run, RPR)
        if bold:
            self.sub(rpr, BOLD)
        if italic:
            self.sub(rpr, ITALIC)
        _add_text(run, text)

    @property
    def text_width(self) -> int:
        """The width between the margins of the template's first section, in EMU."""
        if self._width is None:
            section = self.doc.part.document.sections[0]
            self._width = section.page_width - section.left_margin - section.right_margin
        return self._width

    @property
    def text_height(self) -> float:
        """The height between the margins of the template's first section, in points."""
        if self._height is None:
            section = self.doc.part.document.sections[0]
            height = section.page_height - section.top_margin - section.bottom_margin
            self._height = height / EMU_PER_POINT
        return self._height


def _add_text(run: _Element, text: str) -> None:
    """The run's content as python-docx writes it: a w:t for each stretch of text, and a
    w:tab or w:br for each tab, carriage return or line feed."""
    start = 0
    for match in _BREAKS.finditer(text):
        _add_t(run, text[start:match.start()])
        etree.SubElement(run, TAB if match.group() == "\t" else BREAK)
        start = match.end()
    _add_t(run, text[start:])


def _add_t(run: _Element, text: str) -> None:
    if text:
        t = etree.SubElement(run, T)
        t.text = text
        if len(text.strip()) < len(text):
            t.set(XML_SPACE, "preserve")


def add_paragraph(out: _Writer, paragraph: Paragraph,
                  sections: SectionNumbering | None = None) -> None:
    """A paragraph in the template's body, bullet or numbered-list style, with its runs; a
    body paragraph is numbered as its section's paragraph when `sections` numbers them."""
    style = out.styles.paragraph_id(LIST_STYLES.get(paragraph.style, BODY_STYLE))
    para = out.sub(out.body, P)
    ppr = out.paragraph_properties(para, style)
    for run in paragraph.runs:
        out.run(para, run.text, run.bold, run.italic)
    if paragraph.style == "numbered":
        out.lists.number(ppr, style)
    else:
        out.lists.reset()
        if sections is not None and paragraph.style == "body" and paragraph.text.strip():
            sections.paragraph(ppr)


def add_insert(out: _Writer, block: Block, report: Report) -> None:
    """The table or chart placed after a block, with its caption above it."""
    if block.caption:
        caption = out.paragraph(CAPTION_STYLE)
        out.sub(caption.find(PPR), KEEPNEXT)  # with the table or chart, in any template
        _add_text(out.sub(caption, R), block.caption)
    if isinstance(block.insert, Table):
        add_table(out, block.insert)
    elif isinstance(block.insert, Chart):
        from .charts import add_chart

        add_chart(out.doc, block.insert)
        table = report.tables.get(block.insert.table.lower())
        if block.insert.show_table and table is not None:
            add_table(out, table)
    out.paragraph(BODY_STYLE)


def add_table(out: _Writer, table: Table) -> None:
    """A data table: columns sized to their content (`layout_table`), the header row repeated
    on each page, rows kept whole, the header and first rows kept with the rows after them
    (so a caption never ends a page alone), numbers right-aligned."""
    sub = out.sub
    rows = (table.header, *table.rows)
    columns = max(len(r) for r in rows)
    style = out.styles.table_name()
    layout = layout_table(table, columns, out.text_width / EMU_PER_POINT,
                          table_font(out.styles, style))
    widths = [str(w) for w in layout.widths]
    text_style = out.styles.paragraph_id(
        SMALL_TABLE_TEXT_STYLE if layout.small else TABLE_TEXT_STYLE)
    tbl = sub(out.body, TBL)
    properties = sub(tbl, TBLPR)
    style_id = out.styles.table_id(style)
    if style_id is not None:
        sub(properties, TBLSTYLE, {VAL: style_id})
    sub(properties, TBLW, TBLW_ATTRS)
    sub(properties, TBLLOOK, TBLLOOK_ATTRS)
    grid = sub(tbl, TBLGRID)
    for width in widths:
        sub(grid, GRIDCOL, {_w("w"): width})
    for r, cells in enumerate(rows):
        tr = sub(tbl, TR)
        _row_properties(tr, header=r == 0, whole=layout.row_heights[r] <= out.text_height)
        keep = r < min(KEPT_ROWS, len(rows) - 1)
        for c in range(columns):
            tc = sub(tr, TC)
            sub(sub(tc, TCPR), TCW, {_w("type"): "dxa", _w("w"): widths[c]})
            para = sub(tc, P)
            if c >= len(cells):
                if keep:
                    sub(sub(para, PPR), KEEPNEXT)
                continue
            cell = cells[c]
            ppr = out.paragraph_properties(para, text_style)
            if keep:
                sub(ppr, KEEPNEXT)
            if cell.numeric:
                sub(ppr, JC, {VAL: "right"})
            bold = cell.bold or (table.first_column_bold and c == 0 and r > 0)
            if r == 0 and style == "Table Grid":
                bold = True
            out.run(para, cell.text, bold, cell.italic)


def _row_properties(tr: _Element, *, header: bool, whole: bool) -> None:
    """The row's w:trPr: kept whole on a page (unless taller than a page, which Word would
    cut off), and repeated at the top of each page for the header row."""
    if not (header or whole):
        return
    trpr = etree.SubElement(tr, TRPR)
    if whole:
        etree.SubElement(trpr, CANTSPLIT)
    if header:
        etree.SubElement(trpr, TBLHEADER)


# -- table layout -------------------------------------------------------------------------------
#
# Columns are sized as Word's autofit sizes them: no column narrower than its longest word or
# number (so none is ever split across lines), the rest of the width shared by how much more
# each column's text needs. Text is measured with the metric-compatible Liberation fonts that
# LibreOffice and docgen's PDF engine lay Arial, Times New Roman and Courier New out with.

DEFAULT_CELL_MARGIN = 108
"""Word's left and right cell margin (twips) when the table style sets none."""
WIDTH_SLACK = 0.5
"""Points each column gets over its longest word: twips rounding, and the few hundredths of
a point by which a line breaker may reject a word that fits exactly."""
KEPT_ROWS = 2
"""Rows (the header and the first data row) kept with the next row: a caption and header
row never end a page without the first two rows of data."""
LINE_HEIGHT = 1.2
"""Line height per point of text size, a little over Word's and LibreOffice's single line
(1.15 for Arial), for the estimate of a row's height."""
ROW_PADDING = 6.0
"""Points a row takes besides its lines (paragraph spacing, borders), for the same estimate."""
THEME_FONT = "Calibri"
_LIBERATION = {"sans": "LiberationSans", "serif": "LiberationSerif", "mono": "LiberationMono"}
_SPACES = re.compile(r"[ \t]+")
_WORD_HYPHEN = re.compile(r"(?<=[^\W\d_][-\u2010])(?=[^\W\d_])")
"""A break inside a word that every line breaker takes: after a hyphen between letters."""
_LAST_RESORT = re.compile(r"(?<=[^\W_][-\u2010/])(?=[^\W_])")
"""Breaks allowed only when whole words cannot fit: after a slash or hyphen between letters
or digits ("2010/" "11"); never inside a signed number such as "(-1,536)"."""


@dataclass(frozen=True)
class TableFont:
    """What a table's text is measured with: the font family, the sizes (points) of the
    table text and small table text styles, and the left plus right cell margins (points)."""

    family: str = "Arial"
    size: float = 12.0
    small_size: float = 9.0
    margins: float = 2 * DEFAULT_CELL_MARGIN / 20


@dataclass(frozen=True)
class TableLayout:
    """A table's column widths (twips), whether it is set in the small table text style, and
    each row's estimated height (points)."""

    widths: tuple[int, ...]
    small: bool
    row_heights: tuple[float, ...]


@dataclass(frozen=True)
class _ColumnText:
    """What a column holds, in 1/1000 em of the table font: its widest whole word, its widest
    piece when slashes and hyphens may break, and its widest line."""

    word: float
    piece: float
    line: float


def table_font(styles: _Styles, table_style: str) -> TableFont:
    """The font, sizes and cell margins a table in `table_style` is set in, resolved as Word
    resolves them: document defaults, then the table style, then the paragraph style."""
    table = styles.find(table_style)
    base = [_doc_default_rpr(styles), *_rpr_chain(styles, table)]
    family, size = _run_font([*base, *_rpr_chain(styles, _text_style(styles, TABLE_TEXT_STYLE))])
    _, small = _run_font([*base, *_rpr_chain(styles, _text_style(styles, SMALL_TABLE_TEXT_STYLE))])
    return TableFont(family, size, small, _cell_margins(styles, table))


def layout_table(table: Table, columns: int, width: float, font: TableFont) -> TableLayout:
    """Column widths for `table` across `width` points, in the table text size when its words
    and numbers fit whole at that size, else in the small size; only when they cannot fit
    even then may headings break after a slash or hyphen ("2010/" "11")."""
    cells = _measured_cells(table, columns)
    texts = [_column_text(cells, c, font.family) for c in range(columns)]
    extra = font.margins + WIDTH_SLACK
    for size, last_resort in ((font.size, False), (font.small_size, False),
                              (font.small_size, True)):
        scale = size / 1000.0
        mins = [(t.piece if last_resort else t.word) * scale + extra for t in texts]
        if sum(mins) <= width:
            # A column whose words had to break keeps its minimum, so that a broken word
            # breaks where it may ("2010/" "11"), not a character further on.
            fixed = [last_resort and t.piece < t.word for t in texts]
            needs = [max(t.line * scale + extra, m) for t, m in zip(texts, mins, strict=True)]
            return _layout(cells, _share(width, mins, needs, fixed), size, font)
    mins = [t.piece * font.small_size / 1000.0 + extra for t in texts]
    return _layout(cells, [m * width / sum(mins) for m in mins], font.small_size, font)


def _layout(cells: list[list[tuple[str, bool, bool]]], widths: list[float], size: float,
            font: TableFont) -> TableLayout:
    """The layout for widths in points: whole twips, and each row's estimated height."""
    twips = [int(w * 20) for w in widths]
    twips[twips.index(max(twips))] += round(sum(widths) * 20) - sum(twips)
    inner = [(w - font.margins) * 1000.0 / size for w in widths]
    heights = tuple(max(_line_count(text, bold, italic, font.family, room)
                        for (text, bold, italic), room in zip(row, inner, strict=True))
                    * size * LINE_HEIGHT + ROW_PADDING for row in cells)
    return TableLayout(tuple(twips), size != font.size, heights)


def _share(total: float, mins: list[float], needs: list[float], fixed: list[bool]
           ) -> list[float]:
    """Widths filling `total`: each column its minimum, then the rest in proportion to how
    much more each needs; once every need is met, what is left in proportion to the need."""
    spare = total - sum(mins)
    grow = [0.0 if f else n - m for m, n, f in zip(mins, needs, fixed, strict=True)]
    wanted = sum(grow)
    if spare <= wanted:
        if wanted <= 0:
            return list(mins)
        return [m + spare * g / wanted for m, g in zip(mins, grow, strict=True)]
    widths = [m + g for m, g in zip(mins, grow, strict=True)]
    weights = [0.0 if f else w for w, f in zip(widths, fixed, strict=True)]
    if not any(weights):
        weights = widths
    left = (spare - wanted) / sum(weights)
    return [w + left * k for w, k in zip(widths, weights, strict=True)]


def _measured_cells(table: Table, columns: int) -> list[list[tuple[str, bool, bool]]]:
    """Each row's cells as (text, bold, italic) as they print; header rows count as bold, as
    every table style docgen picks shows them."""
    out = []
    for r, cells in enumerate((table.header, *table.rows)):
        row = []
        for c in range(columns):
            if c >= len(cells):
                row.append(("", False, False))
                continue
            cell = cells[c]
            bold = r == 0 or cell.bold or (table.first_column_bold and c == 0)
            row.append((cell.text, bold, cell.italic))
        out.append(row)
    return out


def _column_text(cells: list[list[tuple[str, bool, bool]]], column: int, family: str
                 ) -> _ColumnText:
    """The widest word, breakable piece and line of one column (1/1000 em of `family`)."""
    word = piece = line = 0.0
    for row in cells:
        text, bold, italic = row[column]
        for part in text.splitlines():
            line = max(line, _units(part.strip(" \t"), bold, italic, family))
            for token in _SPACES.split(part):
                for bit in _WORD_HYPHEN.split(token):
                    word = max(word, _units(bit, bold, italic, family))
                for bit in _LAST_RESORT.split(token):
                    piece = max(piece, _units(bit, bold, italic, family))
    return _ColumnText(word, piece, line)


def _line_count(text: str, bold: bool, italic: bool, family: str, room: float) -> int:
    """Lines `text` takes in `room` (1/1000 em) when broken at spaces (an estimate)."""
    space = _units(" ", bold, italic, family)
    count = 0
    for part in text.splitlines() or [""]:
        count += 1
        used = 0.0
        for token in _SPACES.split(part.strip(" \t")):
            width = _units(token, bold, italic, family)
            if used and used + width > room:
                count += 1
                used = 0.0
            used += width + space
    return count


def text_width(text: str, family: str, size: float, *, bold: bool = False,
               italic: bool = False) -> float:
    """Width of `text` in points set in `family` at `size`: plain advance widths, as
    LibreOffice and docgen's PDF engine measure it."""
    return _units(text, bold, italic, family) * size / 1000.0


@functools.lru_cache(maxsize=8192)
def _units(text: str, bold: bool, italic: bool, family: str) -> float:
    """Advance width of `text` in 1/1000 em (a word joiner takes no room); cached, as the
    same words and figures recur down a column and from report to report."""
    widths, default = _advances(family, bold, italic)
    get = widths.get
    return sum(get(ch, default) for ch in text if ch != "\u2060")


@functools.cache
def _advances(family: str, bold: bool, italic: bool) -> tuple[dict[str, float], float]:
    """Advance widths (1/1000 em) and the width of an unknown character for a font family:
    the Liberation font LibreOffice substitutes for it, else the standard PDF font's."""
    from .pdf.fonts import FontSet, category, find_font_file
    from .pdf.model import RunStyle
    from .pdf.ttf_metrics import ttf_widths

    variant = ("Bold" if bold else "") + ("Italic" if italic else "") or "Regular"
    path = find_font_file(f"{_LIBERATION[category(family or 'Arial')]}-{variant}")
    if path is not None:
        widths = ttf_widths(path)
        return widths, widths.get("?", 556.0)
    face = FontSet(embed=False).resolve(RunStyle(font=family, bold=bold, italic=italic)).face
    return face.widths, face.default_width


def _text_style(styles: _Styles, name: str) -> _Element | None:
    """The paragraph style `name`, or the body style where the template lacks it (as
    `_Styles.paragraph_id` falls back)."""
    style = styles.find(name)
    return style if style is not None else styles.find(BODY_STYLE)


def _style_chain(styles: _Styles, style: _Element | None) -> list[_Element]:
    """A style and the styles it is based on, the base first."""
    chain: list[_Element] = []
    while style is not None and all(style is not s for s in chain):
        chain.append(style)
        based = style.find(_w("basedOn"))
        style = styles.by_id.get(based.get(VAL)) if based is not None else None
    return chain[::-1]


def _rpr_chain(styles: _Styles, style: _Element | None) -> list[_Element | None]:
    """The w:rPr of a style and of the styles it is based on, the base first."""
    return [s.find(RPR) for s in _style_chain(styles, style)]


def _doc_default_rpr(styles: _Styles) -> _Element | None:
    """The document's default run properties."""
    return styles.element.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{RPR}")


def _run_font(rprs: list[_Element | None]) -> tuple[str, float]:
    """The font family and size (points) the run properties come to, the last winning;
    Word's defaults (Times New Roman, 10 pt) where none sets them."""
    family, size = "Times New Roman", 10.0
    for rpr in rprs:
        if rpr is None:
            continue
        fonts = rpr.find(_w("rFonts"))
        if fonts is not None:
            theme = fonts.get(_w("asciiTheme")) or fonts.get(_w("hAnsiTheme"))
            family = fonts.get(_w("ascii")) or fonts.get(_w("hAnsi")) or (
                THEME_FONT if theme else family)
        sz = rpr.find(_w("sz"))
        if sz is not None and (sz.get(VAL) or "").isdigit():
            size = int(sz.get(VAL)) / 2.0
    return family, size


def _cell_margins(styles: _Styles, table_style: _Element | None) -> float:
    """The left plus right cell margins (points) a table style gives its cells."""
    margins = {"left": DEFAULT_CELL_MARGIN, "right": DEFAULT_CELL_MARGIN}
    sides = {"left": "left", "start": "left", "right": "right", "end": "right"}
    for style in _style_chain(styles, table_style):
        for edge in style.iterfind(f"{_w('tblPr')}/{_w('tblCellMar')}/*"):
            side = sides.get(etree.QName(edge).localname)
            value = edge.get(_w("w")) or ""
            if side and edge.get(_w("type"), "dxa") == "dxa" and value.isdigit():
                margins[side] = int(value)
    return (margins["left"] + margins["right"]) / 20.0


class _Styles:
    """The template's styles by name and id, read in one pass, resolved as python-docx does:
    a name (UI name, or a style id) → the style's id, None for the default style of its type.
    """

    def __init__(self, styles: _Element):
        from docx.styles import BabelFish

        self._internal = BabelFish.ui2internal
        self.element = styles
        self.by_name: dict[str, _Element] = {}
        self.by_id: dict[str, _Element] = {}
        self.defaults: dict[str, _Element] = {}
        for style in styles.iterchildren(_w("style")):
            name = style.find(_w("name"))
            if name is not None and name.get(VAL) is not None:
                self.by_name.setdefault(name.get(VAL), style)
            if style.get(_w("styleId")) is not None:
                self.by_id.setdefault(style.get(_w("styleId")), style)
            kind = style.get(_w("type"))
            if kind is not None and style.get(_w("default")) in ("1", "true", "on"):
                self.defaults[kind] = style  # the last default of a type wins
        self._ids: dict[tuple[str, str], str | None] = {}

    def find(self, name: str) -> _Element | None:
        """The style `name` (or, as python-docx still allows, the style with that id)."""
        found = self.by_name.get(self._internal(name))
        return found if found is not None else self.by_id.get(name)

    def style_id(self, name: str, kind: str) -> str | None:
        """The id of style `name` of type `kind`; KeyError when missing, ValueError when of
        another type."""
        key = (name, kind)
        if key not in self._ids:
            style = self.find(name)
            if style is None:
                raise KeyError(f"no style with name '{name}'")
            if (style.get(_w("type")) or "paragraph") != kind:
                raise ValueError(f"style '{name}' is not a {kind} style")
            is_default = style is self.defaults.get(kind)
            self._ids[key] = None if is_default else style.get(_w("styleId"))
        return self._ids[key]

    def paragraph_id(self, name: str) -> str | None:
        """The paragraph style id for `name`, or the body style's when the template lacks
        `name` (the template decides the look); None for the default style."""
        if self.find(name) is None:
            logger.debug("template has no style %r; using %s", name, BODY_STYLE)
            name = BODY_STYLE
        return self.style_id(name, "paragraph")

    def paragraph_style(self, style_id: str | None) -> _Element | None:
        """The w:style a paragraph with `style_id` shows in (the default when unknown)."""
        style = self.by_id.get(style_id) if style_id else None
        if style is None or style.get(_w("type")) != "paragraph":
            return self.defaults.get("paragraph")
        return style

    def table_name(self) -> str:
        """The first of `TABLE_STYLES` the template defines (else the last)."""
        return next((n for n in TABLE_STYLES if self.find(n) is not None), TABLE_STYLES[-1])

    def table_id(self, name: str) -> str | None:
        """The table style id for `name`; None for the default table style, or when the
        template has no such style (the table then takes the template's default look)."""
        if self.find(name) is None:
            return None
        return self.style_id(name, "table")


class _ListNumbering:
    """Numbered lists that start at 1 each time: a new w:num per list, as Word does."""

    def __init__(self, doc: Document, styles: _Styles):
        self.doc = doc
        self.styles = styles
        self.current: int | None = None

    def reset(self) -> None:
        """The next numbered paragraph starts a new list."""
        self.current = None

    def number(self, ppr: _Element, style_id: str | None) -> None:
        """Number a paragraph (its w:pPr) of the list style `style_id` in the current list."""
        if self.current is None:
            self.current = self._new_list(style_id)
        if self.current is None:
            return
        numpr = etree.SubElement(ppr, NUMPR)
        etree.SubElement(numpr, ILVL, {VAL: "0"})
        etree.SubElement(numpr, NUMID, {VAL: str(self.current)})

    def _new_list(self, style_id: str | None) -> int | None:
        style = self.styles.paragraph_style(style_id)
        ppr = style.pPr if style is not None else None
        numpr = ppr.numPr if ppr is not None else None
        if numpr is None or numpr.numId is None:
            return None
        try:
            numbering = self.doc.part.numbering_part.element
            abstract = numbering.num_having_numId(numpr.numId.val).abstractNumId.val
        except (KeyError, NotImplementedError):  # the style names a list the template lacks
            return None
        num = numbering.add_num(abstract)
        override = num.add_lvlOverride(ilvl=0)
        override.add_startOverride(1)
        return num.numId


class SectionNumbering:
    """Headings and section paragraphs numbered by one Word list in the scheme's levels.

    The list (an abstractNum and its num in numbering.xml, the part made if the template has
    none) is added when the first paragraph is numbered. Paragraphs are numbered only inside a
    numbered section, so none reads "0.1"; headings only where the model has a label.
    """

    def __init__(self, doc: Document, scheme: Scheme):
        self.doc = doc
        self.scheme = scheme
        self.num_id: int | None = None
        self.in_section = False

    def heading(self, ppr: _Element, heading: Heading) -> None:
        """Number a heading (its w:pPr) that the model gave a label (`numbering.Counter`)."""
        ilvl = self.scheme.heading_level(heading.level)
        if heading.level == 1:
            self.in_section = bool(heading.number)
        if heading.number and ilvl is not None:
            self._number(ppr, ilvl)

    def paragraph(self, ppr: _Element) -> None:
        """Number a body paragraph (its w:pPr) when the scheme numbers them and it is in a
        numbered section."""
        if self.scheme.paragraphs is not None and self.in_section:
            self._number(ppr, self.scheme.paragraphs)

    def _number(self, ppr: _Element, ilvl: int) -> None:
        if self.num_id is None:
            styles = self.doc.part.styles.element
            named = {int(v) for e in styles.iter(NUMID) if (v := e.get(VAL) or "").isdigit()}
            self.num_id = add_list(numbering_element(self.doc), self.scheme, named)
        numpr = etree.SubElement(ppr, NUMPR)
        etree.SubElement(numpr, ILVL, {VAL: str(ilvl)})
        etree.SubElement(numpr, NUMID, {VAL: str(self.num_id)})


def numbering_element(doc: Document) -> _Element:
    """The document's w:numbering, with a new numbering part when it has none (python-docx
    cannot make one)."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.oxml import parse_xml
    from docx.parts.numbering import NumberingPart

    part = doc.part
    try:
        return part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
    except KeyError:
        pass
    taken = {str(p.partname) for p in part.package.iter_parts()}
    name = next(f"/word/numbering{n or ''}.xml" for n in range(len(taken) + 1)
                if f"/word/numbering{n or ''}.xml" not in taken)
    numbering = NumberingPart(PackURI(name), CONTENT_TYPE.WML_NUMBERING,
                              parse_xml(f'<w:numbering xmlns:w="{W_NS}"/>'), part.package)
    part.relate_to(numbering, RELATIONSHIP_TYPE.NUMBERING)
    return numbering.element


def add_list(numbering: _Element, scheme: Scheme, taken: set[int] | None = None) -> int:
    """Add the scheme's list to w:numbering: an abstractNum with its levels and a w:num for it
    (in the schema's order); the num's id, above every id in `taken` (ids the styles name,
    which a template without numbering.xml may still do)."""
    abstract_id = _next_id(numbering, "abstractNum", "abstractNumId", 0)
    _insert_before(numbering, _abstract_num(abstract_id, scheme), ("num", "numIdMacAtCleanup"))
    num_id = max(_next_id(numbering, "num", "numId", 1), max(taken or {0}) + 1)
    num = etree.Element(_w("num"), {_w("numId"): str(num_id)})
    etree.SubElement(num, _w("abstractNumId"), {VAL: str(abstract_id)})
    _insert_before(numbering, num, ("numIdMacAtCleanup",))
    return num_id


def _abstract_num(abstract_id: int, scheme: Scheme) -> _Element:
    """A w:abstractNum with a level for each of the scheme's levels."""
    abstract = etree.Element(_w("abstractNum"), {_w("abstractNumId"): str(abstract_id)})
    # A fixed nsid per scheme: the same workbook always gives the same numbering.xml.
    etree.SubElement(abstract, _w("nsid"), {VAL: f"{zlib.crc32(scheme.name.encode()):08X}"})
    etree.SubElement(abstract, _w("multiLevelType"), {VAL: "multilevel"})
    for ilvl, level in enumerate(scheme.levels):
        abstract.append(_list_level(ilvl, level))
    return abstract


def _insert_before(parent: _Element, element: _Element, tags: tuple[str, ...]) -> None:
    """Put `element` before the first child of `parent` with one of `tags`, else last."""
    following = next((child for child in parent if child.tag in {_w(t) for t in tags}), None)
    if following is None:
        parent.append(element)
    else:
        following.addprevious(element)


def _next_id(numbering: _Element, tag: str, attribute: str, first: int) -> int:
    """One more than the largest id of the `tag` children of w:numbering, or `first`."""
    ids = [int(value) for child in numbering.iterchildren(_w(tag))
           if (value := child.get(_w(attribute)) or "").isdigit()]
    return max(ids, default=first - 1) + 1


def _list_level(ilvl: int, level: Level) -> _Element:
    """A w:lvl: counting from 1, the label followed by a space or a tab, and a hanging indent
    when the level has one (else the paragraph keeps its style's indents)."""
    lvl = etree.Element(_w("lvl"), {_w("ilvl"): str(ilvl)})
    etree.SubElement(lvl, _w("start"), {VAL: "1"})
    etree.SubElement(lvl, _w("numFmt"), {VAL: level.fmt})
    etree.SubElement(lvl, _w("suff"), {VAL: level.suffix})
    etree.SubElement(lvl, _w("lvlText"), {VAL: level.text})
    etree.SubElement(lvl, _w("lvlJc"), {VAL: "left"})
    if level.hanging:
        ppr = etree.SubElement(lvl, PPR)
        etree.SubElement(ppr, _w("ind"), {_w("left"): str(level.hanging),
                                           _w("hanging"): str(level.hanging)})
    return lvl


# Provenance keys (from `api.provenance`) and their names under File > Properties > Custom.
CUSTOM_PROPERTIES = {
    "source_workbook": "Source workbook",
    "source_sha256": "Source workbook SHA-256",
    "docgen_version": "docgen version",
}
CORE_PROPERTIES_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"


def set_properties(document, report: Report, extra: dict) -> None:
    """Title, subject, author, keywords, created and language from the workbook; provenance
    (source workbook, its SHA-256, docgen's version) as custom document properties."""
    with _core_properties_prefix():
        core = document.core_properties
        s = report.settings
        core.title = s.title
        core.subject = s.subject or f"{s.report_to} {s.meeting_date_text}".strip()
        core.author = s.author or s.organisation
        core.last_modified_by = s.author or s.organisation
        core.keywords = s.keywords
        core.language = s.language
        core.category = "Committee report"
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
        core.created = core.modified = now
        core.revision = 1
        if extra.get("comments"):
            core.comments = extra["comments"]
    set_custom_properties(document, {CUSTOM_PROPERTIES[key]: str(value)
                                     for key, value in extra.items() if key in CUSTOM_PROPERTIES})
    set_language(document, report.settings.language)


def set_language(document, language: str) -> None:
    """Mark the document's text as `language` (docDefaults' w:lang), for Word's proofing and
    screen readers; the PDF takes its /Lang from it."""
    styles = document.styles.element
    defaults = styles.find(_w("docDefaults"))
    if defaults is None:
        defaults = etree.Element(_w("docDefaults"))
        styles.insert(0, defaults)
    rpr_default = defaults.find(_w("rPrDefault"))
    if rpr_default is None:
        rpr_default = etree.Element(_w("rPrDefault"))
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(_w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(rpr_default, _w("rPr"))
    lang = rpr.find(_w("lang"))
    if lang is None:
        lang = etree.SubElement(rpr, _w("lang"))
    lang.set(VAL, language)


def set_custom_properties(document, properties: dict[str, str]) -> None:
    """Write text properties to docProps/custom.xml (Word's File > Properties > Custom)."""
    from docxcompose.properties import CustomProperties

    custom = CustomProperties(document)
    for name, value in properties.items():
        custom[name] = value


@contextlib.contextmanager
def _core_properties_prefix():
    """Point python-docx's 'cp' prefix at the core-properties namespace while in use.

    docxcompose (imported by docxtpl) rebinds 'cp' to the custom-properties namespace, which
    made python-docx write keywords, category, revision and last-modified-by as stray elements
    Word ignores.
    """
    from docx.oxml.ns import nsmap

    before = nsmap.get("cp")
    nsmap["cp"] = CORE_PROPERTIES_NS
    try:
        yield
    finally:
        if before is not None:
            nsmap["cp"] = before
