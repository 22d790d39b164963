"""The Word template's styles, read once: names and ids resolved as python-docx resolves them.

The narrative writer, the list numbering and the table layout all look styles up here, so a
template's styles part is walked once per render, not once per paragraph.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from .ooxml.ns import qn

if TYPE_CHECKING:
    from lxml.etree import _Element

logger = logging.getLogger(__name__)

BODY_STYLE = "Normal"
TABLE_STYLES = ("Report Table", "Table Grid")
VAL = qn("w:val")


class TemplateStyles:
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
        for style in styles.iterchildren(qn("w:style")):
            name = style.find(qn("w:name"))
            if name is not None and name.get(VAL) is not None:
                self.by_name.setdefault(name.get(VAL), style)
            if style.get(qn("w:styleId")) is not None:
                self.by_id.setdefault(style.get(qn("w:styleId")), style)
            kind = style.get(qn("w:type"))
            if kind is not None and style.get(qn("w:default")) in ("1", "true", "on"):
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
            if (style.get(qn("w:type")) or "paragraph") != kind:
                raise ValueError(f"style '{name}' is not a {kind} style")
            is_default = style is self.defaults.get(kind)
            self._ids[key] = None if is_default else style.get(qn("w:styleId"))
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
        if style is None or style.get(qn("w:type")) != "paragraph":
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

