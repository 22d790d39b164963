"""Draw the pack's opening pages with reportlab: the front sheet, then the agenda.

The agenda gives each item's pack page, which depends on how many pages the agenda itself
takes: `front_pages` is called once to count them and again with the real numbers (see
`assemble`). Part B's front sheet is marked NOT FOR PUBLICATION with each item's paragraph.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache

from .front_tags import Marks, TableTags, tagged
from .model import Item, Meeting, StructTag

NOT_FOR_PUBLICATION = "NOT FOR PUBLICATION"
PUBLIC, PART_B = "public", "part-b"


@dataclass(frozen=True)
class Fonts:
    """The regular and bold font names registered with reportlab."""

    regular: str
    bold: str


@cache
def fonts() -> Fonts:
    """The pack's own text faces: Arial's as the PDF engine finds it through fontconfig
    (Liberation Sans on Debian), embedded, with reportlab's own Vera as the last resort, so
    no page of a pack names an unembedded font."""
    from ..pdf.fonts import family_face

    return Fonts(family_face("Arial", False, False)[0].pdf_name(),
                 family_face("Arial", True, False)[0].pdf_name())


def front_pages(meeting: Meeting, items: list[Item], start_pages: dict[int, int | None],
                part: str = PUBLIC) -> tuple[bytes, int, StructTag]:
    """The front sheet and agenda as PDF bytes, the index of the agenda's first page, and
    the structure of what was drawn (its marked content is in the PDF: see `front_tags`).

    `start_pages` maps each item's index in `items` to the pack page its papers start on
    (None: no papers in this pack).
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm,
                            topMargin=25 * mm, bottomMargin=25 * mm, title=meeting.title,
                            author=meeting.clerk, lang="en-GB",
                            # Each page starts in the pack's own embedded font, not in
                            # Helvetica, which would be named on every page, unembedded.
                            initialFontName=fonts().regular)
    mark = _PageMark()
    marks = Marks()
    story = [*_front_sheet(meeting, items, part, marks), PageBreak(), mark]
    story += _agenda(meeting, items, start_pages, part, marks)
    doc.build(story)
    return buffer.getvalue(), mark.page - 1, marks.root


def _page_mark_class():
    from reportlab.platypus import Flowable

    class PageMark(Flowable):
        """Takes no room; remembers the page it was drawn on (1-based)."""

        page = 1

        def wrap(self, *_):
            return 0, 0

        def draw(self):
            self.page = self.canv.getPageNumber()

    return PageMark


def _PageMark():  # noqa: N802 - a class made on first use, to import reportlab lazily
    return _page_mark_class()()


def _styles():
    from reportlab.lib.styles import ParagraphStyle

    f = fonts()
    base = ParagraphStyle("body", fontName=f.regular, fontSize=11, leading=14, spaceAfter=6)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=9.5, leading=12, spaceAfter=0),
        "title": ParagraphStyle("title", parent=base, fontName=f.bold, fontSize=20,
                                leading=25, spaceAfter=12),
        "heading": ParagraphStyle("heading", parent=base, fontName=f.bold, fontSize=14,
                                  leading=18, spaceBefore=6, spaceAfter=8),
        "bold": ParagraphStyle("bold", parent=base, fontName=f.bold, spaceAfter=0),
        "warning": ParagraphStyle("warning", parent=base, fontName=f.bold, fontSize=18,
                                  leading=23, spaceAfter=12),
    }


def _p(text: str, style):
    """A paragraph of plain text (escaped: workbook text is never markup)."""
    from html import escape

    from reportlab.platypus import Paragraph

    return Paragraph(escape(text, quote=False).replace("\n", "<br/>"), style)


def _front_sheet(meeting: Meeting, items: list[Item], part: str, marks: Marks) -> list:
    from reportlab.platypus import Spacer

    s = _styles()
    marks.open_section()
    story = []

    def add(text: str, style: str, role: str = "P") -> None:
        story.append(tagged(_p(text, s[style]), role, marks))

    if part == PART_B:
        add(NOT_FOR_PUBLICATION, "warning")
        add("Part B: the papers of the exempt items below. Do not share them outside the "
            "meeting.", "body")
    add(meeting.committee, "title", "H1")
    for label, value in (("Date", meeting.date_text), ("Time", meeting.time),
                         ("Venue", meeting.venue), ("Chair", meeting.chair)):
        if value:
            add(f"{label}: {value}", "body")
    if meeting.clerk or meeting.contact:
        story.append(Spacer(1, 12))
        add("Contact", "bold", "H2")
        for line in (meeting.clerk, meeting.contact):
            if line:
                add(line, "body")
    if part == PART_B:
        story.append(Spacer(1, 12))
        add("Exempt items", "heading", "H2")
        for item in items:
            add(f"Item {item.number}: {item.title}. {item.exempt_wording}.", "body")
    return story


def _agenda(meeting: Meeting, items: list[Item], start_pages: dict[int, int | None],
            part: str, marks: Marks) -> list:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    s = _styles()
    heading = "Agenda" if part == PUBLIC else "Agenda: Part B (exempt items)"
    rows = [[_p("Item", s["bold"]), _p("Title", s["bold"]), _p("Page", s["bold"])]]
    for index, item in enumerate(items):
        page = start_pages.get(index)
        rows.append([_p(item.number, s["body"]), _item_cell(item, s),
                     _p(str(page) if page else "", s["body"])])
    marks.open_section()
    story = [tagged(_p(heading, s["heading"]), "H1", marks)]
    table = Table(rows, colWidths=[18 * mm, 122 * mm, 20 * mm], repeatRows=1,
                  renderCB=TableTags(marks, rows))
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), fonts().regular),  # not Helvetica, unembedded
        ("LINEBELOW", (0, 0), (-1, 0), 1, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey),
        ("ALIGN", (2, 0), (2, -1), "RIGHT"),
    ]))
    story.append(table)
    if part == PUBLIC and meeting.public_notice:
        from reportlab.platypus import Spacer

        story += [Spacer(1, 12), tagged(_p(meeting.public_notice, s["body"]), "P", marks)]
    return story


def _item_cell(item: Item, s) -> list:
    cell = [_p(item.title, s["bold"])]
    if item.presenter:
        cell.append(_p(f"Presented by {item.presenter}", s["small"]))
    if item.note:
        cell.append(_p(item.note, s["small"]))
    if item.exempt:
        cell.append(_p(item.exempt_wording + ".", s["small"]))
    return cell
