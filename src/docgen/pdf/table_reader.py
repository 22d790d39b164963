"""Read a `w:tbl` into a model Table with per-cell resolved formatting."""

from __future__ import annotations

from lxml import etree

from ..ooxml.elements import children_by_tag, find_child, on_off, val
from ..ooxml.ns import w
from .model import Border, Cell, Row, Table
from .ooxml import hex_colour, twips
from .reading import StoryReader
from .revisions import row_deleted
from .styles import merge
from .table_props import (
    Layer,
    TableStyle,
    cell_conditions,
    edge_borders,
    parse_borders,
    parse_margins,
    table_look,
)

_DEFAULT_MARGINS = {"top": 0.0, "left": 5.4, "bottom": 0.0, "right": 5.4}
# Names looked up for every row and cell.
_TR, _TC, _TRPR, _TCPR = w("tr"), w("tc"), w("trPr"), w("tcPr")
_GRIDSPAN, _VMERGE, _SHD, _VALIGN = w("gridSpan"), w("vMerge"), w("shd"), w("vAlign")
_TCMAR, _TCBORDERS, _GRIDBEFORE = w("tcMar"), w("tcBorders"), w("gridBefore")


def read_table(reader: StoryReader, tbl: etree._Element) -> Table:
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
    rows_el = [tr for tr in tbl.iterchildren(_TR) if not row_deleted(tr)]  # changes accepted
    layout = [_row_cells(tr) for tr in rows_el]
    ncols = max([len(grid)] + [sum(span for _, _, span, _ in cells) + before
                               for cells, before in layout])
    grid = _complete_grid(grid, ncols, tblpr)
    rows = []
    # Cells in the same position class (conditions, outer edges) share their layers.
    layers: dict[tuple[str, ...], Layer] = {}
    table_borders: dict[tuple, dict[str, Border | None]] = {}
    for r_index, (tr, (cells, before)) in enumerate(zip(rows_el, layout, strict=True)):
        row = _row_props(tr, before)
        col = before
        for tc, props, span, vmerge in cells:
            conds = cell_conditions(r_index, col, col + span, len(rows_el), ncols, look)
            if conds not in layers:
                layers[conds] = _cell_layer(style, conds)
            key = (style.style_id, conds)
            cell = _cell(reader, tc, props, span, vmerge, layers[conds], key, margins)
            edges = (r_index == 0, r_index == len(rows_el) - 1, col == 0, col + span >= ncols)
            if (conds, edges) not in table_borders:
                table_borders[conds, edges] = _table_borders(style, direct_borders, conds, edges)
            cell.borders = {**table_borders[conds, edges], **cell.borders}
            row.cells.append(cell)
            col += span
        rows.append(row)
    align = val(tblpr.find(w("jc"))) if tblpr is not None else None
    indent_el = tblpr.find(w("tblInd")) if tblpr is not None else None
    indent = twips(indent_el.get(w("w")), 0.0) if indent_el is not None else 0.0
    table = Table(grid, rows, {"center": "center", "right": "right", "end": "right"}.get(
        align or "left", "left"), indent or 0.0)
    table.header_column = heads_rows(reader.sheet.name(style_id) if style_id else "", look)
    return table


def heads_rows(style_name: str, look: set[str]) -> bool:
    """True when a table's first column heads its rows: a *label table* (First Column on,
    Header Row off) or a *layout table* (style "Header Block" or one with "Layout" in its
    name), as `docgen.accessibility` defines them."""
    name = style_name.lower()
    if name == "header block" or "layout" in name:
        return True
    return "firstColumn" in look and "firstRow" not in look


def _cell_layer(style: TableStyle, conds: tuple[str, ...]) -> Layer:
    """The whole-table layer with the cell's conditional layers over it, in priority order."""
    layer = style.whole
    for name in conds:
        if name in style.conditional:
            layer = _overlay(layer, style.conditional[name])
    return layer


def _table_borders(style: TableStyle, direct: dict[str, Border | None], conds: tuple[str, ...],
                   edges: tuple[bool, bool, bool, bool]) -> dict[str, Border | None]:
    """A cell's edges from the table style, direct table borders and conditional layers."""
    borders: dict[str, Border | None] = {}
    edge_borders(style.whole.borders, *edges, borders)
    edge_borders(direct, *edges, borders)
    for name in conds:
        if name in style.conditional:
            edge_borders(style.conditional[name].borders, *edges, borders)
    return borders


def _overlay(a: Layer, b: Layer) -> Layer:
    """Conditional layer `b` over `a` (borders are mapped per cell separately)."""
    return Layer(merge(a.ppr, b.ppr), merge(a.rpr, b.rpr), b.shading or a.shading, a.borders,
                 b.valign or a.valign, {**a.margins, **b.margins})


def _row_cells(tr: etree._Element) -> tuple[list[tuple], int]:
    """(cells as (tc, tcPr children by name, grid span, vMerge state), grid columns skipped
    before)."""
    cells = []
    for tc in tr.iterchildren(_TC):
        props = children_by_tag(find_child(tc, _TCPR))
        span_val = val(props.get(_GRIDSPAN))
        span = int(span_val) if span_val and span_val.isdigit() and int(span_val) > 0 else 1
        vmerge = None
        vm = props.get(_VMERGE)
        if vm is not None:
            vmerge = "restart" if vm.get(w("val")) == "restart" else "continue"
        cells.append((tc, props, span, vmerge))
    before = val(find_child(find_child(tr, _TRPR), _GRIDBEFORE))
    return cells, int(before) if before and before.isdigit() else 0


def _row_props(tr: etree._Element, before: int) -> Row:
    """Row height, header and cantSplit flags."""
    row = Row([], grid_before=before)
    trpr = find_child(tr, _TRPR)
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


def _cell(reader: StoryReader, tc, props: dict, span: int, vmerge, layer: Layer, key,
          margins) -> Cell:
    """A cell: its blocks resolved with the table style layers, shading, margins, borders.

    `props` are the children of the cell's `w:tcPr` by name.
    """
    table_ctx = (key, layer.ppr, layer.rpr)
    blocks = [] if vmerge == "continue" else reader.blocks(tc, table_ctx)
    shading, valign = layer.shading, layer.valign or "top"
    shd = props.get(_SHD)
    if shd is not None:
        shading = hex_colour(shd.get(w("fill")))
    valign = val(props.get(_VALIGN)) or valign
    cell_margins = {**margins, **parse_margins(props.get(_TCMAR))}
    borders = {k: v for k, v in parse_borders(props.get(_TCBORDERS)).items()
               if k in ("top", "left", "bottom", "right")}
    return Cell(blocks, span, vmerge, shading, borders,
                (cell_margins["top"], cell_margins["left"], cell_margins["bottom"],
                 cell_margins["right"]), valign if valign in ("top", "center", "bottom") else
                "top")
