"""One style resolver: document defaults → basedOn chain → paragraph → character → direct.

`StyleTable` indexes a `w:styles` part (its document defaults and each style's id, kind, name,
parent and element) and walks a style's `basedOn` chain. `Cascade` resolves one kind of
property along that chain in Word's order; what a property is and how two layers combine is
the caller's (the PDF engine merges dicts of many properties, the accessibility check follows
the text size alone), so every reader of Word shares one walk and one order.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .elements import find_child, val
from .ns import w

P = TypeVar("P")

_STYLE, _DOC_DEFAULTS = w("style"), w("docDefaults")
_R_DEFAULT, _P_DEFAULT, _RPR, _PPR = w("rPrDefault"), w("pPrDefault"), w("rPr"), w("pPr")
_NAME, _BASED_ON, _STYLE_ID, _TYPE, _DEFAULT = (w("name"), w("basedOn"), w("styleId"),
                                                w("type"), w("default"))


@dataclass(frozen=True)
class StyleDefinition:
    """One `w:style`: its id, kind ('paragraph', 'character', 'table', 'numbering'), display
    name (its id when it has none), the id it is based on, and its element."""

    style_id: str
    kind: str
    name: str
    based_on: str | None
    element: Any
    default: bool = False


class StyleTable:
    """The styles of one document by id, its document defaults and default styles."""

    def __init__(self, root: Any | None):
        self.styles: dict[str, StyleDefinition] = {}
        self.default_ids: dict[str, str] = {}
        self.default_rpr: Any | None = None
        self.default_ppr: Any | None = None
        self._chains: dict[str | None, list[StyleDefinition]] = {}
        if root is not None:
            self._read(root)

    def _read(self, root: Any) -> None:
        """Index the document defaults and every style element (a later id wins)."""
        defaults = root.find(_DOC_DEFAULTS)
        if defaults is not None:
            self.default_rpr = defaults.find(f"{_R_DEFAULT}/{_RPR}")
            self.default_ppr = defaults.find(f"{_P_DEFAULT}/{_PPR}")
        for element in root.iterfind(_STYLE):
            style = _definition(element)
            self.styles[style.style_id] = style
            if style.default:
                self.default_ids[style.kind] = style.style_id

    def chain(self, style_id: str | None) -> list[StyleDefinition]:
        """The style and its basedOn ancestors, root first (a cycle is cut where it closes)."""
        cached = self._chains.get(style_id)
        if cached is None:
            cached = self._chains[style_id] = self._chain(style_id)
        return cached

    def _chain(self, style_id: str | None) -> list[StyleDefinition]:
        out: list[StyleDefinition] = []
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            out.append(style)
            style_id = style.based_on
        return out[::-1]

    def name(self, style_id: str | None, default: str = "") -> str:
        """A style's display name ('Heading 1'), or `default` when there is no such style."""
        style = self.styles.get(style_id or "")
        return style.name if style else default

    def paragraph_style_id(self, style_id: str | None) -> str:
        """The given paragraph style if it exists, else the default paragraph style ('' when
        the document has none)."""
        if style_id and style_id in self.styles:
            return style_id
        return self.default_ids.get("paragraph", "")


def _definition(element: Any) -> StyleDefinition:
    """The definition of one `w:style` element."""
    style_id = element.get(_STYLE_ID, "")
    default = element.get(_DEFAULT)
    return StyleDefinition(
        style_id=style_id,
        kind=element.get(_TYPE, "paragraph"),
        name=val(find_child(element, _NAME)) or style_id,
        based_on=val(find_child(element, _BASED_ON)),
        element=element,
        default=default is not None and default.lower() in ("1", "true", "on"),
    )


class Cascade(Generic[P]):
    """One kind of property resolved in Word's order, with each step's result cached.

    `read` gives what a style itself sets (`empty` when nothing), `merge(base, over)` lays
    `over` on `base`, and `defaults` is what the document defaults set.
    """

    def __init__(self, table: StyleTable, read: Callable[[StyleDefinition], P],
                 merge: Callable[[P, P], P], defaults: P, empty: P):
        self.table = table
        self.read = read
        self.merge = merge
        self.defaults = defaults
        self.empty = empty
        self._paragraphs: dict[tuple[str | None, Hashable], P] = {}
        self._styles: dict[str | None, P] = {}

    def style(self, style_id: str | None) -> P:
        """What a style and its basedOn ancestors set, without the document defaults (a
        character style's layer)."""
        if style_id not in self._styles:
            self._styles[style_id] = self._along(self.empty, style_id)
        return self._styles[style_id]

    def paragraph(self, style_id: str | None, layer: P | None = None,
                  key: Hashable = None) -> P:
        """Document defaults → `layer` (a table style's, named by `key`) → paragraph style."""
        cache_key = (style_id, key if layer is not None else None)
        found = self._paragraphs.get(cache_key)
        if found is None:
            base = self.defaults if layer is None else self.merge(self.defaults, layer)
            found = self._paragraphs[cache_key] = self._along(base, style_id)
        return found

    def run(self, paragraph_style: str | None, character_style: str | None,
            direct: P | None = None) -> P:
        """A run's properties: its paragraph's, then its character style's, then its own."""
        value = self.merge(self.paragraph(paragraph_style), self.style(character_style))
        return value if direct is None else self.merge(value, direct)

    def _along(self, base: P, style_id: str | None) -> P:
        """`base` with each style of the chain laid on it, root first."""
        for style in self.table.chain(style_id):
            base = self.merge(base, self.read(style))
        return base
