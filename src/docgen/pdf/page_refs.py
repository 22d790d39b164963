"""Page references worked out by pagination: a table of contents' page numbers.

A PAGEREF field (each entry of a Word table of contents has one) shows the number of the page
holding a bookmark. The .docx caches a number, which may be stale; `paginate` lays the
document out, writes the number of each bookmark's page into every `PageRef`, and puts the
new numbers into the lines already placed when no line's height changed (a right-aligned page
number seldom moves anything); otherwise it paginates again, a bounded number of times.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, fields

from .blocks import Layouter, ParaBox
from .lines import Line
from .model import Block, DocumentModel, PageRef, Paragraph
from .numbering import format_number
from .paginate import Page, Paginator

log = logging.getLogger(__name__)

MAX_PASSES = 3
"""Layouts at most: the first, one with the numbers it found, one more if those moved a line."""
_LINE_FIELDS = [f.name for f in fields(Line) if f.name not in ("bookmarks", "para")]


def paginate(doc: DocumentModel, layouter: RefLayouter) -> list[Page]:
    """The document's pages, with every page reference showing the page its bookmark is on."""
    refs = list(page_refs(doc))
    layouter.recording = bool(refs)
    pages = Paginator(doc, layouter).run()
    for _ in range(MAX_PASSES - 1):
        if not refs or not fill_page_refs(refs, bookmark_numbers(pages)):
            break
        if layouter.refresh():
            break  # the new numbers moved no line: the pages stand
        pages = Paginator(doc, layouter).run()
    else:
        if refs and fill_page_refs(refs, bookmark_numbers(pages)):
            log.info("page references still moved after %d layouts", MAX_PASSES)
    return pages


@dataclass
class RefLayouter(Layouter):
    """A layouter that remembers the lines of each paragraph holding a page reference, so that
    new numbers can be put into them without laying the document out again (`refresh`)."""

    recording: bool = False
    laid: list[tuple[Paragraph, float, dict[str, str] | None, ParaBox]] = field(
        default_factory=list)

    def paragraph(self, para: Paragraph, width: float,
                  fields: dict[str, str] | None = None) -> ParaBox:
        """Break a paragraph into lines (remembered when it holds a page reference)."""
        box = super().paragraph(para, width, fields)
        if self.recording and any(isinstance(item, PageRef) for item in para.inlines):
            self.laid.append((para, width, fields, box))
        return box

    def refresh(self) -> bool:
        """Lay out again each remembered paragraph; when every one keeps its line heights, put
        the new lines' content into the old lines (which the pages hold) and return True; else
        return False (the pages must be made again) and forget them."""
        laid, self.laid = self.laid, []
        fresh = [super(RefLayouter, self).paragraph(para, width, fields)
                 for para, width, fields, _ in laid]
        if any([line.height for line in new.lines] != [line.height for line in old.lines]
               for new, (_, _, _, old) in zip(fresh, laid, strict=True)):
            return False
        for new, (_, _, _, old) in zip(fresh, laid, strict=True):
            for old_line, new_line in zip(old.lines, new.lines, strict=True):
                for name in _LINE_FIELDS:
                    setattr(old_line, name, getattr(new_line, name))
        self.laid = laid
        return True


def bookmark_numbers(pages: list[Page]) -> dict[str, str]:
    """The page number, as the page shows it (its section's number format), of every bookmark
    on `pages`, by name (the first page wins for a name used twice)."""
    numbers: dict[str, str] = {}
    for page in pages:
        for name, _ in page.marks:
            numbers.setdefault(name, format_number(page.number, page.section.page_format))
    return numbers


def fill_page_refs(refs: list[PageRef], numbers: dict[str, str]) -> bool:
    """Write each bookmark's page number into the references to it (a reference to a bookmark
    the document lacks keeps its cached text); True when any text changed."""
    changed = False
    for ref in refs:
        number = numbers.get(ref.bookmark)
        if number is not None and number != ref.text:
            ref.text = number
            changed = True
    return changed


def page_refs(doc: DocumentModel):
    """Every `PageRef` in the document's body (in tables too; headers and footers have none
    that pagination could settle)."""
    for section in doc.sections:
        yield from _refs_in(section.blocks)


def _refs_in(blocks: list[Block]):
    for block in blocks:
        if isinstance(block, Paragraph):
            yield from (item for item in block.inlines if isinstance(item, PageRef))
        else:
            for row in block.rows:
                for cell in row.cells:
                    yield from _refs_in(cell.blocks)
