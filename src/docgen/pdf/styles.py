"""Word style resolution: docDefaults → basedOn chain → paragraph/character style → direct.

Properties are parsed into partial dicts (only what an element sets) and merged in Word's
order; the merged base of each style (and table-style context) is cached.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from lxml import etree

from .model import Border, ParaProps, RunStyle, TabStop
from .ooxml import W_VAL, hex_colour, on_off, twips, val, w

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
_TOGGLES = {"b": "bold", "i": "italic", "strike": "strike", "caps": "caps", "smallCaps": "caps",
            "vanish": "hidden"}
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
    return Border(max(width, 0.25), hex_colour(el.get(w("color"))) or "000000")


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


class StyleSheet:
    """Styles of one document with cached resolution in Word's order."""

    def __init__(self, styles_el: etree._Element | None, theme_fonts: dict[str, str]):
        self.theme_fonts = theme_fonts
        self.styles: dict[str, StyleDef] = {}
        self.default_ids: dict[str, str] = {}
        self.doc_rpr: Props = {"font": "Times New Roman", "size": 10.0}
        self.doc_ppr: Props = {}
        self._para_cache: dict[tuple, tuple[Props, Props]] = {}
        self._char_cache: dict[str, Props] = {}
        self._run_cache: dict[tuple, RunStyle] = {}
        self._props_cache: dict[tuple, ParaProps] = {}
        self._numbering_cache: dict[str, tuple[str | None, str | None] | None] = {}
        if styles_el is not None:
            self._read(styles_el)

    def _read(self, root: etree._Element) -> None:
        """Index docDefaults and every style element."""
        defaults = root.find(w("docDefaults"))
        if defaults is not None:
            self.doc_rpr = merge(self.doc_rpr, parse_rpr(
                defaults.find(f"{w('rPrDefault')}/{w('rPr')}"), self.theme_fonts))
            self.doc_ppr = parse_ppr(defaults.find(f"{w('pPrDefault')}/{w('pPr')}"))
        for el in root.findall(w("style")):
            sid = el.get(w("styleId"), "")
            kind = el.get(w("type"), "paragraph")
            ppr = parse_ppr(el.find(w("pPr")))
            num = ppr.pop("num", None)
            style = StyleDef(sid, kind, val(el.find(w("name"))) or sid,
                             val(el.find(w("basedOn"))), ppr,
                             parse_rpr(el.find(w("rPr")), self.theme_fonts), el, num)
            for cond in el.findall(w("tblStylePr")):
                style.conditional[cond.get(w("type"), "")] = cond
            self.styles[sid] = style
            if on_off_attr(el, "default"):
                self.default_ids[kind] = sid

    def chain(self, style_id: str | None) -> list[StyleDef]:
        """The style and its basedOn ancestors, root first (cycles cut)."""
        out: list[StyleDef] = []
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            out.append(style)
            style_id = style.based_on
        return out[::-1]

    def paragraph_style_id(self, style_id: str | None) -> str:
        """The given paragraph style if it exists, else the default paragraph style."""
        if style_id and style_id in self.styles:
            return style_id
        return self.default_ids.get("paragraph", "")

    def name(self, style_id: str) -> str:
        """A style's display name ('Heading 1'), or its id when unknown."""
        style = self.styles.get(style_id)
        return style.name if style else style_id

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
        key = (style_id, table[0] if table else None)
        cached = self._para_cache.get(key)
        if cached is None:
            ppr, rpr = self.doc_ppr, self.doc_rpr
            if table:
                ppr, rpr = merge(ppr, table[1]), merge(rpr, table[2])
            for style in self.chain(style_id):
                ppr, rpr = merge(ppr, style.ppr), merge(rpr, style.rpr)
            cached = self._para_cache[key] = (ppr, rpr)
        return cached

    def character_props(self, style_id: str | None) -> Props:
        """Merged run properties of a character style chain."""
        if not style_id:
            return {}
        cached = self._char_cache.get(style_id)
        if cached is None:
            cached = {}
            for style in self.chain(style_id):
                cached = merge(cached, style.rpr)
            self._char_cache[style_id] = cached
        return cached

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
            for flag in ("keep_next", "keep_lines", "page_break_before", "contextual"):
                values[flag] = bool(values.get(flag))
            values["widow_control"] = values.get("widow_control") is not False
            pp = self._props_cache[key] = ParaProps(**values)
        return pp


_RUN_KEYS = frozenset(RunStyle.__dataclass_fields__)
_PARA_KEYS = frozenset(ParaProps.__dataclass_fields__)
