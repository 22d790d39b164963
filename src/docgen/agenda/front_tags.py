"""Tag what the front sheet and agenda draw, so that the pack can be a tagged PDF.

reportlab's platypus draws no marked content; here each paragraph is wrapped in a flowable
that opens a marked-content sequence with its own MCID (`/P <</MCID 3>> BDC ... EMC`) and
records it on a `StructTag`, and the agenda table's cells are marked the same way through
reportlab's table render callbacks, its rules and backgrounds marked as artifacts (as is a
header row repeated on a continuation page). `structure` turns the tags into the pack's
structure tree.
"""

from __future__ import annotations

from collections import defaultdict

from .model import StructTag


class Marks:
    """The MCIDs given out on each page, and the tags they were given for."""

    def __init__(self):
        self.next_mcid: dict[int, int] = defaultdict(int)
        self.root = StructTag("Document")
        self.section = self.root

    def open_section(self, role: str = "Sect") -> StructTag:
        """Start a new section of the tree; later tags go in it."""
        self.section = StructTag(role)
        self.root.kids.append(self.section)
        return self.section

    def begin(self, canvas, tag: StructTag) -> None:
        """Open a marked-content sequence for `tag` on the canvas's current page."""
        page = canvas.getPageNumber() - 1
        mcid = self.next_mcid[page]
        self.next_mcid[page] += 1
        tag.marks.append((page, mcid))
        canvas._code.append(f"/{tag.role} <</MCID {mcid}>> BDC")

    @staticmethod
    def artifact(canvas) -> None:
        """Open a marked-content sequence for decoration (rules, repeated headers)."""
        canvas._code.append("/Artifact BMC")

    @staticmethod
    def end(canvas) -> None:
        """Close the sequence opened last."""
        canvas._code.append("EMC")


def tagged(flowable, role: str, marks: Marks):
    """`flowable` drawn inside a marked-content sequence, as a `role` element of the current
    section (a paragraph split over pages is one element with a sequence on each)."""
    tag = StructTag(role)
    marks.section.kids.append(tag)
    return _tagged_class()(flowable, tag, marks)


_CLASSES: dict[str, type] = {}


def _tagged_class() -> type:
    if "tagged" not in _CLASSES:
        from reportlab.platypus import Flowable

        class Tagged(Flowable):
            """A flowable drawn inside a tagged marked-content sequence."""

            def __init__(self, inner, tag: StructTag, marks: Marks):
                super().__init__()
                self.inner, self.tag, self.marks = inner, tag, marks

            def wrap(self, available_width, available_height):
                self.width, self.height = self.inner.wrap(available_width, available_height)
                return self.width, self.height

            def split(self, available_width, available_height):
                parts = self.inner.split(available_width, available_height)
                return [type(self)(part, self.tag, self.marks) for part in parts]

            def getSpaceBefore(self):  # noqa: N802 - reportlab's name
                return self.inner.getSpaceBefore()

            def getSpaceAfter(self):  # noqa: N802 - reportlab's name
                return self.inner.getSpaceAfter()

            def draw(self):
                self.marks.begin(self.canv, self.tag)
                self.inner.drawOn(self.canv, 0, 0)
                self.marks.end(self.canv)

        _CLASSES["tagged"] = Tagged
    return _CLASSES["tagged"]


class TableTags:
    """reportlab table render callbacks that tag an agenda table as Table > TR > TH/TD.

    `rows` are the table's rows of cell values as given to `Table`; the first `header_rows`
    are header cells (TH, scope Column). A cell is known by its first flowable's identity
    (reportlab keeps the flowables but not the lists holding them), so that the tables
    reportlab splits a long table into still find their cells' tags.
    """

    def __init__(self, marks: Marks, rows: list[list], header_rows: int = 1):
        self.marks = marks
        self.table = StructTag("Table")
        marks.section.kids.append(self.table)
        self.cells: dict[int, StructTag] = {}
        for number, row in enumerate(rows):
            row_tag = StructTag("TR")
            self.table.kids.append(row_tag)
            for value in row:
                header = number < header_rows
                cell = StructTag("TH" if header else "TD",
                                 attributes={"Scope": "Column"} if header else {})
                row_tag.kids.append(cell)
                self.cells[_cell_key(value)] = cell
        self.open: list[bool] = []

    def __call__(self, table, event: str, *args) -> None:
        canvas = table.canv
        if event in ("startBG", "startLines"):
            self.marks.artifact(canvas)
        elif event in ("endBG", "endLines"):
            self.marks.end(canvas)
        elif event == "startCell":
            tag = self.cells.get(_cell_key(args[2]))
            if tag is None or tag.marks:  # unknown, or a header repeated on a new page
                self.marks.artifact(canvas)
            else:
                self.marks.begin(canvas, tag)
        elif event == "endCell":
            self.marks.end(canvas)


def _cell_key(value) -> int:
    """A cell's identity: that of its (first) flowable."""
    if isinstance(value, list | tuple):
        return id(value[0]) if value else id(value)
    return id(value)
