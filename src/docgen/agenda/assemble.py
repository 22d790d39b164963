"""Put one pack together: the front sheet and agenda, then each item's papers, with
continuous page numbers, one bookmark per item (its papers' own bookmarks nested under it)
and the document's properties.

The agenda names the page each item starts on, and how many pages the agenda takes depends
on what it lists; so the papers' pages are counted first, the agenda drawn, its pages
counted, and it is drawn again until its length no longer changes (at most a few passes).
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

from .front import PUBLIC, front_pages
from .model import Item, Meeting, OutlineEntry
from .stamp import stamp_pages

logger = logging.getLogger(__name__)

MAX_PASSES = 4
PLACEHOLDER_PAGE = 9999  # as wide as any real page number, for the first pass


@dataclass
class PackItem:
    """An item in one pack: its papers' PDFs, and (once placed) its pack pages."""

    item: Item
    pdfs: list[Path]
    first_page: int | None = None
    last_page: int | None = None
    readers: list = field(default_factory=list, repr=False)
    untagged: list[Path] = field(default_factory=list)

    @property
    def pages(self) -> int:
        """How many pages the item's papers take."""
        return sum(len(reader.pages) for reader in self.readers)


def assemble(meeting: Meeting, entries: list[PackItem], target: Path, *, part: str = PUBLIC,
             title: str | None = None, first: FirstPass | None = None) -> int:
    """Write the pack for `entries` to `target`; set each entry's page range; return the
    number of pages. `first` is the agenda's first pass drawn beforehand (`first_pass`),
    used if it was drawn for the same items."""
    import pypdf

    for entry in entries:
        entry.readers = [pypdf.PdfReader(pdf) for pdf in entry.pdfs]
    front, agenda_page, tags = _front(meeting, entries, part, first)
    writer = pypdf.PdfWriter()
    writer.append(pypdf.PdfReader(io.BytesIO(front)), import_outline=False)
    writer.add_outline_item(title="Front sheet", page_number=0)
    writer.add_outline_item(title="Agenda", page_number=agenda_page)
    parts = [part for entry in entries for part in _append_item(writer, entry)]
    stamp_pages(writer)
    _properties(writer, meeting, title or meeting.title)
    merged = target.with_name(f".{target.stem}.untagged.pdf")
    with open(merged, "wb") as handle:
        writer.write(handle)
    _tag(merged, target, tags, parts, entries)
    return len(writer.pages)


def _tag(merged: Path, target: Path, tags, parts: list, entries: list[PackItem]) -> None:
    """Give the pack one structure tree (see `structure`); should that fail, the pack is
    still made, untagged, and the failure logged."""
    from .structure import tag_pack

    try:
        untagged = {part.pdf for part in tag_pack(merged, target, tags, parts)}
    except Exception:  # a paper's damaged tree must not cost the clerk the pack
        logger.warning("could not tag the pack %s", target.name, exc_info=True)
        merged.replace(target)
        untagged = {part.pdf for part in parts}
    else:
        merged.unlink()
    for entry in entries:
        entry.untagged = [pdf for pdf in entry.pdfs if pdf in untagged]


@dataclass(frozen=True)
class FirstPass:
    """The agenda's first pass (every page number a placeholder) and what it was drawn for."""

    key: tuple
    drawn: tuple
    pages: int


def first_pass(meeting: Meeting, items: list[Item], with_papers: list[bool],
               part: str = PUBLIC) -> FirstPass:
    """Draw the agenda's first pass before the papers are made: it needs only which items
    will have papers in the pack, not how many pages they take."""
    import pypdf

    starts = {i: PLACEHOLDER_PAGE for i, has in enumerate(with_papers) if has}
    drawn = front_pages(meeting, items, starts, part)
    return FirstPass(_pass_key(meeting, items, starts, part), drawn,
                     len(pypdf.PdfReader(io.BytesIO(drawn[0])).pages))


def _pass_key(meeting: Meeting, items: list[Item], starts: dict, part: str) -> tuple:
    return (id(meeting), tuple(id(item) for item in items), tuple(sorted(starts)), part)


def _front(meeting: Meeting, entries: list[PackItem], part: str,
           first: FirstPass | None = None):
    """The front sheet and agenda, drawn until the page numbers it lists are its own."""
    import pypdf

    items = [entry.item for entry in entries]
    starts = {i: PLACEHOLDER_PAGE for i, entry in enumerate(entries) if entry.pdfs}
    if first is not None and first.key != _pass_key(meeting, items, starts, part):
        first = None
    length = None
    for _ in range(MAX_PASSES):
        if first is not None:
            (front, agenda_page, tags), pages, first = first.drawn, first.pages, None
        else:
            front, agenda_page, tags = front_pages(meeting, items, starts, part)
            pages = len(pypdf.PdfReader(io.BytesIO(front)).pages)
        if pages == length:
            return front, agenda_page, tags
        length = pages
        starts = _place(entries, pages)
    raise RuntimeError("the agenda's length did not settle")  # a bug, not a user's input


def _place(entries: list[PackItem], front_pages: int) -> dict[int, int]:
    """Give each entry with papers its page range after `front_pages`; return the starts."""
    page = front_pages + 1
    starts: dict[int, int] = {}
    for index, entry in enumerate(entries):
        if not entry.pdfs:
            entry.first_page = entry.last_page = None
            continue
        entry.first_page, entry.last_page = page, page + entry.pages - 1
        starts[index] = page
        page += entry.pages
    return starts


def _append_item(writer, entry: PackItem) -> list:
    """Append the entry's papers, with a bookmark for the item and its papers' nested (made
    once the pages they point to are in the writer); return where each paper went."""
    from .structure import TaggedPart

    if not entry.pdfs:
        return []
    offsets = []
    for reader in entry.readers:
        offsets.append(len(writer.pages))
        writer.append(reader, import_outline=False)
    parent = writer.add_outline_item(title=entry.item.label, page_number=offsets[0])
    for pdf, reader, offset in zip(entry.pdfs, entry.readers, offsets, strict=True):
        under = parent
        if len(entry.pdfs) > 1:
            under = writer.add_outline_item(title=_paper_title(pdf, reader), page_number=offset,
                                            parent=parent)
        _add_outline(writer, read_outline(reader), offset, under)
    title = entry.item.label
    return [TaggedPart(pdf, offset, title if len(entry.pdfs) == 1 else
                       f"{title}: {_paper_title(pdf, reader)}")
            for pdf, reader, offset in zip(entry.pdfs, entry.readers, offsets, strict=True)]


def _paper_title(pdf: Path, reader) -> str:
    """A paper's bookmark: its PDF's own title, else its file name."""
    title = str((reader.metadata or {}).get("/Title") or "").strip()
    return title if title and title.lower() != "untitled" else pdf.name


def read_outline(reader) -> list[OutlineEntry]:
    """A PDF's bookmarks as `OutlineEntry` trees (entries whose page cannot be found are
    left out, with their children lifted up a level)."""
    def walk(nodes) -> list[OutlineEntry]:
        entries: list[OutlineEntry] = []
        for node in nodes:
            if isinstance(node, list):
                if entries:
                    entries[-1].children += walk(node)
                else:
                    entries += walk(node)
                continue
            try:
                page = reader.get_destination_page_number(node)
            except Exception:  # a broken destination: the bookmark is left out
                page = None
            if page is not None and page >= 0:
                entries.append(OutlineEntry(str(node.title), page))
        return entries

    try:
        return walk(reader.outline)
    except Exception:  # a damaged outline: the paper goes in without its bookmarks
        return []


def _add_outline(writer, entries: list[OutlineEntry], offset: int, parent) -> None:
    for entry in entries:
        node = writer.add_outline_item(title=entry.title, page_number=offset + entry.page,
                                       parent=parent)
        _add_outline(writer, entry.children, offset, node)


def _properties(writer, meeting: Meeting, title: str) -> None:
    from pypdf.generic import NameObject, TextStringObject

    writer.add_metadata({"/Title": title, "/Author": meeting.clerk,
                         "/Subject": f"Agenda pack: {meeting.title}", "/Creator": "docgen"})
    writer._root_object[NameObject("/Lang")] = TextStringObject("en-GB")
    writer.page_mode = "/UseOutlines"
