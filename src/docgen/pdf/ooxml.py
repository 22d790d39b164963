"""WordprocessingML names and unit helpers shared by the .docx reader stages."""

from __future__ import annotations

import functools
import re

from lxml import etree

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
}
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
PICTURE_URI = "http://schemas.openxmlformats.org/drawingml/2006/picture"

_W = "{" + NS["w"] + "}"
_R = "{" + NS["r"] + "}"
_FALSE = {"0", "false", "off", "none"}
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def w(name: str) -> str:
    """Clark name of a `w:` element or attribute, e.g. `w('p')`."""
    return _W + name


def r(name: str) -> str:
    """Clark name of an `r:` (relationships) attribute."""
    return _R + name


@functools.cache
def qn(prefixed: str) -> str:
    """Clark name of a prefixed name such as `wp:docPr`."""
    prefix, local = prefixed.split(":")
    return "{" + NS[prefix] + "}" + local


W_VAL = w("val")


def val(el: etree._Element | None, attr: str = "val") -> str | None:
    """The `w:<attr>` attribute of `el`, or None when the element or attribute is absent."""
    if el is None:
        return None
    return el.get(_W + attr)


def find_child(el: etree._Element | None, tag: str) -> etree._Element | None:
    """The first child of `el` named `tag` (a Clark name), or None; `el` may be None.

    The hot paths of the reader use this rather than `el.find(tag)`, which goes through
    ElementPath (about twice as slow for a plain child).
    """
    if el is None:
        return None
    for found in el.iterchildren(tag):
        return found
    return None


def children_by_tag(el: etree._Element | None) -> dict[str, etree._Element]:
    """The first child of `el` of each name ({} for None): several properties of one
    element read in a single pass over its children."""
    out: dict[str, etree._Element] = {}
    if el is not None:
        for found in el:
            out.setdefault(found.tag, found)
    return out


def on_off(el: etree._Element | None) -> bool | None:
    """Value of a Word on/off property element: None when absent, else True/False."""
    if el is None:
        return None
    v = el.get(W_VAL)
    return v is None or v.lower() not in _FALSE


def twips(value: str | None, default: float | None = None) -> float | None:
    """Points from a twentieths-of-a-point attribute value (tolerates '720.0' and junk)."""
    if value is None:
        return default
    try:
        return float(value) / 20.0
    except ValueError:
        return default


def emu(value: str | None) -> float:
    """Points from an English Metric Unit attribute value."""
    try:
        return int(value or 0) / 12700.0
    except ValueError:
        return 0.0


def clean_text(text: str) -> str:
    """`text` without characters that cannot appear in XML or be drawn (controls, surrogates)."""
    return _ILLEGAL.sub("", text) if _ILLEGAL.search(text) else text


def hex_colour(value: str | None) -> str | None:
    """'RRGGBB' from a Word colour attribute, None for 'auto' or anything malformed."""
    if not value or value.lower() == "auto" or len(value) != 6:
        return None
    try:
        int(value, 16)
    except ValueError:
        return None
    return value.upper()
