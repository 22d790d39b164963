"""`docgen.pdf.render`: drawing laid-out lines, rows and pages onto a reportlab canvas.

Lines and rows are built here by hand and drawn on a canvas of their own; whole pages come
from small models laid out by the pipeline's `lay_out`. What is drawn is read back with
pdfplumber (text, positions, colours, rules, rectangles, links) and pikepdf (fonts, marked
content, outline)."""

from __future__ import annotations

import io
from itertools import pairwise

import pdfplumber
import pikepdf
import pytest
from reportlab.pdfgen.canvas import Canvas

from docgen.exceptions import Problem
from docgen.pdf.document import lay_out
from docgen.pdf.fonts import FontSet
from docgen.pdf.lines import Frag, Line
from docgen.pdf.model import (
    Border,
    DocumentModel,
    Field,
    InlineObject,
    Paragraph,
    ParaProps,
    RunStyle,
    Section,
    Text,
)
from docgen.pdf.render import RenderContext, draw_line, draw_object, draw_row, render_pages, rgb
from docgen.pdf.structure import build_tree
from docgen.pdf.table_box import CellBox, RowBox
from docgen.pdf.tagging import Tagger

PAGE = (400.0, 300.0)
ARIAL = RunStyle(font="Arial", size=12.0)


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return FontSet()


def frag(fonts: FontSet, text: str, x: float = 0.0, style: RunStyle = ARIAL, **kwargs) -> Frag:
    font = fonts.resolve(style)
    return Frag(x, text, font, style, kwargs.pop("width", font.width(text)), **kwargs)


def line(*frags: Frag, x0: float = 0.0, baseline: float = 11.0, height: float = 13.8,
         **kwargs) -> Line:
    return Line(list(frags), x0=x0, height=height, single=height, baseline=baseline,
                width=sum(f.width for f in frags), **kwargs)


def drawn(draw, ctx: RenderContext | None = None) -> bytes:
    """The one-page PDF `draw(canvas, ctx)` makes."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE)
    draw(canvas, ctx or RenderContext())
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def page_of(pdf: bytes):
    """The PDF opened with pdfplumber (use it in a `with`)."""
    return pdfplumber.open(io.BytesIO(pdf))


def origins(page) -> list[tuple[str, float, float]]:
    """Each character with its text origin (x, baseline y) in PDF space."""
    return [(c["text"], round(c["matrix"][4], 2), round(c["matrix"][5], 2)) for c in page.chars]


# -- one line -------------------------------------------------------------------------------

def test_rgb_reads_hex_colours():
    assert rgb("FF8000") == (1.0, 128 / 255, 0.0)
    assert rgb("000000") == (0.0, 0.0, 0.0)


def test_fragments_are_drawn_from_the_line_edge_on_its_baseline(fonts):
    first = frag(fonts, "Net", 0.0)
    second = frag(fonts, "cost", 40.0)
    raised = frag(fonts, "2", 70.0, rise=4.0)
    item = line(first, second, raised, x0=18.0, baseline=11.0)
    with page_of(drawn(lambda c, ctx: draw_line(c, item, 72.0, 250.0, ctx))) as pdf:
        found = origins(pdf.pages[0])
    assert [t for t, _, _ in found] == list("Netcost2")
    assert found[0][1:] == (90.0, 239.0)  # x + x0 + frag.x, y_top - baseline
    assert found[3][1:] == (130.0, 239.0)
    assert found[7][1:] == (160.0, 243.0)  # raised by the fragment's rise


def test_a_field_prints_its_value_and_keeps_its_text_when_none_is_known(fonts):
    label = frag(fonts, "Page ", 0.0)
    page = frag(fonts, "1", 30.0, kind="field", anchor="PAGE")
    other = frag(fonts, "?", 45.0, kind="field", anchor="DATE")
    ctx = RenderContext(fields={"PAGE": "iv"})
    with page_of(drawn(lambda c, ctx: draw_line(c, line(label, page, other), 72, 250, ctx),
                       ctx)) as pdf:
        found = origins(pdf.pages[0])
    assert "".join(t for t, _, _ in found) == "Page iv?"
    assert [x for t, x, _ in found if t in "i?"] == [102.0, 117.0]  # at the fields' places


def test_text_is_drawn_in_its_colour_font_and_size(fonts):
    red = RunStyle(font="Arial", size=12.0, color="C00000")
    bold = RunStyle(font="Arial", size=12.0, bold=True)
    item = line(frag(fonts, "Red", 0, red), frag(fonts, "Bold", 30, bold),
                frag(fonts, "Plain", 70))
    pdf = drawn(lambda c, ctx: draw_line(c, item, 72, 250, ctx))
    with page_of(pdf) as doc:
        colours = {c["text"]: tuple(round(v, 3) for v in c["non_stroking_color"])
                   for c in doc.pages[0].chars}
        sizes = {round(c["size"], 2) for c in doc.pages[0].chars}
    assert colours["R"] == (round(192 / 255, 3), 0.0, 0.0) and colours["B"] == (0.0, 0.0, 0.0)
    assert sizes == {12.0}


def test_underline_and_strike_run_under_the_text_not_its_trailing_space(fonts):
    style = RunStyle(font="Arial", size=10.0, underline=True, strike=True)
    piece = frag(fonts, "Total ", 0.0, style)
    ink = piece.font.width("Total")
    with page_of(drawn(lambda c, ctx: draw_line(c, line(piece, baseline=9.0), 100, 200,
                                                ctx))) as pdf:
        rules = sorted((round(r["x0"], 2), round(r["x1"], 2), round(r["y0"], 2))
                       for r in pdf.pages[0].lines)
    baseline = 191.0
    assert rules == [(100.0, round(100 + ink, 2), round(baseline - 1.2, 2)),
                     (100.0, round(100 + ink, 2), round(baseline + 2.8, 2))]


def test_highlight_and_paragraph_shading_are_filled_behind_the_text(fonts):
    marked = RunStyle(font="Arial", size=12.0, highlight="FFFF00")
    piece = frag(fonts, "Key", 10.0, marked)
    item = line(piece, frag(fonts, " text", 10.0 + piece.width), x0=20.0, shading="D9D9D9",
                shade_x=(20.0, 300.0))
    with page_of(drawn(lambda c, ctx: draw_line(c, item, 72, 250, ctx))) as pdf:
        rects = [(tuple(round(v, 3) for v in r["non_stroking_color"]), round(r["x0"], 2),
                  round(r["x1"], 2), round(r["y0"], 2), round(r["y1"], 2))
                 for r in pdf.pages[0].rects]
    grey, yellow = round(0xD9 / 255, 3), (1.0, 1.0, 0.0)
    # the shading spans the paragraph's indents (not the line's text), the whole line height
    assert rects[0] == ((grey, grey, grey), 92.0, 372.0, round(250 - 13.8, 2), 250.0)
    font = piece.font
    assert rects[1] == (yellow, 102.0, round(102 + piece.width, 2),
                        round(239 - font.bottom, 2), round(239 + font.top, 2))


def test_links_are_annotations_over_their_text_and_unknown_anchors_are_not(fonts):
    url = frag(fonts, "site", 0.0, link="https://example.org/a")
    inner = frag(fonts, "results", 40.0, anchor="results")
    nowhere = frag(fonts, "lost", 100.0, anchor="missing")
    ctx = RenderContext(destinations={"results"})
    pdf = drawn(lambda c, ctx: (c.bookmarkPage("results"),
                                draw_line(c, line(url, inner, nowhere), 72, 250, ctx)), ctx)
    with page_of(pdf) as doc:
        links = [(a.get("uri"), round(a["x0"], 2), round(a["x1"], 2))
                 for a in doc.pages[0].annots]
    assert links == [("https://example.org/a", 72.0, round(72 + url.width, 2)),
                     (None, 112.0, round(112 + inner.width, 2))]
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        annots = doc.pages[0].Annots
        assert "/Dest" in annots[1] and "/A" in annots[0]


def test_a_leader_is_spread_over_the_whole_tab_gap(fonts):
    dots = frag(fonts, "....", 0.0, kind="leader", width=100.0)
    with page_of(drawn(lambda c, ctx: draw_line(c, line(dots, frag(fonts, "7", 100.0)), 72, 250,
                                                ctx))) as pdf:
        found = origins(pdf.pages[0])
    xs = [x for t, x, _ in found if t == "."]
    step = (100.0 - dots.font.width("....")) / 4 + dots.font.width(".")
    assert [round(b - a, 2) for a, b in pairwise(xs)] == [round(step, 2)] * 3
    assert found[-1][:2] == ("7", 172.0)


def test_a_broken_picture_is_a_named_box_and_a_located_warning():
    style = RunStyle()
    broken = InlineObject("picture", 80.0, 40.0, style, b"not an image", name="Logo")
    ctx = RenderContext(source="report.docx")
    with page_of(drawn(lambda c, ctx: draw_object(c, broken, 50.0, 100.0, ctx), ctx)) as pdf:
        page = pdf.pages[0]
        box = [(round(r["x0"], 2), round(r["y0"], 2), round(r["width"], 2),
                round(r["height"], 2)) for r in page.rects]
        text = page.extract_text()
    assert box == [(50.0, 100.0, 80.0, 40.0)] and text == "Logo"
    assert ctx.warnings == [Problem("warning", "a picture could not be drawn (Logo)",
                                    "report.docx")]


# -- table rows -----------------------------------------------------------------------------

def test_a_row_is_shaded_filled_and_bordered_in_its_three_phases(fonts):
    rule = Border(1.0, "0000FF")
    text = line(frag(fonts, "Cell"), height=13.8, baseline=11.0)
    cells = [CellBox(0.0, 100.0, [text], 13.8, (0.0, 5.0, 0.0, 5.0), shading="FF0000",
                     valign="bottom", top=rule, bottom=rule, left=rule, right=rule),
             CellBox(100.0, 60.0, [], 0.0, (0.0, 5.0, 0.0, 5.0))]
    row = RowBox(cells, height=40.0, border_top=1.0, border_bottom=1.0)

    def draw(canvas, ctx):
        for phase in (0, 1, 2):
            draw_row(canvas, row, 72.0, 250.0, ctx, phase, True)

    with page_of(drawn(draw)) as pdf:
        page = pdf.pages[0]
        fills = [(round(r["x0"], 2), round(r["y0"], 2), round(r["width"], 2),
                  round(r["height"], 2)) for r in page.rects]
        edges = sorted((round(r["x0"], 2), round(r["y0"], 2), round(r["x1"], 2),
                        round(r["y1"], 2)) for r in page.lines)
        cell_text = origins(page)
    assert fills == [(72.0, 208.0, 100.0, 42.0)]  # border_top + height + border_bottom
    # bottom-aligned: the line's top sits 13.8 pt above the content box's bottom
    assert cell_text[0] == ("C", 77.0, round(250 - 1 - (40 - 13.8) - 11.0, 2))
    assert edges == [(72.0, 208.0, 72.0, 250.0), (72.0, 208.5, 172.0, 208.5),
                     (72.0, 249.5, 172.0, 249.5), (172.0, 208.0, 172.0, 250.0)]


# -- whole pages ----------------------------------------------------------------------------

def para(text: str, size: float = 12.0, role: str = "P", **props) -> Paragraph:
    style = RunStyle(font="Arial", size=size)
    return Paragraph(ParaProps(**props), [Text(text, style)], style, role=role)


def two_section_model() -> DocumentModel:
    header = [para("Running head", 9.0)]
    footer = [Paragraph(ParaProps(), [Text("Page ", ARIAL), Field("PAGE", ARIAL),
                                      Text(" of ", ARIAL), Field("NUMPAGES", ARIAL)], ARIAL)]
    first = Section(page_width=400.0, page_height=300.0, margin_top=50.0, margin_bottom=50.0,
                    margin_left=40.0, margin_right=40.0, header_distance=20.0,
                    footer_distance=20.0, headers={"default": header},
                    footers={"default": footer},
                    blocks=[para("Chapter", 16.0, "H1", outline_level=0),
                            para("Detail", 12.0, "H3", outline_level=2),
                            para("Body text.")])
    second = Section(page_width=300.0, page_height=400.0, margin_left=30.0,
                     headers={"default": header}, footers={"default": footer},
                     blocks=[para("Appendix", 16.0, "H1", outline_level=0)])
    return DocumentModel([first, second], title="Annual report", author="Finance",
                         subject="Figures", keywords="budget", language="en-GB")


def render_model(model: DocumentModel, tagged: bool = False) -> bytes:
    layouter, pages = lay_out(model)
    ctx = RenderContext(source="model.docx")
    if tagged:
        ctx.tagger = Tagger(build_tree(model), next_key=len(pages))
    buffer = io.BytesIO()
    render_pages(model, pages, layouter, buffer, ctx)
    return buffer.getvalue()


def test_pages_take_their_sections_size_and_the_documents_properties():
    pdf = render_model(two_section_model())
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        sizes = [[float(v) for v in page.MediaBox] for page in doc.pages]
        info = {k: str(v) for k, v in doc.docinfo.items()}
        lang = str(doc.Root.Lang)
    assert sizes == [[0, 0, 400.0, 300.0], [0, 0, 300.0, 400.0]]
    assert (info["/Title"], info["/Author"], info["/Subject"], info["/Keywords"],
            info["/Creator"]) == ("Annual report", "Finance", "Figures", "budget", "docgen")
    assert lang == "en-GB"


def test_headers_and_footers_sit_at_their_distances_with_this_pages_fields():
    pdf = render_model(two_section_model())
    with page_of(pdf) as doc:
        texts = [page.extract_text().splitlines() for page in doc.pages]
        first = doc.pages[0]
        head = next(c for c in first.chars if c["text"] == "R")
        foot = next(c for c in first.chars if c["text"] == "P")
        body = next(c for c in first.chars if c["text"] == "C")
    assert texts[0][0] == "Running head" and texts[0][-1] == "Page 1 of 2"
    assert texts[1][0] == "Running head" and texts[1][-1] == "Page 2 of 2"
    assert head["x0"] == pytest.approx(40.0)  # the section's left margin
    # the header's top is header_distance below the page top; the footer's bottom is
    # footer_distance above the page bottom (its baseline a descent higher)
    fonts = FontSet()
    assert 300.0 - 20.0 - head["matrix"][5] == pytest.approx(
        fonts.resolve(RunStyle("Arial", 9.0)).top)  # 8.45
    assert foot["matrix"][5] - 20.0 == pytest.approx(fonts.resolve(ARIAL).bottom)  # 2.55
    assert body["matrix"][5] < 300.0 - 50.0  # the body starts below the top margin


def test_headings_make_an_outline_that_nests_one_level_at_a_time():
    pdf = render_model(two_section_model())
    with pikepdf.open(io.BytesIO(pdf)) as doc, doc.open_outline() as outline:
        tree = [(item.title, [child.title for child in item.children])
                for item in outline.root]
    # "Detail" is level 2 under a level 0 heading: it becomes level 1, not a gap
    assert tree == [("Chapter", ["Detail"]), ("Appendix", [])]


def test_a_tagged_page_marks_body_text_and_makes_headers_artifacts():
    pdf = render_model(two_section_model(), tagged=True)
    with page_of(pdf) as doc:
        chars = doc.pages[0].chars
        tags = {}
        for c in chars:
            tags.setdefault(c["tag"], []).append(c["text"])
        mcids = sorted({c["mcid"] for c in chars if c["mcid"] is not None})
    assert "".join(tags["Artifact"]) == "Running head" + "Page 1 of 2"
    assert ("".join(tags["H1"]), "".join(tags["H3"]), "".join(tags["P"])) == (
        "Chapter", "Detail", "Body text.")
    assert mcids == list(range(len(mcids))) and len(mcids) == 3
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert "/StructTreeRoot" in doc.Root and doc.Root.MarkInfo.Marked


def test_every_font_on_the_pages_is_embedded_and_none_is_helvetica():
    model = two_section_model()
    model.sections[0].blocks.append(Paragraph(ParaProps(), [
        Text("Bold words", RunStyle(font="Arial", size=12.0, bold=True))], ARIAL))
    with pikepdf.open(io.BytesIO(render_model(model))) as doc:
        faces = {}
        for page in doc.pages:
            for font in page.Resources.Font.values():
                descriptor = font.get("/FontDescriptor")
                faces[str(font.BaseFont)] = descriptor is not None and (
                    "/FontFile2" in descriptor or "/FontFile3" in descriptor)
    assert len(faces) == 2, faces  # regular and bold
    assert all(faces.values()), faces
    assert all("+" in name and "Helvetica" not in name for name in faces)  # subsets
