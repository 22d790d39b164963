"""Read a `w:tbl` into a model Table with per-cell resolved formatting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from .model import Border, Cell, Row, Table
from .ooxml import on_off, twips, val, w
from .styles import merge
from .table_props import (
    Layer,
    cell_conditions,
    edge_borders,
    parse_borders,
    parse_margins,
    table_look,
)

if TYPE_CHECKING:
    from .docx_reader import DocxReader

_DEFAULT_MARGINS = {"top": 0.0, "left": 5.4, "bottom": 0.0, "right": 5.4}


def read_table(reader: DocxReader, tbl: etree._Element) -> Table:
    """A model Table: grid, rows and cells with style layers applied."""
    tblpr = tbl.find(w("tblPr"))
    style_id = val(tblpr.find(w("tblStyle"))) if tblpr is not None else None
    if style_id not in reader.sheet.styles:
        style_id = reader.sheet.default_ids.get("table")
    style = reader.table_style(style_id)
    look = table_look(tblpr)
    direct_borders = parse_borders(tblpr.find(w("tblBorders"))) if tblpr is not None else {}
    direct_margins = parse_margins(tblpr.find(w("tblCellMar"))) if tblpr is not None else {}
    margins = {**_DEFAULT_MARGINS, **style.whole.margins, **direct_margins}
    grid = [twips(col.get(w("w")), 0.0) or 0.0
            for col in tbl.findall(f"{w('tblGrid')}/{w('gridCol')}")]
    rows_el = tbl.findall(w("tr"))
    layout = [_row_cells(tr) for tr in rows_el]
    ncols = max([len(grid)] + [sum(span for _, span, _ in cells) + before
                               for cells, before in layout])
    grid = _complete_grid(grid, ncols, tblpr)
    rows = []
    for r_index, (tr, (cells, before)) in enumerate(zip(rows_el, layout, strict=True)):
        row = _row_props(tr, before)
        col = before
        for tc, span, vmerge in cells:
            conds = cell_conditions(r_index, col, col + span, len(rows_el), ncols, look)
            layer = style.whole
            for name in conds:
                if name in style.conditional:
                    layer = _overlay(layer, style.conditional[name])
            key = (style.style_id, conds)
            cell = _cell(reader, tc, span, vmerge, layer, key, margins)
            borders: dict[str, Border | None] = {}
            edges = (r_index == 0, r_index == len(rows_el) - 1, col == 0, col + span >= ncols)
            edge_borders(style.whole.borders, *edges, borders)
            edge_borders(direct_borders, *edges, borders)
            for name in conds:
                if name in style.conditional:
                    edge_borders(style.conditional[name].borders, *edges, borders)
            cell.borders = {**borders, **cell.borders}
            row.cells.append(cell)
            col += span
        rows.append(row)
    align = val(tblpr.find(w("jc"))) if tblpr is not None else None
    indent_el = tblpr.find(w("tblInd")) if tblpr is not None else None
    indent = twips(indent_el.get(w("w")), 0.0) if indent_el is not None else 0.0
    return Table(grid, rows, {"center": "center", "right": "right", "end": "right"}.get(
        align or "left", "left"), indent or 0.0)


def _overlay(a: Layer, b: Layer) -> Layer:
    """Conditional layer `b` over `a` (borders are mapped per cell separately)."""
    return Layer(merge(a.ppr, b.ppr), merge(a.rpr, b.rpr), b.shading or a.shading, a.borders,
                 b.valign or a.valign, {**a.margins, **b.margins})


def _row_cells(tr: etree._Element) -> tuple[list[tuple[etree._Element, int, str | None]], int]:
    """(cells with their grid span and vMerge state, grid columns skipped before)."""
    cells = []
    for tc in tr.findall(w("tc")):
        tcpr = tc.find(w("tcPr"))
        span, vmerge = 1, None
        if tcpr is not None:
            span_val = val(tcpr.find(w("gridSpan")))
            span = int(span_val) if span_val and span_val.isdigit() and int(span_val) > 0 else 1
            vm = tcpr.find(w("vMerge"))
            if vm is not None:
                vmerge = "restart" if vm.get(w("val")) == "restart" else "continue"
        cells.append((tc, span, vmerge))
    trpr = tr.find(w("trPr"))
    before = val(trpr.find(w("gridBefore"))) if trpr is not None else None
    return cells, int(before) if before and before.isdigit() else 0


def _row_props(tr: etree._Element, before: int) -> Row:
    """Row height, header and cantSplit flags."""
    row = Row([], grid_before=before)
    trpr = tr.find(w("trPr"))
    if trpr is None:
        return row
    row.header = bool(on_off(trpr.find(w("tblHeader"))))
    row.cant_split = bool(on_off(trpr.find(w("cantSplit"))))
    height = trpr.find(w("trHeight"))
    if height is not None:
        row.height = twips(height.get(w("val")), 0.0) or 0.0
        row.height_rule = height.get(w("hRule"), "atLeast")
    return row


def _complete_grid(grid: list[float], ncols: int, tblpr) -> list[float]:
    """The grid with missing or zero columns filled in from the table width."""
    if len(grid) >= ncols and all(g > 0 for g in grid):
        return grid
    width_el = tblpr.find(w("tblW")) if tblpr is not None else None
    total = twips(width_el.get(w("w")), 0.0) if width_el is not None else 0.0
    if not total or width_el.get(w("type")) != "dxa":
        total = 451.3
    known = sum(g for g in grid if g > 0)
    missing = ncols - sum(1 for g in grid if g > 0)
    fill = max((total - known) / missing, 20.0) if missing else 0.0
    grid = grid + [0.0] * (ncols - len(grid))
    return [g if g > 0 else fill for g in grid]


def _cell(reader: DocxReader, tc, span: int, vmerge, layer: Layer, key, margins) -> Cell:
    """A cell: its blocks resolved with the table style layers, shading, margins, borders."""
    tcpr = tc.find(w("tcPr"))
    table_ctx = (key, layer.ppr, layer.rpr)
    blocks = [] if vmerge == "continue" else reader.blocks(tc, table_ctx)
    shading, valign = layer.shading, layer.valign or "top"
    cell_margins = dict(margins)
    borders: dict[str, Border | None] = {}
    if tcpr is not None:
        shd = tcpr.find(w("shd"))
        if shd is not None:
            from .ooxml import hex_colour

            shading = hex_colour(shd.get(w("fill")))
        valign = val(tcpr.find(w("vAlign"))) or valign
        cell_margins.update(parse_margins(tcpr.find(w("tcMar"))))
        borders = {k: v for k, v in parse_borders(tcpr.find(w("tcBorders"))).items()
                   if k in ("top", "left", "bottom", "right")}
    return Cell(blocks, span, vmerge, shading, borders,
                (cell_margins["top"], cell_margins["left"], cell_margins["bottom"],
                 cell_margins["right"]), valign if valign in ("top", "center", "bottom") else
                "top")
