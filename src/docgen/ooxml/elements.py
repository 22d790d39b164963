"""Small readers of WordprocessingML elements shared by every part of docgen that reads Word."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .ns import w

if TYPE_CHECKING:
    from lxml import etree

W_VAL = w("val")
_FALSE = {"0", "false", "off", "none"}


def find_child(el: etree._Element | None, tag: str) -> etree._Element | None:
    """The first child of `el` named `tag` (a Clark name), or None; `el` may be None.

    Hot paths use this rather than `el.find(tag)`, which goes through ElementPath (about twice
    as slow for a plain child).
    """
    if el is None:
        return None
    for found in el.iterchildren(tag):
        return found
    return None


def find_grandchild(el: etree._Element | None, child: str, grandchild: str
                    ) -> etree._Element | None:
    """`el.find("child/grandchild")` for the usual single `child`, as two fast lookups."""
    return find_child(find_child(el, child), grandchild)


def children_by_tag(el: etree._Element | None) -> dict[str, etree._Element]:
    """The first child of `el` of each name ({} for None): several properties of one element
    read in a single pass over its children."""
    out: dict[str, etree._Element] = {}
    if el is not None:
        for found in el:
            out.setdefault(found.tag, found)
    return out


def val(el: etree._Element | None, attr: str = "val") -> str | None:
    """The `w:<attr>` attribute of `el`, or None when the element or attribute is absent."""
    if el is None:
        return None
    return el.get(w(attr))


def on_off(el: etree._Element | None) -> bool | None:
    """Value of a Word on/off property element: None when absent, else True/False."""
    if el is None:
        return None
    value = el.get(W_VAL)
    return value is None or value.lower() not in _FALSE
