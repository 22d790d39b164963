"""What the section, drawing and table readers need from the document reader.

`DocxReader` walks the document and hands sections, drawings and tables to their own modules,
which read nested content (a header's paragraphs, a cell's blocks, a text box) back through
it. They see it only as this interface, so none of them imports the reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from lxml import etree

from .model import Block
from .styles import StyleSheet
from .table_props import TableStyle

if TYPE_CHECKING:
    from ..chart_description import ChartDescription


class StoryReader(Protocol):
    """The reader as its helpers see it: the story part being read, its style sheet, and
    ways to read nested content and to record a warning."""

    part: Any
    """The python-docx part of the story being read (body, header, footer): relationships
    (pictures, charts, links) resolve against it."""
    sheet: StyleSheet
    charts: dict[str, ChartDescription]
    """The descriptions of charts already known (a build's own), by chart part name."""

    def warn(self, message: str) -> None:
        """Record a warning once."""

    def blocks(self, parent: etree._Element, table: tuple | None = None) -> list[Block]:
        """Model blocks of every child of a container (cell, header, text box)."""

    def story(self, rid: str | None) -> list[Block]:
        """Blocks of the header or footer part related as `rid` (none for an unknown one)."""

    def table_style(self, style_id: str | None) -> TableStyle:
        """The merged table style `style_id`."""
