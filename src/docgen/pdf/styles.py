"""The PDF engine's reading of Word styles, resolved by `docgen.ooxml.styles`.

Properties are parsed into partial dicts (only what an element sets) and merged in Word's
order (docDefaults → basedOn chain → paragraph/character style → direct); the merged base of
each style (and table-style context) is cached.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace

from lxml import etree

from ..ooxml.elements import W_VAL, on_off, val
from ..ooxml.ns import w
from ..ooxml.styles import Cascade, StyleDefinition, StyleTable
from .model import Border, ParaProps, RunStyle, TabStop, Text
from .ooxml import hex_colour, twips

log = logging.getLogger(__name__)

HIGHLIGHTS = {
    "yellow": "FFFF00", "green": "00FF00", "cyan": "00FFFF", "magenta": "FF00FF",
    "blue": "0000FF", "red": "FF0000", "darkBlue": "000080", "darkCyan": "008080",
    "darkGreen": "008000", "darkMagenta": "800080", "darkRed": "800000",
    "darkYellow": "808000", "darkGray": "808080", "lightGray": "C0C0C0", "black": "000000",
    "white": "FFFFFF",
}
_ALIGN = {"left": "left", "start": "left", "center": "center", "right": "right", "end": "right",
          "both": "both", "distribute": "both", "justify": "both"}
_TOGGLES = {"b": "bold", "i": "italic", "strike": "strike", "caps": "caps",
            "smallCaps": "small_caps", "vanish": "hidden"}
_PARA_FLAGS = {"keepNext": "keep_next", "keepLines": "keep_lines",
               "pageBreakBefore": "page_break_before", "widowControl": "widow_control",
               "contextualSpacing": "contextual"}
_IND = (("left", "ind_left"), ("start", "ind_left"), ("right", "ind_right"), ("end", "ind_right"))

Props = dict


def parse_border(el: etree._Element | None) -> Border | None:
    """A border from a `w:top`/`w:bottom`/... element; None for nil/none."""
    if el is None:
        return None
    kind = el.get(W_VAL, "single")
    if kind in ("nil", "none"):
        return None
    try:
        width = int(el.get(w("sz"), "4")) / 8.0
    except ValueError:
        width = 0.5
    if kind == "double":
        width *= 3
    try:
        space = float(int(el.get(w("space"), "0")))
    except ValueError:
        space = 0.0
    return Border(max(width, 0.25), hex_colour(el.get(w("color"))) or "000000",
                  min(max(space, 0.0), 31.0))  # Word's range is 0 to 31 pt


def parse_rpr(rpr: etree._Element | None, theme_fonts: dict[str, str]) -> Props:
    """Partial character properties set by a `w:rPr` element."""
    out: Props = {}
    if rpr is None:
        return out
    for child in rpr:
        tag = child.tag[child.tag.rfind("}") + 1:]
        if tag == "rFonts":
            font = child.get(w("ascii")) or child.get(w("hAnsi"))
            theme = child.get(w("asciiTheme")) or child.get(w("hAnsiTheme"))
            if theme:
                font = theme_fonts.get("major" if theme.startswith("major") else "minor", font)
            if font:
                out["font"] = font
        elif tag == "sz":
            try:
                out["size"] = int(float(child.get(W_VAL, "20"))) / 2.0
            except ValueError:
                pass
        elif tag == "u":
            out["underline"] = child.get(W_VAL, "single") != "none"
        elif tag == "color":
            out["color"] = hex_colour(child.get(W_VAL))
        elif tag == "highlight":
            out["highlight"] = HIGHLIGHTS.get(child.get(W_VAL, ""))
        elif tag == "shd":
            fill = hex_colour(child.get(w("fill")))
            if fill and "highlight" not in out:
                out["highlight"] = fill
        elif tag == "vertAlign":
            out["vert_align"] = child.get(W_VAL, "baseline")
        elif tag == "lang" and child.get(W_VAL):
            out["lang"] = child.get(W_VAL)
        elif tag in _TOGGLES:
            out[_TOGGLES[tag]] = on_off(child)
    return out


def parse_ppr(ppr: etree._Element | None) -> Props:
    """Partial paragraph properties set by a `w:pPr` element (tabs merged as a dict)."""
    out: Props = {}
    if ppr is None:
        return out
    for child in ppr:
        tag = child.tag[child.tag.rfind("}") + 1:]
        if tag == "jc":
            out["align"] = _ALIGN.get(child.get(W_VAL, "left"), "left")
        elif tag == "spacing":
            _parse_spacing(child, out)
        elif tag == "ind":
            for attr, key in _IND:
                if child.get(w(attr)) is not None:
                    out[key] = twips(child.get(w(attr)), 0.0)
            if child.get(w("hanging")) is not None:
                out["ind_first"] = -(twips(child.get(w("hanging")), 0.0) or 0.0)
            elif child.get(w("firstLine")) is not None:
                out["ind_first"] = twips(child.get(w("firstLine")), 0.0)
        elif tag == "outlineLvl":
            try:
                level = int(child.get(W_VAL, "9"))
                out["outline_level"] = level if level < 9 else None
            except ValueError:
                pass
        elif tag == "tabs":
            out["tabs"] = _parse_tabs(child)
        elif tag == "numPr":
            out["num"] = (val(child.find(w("numId"))), val(child.find(w("ilvl"))))
        elif tag == "shd":
            out["shading"] = hex_colour(child.get(w("fill")))
        elif tag == "pBdr":
            out["border_bottom"] = parse_border(child.find(w("bottom")))
            out["border_top"] = parse_border(child.find(w("top")))
            out["border_sides"] = any(parse_border(child.find(w(side))) is not None
                                      for side in ("left", "right", "between", "start", "end"))
        elif tag in _PARA_FLAGS:
            out[_PARA_FLAGS[tag]] = on_off(child)
    return out


def _parse_spacing(el: etree._Element, out: Props) -> None:
    """Spacing before/after and line spacing from `w:spacing`."""
    if on_off_attr(el, "beforeAutospacing"):
        out["space_before"] = 14.0
    elif el.get(w("before")) is not None:
        out["space_before"] = twips(el.get(w("before")), 0.0)
    if on_off_attr(el, "afterAutospacing"):
        out["space_after"] = 14.0
    elif el.get(w("after")) is not None:
        out["space_after"] = twips(el.get(w("after")), 0.0)
    line = el.get(w("line"))
    if line is not None:
        rule = el.get(w("lineRule"), "auto")
        try:
            value = float(line)
        except ValueError:
            return
        out["line_rule"] = rule if rule in ("exact", "atLeast") else "auto"
        out["line"] = value / 240.0 if out["line_rule"] == "auto" else value / 20.0


def on_off_attr(el: etree._Element, attr: str) -> bool:
    """A boolean attribute such as `w:beforeAutospacing="1"`."""
    v = el.get(w(attr))
    return v is not None and v.lower() in ("1", "true", "on")


def _parse_tabs(el: etree._Element) -> dict[float, TabStop | None]:
    """Tab stops by position; None marks a cleared inherited stop."""
    out: dict[float, TabStop | None] = {}
    for tab in el.findall(w("tab")):
        pos = twips(tab.get(w("pos")), 0.0) or 0.0
        kind = tab.get(W_VAL, "left")
        leader = {"dot": ".", "hyphen": "-", "underscore": "_", "middleDot": "·"}
        if kind == "clear":
            out[pos] = None
        else:
            kind = {"start": "left", "end": "right"}.get(kind, kind)
            out[pos] = TabStop(pos, kind, leader.get(tab.get(w("leader"), ""), ""))
    return out


def merge(base: Props, over: Props) -> Props:
    """`over` applied on top of `base` (tab stops are merged, not replaced)."""
    if not over:
        return base
    out = dict(base)
    for key, value in over.items():
        if key == "tabs" and "tabs" in out:
            tabs = dict(out["tabs"])
            tabs.update(value)
            out["tabs"] = tabs
        else:
            out[key] = value
    return out


@dataclass
class StyleDef:
    """One style from styles.xml, its own (unmerged) properties."""

    style_id: str
    kind: str
    name: str
    based_on: str | None
    ppr: Props
    rpr: Props
    element: etree._Element
    numbering: tuple[str | None, str | None] | None = None
    conditional: dict[str, etree._Element] = field(default_factory=dict)


def _merge_pair(base: tuple[Props, Props], over: tuple[Props, Props]) -> tuple[Props, Props]:
    """(paragraph, run) properties `over` laid on `base`, each with `merge`."""
    return merge(base[0], over[0]), merge(base[1], over[1])


class StyleSheet:
    """Styles of one document, resolved through `docgen.ooxml.styles` in Word's order.

    The table of styles and their basedOn chains is the shared `StyleTable`; this adds what
    the PDF engine reads from each style (properties parsed into partial dicts, numbering,
    table-style conditions) and the cached model objects made from merged properties.
    """

    def __init__(self, styles_el: etree._Element | None, theme_fonts: dict[str, str]):
        self.theme_fonts = theme_fonts
        self.table = StyleTable(styles_el)
        self.default_ids = self.table.default_ids
        self.doc_rpr: Props = merge({"font": "Times New Roman", "size": 10.0},
                                    parse_rpr(self.table.default_rpr, theme_fonts))
        self.doc_ppr: Props = parse_ppr(self.table.default_ppr)
        self.styles = {sid: self._style(definition)
                       for sid, definition in self.table.styles.items()}
        self._pairs = Cascade(self.table, self._own_pair, _merge_pair,
                              (self.doc_ppr, self.doc_rpr), ({}, {}))
        self._runs = Cascade(self.table, lambda d: self.styles[d.style_id].rpr, merge, {}, {})
        self._run_cache: dict[tuple, RunStyle] = {}
        self._props_cache: dict[tuple, ParaProps] = {}
        self._numbering_cache: dict[str, tuple[str | None, str | None] | None] = {}

    def _style(self, definition: StyleDefinition) -> StyleDef:
        """What the PDF engine reads from one style."""
        el = definition.element
        ppr = parse_ppr(el.find(w("pPr")))
        num = ppr.pop("num", None)
        style = StyleDef(definition.style_id, definition.kind, definition.name,
                         definition.based_on, ppr, parse_rpr(el.find(w("rPr")), self.theme_fonts),
                         el, num)
        for cond in el.findall(w("tblStylePr")):
            style.conditional[cond.get(w("type"), "")] = cond
        return style

    def _own_pair(self, definition: StyleDefinition) -> tuple[Props, Props]:
        style = self.styles[definition.style_id]
        return style.ppr, style.rpr

    def chain(self, style_id: str | None) -> list[StyleDef]:
        """The style and its basedOn ancestors, root first (cycles cut)."""
        return [self.styles[d.style_id] for d in self.table.chain(style_id)]

    def paragraph_style_id(self, style_id: str | None) -> str:
        """The given paragraph style if it exists, else the default paragraph style."""
        return self.table.paragraph_style_id(style_id)

    def name(self, style_id: str) -> str:
        """A style's display name ('Heading 1'), or its id when unknown."""
        return self.table.name(style_id, style_id)

    def style_numbering(self, style_id: str) -> tuple[str | None, str | None] | None:
        """numPr (numId, ilvl) inherited through the style chain, if any (cached)."""
        if style_id not in self._numbering_cache:
            self._numbering_cache[style_id] = next(
                (s.numbering for s in reversed(self.chain(style_id)) if s.numbering is not None),
                None)
        return self._numbering_cache[style_id]

    def paragraph_base(self, style_id: str, table: tuple | None = None) -> tuple[Props, Props]:
        """(paragraph, run) properties: docDefaults → table style layer → paragraph style.

        `table` is None outside tables, else (hashable key, table pPr layer, table rPr layer).
        """
        if table is None:
            return self._pairs.paragraph(style_id)
        return self._pairs.paragraph(style_id, (table[1], table[2]), table[0])

    def character_props(self, style_id: str | None) -> Props:
        """Merged run properties of a character style chain."""
        return self._runs.style(style_id) if style_id else {}

    def run_style(self, props: Props) -> RunStyle:
        """A hashable RunStyle from merged run properties (cached)."""
        key = tuple(sorted((k, v) for k, v in props.items() if k in _RUN_KEYS))
        style = self._run_cache.get(key)
        if style is None:
            style = self._run_cache[key] = RunStyle(**dict(key))
        return style

    def para_props(self, props: Props) -> ParaProps:
        """A hashable ParaProps from merged paragraph properties (cached)."""
        items = []
        for k, v in props.items():
            if k not in _PARA_KEYS:
                continue
            if k == "tabs":
                v = tuple(sorted((t for t in v.values() if t is not None), key=lambda t: t.pos))
            items.append((k, v))
        key = tuple(sorted(items, key=lambda kv: kv[0]))
        pp = self._props_cache.get(key)
        if pp is None:
            values = dict(key)
            for flag in ("keep_next", "keep_lines", "page_break_before", "contextual",
                         "border_sides"):
                values[flag] = bool(values.get(flag))
            values["widow_control"] = values.get("widow_control") is not False
            pp = self._props_cache[key] = ParaProps(**values)
        return pp


_RUN_KEYS = frozenset(RunStyle.__dataclass_fields__)
_PARA_KEYS = frozenset(ParaProps.__dataclass_fields__)


def small_caps_pieces(text: str) -> list[tuple[str, bool]]:
    """`text` in small capitals: (piece in capitals, True when drawn at the reduced size).

    LibreOffice draws each run of lowercase letters (Unicode Ll) as capitals at 80% of the
    size, and everything else (capitals, digits, spaces, punctuation) at full size.
    """
    pieces: list[tuple[str, bool]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or text[index].islower() != text[start].islower():
            piece = text[start:index]
            lower = piece[0].islower()
            pieces.append((piece.upper() if lower else piece, lower))
            start = index
    return pieces


class SmallCaps:
    """Small-caps runs (`RunStyle.small_caps`) split into full-size and reduced text.

    A small-caps run's capitals, digits, spaces, tabs and fields are drawn in its full-size
    style (the same style without small caps); its lowercase letters, as capitals, in the run's
    own style, which the font set draws at `fonts.SMALL_CAPS_SCALE` of the size. All capitals
    win over small capitals, as in Word.
    """

    def __init__(self) -> None:
        self._split: dict[RunStyle, tuple[RunStyle, RunStyle | None]] = {}

    def split(self, style: RunStyle) -> tuple[RunStyle, RunStyle | None]:
        """(full-size style, reduced style or None when the run is not in small caps)."""
        if not style.small_caps:
            return style, None
        pair = self._split.get(style)
        if pair is None:
            full = replace(style, small_caps=False)
            pair = self._split[style] = (full, None if style.caps else style)
        return pair

    @staticmethod
    def texts(text: str, full: RunStyle, reduced: RunStyle, link: str | None,
              anchor: str | None) -> list[Text]:
        """`text` of a small-caps run as pieces in the full-size and reduced styles."""
        return [Text(piece, reduced if small else full, link, anchor)
                for piece, small in small_caps_pieces(text)]
