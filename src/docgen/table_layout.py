"""Data tables in the narrative: written through the `Writer`, their columns sized to fit.

Columns are sized as Word's autofit sizes them: no column narrower than its longest word or
number (so none is ever split across lines), the rest of the width shared by how much more
each column's text needs. Text is measured with the metric-compatible Liberation fonts that
LibreOffice and docgen's PDF engine lay Arial, Times New Roman and Courier New out with.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from .ooxml.ns import qn
from .template_styles import BODY_STYLE, TemplateStyles
from .word_writer import EMU_PER_POINT, JC, KEEPNEXT, PPR, RPR, VAL, P, Writer

if TYPE_CHECKING:
    from lxml.etree import _Element

    from .model import Table

TABLE_TEXT_STYLE = "Table Text"
SMALL_TABLE_TEXT_STYLE = "Table Text Small"
TBL, TBLPR, TBLSTYLE, TBLW, TBLLOOK, TBLGRID, GRIDCOL = (
    qn(f"w:{t}") for t in ("tbl", "tblPr", "tblStyle", "tblW", "tblLook", "tblGrid", "gridCol"))
TR, TRPR, TBLHEADER, TC, TCPR, TCW, CANTSPLIT = (
    qn(f"w:{t}") for t in ("tr", "trPr", "tblHeader", "tc", "tcPr", "tcW", "cantSplit"))
TBLW_ATTRS = {qn("w:type"): "auto", qn("w:w"): "0"}
# python-docx's new-table look: header row and first column formatting, banded rows.
TBLLOOK_ATTRS = {qn("w:firstColumn"): "1", qn("w:firstRow"): "1", qn("w:lastColumn"): "0",
                 qn("w:lastRow"): "0", qn("w:noHBand"): "0", qn("w:noVBand"): "1",
                 qn("w:val"): "04A0"}


def add_table(out: Writer, table: Table) -> None:
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
        sub(grid, GRIDCOL, {qn("w:w"): width})
    for r, cells in enumerate(rows):
        tr = sub(tbl, TR)
        _row_properties(tr, header=r == 0, whole=layout.row_heights[r] <= out.text_height)
        keep = r < min(KEPT_ROWS, len(rows) - 1)
        for c in range(columns):
            tc = sub(tr, TC)
            sub(sub(tc, TCPR), TCW, {qn("w:type"): "dxa", qn("w:w"): widths[c]})
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


def table_font(styles: TemplateStyles, table_style: str) -> TableFont:
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
    those of the face LibreOffice and docgen's PDF engine draw it with (`pdf.fonts`)."""
    from .pdf.fonts import family_widths

    return family_widths(family, bold, italic)


def _text_style(styles: TemplateStyles, name: str) -> _Element | None:
    """The paragraph style `name`, or the body style where the template lacks it (as
    `TemplateStyles.paragraph_id` falls back)."""
    style = styles.find(name)
    return style if style is not None else styles.find(BODY_STYLE)


def _style_chain(styles: TemplateStyles, style: _Element | None) -> list[_Element]:
    """A style and the styles it is based on, the base first."""
    chain: list[_Element] = []
    while style is not None and all(style is not s for s in chain):
        chain.append(style)
        based = style.find(qn("w:basedOn"))
        style = styles.by_id.get(based.get(VAL)) if based is not None else None
    return chain[::-1]


def _rpr_chain(styles: TemplateStyles, style: _Element | None) -> list[_Element | None]:
    """The w:rPr of a style and of the styles it is based on, the base first."""
    return [s.find(RPR) for s in _style_chain(styles, style)]


def _doc_default_rpr(styles: TemplateStyles) -> _Element | None:
    """The document's default run properties."""
    return styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{RPR}")


def _run_font(rprs: list[_Element | None]) -> tuple[str, float]:
    """The font family and size (points) the run properties come to, the last winning;
    Word's defaults (Times New Roman, 10 pt) where none sets them."""
    family, size = "Times New Roman", 10.0
    for rpr in rprs:
        if rpr is None:
            continue
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None:
            theme = fonts.get(qn("w:asciiTheme")) or fonts.get(qn("w:hAnsiTheme"))
            family = fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi")) or (
                THEME_FONT if theme else family)
        sz = rpr.find(qn("w:sz"))
        if sz is not None and (sz.get(VAL) or "").isdigit():
            size = int(sz.get(VAL)) / 2.0
    return family, size


def _cell_margins(styles: TemplateStyles, table_style: _Element | None) -> float:
    """The left plus right cell margins (points) a table style gives its cells."""
    margins = {"left": DEFAULT_CELL_MARGIN, "right": DEFAULT_CELL_MARGIN}
    sides = {"left": "left", "start": "left", "right": "right", "end": "right"}
    for style in _style_chain(styles, table_style):
        for edge in style.iterfind(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}/*"):
            side = sides.get(etree.QName(edge).localname)
            value = edge.get(qn("w:w")) or ""
            if side and edge.get(qn("w:type"), "dxa") == "dxa" and value.isdigit():
                margins[side] = int(value)
    return (margins["left"] + margins["right"]) / 20.0

