"""Pagination with Word's (LibreOffice's) rules: spacing, widows/orphans, keep-with-next,
page-top spacing, table rows split by line (unless kept whole) with header rows repeated."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from .blocks import Layouter, ParaBox, gap_between
from .lines import Line, Spacer
from .model import DocumentModel, Paragraph, Section
from .notes import note_number
from .sections import header_kind
from .table_box import RowBox, TableBox, kept_end, rows_height

MAX_PAGES = 2_000
"""The most pages a PDF may have: a bound on the work a hostile page size can cause."""

log = logging.getLogger(__name__)
EPS = 0.01
NOTE_GAP = 3.35
"""From the top of a page's footnote area (where its body text stops, the top of the
separator rule) to its first note line's top, as LibreOffice 7.4 places them; that first
line drops the extra of its proportional line spacing (later lines have it above their text)."""


@dataclass
class PageOp:
    """Something placed on a page: a line or a table row, top-left at (x, y) in PDF space."""

    kind: str
    obj: object
    x: float
    y: float
    draw_bottom: bool = False


@dataclass
class Page:
    """One laid-out page."""

    section: Section
    index: int
    number: int
    first_of_section: bool
    header_kind: str
    ops: list[PageOp] = field(default_factory=list)
    outline: list[tuple[int, str, float]] = field(default_factory=list)
    marks: list[tuple[str, float]] = field(default_factory=list)
    notes: list[ParaBox] = field(default_factory=list)
    """The footnotes drawn at the foot of the page (see `notes_bottom`)."""
    notes_bottom: float = 0.0
    """Where the page's footnote area ends, from the page top (its body's bottom limit)."""
    notes_height: float = 0.0
    """The footnote area's height, separator included (0 without notes)."""
    problems: list[str] = field(default_factory=list)
    """Warnings met laying the page out (what was left out or drawn differently)."""


class Paginator:
    """Places laid-out blocks on pages for a whole document."""

    def __init__(self, doc: DocumentModel, layouter: Layouter):
        self.doc = doc
        self.layouter = layouter
        self.pages: list[Page] = []
        self._story_heights: dict[tuple[int, str, str], float] = {}
        self.section: Section | None = None
        self.prev: ParaBox | None = None
        self.hard_top = True
        self.y = self.top = self.bottom = 0.0
        self.x = 0.0
        self._current_table_x = 0.0
        self._notes: dict[str, ParaBox] = {}
        self._placed_notes: set[str] = set()

    def run(self) -> list[Page]:
        """Paginate every section; return the pages."""
        for index, section in enumerate(self.doc.sections):
            boxes = self.layouter.blocks(section.blocks, section.body_width)
            if index == 0 or section.start != "continuous":
                self.section = section
                if section.start in ("oddPage", "evenPage") and self.pages:
                    want_odd = section.start == "oddPage"
                    if (len(self.pages) + 1) % 2 != (1 if want_odd else 0):
                        self.new_page(hard=True, first=False)
                self.new_page(hard=True, first=True)
            else:
                self.section = section
            self.flow(boxes)
        missing = [n for n in self.doc.footnotes if n not in self._placed_notes]
        if missing:
            self._warn(f"the text of footnote{'s' if len(missing) > 1 else ''} "
                       f"{', '.join(missing)} was left out of the PDF: only notes called from "
                       "body paragraphs (not tables, headers or text boxes) are drawn")
        return self.pages

    # -- footnotes --------------------------------------------------------------------------

    def _note(self, number: str) -> ParaBox | None:
        """A footnote's text laid out as one box (its paragraphs' lines, the last one's space
        after kept as the gap before the next note)."""
        if number not in self._notes:
            blocks = self.doc.footnotes.get(number)
            if not blocks:
                return None
            width = self.section.body_width
            boxes = [self.layouter.paragraph(b, width) for b in blocks
                     if isinstance(b, Paragraph)]
            if len(boxes) < len(blocks):
                self._warn(f"a table in footnote {number} was left out of the PDF")
            if not boxes:
                return None
            lines: list = []
            for i, box in enumerate(boxes):
                if i:
                    lines.append(Spacer(gap_between(boxes[i - 1], box)))
                lines.extend(box.lines)
            self._notes[number] = ParaBox(lines, boxes[-1].props, boxes[0].style_id, None)
        return self._notes[number]

    def _notes_room(self, line: Line, adding: list[ParaBox]) -> float:
        """Extra foot room the footnotes called from `line` take on this page (`adding`: notes
        of earlier lines being placed with it, extended)."""
        extra = 0.0
        for name in line.bookmarks:
            number = note_number(name)
            note = self._note(number) if number is not None else None
            if note is None or number in self._placed_notes:
                continue
            before = adding[-1] if adding else (self.page.notes[-1] if self.page.notes
                                                else None)
            if before is None:
                extra += NOTE_GAP - (note.lines[0].height - note.lines[0].single)
            else:
                extra += before.props.space_after
            extra += sum(ln.height for ln in note.lines)
            adding.append(note)
        return extra

    def _place_notes(self, line: Line) -> None:
        """Put the footnotes a placed line calls at this page's foot, raising its bottom."""
        page = self.page
        adding: list[ParaBox] = []
        extra = self._notes_room(line, adding)
        if not adding:
            return
        for name in line.bookmarks:
            number = note_number(name)
            if number is not None and number in self._notes:
                self._placed_notes.add(number)
        page.notes.extend(adding)
        page.notes_height += extra
        self.bottom -= extra
        if self.y + line.single > self.bottom + EPS:
            numbers = ", ".join(n for n in map(note_number, line.bookmarks) if n is not None)
            self._warn(f"footnote {numbers} does not fit on the page with the line that calls "
                       "it: LibreOffice would continue it on the next page; docgen draws it "
                       "whole, over the page's text")

    def _warn(self, message: str) -> None:
        """Record a warning with the current page, for the drawer to report (once)."""
        self.page.problems.append(message)

    # -- pages ------------------------------------------------------------------------------

    def _story_height(self, section: Section, kind: str, which: str) -> float:
        """Height of a header or footer (laid out once, page numbers as placeholders)."""
        key = (id(section), kind, which)
        if key not in self._story_heights:
            stories = section.headers if which == "header" else section.footers
            blocks = stories.get(kind, [])
            units = self.layouter.stack(blocks, section.body_width)
            self._story_heights[key] = sum(u.height for u in units)
        return self._story_heights[key]

    def new_page(self, hard: bool, first: bool = False) -> None:
        """Start a page of the current section; `hard` keeps the next space-before."""
        section = self.section
        first_of_section = first
        previous = self.pages[-1] if self.pages else None
        if first_of_section and section.page_start is not None:
            number = section.page_start
        else:
            number = previous.number + 1 if previous else 1
        kind = header_kind(section, first_of_section, number, self.doc.even_and_odd_headers)
        if len(self.pages) >= MAX_PAGES:
            from ..exceptions import ExportError

            raise ExportError(f"the document runs to more than {MAX_PAGES:,} pages; docgen "
                              "stops there (is its page or a margin very small?)")
        page = Page(section, len(self.pages), number, first_of_section, kind)
        self.pages.append(page)
        header = self._story_height(section, kind, "header")
        footer = self._story_height(section, kind, "footer")
        self.top = max(section.margin_top, section.header_distance + header)
        self.bottom = section.page_height - max(section.margin_bottom,
                                                section.footer_distance + footer)
        page.notes_bottom = self.bottom
        self.y = self.top
        self.x = section.margin_left
        self.hard_top = hard
        self.prev = None

    @property
    def page(self) -> Page:
        """The current page."""
        return self.pages[-1]

    @property
    def has_content(self) -> bool:
        """True once something has been placed in the body of the current page."""
        return self.y > self.top + EPS or bool(self.page.ops)

    def flow(self, boxes: list) -> None:
        """Place a section's boxes."""
        for index, box in enumerate(boxes):
            if isinstance(box, ParaBox):
                if box.props.page_break_before and self.has_content:
                    self.new_page(hard=True)
                if box.props.keep_next and self.has_content:
                    self._keep_with_next(boxes, index)
                self.place_paragraph(box)
            else:
                self.place_table(box)

    # -- paragraphs -------------------------------------------------------------------------

    def gap_for(self, box: ParaBox) -> float:
        """Space above a paragraph here: dropped at a page top reached by natural flow."""
        if not self.has_content:
            return box.props.space_before if self.hard_top else 0.0
        return gap_between(self.prev, box)

    def _keep_with_next(self, boxes: list, index: int) -> None:
        """Move a keep-with-next chain to a new page unless it fits with its successor's start."""
        need = 0.0
        prev = self.prev
        j = index
        while j < len(boxes) and isinstance(boxes[j], ParaBox) and boxes[j].props.keep_next:
            box = boxes[j]
            need += (gap_between(prev, box) if j > index else self.gap_for(box))
            need += sum(line.height for line in box.lines)
            prev = box
            j += 1
        if j < len(boxes):
            nxt = boxes[j]
            if isinstance(nxt, ParaBox):
                lines = nxt.lines if len(nxt.lines) <= 3 else nxt.lines[:2]
                need += gap_between(prev, nxt)
                need += sum(line.height for line in lines[:-1]) + lines[-1].single
            elif nxt.rows:
                need += prev.props.space_after if prev else 0.0
                need += nxt.start_height()
        page_room = self.bottom - self.top
        if self.y + need > self.bottom + EPS and need <= page_room:
            self.new_page(hard=False)

    def place_paragraph(self, box: ParaBox) -> None:
        """Place a paragraph's lines, splitting it across pages by the widow/orphan rules."""
        gap = self.gap_for(box)
        segment: list[Line] = []
        first = True
        for line in box.lines:
            segment.append(line)
            if line.page_break_after:
                self._place_lines(box, segment, gap, first)
                self.new_page(hard=True)
                segment, gap, first = [], 0.0, False
        if segment:
            self._place_lines(box, segment, gap, first)
        self.prev = box

    def _fit(self, lines: list[Line], start: int, room: float) -> int:
        """How many lines from `start` fit in `room` (a last line needs only its single height)."""
        used = notes = 0.0
        count = 0
        adding: list[ParaBox] = []
        for line in lines[start:]:
            notes += self._notes_room(line, adding) if line.bookmarks else 0.0
            if used + line.single + notes > room + EPS:
                break
            used += line.height
            count += 1
        return count

    def _place_lines(self, box: ParaBox, lines: list[Line], gap: float, first: bool) -> None:
        """Place one run of lines (between hard page breaks)."""
        k = 0
        n = len(lines)
        while k < n:
            room = self.bottom - self.y - gap
            fit = self._fit(lines, k, room)
            rest = n - k
            if fit >= rest:
                self._emit(box, lines, k, rest, gap, first)
                return
            if self.has_content:
                if box.props.keep_lines and k == 0 and self._fits_page(lines):
                    fit = 0
                elif box.props.widow_control:
                    if k == 0 and fit < 2:
                        fit = 0
                    elif rest - fit < 2:
                        fit = rest - 2 if rest - 2 >= (2 if k == 0 else 1) else 0
                if fit == 0:
                    self.new_page(hard=False)
                    gap = 0.0
                    continue
            else:
                fit = max(fit, 1)
                if box.props.widow_control and rest - fit == 1 and fit >= 3:
                    fit -= 1
            self._emit(box, lines, k, fit, gap, first)
            k += fit
            self.new_page(hard=False)
            gap = 0.0

    def _fits_page(self, lines: list[Line]) -> bool:
        """True when the lines fit on an empty page."""
        return sum(line.height for line in lines) <= self.bottom - self.top

    def _emit(self, box: ParaBox, lines: list[Line], start: int, count: int, gap: float,
              first: bool) -> None:
        """Put lines on the current page."""
        self.y += gap
        page = self.page
        height = page.section.page_height
        if first and start == 0 and box.outline is not None:
            page.outline.append((box.outline[0], box.outline[1], height - self.y))
        for line in lines[start:start + count]:
            page.ops.append(PageOp("line", line, self.x, height - self.y))
            for name in line.bookmarks:
                if note_number(name) is None:
                    page.marks.append((name, height - self.y))
            if line.bookmarks:
                self._place_notes(line)
            self.y += line.height

    # -- tables -----------------------------------------------------------------------------

    def place_table(self, table: TableBox) -> None:
        """Place a table row by row: it starts where its first rows fit together; a row kept
        whole moves to the next page whole (unless taller than a page), a row kept with the
        next moves with it, other rows split between lines; header rows repeat."""
        if not table.rows:
            return
        if self.has_content and self.prev is not None:
            self.y += self.prev.props.space_after
        self._current_table_x = table.x
        start = table.start_height()
        if self.has_content and not self._fits(start) and start <= self.bottom - self.top:
            self.new_page(hard=False)
        rows: list[RowBox] = list(table.rows)
        headers = rows[:table.header_rows]
        start_ops, start_y = len(self.page.ops), self.y
        movable = self.has_content  # the whole table may still go to the next page
        data_here = 0
        i = 0
        while i < len(rows):
            row = rows[i]
            is_header = i < table.header_rows
            if data_here and row.keep_next and not self._kept_rows_fit(rows, i, headers):
                self._break_table(headers)
                data_here, movable = 0, False
                continue
            if self._fits(row.total(True)):
                self._emit_row(row)
                data_here += 0 if is_header else 1
                i += 1
                continue
            if data_here == 0 and movable and (is_header or row.cant_split or row.keep_next
                                               or row.split(self.bottom - self.y) is None):
                # Nothing of the table's body fits here, not even the first line of a row that
                # may split (LibreOffice splits it there): start the table on a new page.
                self._undo(start_ops, start_y)
                self.new_page(hard=False)
                movable, i = False, 0
                continue
            whole = is_header or (row.cant_split and self._fits_under(headers, row.total(True)))
            parts = None if whole else row.split(self.bottom - self.y)
            if parts is None and data_here == 0:
                self._emit_row(row)  # taller than a page and unsplittable: it overflows
                data_here += 1
                i += 1
                continue
            if parts is not None:
                self._emit_row(parts[0])
                rows[i] = parts[1]
            self._break_table(headers)
            data_here, movable = 0, False
        self._close_table()
        self.prev = None

    def _fits(self, height: float) -> bool:
        """True when `height` fits between the current position and the page bottom."""
        return self.y + height <= self.bottom + EPS

    def _fits_under(self, headers: list[RowBox], height: float) -> bool:
        """True when `height` fits on a new page below the table's repeated header rows."""
        return rows_height(headers, 0, len(headers)) + height <= self.bottom - self.top + EPS

    def _kept_rows_fit(self, rows: list[RowBox], first: int, headers: list[RowBox]) -> bool:
        """False when the rows kept together from `first` do not fit on this page but would on
        the next (so they move there together)."""
        height = rows_height(rows, first, kept_end(rows, first))
        return self._fits(height) or not self._fits_under(headers, height)

    def _emit_row(self, row: RowBox) -> None:
        """Put a row of the current table on the current page."""
        height = self.page.section.page_height
        self.page.ops.append(PageOp("row", row, self.x + self._current_table_x, height - self.y))
        self.y += row.total(False)

    def _close_table(self) -> None:
        """The last row on the page draws (and takes room for) its bottom border."""
        ops = self.page.ops
        if ops and ops[-1].kind == "row":
            ops[-1].draw_bottom = True
            self.y += ops[-1].obj.border_bottom

    def _break_table(self, headers: list[RowBox]) -> None:
        """Continue a table on a new page, repeating its header rows."""
        self._close_table()
        self.new_page(hard=False)
        for row in headers:
            self._emit_row(row)

    def _undo(self, start_ops: int, start_y: float) -> None:
        """Take back rows placed on this page (a table that must start on the next page)."""
        del self.page.ops[start_ops:]
        self.y = start_y
