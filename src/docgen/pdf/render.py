"""Draw paginated pages on a reportlab canvas: headers, footers, body, outline, links."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..exceptions import Problem
from .blocks import Layouter
from .fonts import chart_font_names
from .lines import Line, Spacer
from .model import DocumentModel, InlineObject
from .numbering import format_number
from .paginate import NOTE_GAP, Page
from .table_box import RowBox, RowUnit
from .tagged_pdf import add_structure
from .tagging import Tagger

log = logging.getLogger(__name__)


@cache
def rgb(hex_colour: str) -> tuple[float, float, float]:
    """reportlab RGB floats from 'RRGGBB'."""
    value = int(hex_colour, 16)
    return ((value >> 16) & 255) / 255.0, ((value >> 8) & 255) / 255.0, (value & 255) / 255.0


@dataclass
class RenderContext:
    """What drawing needs besides the canvas: field values, link targets, warnings (about
    the .docx named `source`)."""

    fields: dict[str, str] = field(default_factory=dict)
    destinations: set[str] = field(default_factory=set)
    warnings: list[Problem] = field(default_factory=list)
    source: str = ""
    images: dict[int, Any] = field(default_factory=dict)
    text: Any = None
    font: tuple[str, float] | None = None
    colour: str | None = None
    tagger: Tagger | None = None
    """Marks every piece drawn as structure or artifact (a tagged PDF); None: untagged."""

    def begin_text(self, canvas: Any) -> None:
        """Start the page's single text object (fewer PDF operators than one per line)."""
        self.text = canvas.beginText()
        self.font = self.colour = None

    def end_text(self, canvas: Any) -> None:
        """Draw the page's text object."""
        canvas.drawText(self.text)
        self.text = None

    def warn(self, message: str) -> None:
        """Record a warning once."""
        problem = Problem("warning", message, self.source)
        if problem not in self.warnings:
            self.warnings.append(problem)


def render_pages(doc: DocumentModel, pages: list[Page], layouter: Layouter, target: Any,
                 ctx: RenderContext) -> None:
    """Write every page to `target` (a path or file object) as a PDF."""
    from reportlab.pdfgen.canvas import Canvas

    first = pages[0].section
    canvas = Canvas(target, pagesize=(first.page_width, first.page_height),
                    lang=doc.language or None, pageCompression=1,
                    initialFontName=layouter.fonts.first_face_name())  # not Helvetica
    canvas.setTitle(doc.title)
    canvas.setAuthor(doc.author)
    canvas.setSubject(doc.subject)
    canvas.setKeywords(doc.keywords)
    canvas.setCreator("docgen")
    ctx.destinations = {name for page in pages for name, _ in page.marks}
    section_pages: dict[int, int] = {}
    for page in pages:
        section_pages[id(page.section)] = section_pages.get(id(page.section), 0) + 1
    outline_level = -1
    for page in pages:
        section = page.section
        canvas.setPageSize((section.page_width, section.page_height))
        ctx.fields = {"PAGE": format_number(page.number, section.page_format),
                      "NUMPAGES": str(len(pages)),
                      "SECTIONPAGES": str(section_pages[id(section)])}
        if ctx.tagger is not None:
            ctx.tagger.start_page()
        for message in page.problems:
            ctx.warn(message)
        ctx.begin_text(canvas)
        _draw_story(canvas, layouter, page, "header", ctx)
        _draw_body(canvas, page, ctx)
        _draw_notes(canvas, page, ctx)
        _draw_story(canvas, layouter, page, "footer", ctx)
        if ctx.tagger is not None:
            ctx.tagger.close_text(ctx.text)
        ctx.end_text(canvas)
        for name, y in page.marks:
            canvas.bookmarkPage(name, fit="XYZ", left=0, top=y)
        for n, (level, title, y) in enumerate(page.outline):
            key = f"_outline_{page.index}_{n}"
            canvas.bookmarkPage(key, fit="XYZ", left=0, top=y)
            outline_level = min(level, outline_level + 1)
            canvas.addOutlineEntry(title, key, level=outline_level)
        canvas.showPage()
    if any(page.outline for page in pages):
        canvas.showOutline()
    if ctx.tagger is not None:
        add_structure(canvas, doc, ctx.tagger)
    canvas.save()


def _draw_body(canvas: Any, page: Page, ctx: RenderContext) -> None:
    """Table backgrounds, then text and content, then table borders (reading order kept)."""
    rows = [op for op in page.ops if op.kind == "row"]
    for op in rows:
        draw_row(canvas, op.obj, op.x, op.y, ctx, 0, op.draw_bottom)
    for op in page.ops:
        if op.kind == "line":
            draw_line(canvas, op.obj, op.x, op.y, ctx)
        else:
            draw_row(canvas, op.obj, op.x, op.y, ctx, 1, op.draw_bottom)
    for op in rows:
        draw_row(canvas, op.obj, op.x, op.y, ctx, 2, op.draw_bottom)


def _draw_notes(canvas: Any, page: Page, ctx: RenderContext) -> None:
    """The page's footnotes at its foot under LibreOffice's separator: a 0.5 pt rule a quarter
    of the column wide (an artifact); each note line is drawn with its proportional spacing's
    extra above the text (the first line without it), as LibreOffice spaces note lines."""
    if not page.notes:
        return
    section = page.section
    top = page.notes_bottom - page.notes_height
    if ctx.tagger is not None:
        ctx.tagger.begin_artifact(canvas)
    canvas.setFillColor(rgb("000000"))
    canvas.rect(section.margin_left, section.page_height - top - 0.5,
                section.body_width * 0.25, 0.5, stroke=0, fill=1)
    if ctx.tagger is not None:
        ctx.tagger.end(canvas)
    y = top + NOTE_GAP
    for n, note in enumerate(page.notes):
        if n:
            y += page.notes[n - 1].props.space_after
        for k, line in enumerate(note.lines):
            if isinstance(line, Spacer):
                y += line.height
                continue
            extra = line.height - line.single if n or k else 0.0
            draw_line(canvas, line, section.margin_left, section.page_height - y - extra, ctx)
            y += line.single + extra


def _draw_story(canvas: Any, layouter: Layouter, page: Page, which: str,
                ctx: RenderContext) -> None:
    """Lay out and draw the page's header or footer with this page's field values."""
    section = page.section
    stories = section.headers if which == "header" else section.footers
    blocks = stories.get(page.header_kind)
    if not blocks:
        return
    units = layouter.stack(blocks, section.body_width, ctx.fields)
    height = sum(u.height for u in units)
    if which == "header":
        y = section.page_height - section.header_distance
    else:
        y = section.footer_distance + height
    if ctx.tagger is not None:
        ctx.tagger.artifact += 1
    for unit in units:
        _draw_unit(canvas, unit, section.margin_left, y, ctx)
        y -= unit.height
    if ctx.tagger is not None:
        ctx.tagger.artifact -= 1


def _draw_unit(canvas: Any, unit: Any, x: float, y_top: float, ctx: RenderContext) -> None:
    """Draw a stacked unit: a line, a nested table's row (in all three phases) or a spacer
    (only room, nothing to draw)."""
    if isinstance(unit, Line):
        draw_line(canvas, unit, x, y_top, ctx)
    elif isinstance(unit, RowUnit):
        for phase in (0, 1, 2):
            draw_row(canvas, unit.row, x + unit.table.x, y_top, ctx, phase, unit.last)


def draw_line(canvas: Any, line: Line, x: float, y_top: float, ctx: RenderContext) -> None:
    """Draw one line: highlights, text, objects, decorations and link areas."""
    baseline = y_top - line.baseline
    left = x + line.x0
    tagger = ctx.tagger
    backgrounds = line.shading or any(f.style.highlight and f.kind == "text"
                                      for f in line.frags)
    if tagger is not None and backgrounds:
        tagger.begin_artifact(canvas)
    if line.shading:
        canvas.setFillColor(rgb(line.shading))
        start, end = line.shade_x
        canvas.rect(x + start, y_top - line.height, end - start, line.height, stroke=0, fill=1)
    for frag in line.frags:
        if frag.style.highlight and frag.kind == "text":
            canvas.setFillColor(rgb(frag.style.highlight))
            canvas.rect(left + frag.x, baseline - frag.font.bottom, frag.width,
                        frag.font.top + frag.font.bottom, stroke=0, fill=1)
    if tagger is not None and backgrounds:
        tagger.end(canvas)
    own = ctx.text is None
    if own:
        ctx.begin_text(canvas)
    text = ctx.text
    links: dict[int, Any] = {}
    for frag in line.frags:
        if frag.kind == "object":
            obj = frag.obj
            if tagger is not None:
                fx = left + frag.x
                tagger.begin_figure(canvas, line.para, obj,
                                    (fx, baseline, fx + obj.width, baseline + obj.height))
            draw_object(canvas, obj, left + frag.x, baseline, ctx)
            if tagger is not None:
                tagger.end(canvas)
            continue
        if tagger is not None:
            linked = _linked(frag, ctx)
            node = tagger.text_node(line.para, frag, linked)
            tagger.text(text, node)
            if linked:
                links[id(frag)] = node
        value = frag.text
        if frag.kind == "field":
            value = ctx.fields.get(frag.anchor or "", frag.text)
        want = frag.style.color or "000000"
        if want != ctx.colour:
            text.setFillColor(rgb(want))
            ctx.colour = want
        text.setTextOrigin(left + frag.x, baseline + frag.rise)
        font = (frag.font.face.pdf_name(), frag.font.size)  # registers (embeds) on first use
        if font != ctx.font:
            text.setFont(*font)
            ctx.font = font
        if frag.kind == "leader":  # leader characters spread over the tab's whole gap
            text.setCharSpace((frag.width - frag.font.width(value)) / max(len(value), 1))
        text.textOut(value)
        if frag.kind == "leader":
            text.setCharSpace(0)
    if own:
        if tagger is not None:
            tagger.close_text(text)
        ctx.end_text(canvas)
    for rule_y, x1, x2, border in line.rules:  # paragraph borders (see `borders`)
        if tagger is not None:
            tagger.begin_artifact(canvas)
        _stroke(canvas, border, x + x1, y_top - rule_y, x + x2, y_top - rule_y)
        if tagger is not None:
            tagger.end(canvas)
    for frag in line.frags:
        if frag.kind == "object":
            continue
        style = frag.style
        fx = left + frag.x
        if style.underline or style.strike:
            if tagger is not None:
                tagger.begin_artifact(canvas)
            width = frag.font.width(frag.text.rstrip(" ")) if frag.kind == "text" else frag.width
            canvas.setStrokeColor(rgb(style.color or "000000"))
            canvas.setLineWidth(max(frag.font.size * 0.05, 0.5))
            if style.underline:
                y = baseline + frag.rise - frag.font.size * 0.12
                canvas.line(fx, y, fx + width, y)
            if style.strike:
                y = baseline + frag.rise + frag.font.size * 0.28
                canvas.line(fx, y, fx + width, y)
            if tagger is not None:
                tagger.end(canvas)
        if _linked(frag, ctx):
            rect = (fx, baseline - frag.font.bottom, fx + frag.width, baseline + frag.font.top)
            if tagger is not None:
                tagger.draw_link(canvas, links[id(frag)], frag, rect)
            elif frag.link:
                canvas.linkURL(frag.link, rect, relative=0, thickness=0)
            else:
                canvas.linkRect("", frag.anchor, rect, relative=0, thickness=0)


def _linked(frag, ctx: RenderContext) -> bool:
    """True for a text fragment that is a link (external, or to a bookmark in the PDF)."""
    return frag.kind == "text" and bool(
        frag.link or (frag.anchor and frag.anchor in ctx.destinations))


def draw_object(canvas: Any, obj: InlineObject, x: float, baseline: float,
                ctx: RenderContext) -> None:
    """Draw a picture, chart or placeholder box with its bottom on the baseline."""
    if obj.kind == "picture":
        try:
            from reportlab.lib.utils import ImageReader

            image = ctx.images.get(id(obj.data))
            if image is None:
                image = ctx.images[id(obj.data)] = ImageReader(io.BytesIO(obj.data))
            canvas.drawImage(image, x, baseline, obj.width, obj.height, mask="auto")
            return
        except Exception as exc:  # a broken image must not stop the PDF
            log.warning("picture could not be drawn: %s", exc)
            ctx.warn(f"a picture could not be drawn ({obj.name or 'unnamed'})")
    elif obj.kind == "chart":
        if _draw_chart(canvas, obj, x, baseline, ctx):
            return
    _placeholder(canvas, obj, x, baseline, "Chart" if obj.kind == "chart" else obj.name)


def _draw_chart(canvas: Any, obj: InlineObject, x: float, baseline: float,
                ctx: RenderContext) -> bool:
    """Draw a native chart with docgen.pdf.chart_drawing; False when that is unavailable."""
    try:
        from .chart_drawing import Fonts, draw_chart
    except ImportError:
        ctx.warn("charts were drawn as placeholder boxes (chart drawing is not available)")
        return False
    try:
        draw_chart(canvas, obj.chart or obj.data, x, baseline, obj.width, obj.height,
                   fonts=Fonts(*chart_font_names()))
        return True
    except Exception as exc:  # a chart that fails to draw must not stop the PDF
        log.warning("chart could not be drawn: %s", exc)
        ctx.warn(f"a chart could not be drawn and was left as a box ({obj.name or 'chart'})")
        return False


def _placeholder(canvas: Any, obj: InlineObject, x: float, y: float, label: str) -> None:
    """A bordered box of the object's size with a word in the middle."""
    canvas.saveState()
    canvas.setStrokeColorRGB(0.5, 0.5, 0.5)
    canvas.setLineWidth(0.75)
    canvas.rect(x, y, obj.width, obj.height, stroke=1, fill=0)
    canvas.setFillColorRGB(0.3, 0.3, 0.3)
    canvas.setFont(chart_font_names()[0], 10)
    canvas.drawCentredString(x + obj.width / 2, y + obj.height / 2 - 3, label or "Object")
    canvas.restoreState()


def draw_row(canvas: Any, row: RowBox, x: float, y_top: float, ctx: RenderContext, phase: int,
             draw_bottom: bool) -> None:
    """Draw one table row in a phase: 0 shading, 1 cell contents, 2 borders."""
    total = row.total(draw_bottom)
    tagger = ctx.tagger
    if phase == 0:
        shaded = [cell for cell in row.cells if cell.shading]
        if tagger is not None and shaded:
            tagger.begin_artifact(canvas)
        for cell in shaded:
            canvas.setFillColor(rgb(cell.shading))
            canvas.rect(x + cell.x, y_top - total, cell.width, total, stroke=0, fill=1)
        if tagger is not None and shaded:
            tagger.end(canvas)
    elif phase == 1:
        repeat = tagger is not None and tagger.row_is_repeat(row)
        if repeat:
            tagger.artifact += 1
        for cell in row.cells:
            if not cell.units:
                continue
            space = (cell.span_height if cell.span_height is not None else row.height)
            free = space - cell.margins[0] - cell.margins[2] - cell.content
            offset = 0.0
            if cell.valign == "center":
                offset = max(free / 2, 0.0)
            elif cell.valign == "bottom":
                offset = max(free, 0.0)
            y = y_top - row.border_top - cell.margins[0] - offset
            cx = x + cell.x + cell.margins[1]
            for unit in cell.units:
                _draw_unit(canvas, unit, cx, y, ctx)
                y -= unit.height
        if repeat:
            tagger.artifact -= 1
    else:
        if tagger is not None:
            tagger.begin_artifact(canvas)
        _row_borders(canvas, row, x, y_top, total, draw_bottom)
        if tagger is not None:
            tagger.end(canvas)


def _row_borders(canvas: Any, row: RowBox, x: float, y_top: float, total: float,
                 draw_bottom: bool) -> None:
    """Stroke the row's resolved cell edges."""
    canvas.setLineCap(2)
    for cell in row.cells:
        left, right = x + cell.x, x + cell.x + cell.width
        if cell.top is not None:
            _stroke(canvas, cell.top, left, y_top - cell.top.width / 2, right,
                    y_top - cell.top.width / 2)
        if draw_bottom and cell.bottom is not None:
            y = y_top - total + cell.bottom.width / 2
            _stroke(canvas, cell.bottom, left, y, right, y)
        if cell.left is not None:
            _stroke(canvas, cell.left, left, y_top, left, y_top - total)
        if cell.right is not None:
            _stroke(canvas, cell.right, right, y_top, right, y_top - total)
    canvas.setLineCap(0)


def _stroke(canvas: Any, border, x1: float, y1: float, x2: float, y2: float) -> None:
    """One border line."""
    canvas.setStrokeColor(rgb(border.color))
    canvas.setLineWidth(border.width)
    canvas.line(x1, y1, x2, y2)
