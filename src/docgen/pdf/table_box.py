"""Laid-out tables: rows of cells that split between lines (the drawer draws them in three
phases: shading, contents, borders)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .lines import Line, Spacer
from .model import Border, Cell, Row, Table


@dataclass
class CellBox:
    """A laid-out cell: position in the table, content units and resolved edges."""

    x: float
    width: float
    units: list
    content: float
    margins: tuple[float, float, float, float]
    shading: str | None = None
    valign: str = "top"
    vmerge: str | None = None
    top: Border | None = None
    left: Border | None = None
    bottom: Border | None = None
    right: Border | None = None
    span_height: float | None = None
    source: Cell | None = None


@dataclass
class RowBox:
    """A laid-out row: `height` is the content box (cell margins included), borders apart."""

    cells: list[CellBox]
    height: float = 0.0
    border_top: float = 0.0
    border_bottom: float = 0.0
    header: bool = False
    cant_split: bool = False
    keep_next: bool = False
    continued: bool = False
    source: Row | None = None

    def total(self, with_bottom: bool) -> float:
        """Height the row takes on the page."""
        return self.border_top + self.height + (self.border_bottom if with_bottom else 0.0)

    def first_line_height(self) -> float:
        """Height of the row's smallest first part: each cell's first line (or unit, at its
        full height, as `split` keeps it) with its margins, and the row's borders."""
        tallest = 0.0
        for cell in self.cells:
            first = next((u for u in cell.units if not isinstance(u, Spacer)), None)
            need = 0.0 if first is None else first.height
            tallest = max(tallest, cell.margins[0] + need + cell.margins[2])
        return self.border_top + min(tallest, self.height) + self.border_bottom

    def split(self, avail: float) -> tuple[RowBox, RowBox] | None:
        """Split at a line boundary so the first part fits in `avail` (with bottom border)."""
        room = avail - self.border_top - self.border_bottom
        firsts, rests = [], []
        any_line = False
        for cell in self.cells:
            budget = room - cell.margins[0] - cell.margins[2]
            used = 0.0
            taken = 0
            units = cell.units
            first_paragraph = True
            for index, unit in enumerate(units):
                # LibreOffice keeps a line in a cell only with its full height, and, when it
                # ends a paragraph other than the cell's first, with the paragraph's space
                # after (unlike the body, where a last line's single height is enough).
                need = unit.height
                following = units[index + 1] if index + 1 < len(units) else None
                if isinstance(unit, Line) and isinstance(following, Spacer) \
                        and not first_paragraph:
                    need += following.lower
                if isinstance(unit, Spacer):
                    first_paragraph = False
                if used + need > budget + 0.01:
                    break
                used += unit.height
                taken += 1
                any_line = any_line or isinstance(unit, Line)
            head, tail = units[:taken], units[taken:]
            carry = 0.0
            if head and tail and isinstance(tail[0], Spacer) \
                    and not any(isinstance(u, Spacer) for u in head) \
                    and used + tail[0].lower > budget + 0.01:
                # The cell's first paragraph kept its last line here but not its space after:
                # LibreOffice opens the continued cell with an empty line and that space.
                carry = head[-1].height + tail[0].lower
            if head and tail and isinstance(head[-1], Spacer):
                # The space between two paragraphs: the space after stays with the paragraph
                # above, the space before goes with the paragraph below.
                gap = head.pop()
                tail.insert(0, gap)
                if gap.lower > 0:
                    head.append(Spacer(gap.lower, lower=gap.lower))
            upper = 0.0
            while tail and isinstance(tail[0], Spacer):
                upper = max(upper, tail[0].upper)
                tail = tail[1:]
            if tail and (carry or upper) > 0:  # a paragraph starting the continued cell
                tail = [Spacer(carry or upper, upper=upper), *tail]  # keeps its space before
            firsts.append(replace(cell, units=head, content=sum(u.height for u in head),
                                  span_height=None))
            rests.append(replace(cell, units=tail, content=sum(u.height for u in tail),
                                 span_height=None, top=cell.top))
        if not any_line or all(not c.units for c in rests):
            return None
        first = replace(self, cells=firsts)
        first.height = max(c.margins[0] + c.content + c.margins[2] for c in firsts)
        rest = replace(self, cells=rests, continued=True)
        rest.height = max(c.margins[0] + c.content + c.margins[2] for c in rests)
        return first, rest


@dataclass
class TableBox:
    """A laid-out table: x offset from the column's left edge, rows, repeated header rows."""

    x: float
    rows: list[RowBox]
    header_rows: int = 0
    keep: list = field(default_factory=list)
    source: Table | None = None

    def start_height(self) -> float:
        """Height of the rows the table must start with on one page: its header rows, the
        first data row (only its first line when it may split and is not kept with the
        next), and every row kept with a row before it."""
        first = self.header_rows
        end = kept_end(self.rows, 0, first + 1)
        if end == first + 1 and first < len(self.rows) and not self.rows[first].cant_split:
            return sum(row.total(False) for row in self.rows[:first]) + \
                self.rows[first].first_line_height()
        return rows_height(self.rows, 0, end)


def kept_end(rows: list[RowBox], first: int, at_least: int = 1) -> int:
    """The end (exclusive) of the rows that go on one page with row `first`: `at_least`
    rows, then each row after a row kept with its next (Word's keep-with-next in tables)."""
    end = min(first + at_least, len(rows))
    while end < len(rows) and rows[end - 1].keep_next:
        end += 1
    return end


def rows_height(rows: list[RowBox], first: int, end: int) -> float:
    """Height of rows `first` to `end` (exclusive) on a page, the last one's bottom border
    included."""
    if end <= first:
        return 0.0
    return sum(row.total(False) for row in rows[first:end]) + rows[end - 1].border_bottom


@dataclass
class RowUnit:
    """A row of a nested table used as one unsplittable unit inside a cell or header."""

    table: TableBox
    index: int
    page_break_after: bool = False

    @property
    def height(self) -> float:
        """The row's height, with the bottom border on the last row."""
        return self.row.total(self.last)

    @property
    def single(self) -> float:
        """Same as height: rows do not split inside a cell."""
        return self.height

    @property
    def row(self) -> RowBox:
        """The row itself."""
        return self.table.rows[self.index]

    @property
    def last(self) -> bool:
        """True for the table's last row, which draws its bottom border."""
        return self.index == len(self.table.rows) - 1
