"""Put one pack together: the front sheet and agenda, then each item's papers, with
continuous page numbers, one bookmark per item (its papers' own bookmarks nested under it)
and the document's properties.

The agenda names the page each item starts on, and how many pages the agenda takes depends
on what it lists; so the papers' pages are counted first, the agenda drawn, its pages
counted, and it is drawn again until its length no longer changes (at most a few passes).

It is all done in one pikepdf (qpdf) document, saved once: the papers' pages appended as they
are, each one's structure tree grafted as it is appended (`structure`), then the stamps, the
properties, the tree's parent tree and the bookmarks. Papers' bookmarks are read here
(`read_outline`), bounded, through named destinations and GoTo actions.
"""

from __future__ import annotations

import io
import logging
from contextlib import ExitStack
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
    opened: list = field(default_factory=list, repr=False)
    untagged: list[Path] = field(default_factory=list)
    made: frozenset[Path] = frozenset()
    """The PDFs docgen drew in this run (their structure trees are grafted unchecked)."""

    @property
    def pages(self) -> int:
        """How many pages the item's papers take."""
        return sum(len(pdf.pages) for pdf in self.opened)


def assemble(meeting: Meeting, entries: list[PackItem], target: Path, *, part: str = PUBLIC,
             title: str | None = None, first: FirstPass | None = None) -> int:
    """Write the pack for `entries` to `target`; set each entry's page range; return the
    number of pages. `first` is the agenda's first pass drawn beforehand (`first_pass`),
    used if it was drawn for the same items."""
    import pikepdf

    from .structure import PackTree

    with ExitStack() as stack:
        for entry in entries:
            entry.opened = [stack.enter_context(pikepdf.open(pdf)) for pdf in entry.pdfs]
            entry.untagged = []
        front, agenda_page, tags = _front(meeting, entries, part, first)
        pack = stack.enter_context(pikepdf.new())
        pack.pages.extend(stack.enter_context(pikepdf.open(io.BytesIO(front))).pages)
        tree = PackTree(pack)
        tree.add_front(tags)
        outline = [OutlineEntry("Front sheet", 0), OutlineEntry("Agenda", agenda_page)]
        for entry in entries:
            outline += _append_item(pack, tree, entry)
        stamp_pages(pack)
        _properties(pack, meeting, title or meeting.title)
        tree.finish("en-GB", claim_ua=tree.papers_claim_ua and not any(
            entry.untagged for entry in entries))
        _write_outline(pack, outline)
        pages = len(pack.pages)
        # Streams are written as the papers have them: qpdf would otherwise decode and
        # compress again every content stream reportlab wrote (ASCII85 over Flate), the
        # most costly step of assembling (a third of it for 150 pages).
        pack.save(target, compress_streams=False)
        for entry in entries:
            entry.opened = []
    return pages


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
    starts = {i: PLACEHOLDER_PAGE for i, has in enumerate(with_papers) if has}
    drawn = front_pages(meeting, items, starts, part)
    return FirstPass(_pass_key(meeting, items, starts, part), drawn, _page_count(drawn[0]))


def _page_count(data: bytes) -> int:
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def _pass_key(meeting: Meeting, items: list[Item], starts: dict, part: str) -> tuple:
    return (id(meeting), tuple(id(item) for item in items), tuple(sorted(starts)), part)


def _front(meeting: Meeting, entries: list[PackItem], part: str,
           first: FirstPass | None = None):
    """The front sheet and agenda, drawn until the page numbers it lists are its own."""
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
            pages = _page_count(front)
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


def _append_item(pack, tree, entry: PackItem) -> list[OutlineEntry]:
    """Append the entry's papers to `pack`, grafting each one's structure tree into `tree`;
    return the item's bookmark, with its papers' own nested under it."""
    if not entry.pdfs:
        return []
    papers = []
    for pdf, opened in zip(entry.pdfs, entry.opened, strict=True):
        offset = len(pack.pages)
        pack.pages.extend(opened.pages)
        title = _paper_title(pdf, opened)
        part = entry.item.label if len(entry.pdfs) == 1 else f"{entry.item.label}: {title}"
        if not _graft(tree, opened, offset, part, pdf in entry.made):
            entry.untagged.append(pdf)
        papers.append(OutlineEntry(title, offset, _moved(read_outline(opened), offset)))
    if len(papers) == 1:
        return [OutlineEntry(entry.item.label, papers[0].page, papers[0].children)]
    return [OutlineEntry(entry.item.label, papers[0].page, papers)]


def _graft(tree, paper, offset: int, title: str, trusted: bool) -> bool:
    """Graft a paper's structure tree; should that fail, the pack is still made, that
    paper's pages untagged, and the failure logged."""
    try:
        return tree.add_paper(paper, offset, title, trusted)
    except Exception:  # a paper's damaged tree must not cost the clerk the pack
        logger.warning("could not tag the pages of %s", title, exc_info=True)
        return False


def _moved(entries: list[OutlineEntry], offset: int) -> list[OutlineEntry]:
    return [OutlineEntry(e.title, e.page + offset, _moved(e.children, offset))
            for e in entries]


def _paper_title(pdf: Path, paper) -> str:
    """A paper's bookmark: its PDF's own title, else its file name."""
    info = paper.trailer.get("/Info")
    title = str(info.get("/Title", "")).strip() if info is not None else ""
    return title if title and title.lower() != "untitled" else pdf.name


def read_outline(pdf) -> list[OutlineEntry]:
    """A PDF's bookmarks as `OutlineEntry` trees (a pikepdf `Pdf`); an entry whose page
    cannot be found is left out, its children lifted up a level. Bounded: at most
    `MAX_BOOKMARKS` entries, `MAX_DEPTH` levels, and an outline that loops is cut where it
    comes back."""
    import pikepdf

    outlines = pdf.Root.get("/Outlines")
    if not isinstance(outlines, pikepdf.Dictionary):
        return []
    reader = _OutlineReader(pdf, pikepdf)
    try:
        return reader.walk(outlines.get("/First"), 0)
    except Exception:  # a damaged outline: the paper goes in without its bookmarks
        return []


MAX_BOOKMARKS = 10_000
MAX_DEPTH = 32


class _OutlineReader:
    def __init__(self, pdf, pikepdf):
        self.pdf, self.pk = pdf, pikepdf
        self.pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
        self.seen: set = set()
        self.named = None

    def walk(self, node, depth: int) -> list[OutlineEntry]:
        pk = self.pk
        entries: list[OutlineEntry] = []
        while isinstance(node, pk.Dictionary) and len(self.seen) < MAX_BOOKMARKS:
            if node.is_indirect:
                if node.objgen in self.seen:
                    break
                self.seen.add(node.objgen)
            children = self.walk(node.get("/First"), depth + 1) if depth < MAX_DEPTH else []
            page = self.page_of(node)
            if page is None:
                entries += children
            else:
                entries.append(OutlineEntry(str(node.get("/Title", "")), page, children))
            node = node.get("/Next")
        return entries

    def page_of(self, node) -> int | None:
        pk = self.pk
        destination = node.get("/Dest")
        action = node.get("/A")
        if destination is None and isinstance(action, pk.Dictionary) and action.get(
                "/S") == "/GoTo":
            destination = action.get("/D")
        if isinstance(destination, (pk.Name, pk.String)):
            destination = self.lookup(destination)
        if isinstance(destination, pk.Dictionary):
            destination = destination.get("/D")
        if not isinstance(destination, pk.Array) or len(destination) == 0:
            return None
        page = destination[0]
        if isinstance(page, pk.Dictionary):
            return self.pages.get(page.objgen)
        return None

    def lookup(self, name):
        pk = self.pk
        if isinstance(name, pk.Name):
            dests = self.pdf.Root.get("/Dests")
            return dests.get(name) if isinstance(dests, pk.Dictionary) else None
        if self.named is None:
            names = self.pdf.Root.get("/Names")
            tree = names.get("/Dests") if isinstance(names, pk.Dictionary) else None
            self.named = pk.NameTree(tree) if isinstance(tree, pk.Dictionary) else {}
        return self.named.get(str(name)) if self.named else None


def _write_outline(pack, entries: list[OutlineEntry]) -> None:
    from pikepdf import OutlineItem

    def items(level: list[OutlineEntry]) -> list:
        made = []
        for entry in level:
            item = OutlineItem(entry.title, entry.page)
            item.children.extend(items(entry.children))
            made.append(item)
        return made

    with pack.open_outline() as outline:
        outline.root.extend(items(entries))


def _properties(pack, meeting: Meeting, title: str) -> None:
    import pikepdf

    info = pack.docinfo
    for key, value in (("/Title", title), ("/Author", meeting.clerk),
                       ("/Subject", f"Agenda pack: {meeting.title}"), ("/Creator", "docgen")):
        info[key] = pikepdf.String(value)
    pack.Root.PageMode = pikepdf.Name.UseOutlines
