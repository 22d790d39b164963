"""Lay out model blocks (paragraphs, tables) at a given width, before pagination."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field

from .borders import apply_borders
from .fonts import FontSet
from .linebreak import LineBreaker
from .linefill import LineFiller
from .lines import Line, Spacer
from .model import Block, Border, Cell, DocumentModel, Paragraph, ParaProps, Row, Table
from .table_box import CellBox, RowBox, RowUnit, TableBox

log = logging.getLogger(__name__)


@dataclass
class ParaBox:
    """A paragraph broken into lines, with what pagination needs to know about it."""

    lines: list[Line]
    props: ParaProps
    style_id: str
    outline: tuple[int, str] | None = None


@dataclass
class Layouter:
    """Lays out blocks for one document: fonts, line breaker and caches."""

    doc: DocumentModel
    fonts: FontSet
    breaker: LineBreaker = field(init=False)

    def __post_init__(self) -> None:
        self.breaker = LineBreaker(self.fonts, self.doc.default_tab)

    def paragraph(self, para: Paragraph, width: float,
                  fields: dict[str, str] | None = None) -> ParaBox:
        """Break a paragraph into lines."""
        mark = self.fonts.resolve(para.mark_style)
        lines = LineFiller(self.breaker, para, width, mark, fields or {}).run()
        outline = None
        level = para.props.outline_level
        if level is not None:
            title = para.text.strip()
            if para.label is not None and para.label.text.strip() and title:
                title = f"{para.label.text.strip()} {title}"
            if title:
                outline = (level, title)
        shade_x = (para.props.ind_left, width - para.props.ind_right)
        for line in lines:
            line.para = para
            if para.props.shading:
                line.shading = para.props.shading
                line.shade_x = shade_x
        return ParaBox(lines, para.props, para.style_id, outline)

    def blocks(self, blocks: list[Block], width: float,
               fields: dict[str, str] | None = None) -> list[ParaBox | TableBox]:
        """Lay out a run of body blocks."""
        return apply_borders([self.paragraph(b, width, fields) if isinstance(b, Paragraph)
                              else self.table(b, width, fields) for b in blocks], width)

    def stack(self, blocks: list[Block], width: float,
              fields: dict[str, str] | None = None) -> list:
        """Blocks as a flat list of units (lines, spacers, table rows) stacked top to bottom."""
        units: list = []
        prev: ParaBox | None = None
        for box in self.blocks(blocks, width, fields):
            if isinstance(box, ParaBox):
                after, before = gap_parts(prev, box)
                if max(after, before) > 0:
                    units.append(Spacer(max(after, before), lower=after, upper=before))
                units.extend(box.lines)
                prev = box
            else:
                if prev is not None and prev.props.space_after > 0:
                    after = prev.props.space_after
                    units.append(Spacer(after, lower=after))
                prev = None
                units.extend(RowUnit(box, i) for i in range(len(box.rows)))
        if prev is not None and prev.props.space_after > 0:
            units.append(Spacer(prev.props.space_after, lower=prev.props.space_after))
        return units

    def table(self, table: Table, width: float, fields: dict[str, str] | None = None) -> TableBox:
        """Lay out a table: cell contents, row heights, resolved borders and position."""
        col_x = column_edges(table.grid)
        grid_cells = _place_cells(table)
        rows: list[RowBox] = []
        for r_index, row in enumerate(table.rows):
            cells = []
            for index, (cell, start) in enumerate(grid_cells[r_index]):
                end = min(start + cell.span, len(col_x) - 1)
                x, w = col_x[start], col_x[end] - col_x[start]
                inner = max(w - cell.margins[1] - cell.margins[3], 1.0)
                units = self.stack(cell.blocks, inner, fields) if cell.vmerge != "continue" \
                    else []
                box = CellBox(x, w, units, sum(u.height for u in units), cell.margins,
                              cell.shading, cell.valign, cell.vmerge, source=cell)
                _resolve_borders(box, index, start, r_index, grid_cells)
                cells.append(box)
            rows.append(RowBox(cells, header=row.header, cant_split=row.cant_split,
                               keep_next=_keeps_with_next(row), source=row))
            _row_height(rows[-1], row)
        _vertical_spans(rows, grid_cells)
        total = col_x[-1]
        first = table.rows[0].cells[0] if table.rows and table.rows[0].cells else None
        if table.align == "center":
            x = (width - total) / 2
        elif table.align == "right":
            x = width - total
        else:
            x = table.indent - (first.margins[1] if first and self.doc.table_shift else 0.0)
        header_rows = 0
        for row in table.rows:
            if not row.header:
                break
            header_rows += 1
        return TableBox(x, rows, header_rows if header_rows < len(rows) else 0, source=table)


def column_edges(grid: list[float]) -> list[float]:
    """The x of each column edge from the table's left edge, as LibreOffice places them: its
    .docx import turns each edge into a position in 1/10,000 of the table's width (rounded)
    and Writer turns that back into whole twips (truncated), so an edge can sit up to a
    twip left of the grid's own sum."""
    total = sum(grid)
    edges = [0.0]
    running = 0.0
    for width in grid[:-1]:
        running += width
        relative = math.floor(running * 10000 / total + 0.5) if total > 0 else 0
        edges.append(math.floor(relative * total * 20 / 10000 + 1e-6) / 20.0)
    if grid:
        edges.append(total)
    return edges

def gap_between(prev: ParaBox | None, box: ParaBox) -> float:
    """Space between two paragraphs: max(after, before), contextual spacing honoured."""
    return max(gap_parts(prev, box))


def gap_parts(prev: ParaBox | None, box: ParaBox) -> tuple[float, float]:
    """(space after the paragraph above, space before this one), contextual spacing
    honoured."""
    before = box.props.space_before
    if prev is None:
        return 0.0, before
    after = prev.props.space_after
    if prev.style_id == box.style_id:
        if box.props.contextual:
            before = 0.0
        if prev.props.contextual:
            after = 0.0
    return after, before


def _keeps_with_next(row: Row) -> bool:
    """True when every paragraph of the row is kept with the next: the row then stays on a
    page with the row after it, as Word keeps a row selected and marked "keep with next"."""
    paragraphs = [block for cell in row.cells if cell.vmerge != "continue"
                  for block in cell.blocks if isinstance(block, Paragraph)]
    return bool(paragraphs) and all(p.props.keep_next for p in paragraphs)


def _place_cells(table: Table) -> list[list[tuple[Cell, int]]]:
    """Each row's cells with their starting grid column."""
    out = []
    for row in table.rows:
        col = row.grid_before
        placed = []
        for cell in row.cells:
            placed.append((cell, col))
            col += cell.span
        out.append(placed)
    return out


def _cell_at(grid_cells, r_index: int, col: int) -> Cell | None:
    """The cell of a row that starts at grid column `col`."""
    if not 0 <= r_index < len(grid_cells):
        return None
    for cell, start in grid_cells[r_index]:
        if start == col:
            return cell
    return None


def stronger(a: Border | None, b: Border | None) -> Border | None:
    """The border that wins a conflict between two adjacent edges (wider wins)."""
    if a is None:
        return b
    if b is None:
        return a
    return a if a.width >= b.width else b


def _resolve_borders(box: CellBox, index: int, start: int, r_index: int, grid_cells) -> None:
    """Resolve the edges of cell `index` of row `r_index` against its neighbours above, left
    and below."""
    above = _cell_at(grid_cells, r_index - 1, start)
    below = _cell_at(grid_cells, r_index + 1, start)
    row = grid_cells[r_index]
    cell = row[index][0]
    left_cell = row[index - 1][0] if index > 0 else None
    box.top = None if cell.vmerge == "continue" else stronger(
        cell.borders.get("top"), above.borders.get("bottom") if above else None)
    box.left = stronger(cell.borders.get("left"),
                        left_cell.borders.get("right") if left_cell else None)
    box.right = cell.borders.get("right") if index == len(row) - 1 else None
    if below is not None and below.vmerge == "continue":
        box.bottom = None
    else:
        box.bottom = stronger(cell.borders.get("bottom"),
                              below.borders.get("top") if below else None)


def _row_height(box: RowBox, row) -> None:
    """Row content height from its cells and trHeight; border widths."""
    height = 0.0
    for cell in box.cells:
        if cell.vmerge == "restart":
            continue
        if cell.vmerge != "continue":
            height = max(height, cell.margins[0] + cell.content + cell.margins[2])
    if row.height_rule == "exact" and row.height > 0:
        height = row.height
    elif row.height > height:
        height = row.height
    box.height = height
    box.border_top = max((c.top.width for c in box.cells if c.top), default=0.0)
    box.border_bottom = max((c.bottom.width for c in box.cells if c.bottom), default=0.0)


def _vertical_spans(rows: list[RowBox], grid_cells) -> None:
    """Make vertically merged cells' rows tall enough and record each span's height."""
    for r_index, row in enumerate(rows):
        for cell in row.cells:
            if cell.vmerge != "restart":
                continue
            last = r_index
            while last + 1 < len(rows) and any(
                    c.vmerge == "continue" and abs(c.x - cell.x) < 0.01
                    for c in rows[last + 1].cells):
                last += 1
            need = cell.margins[0] + cell.content + cell.margins[2]
            have = sum(rows[i].height for i in range(r_index, last + 1)) + sum(
                rows[i].border_top for i in range(r_index + 1, last + 1))
            if need > have:
                rows[last].height += need - have
                have = need
            cell.span_height = have
