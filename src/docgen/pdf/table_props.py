"""Table formatting: table style (with conditional formatting) and direct table/cell properties.

Produces, per cell, the style layers for its paragraphs and the resolved shading, borders,
margins and vertical alignment.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..ooxml.elements import W_VAL, val
from ..ooxml.ns import w
from .model import Border
from .ooxml import hex_colour, twips
from .styles import Props, StyleDef, StyleSheet, merge, parse_border, parse_ppr, parse_rpr

# Word's priority of conditional formats, lowest first.
COND_ORDER = ("band1Vert", "band2Vert", "band1Horz", "band2Horz", "lastCol", "firstCol",
              "lastRow", "firstRow", "neCell", "nwCell", "seCell", "swCell")
_LOOK_BITS = {"firstRow": 0x20, "lastRow": 0x40, "firstColumn": 0x80, "lastColumn": 0x100,
              "noHBand": 0x200, "noVBand": 0x400}
_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")
_ALIASES = {"start": "left", "end": "right"}


def parse_borders(el: etree._Element | None) -> dict[str, Border | None]:
    """Borders set by a `w:tblBorders`/`w:tcBorders` element, by edge (None = explicitly off)."""
    out: dict[str, Border | None] = {}
    if el is None:
        return out
    for child in el:
        edge = child.tag[child.tag.rfind("}") + 1:]
        edge = _ALIASES.get(edge, edge)
        if edge in _EDGES:
            out[edge] = parse_border(child)
    return out


def parse_margins(el: etree._Element | None) -> dict[str, float]:
    """Cell margins from `w:tblCellMar`/`w:tcMar` (dxa widths only)."""
    out: dict[str, float] = {}
    if el is None:
        return out
    for child in el:
        edge = child.tag[child.tag.rfind("}") + 1:]
        edge = _ALIASES.get(edge, edge)
        if child.get(w("type"), "dxa") == "dxa":
            out[edge] = twips(child.get(w("w")), 0.0) or 0.0
    return out


@dataclass
class Layer:
    """What one style layer (whole table or a conditional format) contributes."""

    ppr: Props = field(default_factory=dict)
    rpr: Props = field(default_factory=dict)
    shading: str | None = None
    borders: dict[str, Border | None] = field(default_factory=dict)
    valign: str | None = None
    margins: dict[str, float] = field(default_factory=dict)


def _layer(el: etree._Element, theme: dict[str, str], base: Layer | None = None) -> Layer:
    """Merge the pPr/rPr/tcPr/tblPr of a style or tblStylePr element onto `base`."""
    out = base or Layer()
    out.ppr = merge(out.ppr, parse_ppr(el.find(w("pPr"))))
    out.rpr = merge(out.rpr, parse_rpr(el.find(w("rPr")), theme))
    tcpr = el.find(w("tcPr"))
    if tcpr is not None:
        shd = tcpr.find(w("shd"))
        if shd is not None:
            out.shading = hex_colour(shd.get(w("fill")))
        out.borders = {**out.borders, **parse_borders(tcpr.find(w("tcBorders")))}
        out.valign = val(tcpr.find(w("vAlign"))) or out.valign
    tblpr = el.find(w("tblPr"))
    if tblpr is not None:
        out.borders = {**out.borders, **parse_borders(tblpr.find(w("tblBorders")))}
        out.margins = {**out.margins, **parse_margins(tblpr.find(w("tblCellMar")))}
    return out


class TableStyle:
    """A table style's whole-table layer and conditional layers, merged along basedOn."""

    def __init__(self, sheet: StyleSheet, style_id: str | None):
        chain: list[StyleDef] = sheet.chain(style_id)
        self.style_id = style_id or ""
        self.whole = Layer()
        self.conditional: dict[str, Layer] = {}
        for style in chain:
            self.whole = _layer(style.element, sheet.theme_fonts, self.whole)
            for kind, el in style.conditional.items():
                self.conditional[kind] = _layer(el, sheet.theme_fonts,
                                                self.conditional.get(kind))
        whole = self.conditional.pop("wholeTable", None)
        if whole is not None:
            self.whole = _merge_layers(self.whole, whole)


def _merge_layers(a: Layer, b: Layer) -> Layer:
    """Layer `b` applied over layer `a`."""
    return Layer(merge(a.ppr, b.ppr), merge(a.rpr, b.rpr), b.shading or a.shading,
                 {**a.borders, **b.borders}, b.valign or a.valign, {**a.margins, **b.margins})


def table_look(tblpr: etree._Element | None) -> set[str]:
    """The conditional formats a table enables (`w:tblLook`)."""
    look = tblpr.find(w("tblLook")) if tblpr is not None else None
    if look is None:
        return set()
    flags = set()
    bits = look.get(W_VAL)
    number = int(bits, 16) if bits and all(c in "0123456789abcdefABCDEF" for c in bits) else 0
    for name, bit in _LOOK_BITS.items():
        attr = look.get(w(name))
        if (attr is not None and attr in ("1", "true", "on")) or (attr is None and number & bit):
            flags.add(name)
    return flags


def cell_conditions(row: int, col: int, col_end: int, nrows: int, ncols: int,
                    look: set[str], header_rows: int = 1) -> tuple[str, ...]:
    """Conditional format names that apply to a cell, in priority order."""
    on: set[str] = set()
    first_row = "firstRow" in look and row == 0
    last_row = "lastRow" in look and row == nrows - 1
    first_col = "firstColumn" in look and col == 0
    last_col = "lastColumn" in look and col_end == ncols
    if first_row:
        on.add("firstRow")
    if last_row:
        on.add("lastRow")
    if first_col:
        on.add("firstCol")
    if last_col:
        on.add("lastCol")
    if "noHBand" not in look and not first_row and not last_row:
        index = row - (1 if "firstRow" in look else 0)
        on.add("band1Horz" if index % 2 == 0 else "band2Horz")
    if "noVBand" not in look and not first_col and not last_col:
        index = col - (1 if "firstColumn" in look else 0)
        on.add("band1Vert" if index % 2 == 0 else "band2Vert")
    if first_row and first_col:
        on.add("nwCell")
    if first_row and last_col:
        on.add("neCell")
    if last_row and first_col:
        on.add("swCell")
    if last_row and last_col:
        on.add("seCell")
    return tuple(c for c in COND_ORDER if c in on)


def edge_borders(layer_borders: dict[str, Border | None], top: bool, bottom: bool, left: bool,
                 right: bool, out: dict[str, Border | None]) -> None:
    """Map table-level borders (outer + inside) onto one cell's four edges, into `out`."""
    for edge, outer, inside in (("top", top, "insideH"), ("bottom", bottom, "insideH"),
                                ("left", left, "insideV"), ("right", right, "insideV")):
        key = edge if outer else inside
        if key in layer_borders:
            out[edge] = layer_borders[key]
