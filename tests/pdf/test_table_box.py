"""Unit tests of table rows split across pages (issue 16), on rows built in the test: what
LibreOffice 7.4 keeps on the first page, and how the continued part starts."""

from __future__ import annotations

from docgen.pdf.lines import Line, Spacer
from docgen.pdf.model import Border
from docgen.pdf.table_box import CellBox, RowBox, TableBox

LINE = 14.5  # an 11 pt Arial line at 1.15 spacing; its single height is 12.65
AFTER = 10.0  # each paragraph's space after


def line(name: str) -> Line:
    return Line([], height=LINE, single=12.65, bookmarks=[name])


def paragraphs(count: int, before: float = 0.0) -> list:
    """`count` one-line paragraphs as a cell stacks them: line, space, line, ..., space."""
    units: list = []
    for n in range(count):
        if n:
            units.append(Spacer(max(AFTER, before), lower=AFTER, upper=before))
        units.append(line(f"p{n + 1}"))
    units.append(Spacer(AFTER, lower=AFTER))
    return units


def row(units: list, margin: float = 2.85) -> RowBox:
    cell = CellBox(0.0, 200.0, units, sum(u.height for u in units), (margin, 5.4, margin, 5.4))
    box = RowBox([cell], border_top=0.5, border_bottom=0.5)
    box.height = margin + cell.content + margin
    return box


def names(cell: CellBox) -> list[str]:
    return [u.bookmarks[0] for u in cell.units if isinstance(u, Line)]


def test_a_line_in_a_cell_needs_its_full_height_and_its_paragraphs_space_after():
    box = row(paragraphs(6))
    # Room for 4 paragraphs with their space after, and the 5th line's full height but not
    # its space after: LibreOffice moves the 5th paragraph (docgen kept it until issue 16).
    room = 0.5 + 2.85 + 4 * (LINE + AFTER) + LINE + 5.0 + 2.85 + 0.5
    first, rest = box.split(room)
    assert names(first.cells[0]) == ["p1", "p2", "p3", "p4"]
    assert names(rest.cells[0]) == ["p5", "p6"]
    assert rest.continued and isinstance(rest.cells[0].units[0], Line)  # no space at its top


def test_a_last_line_whose_single_height_fits_but_not_its_full_height_moves():
    box = row(paragraphs(3))
    room = 0.5 + 2.85 + (LINE + AFTER) + 13.0 + 2.85 + 0.5  # 13.0 < 14.5
    first, rest = box.split(room)
    assert names(first.cells[0]) == ["p1"]
    assert names(rest.cells[0]) == ["p2", "p3"]


def test_the_cells_first_paragraph_stays_without_its_space_after_and_leaves_a_gap():
    # Recorded: LibreOffice kept the row's first line at the foot of the page though its
    # space after did not fit, and opened the continued cell with an empty line and that space.
    box = row(paragraphs(4))
    first, rest = box.split(0.5 + 2.85 + LINE + 4.0 + 2.85 + 0.5)
    assert names(first.cells[0]) == ["p1"]
    gap = rest.cells[0].units[0]
    assert isinstance(gap, Spacer) and gap.height == LINE + AFTER
    assert names(rest.cells[0]) == ["p2", "p3", "p4"]


def test_a_paragraph_starting_a_continued_cell_keeps_its_space_before():
    box = row(paragraphs(4, before=2.0))
    first, rest = box.split(0.5 + 2.85 + 2 * (LINE + AFTER) + 5.0 + 2.85 + 0.5)
    assert names(first.cells[0]) == ["p1", "p2"]
    top = rest.cells[0].units[0]
    assert isinstance(top, Spacer) and top.height == 2.0
    assert rest.height == 2.85 + 2.0 + LINE + AFTER + LINE + AFTER + 2.85


def test_no_split_when_not_even_a_line_fits():
    assert row(paragraphs(2)).split(10.0) is None


def test_a_splittable_first_row_lets_the_table_start_with_its_first_line():
    header = row([line("head"), Spacer(AFTER, lower=AFTER)])
    body = row(paragraphs(8))
    table = TableBox(0.0, [header, body], header_rows=1)
    assert table.start_height() == header.total(False) + 0.5 + 2.85 + LINE + 2.85 + 0.5
    body.cant_split = True
    assert table.start_height() == header.total(False) + body.total(True)


def test_border_widths_count_in_the_room():
    box = row(paragraphs(2))
    box.border_bottom = 3.0
    box.cells[0].bottom = Border(3.0)
    room = 0.5 + 2.85 + LINE + 2.85 + 0.5  # room for the first line with thin borders only
    assert box.split(room) is None or names(box.split(room)[0].cells[0]) == []
