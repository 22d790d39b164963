"""`docgen.pdf.drawings`: pictures, charts, diagrams and text boxes in runs, each drawn or
stood in for, with a warning for what cannot be printed as it is."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from lxml import etree

from docgen.ooxml.ns import NSMAP
from docgen.pdf.drawings import read_drawing, read_vml
from docgen.pdf.model import Paragraph, ParaProps, RunStyle, Text

STYLE = RunStyle()
PNG = b"\x89PNG\r\n\x1a\n rest"
JPEG = b"\xff\xd8\xff\xe0 rest"
DECLARED = " ".join(f'xmlns:{p}="{NSMAP[p]}"' for p in ("w", "wp", "a", "pic", "c", "r"))
V_NS = "urn:schemas-microsoft-com:vml"


def part(blob: bytes = b"", name: str = "/word/media/image1.png"):
    return SimpleNamespace(blob=blob, partname=name)


class Reader:
    """The document reader as the drawing reader sees it."""

    def __init__(self, rels: dict | None = None, charts: dict | None = None):
        self.part = SimpleNamespace(rels=rels or {})
        self.charts = charts or {}
        self.warnings: list[str] = []

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def blocks(self, parent, table=None):
        text = "".join(t.text or "" for t in parent.iter(f"{{{NSMAP['w']}}}t"))
        return [Paragraph(ParaProps(), [Text(text, STYLE)], STYLE)]


def related(target, external: bool = False):
    return SimpleNamespace(is_external=external, target_part=target)


def drawing(graphic: str, container: str = "inline", doc_pr: str = 'name="Picture 1" descr="A map"'
            ) -> etree._Element:
    return etree.fromstring(
        f'<w:drawing {DECLARED}><wp:{container}><wp:extent cx="914400" cy="457200"/>'
        f'<wp:docPr id="1" {doc_pr}/>{graphic}</wp:{container}></w:drawing>')


def picture(rid: str = "rId5") -> str:
    return (f'<a:graphic><a:graphicData uri="{NSMAP["pic"]}"><pic:pic><pic:blipFill>'
            f'<a:blip r:embed="{rid}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic>')


def chart(rid: str = "rId7") -> str:
    return (f'<a:graphic><a:graphicData uri="{NSMAP["c"]}"><c:chart r:id="{rid}"/>'
            "</a:graphicData></a:graphic>")


def read(reader: Reader, element) -> tuple[list, list]:
    out, extra = [], []
    read_drawing(reader, element, STYLE, out, extra)
    return out, extra


@pytest.mark.parametrize("blob", [PNG, JPEG, b"GIF89a rest"])
def test_an_inline_picture_keeps_its_size_alt_text_and_bytes(blob):
    reader = Reader({"rId5": related(part(blob))})
    (obj,), extra = read(reader, drawing(picture()))
    assert (obj.kind, obj.width, obj.height) == ("picture", 72.0, 36.0)
    assert (obj.data, obj.alt_text, obj.name) == (blob, "A map", "Picture 1")
    assert extra == [] and reader.warnings == []


def test_the_title_stands_in_for_missing_alt_text():
    reader = Reader({"rId5": related(part(PNG))})
    (obj,), _ = read(reader, drawing(picture(), doc_pr='name="P" title="Crime map"'))
    assert obj.alt_text == "Crime map"


@pytest.mark.parametrize(("rels", "name"), [
    ({"rId5": related(part(b"<svg/>"))}, "Picture 1"),  # not a format drawn
    ({"rId5": related(None, external=True)}, "Picture 1"),  # a linked picture
    ({}, "Picture 1"),  # a relationship that is not there
])
def test_a_picture_that_cannot_be_drawn_is_a_box_with_a_warning(rels, name):
    reader = Reader(rels)
    (obj,), _ = read(reader, drawing(picture()))
    assert (obj.kind, obj.name, obj.alt_text) == ("placeholder", "Picture", "A map")
    assert reader.warnings == [f"a picture ({name}) is not PNG/JPEG/GIF and was drawn as a box"]


def test_a_floating_picture_is_placed_in_line_with_a_warning():
    reader = Reader({"rId5": related(part(PNG))})
    (obj,), _ = read(reader, drawing(picture(), container="anchor"))
    assert obj.kind == "picture"
    assert reader.warnings == ["a floating picture or chart was placed in line with the text"]


def test_a_chart_carries_its_xml_or_the_description_the_build_passed_down():
    chart_part = part(b"<c:chartSpace/>", "/word/charts/chart1.xml")
    reader = Reader({"rId7": related(chart_part)})
    (obj,), _ = read(reader, drawing(chart()))
    assert (obj.kind, obj.data, obj.chart) == ("chart", b"<c:chartSpace/>", None)
    description = object()
    known = Reader({"rId7": related(chart_part)}, charts={"/word/charts/chart1.xml": description})
    (obj,), _ = read(known, drawing(chart()))
    assert (obj.kind, obj.data, obj.chart) == ("chart", b"", description)


def test_a_chart_without_its_part_is_a_box():
    reader = Reader()
    (obj,), _ = read(reader, drawing(chart()))
    assert (obj.kind, obj.name) == ("placeholder", "Chart")
    assert reader.warnings == ["a chart without its chart part was drawn as a box"]


def test_smartart_is_an_empty_box_with_a_warning():
    reader = Reader()
    graphic = f'<a:graphic><a:graphicData uri="{NSMAP["dgm"]}"/></a:graphic>'
    (obj,), _ = read(reader, drawing(graphic))
    assert (obj.kind, obj.name, obj.width) == ("placeholder", "Diagram", 72.0)
    assert reader.warnings == ["a SmartArt diagram was drawn as an empty box"]


def test_a_text_box_becomes_paragraphs_after_the_run():
    reader = Reader()
    shape = ('<a:graphic><a:graphicData uri="other"><w:txbxContent><w:p><w:r>'
             '<w:t>Boxed</w:t></w:r></w:p></w:txbxContent></a:graphicData></a:graphic>')
    out, extra = read(reader, drawing(shape))
    assert out == [] and [block.text for block in extra] == ["Boxed"]
    assert reader.warnings == ["a text box or shape was printed as ordinary paragraphs"]


def test_a_shape_without_text_is_left_out_with_a_warning():
    reader = Reader()
    out, extra = read(reader, drawing('<a:graphic><a:graphicData uri="other"/></a:graphic>'))
    assert out == [] and extra == []
    assert reader.warnings == ["a shape that cannot be printed was left out"]


def vml(inner: str, tag: str = "pict") -> etree._Element:
    return etree.fromstring(f'<w:{tag} {DECLARED} xmlns:v="{V_NS}">{inner}</w:{tag}>')


def test_a_vml_picture_is_sized_from_its_style():
    reader = Reader({"rId9": related(part(PNG))})
    out, extra = [], []
    read_vml(reader, vml('<v:shape style="width:2in;height:36pt" alt="Logo">'
                         '<v:imagedata r:id="rId9"/></v:shape>'), STYLE, out, extra)
    (obj,) = out
    assert (obj.kind, obj.width, obj.height, obj.alt_text) == ("picture", 144.0, 36.0, "Logo")


def test_a_vml_object_that_is_not_a_picture_is_a_box_of_an_inch():
    reader = Reader({"rId9": related(part(b"OLE"))})
    out = []
    read_vml(reader, vml('<v:shape><v:imagedata r:id="rId9"/></v:shape>', "object"), STYLE,
             out, [])
    assert (out[0].kind, out[0].width, out[0].height) == ("placeholder", 72.0, 72.0)
    assert reader.warnings == ["an embedded object was drawn as a box"]


def test_a_vml_text_box_and_an_empty_object():
    reader = Reader()
    extra = []
    read_vml(reader, vml('<v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Note</w:t>'
                         '</w:r></w:p></w:txbxContent></v:textbox></v:shape>'), STYLE, [], extra)
    assert [block.text for block in extra] == ["Note"]
    read_vml(reader, vml("", "object"), STYLE, [], [])
    assert reader.warnings == ["a text box or shape was printed as ordinary paragraphs",
                               "an embedded object was left out"]
