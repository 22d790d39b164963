"""Drawings in runs: inline pictures and charts become InlineObjects; the rest best-effort."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from ..ooxml.ns import DGM_NS, qn, r, w
from .model import Block, Inline, InlineObject, RunStyle
from .ooxml import CHART_URI, PICTURE_URI, emu
from .reading import StoryReader

_DIAGRAM_URI = DGM_NS
_VML_SIZE = re.compile(r"(width|height)\s*:\s*([\d.]+)\s*(pt|in|px|cm|mm)?")
_UNITS = {"pt": 1.0, "in": 72.0, "px": 0.75, "cm": 72 / 2.54, "mm": 72 / 25.4, None: 1.0}


def read_drawing(reader: StoryReader, drawing: etree._Element, style: RunStyle,
                 out: list[Inline], extra: list[Block]) -> None:
    """Append a `w:drawing` (inline or anchored) as a picture, chart or text-box text."""
    for container in drawing:
        floating = container.tag == qn("wp:anchor")
        extent = container.find(qn("wp:extent"))
        width = emu(extent.get("cx")) if extent is not None else 0.0
        height = emu(extent.get("cy")) if extent is not None else 0.0
        doc_pr = container.find(qn("wp:docPr"))
        alt = ""
        name = ""
        if doc_pr is not None:
            alt = doc_pr.get("descr") or doc_pr.get("title") or ""
            name = doc_pr.get("name") or ""
        data = container.find(f"{qn('a:graphic')}/{qn('a:graphicData')}")
        uri = data.get("uri") if data is not None else ""
        obj = None
        if uri == PICTURE_URI:
            obj = _picture(reader, data, width, height, style, alt, name)
        elif uri == CHART_URI:
            obj = _chart(reader, data, width, height, style, alt, name)
        elif uri == _DIAGRAM_URI:
            reader.warn("a SmartArt diagram was drawn as an empty box")
            obj = InlineObject("placeholder", width, height, style, alt_text=alt, name="Diagram")
        else:
            _text_boxes(reader, container, extra)
            continue
        if obj is not None:
            if floating:
                reader.warn("a floating picture or chart was placed in line with the text")
            out.append(obj)


def _related_part(reader: StoryReader, rid: str | None) -> Any:
    """A part related to the current story part as `rid`, or None (unknown or external)."""
    if not rid or rid not in reader.part.rels:
        return None
    rel = reader.part.rels[rid]
    return None if rel.is_external else rel.target_part


def _blob(reader: StoryReader, rid: str | None) -> bytes | None:
    """The bytes of a related part of the current story part."""
    part = _related_part(reader, rid)
    return None if part is None else part.blob


def _picture(reader, data, width, height, style, alt, name) -> InlineObject:
    """An inline picture; unsupported formats become a placeholder with a warning."""
    blip = data.find(f".//{qn('a:blip')}")
    blob = _blob(reader, blip.get(r("embed")) if blip is not None else None)
    if not blob or not (blob.startswith(b"\x89PNG") or blob.startswith(b"\xff\xd8")
                        or blob.startswith(b"GIF8")):
        reader.warn(f"a picture ({name or 'unnamed'}) is not PNG/JPEG/GIF and was drawn as a box")
        return InlineObject("placeholder", width, height, style, alt_text=alt, name="Picture")
    return InlineObject("picture", width, height, style, blob, alt, name)


def _chart(reader, data, width, height, style, alt, name) -> InlineObject:
    """An inline chart carrying its description when the reader knows it (a build's own
    chart), else its chart part XML."""
    chart = data.find(qn("c:chart"))
    part = _related_part(reader, chart.get(r("id")) if chart is not None else None)
    if part is None:
        reader.warn("a chart without its chart part was drawn as a box")
        return InlineObject("placeholder", width, height, style, alt_text=alt, name="Chart")
    known = reader.charts.get(str(part.partname))
    if known is not None:
        return InlineObject("chart", width, height, style, alt_text=alt, name=name, chart=known)
    return InlineObject("chart", width, height, style, part.blob, alt, name)


def _text_boxes(reader: StoryReader, container: etree._Element, extra: list[Block]) -> None:
    """Text of shapes/text boxes, appended as ordinary paragraphs, with a warning."""
    found = False
    for content in container.iter(w("txbxContent")):
        extra.extend(reader.blocks(content))
        found = True
    reader.warn("a text box or shape was printed as ordinary paragraphs" if found
                else "a shape that cannot be printed was left out")


def read_vml(reader: StoryReader, el: etree._Element, style: RunStyle, out: list[Inline],
             extra: list[Block]) -> None:
    """Legacy VML pictures (`w:pict`/`w:object`) and text boxes."""
    image = el.find(f".//{qn('v:imagedata')}")
    if image is not None:
        shape = image.getparent()
        size = dict((k, float(v) * _UNITS[u]) for k, v, u in
                    _VML_SIZE.findall(shape.get("style", "")) if v)
        blob = _blob(reader, image.get(r("id")))
        width, height = size.get("width", 72.0), size.get("height", 72.0)
        if blob and (blob.startswith(b"\x89PNG") or blob.startswith(b"\xff\xd8")):
            out.append(InlineObject("picture", width, height, style, blob,
                                    shape.get("alt", ""), "Picture"))
        else:
            reader.warn("an embedded object was drawn as a box")
            out.append(InlineObject("placeholder", width, height, style, name="Object"))
        return
    if el.find(f".//{w('txbxContent')}") is not None:
        _text_boxes(reader, el, extra)
    elif el.tag == w("object"):
        reader.warn("an embedded object was left out")
