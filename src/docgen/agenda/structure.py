"""The pack's structure tree: the front sheet's own tags and each paper's structure tree,
grafted into one tree (Document > a Sect per front page group, a Part per item).

The pack is put together with pikepdf (qpdf), which copies objects from one PDF into another
through one map per source file: once a paper's pages are in the pack, copying its
structure tree root points every page reference (/Pg) and link reference (/OBJR) at the
pack's copies, with no walk in Python. The tree's top elements are then hung under the
item's Part, and the pack's parent tree (page → its MCIDs' elements) is made from each
paper's own, looked up by the keys its copied pages and links carry. A paper whose tree
loops or is too large, or has no parent tree, is left untagged: `add_paper` says so.
"""

from __future__ import annotations

import logging
import re

from ..pdf.tagged_pdf import xmp_metadata
from .model import StructTag

logger = logging.getLogger(__name__)

MAX_ELEMENTS = 100_000
"""The most structure elements a paper's tree may have to be grafted (a 100-page report has a
few thousand); a larger tree, or one that loops, leaves the paper untagged."""


UA_CLAIM = re.compile(rb"pdfuaid:part\s*(?:>|=\s*[\"'])\s*1\s*[<\"']")


class StructureTooLarge(ValueError):
    """A paper's structure tree is too large, or loops, to be grafted."""


class PackTree:
    """The pack's structure tree as it is built: `add_front`, then `add_paper` for each paper
    once its pages are in the pack, then `finish`."""

    def __init__(self, pdf):
        import pikepdf

        self.pdf, self.pk = pdf, pikepdf
        self.root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
        self.document = self._element("Document", self.root)
        self.root.K = pikepdf.Array([self.document])
        self.by_page: dict[int, dict[int, object]] = {}  # the front's MCIDs, by page
        self.page_elements: dict[int, object] = {}  # a paper page's parent tree entry
        self.annotations: list[tuple[object, object]] = []
        self.role_map = pikepdf.Dictionary()
        self.papers_claim_ua = True

    def _element(self, role: str, parent, **extra):
        pk = self.pk
        element = self.pdf.make_indirect(pk.Dictionary(
            Type=pk.Name.StructElem, S=pk.Name("/" + role), P=parent, K=pk.Array(), **extra))
        if parent is not self.root:
            parent.K.append(element)
        return element

    def add_front(self, tag: StructTag) -> None:
        """The front sheet and agenda's tags, drawn by the pack itself on its first pages."""
        pages = self.pdf.pages
        for kid in tag.kids:
            self._add_tag(kid, self.document, pages)

    def _add_tag(self, tag: StructTag, parent, pages) -> None:
        pk = self.pk
        extra = {}
        if tag.attributes:
            extra["A"] = pk.Dictionary(O=pk.Name.Table, **{
                k: pk.Name("/" + v) for k, v in tag.attributes.items()})
        element = self._element(tag.role, parent, **extra)
        for page, mcid in tag.marks:
            element.K.append(pk.Dictionary(Type=pk.Name.MCR, Pg=pages[page].obj, MCID=mcid))
            self.by_page.setdefault(page, {})[mcid] = element
        for kid in tag.kids:
            self._add_tag(kid, element, pages)

    def add_paper(self, paper, first_page: int, title: str, trusted: bool = False) -> bool:
        """Graft the structure tree of `paper` (a pikepdf `Pdf` whose pages were appended to
        the pack from `first_page`, 0-based) under a Part titled `title`; False (and nothing
        grafted) if it has no usable tree. A `trusted` paper's tree (one docgen has just
        drawn) is not walked first to see that it neither loops nor is too large."""
        pk = self.pk
        source = paper.Root.get("/StructTreeRoot")
        if not isinstance(source, pk.Dictionary) or "/K" not in source or not isinstance(
                source.get("/ParentTree"), pk.Dictionary):
            return False
        try:
            if not trusted:
                check_tree(source, pk)
        except StructureTooLarge:
            logger.warning("not grafting a paper's structure tree", exc_info=True)
            return False
        if not source.is_indirect:
            source = paper.make_indirect(source)
        copied = self.pdf.copy_foreign(source)  # its pages and links mapped to the pack's
        numbers = pk.NumberTree(copied.ParentTree)
        pages, links = {}, []
        for number in range(first_page, first_page + len(paper.pages)):
            page = self.pdf.pages[number].obj
            pages[number] = self._lookup(numbers, page.get("/StructParents"), pk.Array)
            links += [(annotation, element) for annotation in page.get("/Annots") or []
                      if isinstance(annotation, pk.Dictionary)
                      for element in [self._lookup(numbers, annotation.get("/StructParent"),
                                                   pk.Dictionary)] if element is not None]
        # All looked up before anything is added: should that fail, nothing of it goes in.
        part = self._element("Part", self.document, T=pk.String(title))
        kids = copied.K if isinstance(copied.K, pk.Array) else [copied.K]
        for kid in kids:
            if isinstance(kid, pk.Dictionary):
                if kid.get("/S") == "/Document":
                    kid.S = pk.Name.Sect  # a paper is a part of the pack, not a document
                kid.P = part
                part.K.append(kid)
        self.page_elements.update((n, entry) for n, entry in pages.items() if entry is not None)
        self.annotations += links
        for key, value in (copied.get("/RoleMap") or {}).items():
            self.role_map[key] = value
        self.papers_claim_ua &= _claims_ua(paper, pk)
        return True

    @staticmethod
    def _lookup(numbers, key, kind):
        """The paper's parent tree entry for `key` if it is a `kind`, else None."""
        if not isinstance(key, int):
            return None
        try:
            found = numbers[int(key)]
        except (KeyError, IndexError):  # pikepdf says IndexError for a key not in the tree
            return None
        return found if isinstance(found, kind) else None

    def finish(self, lang: str, claim_ua: bool) -> None:
        """The parent tree, each page's key and tab order, and the catalog's marks; with
        `claim_ua` (every paper tagged and itself claiming it), the PDF/UA-1 claim. Links the
        tree does not hold lose their paper's key (it would name another page's elements)."""
        pk = self.pk
        nums: list = []  # one Array made at the end: appending to one copies each entry
        grafted = set()
        pages = [page.obj for page in self.pdf.pages]
        for number, page in enumerate(pages):
            page.StructParents = number
            page.Tabs = pk.Name.S
            if number in self.page_elements:  # a paper's entry, held by reference
                nums += [number, self.pdf.make_indirect(self.page_elements[number])]
            elif self.by_page.get(number):
                elements = self.by_page[number]
                nums += [number, pk.Array([elements.get(mcid) for mcid in
                                           range(max(elements) + 1)])]
        key = len(pages)
        for annotation, element in self.annotations:
            annotation.StructParent = key
            nums += [key, element]
            grafted.add(annotation.objgen)
            key += 1
        self._drop_stale_keys(grafted)
        self.root.ParentTree = self.pdf.make_indirect(pk.Dictionary(Nums=pk.Array(nums)))
        self.root.ParentTreeNextKey = key
        if self.role_map:
            self.root.RoleMap = self.role_map
        catalog = self.pdf.Root
        catalog.StructTreeRoot = self.root
        catalog.MarkInfo = pk.Dictionary(Marked=True)
        catalog.Lang = pk.String(lang)
        catalog.ViewerPreferences = pk.Dictionary(DisplayDocTitle=True)
        info = self.pdf.trailer.get("/Info")
        info = info if isinstance(info, pk.Dictionary) else {}
        packet = xmp_metadata(**{field: str(info.get(key, "")) for field, key in (
            ("title", "/Title"), ("author", "/Author"), ("subject", "/Subject"))},
            language=lang, claim_ua=claim_ua)
        catalog.Metadata = self.pdf.make_indirect(self.pdf.make_stream(
            packet.encode("utf-8"), Type=pk.Name.Metadata, Subtype=pk.Name.XML))

    def _drop_stale_keys(self, grafted: set) -> None:
        pk = self.pk
        for page in self.pdf.pages:
            for annotation in page.obj.get("/Annots") or []:
                if (isinstance(annotation, pk.Dictionary) and "/StructParent" in annotation
                        and annotation.objgen not in grafted):
                    del annotation.StructParent


def _claims_ua(paper, pk) -> bool:
    """Whether a paper's own XMP metadata claims PDF/UA-1 (docgen's PDFs do), as an element
    (<pdfuaid:part>1</pdfuaid:part>) or an attribute (pdfuaid:part="1")."""
    metadata = paper.Root.get("/Metadata")
    try:
        packet = metadata.read_bytes() if isinstance(metadata, pk.Stream) else b""
    except Exception:  # unreadable metadata: no claim
        return False
    return UA_CLAIM.search(packet) is not None


def check_tree(source, pk) -> int:
    """The number of elements in a paper's structure tree; raises `StructureTooLarge` if an
    element is reached twice (the tree loops) or there are over `MAX_ELEMENTS`."""
    seen: set[tuple[int, int]] = set()
    stack = list(source.K) if isinstance(source.K, pk.Array) else [source.K]
    count = 0
    while stack:
        node = stack.pop()
        if not isinstance(node, pk.Dictionary):
            continue
        if node.is_indirect:
            if node.objgen in seen:
                raise StructureTooLarge("an element of the structure tree is reached twice")
            seen.add(node.objgen)
        count += 1
        if count > MAX_ELEMENTS:
            raise StructureTooLarge(f"the structure tree has over {MAX_ELEMENTS:,} elements")
        kids = node.get("/K")
        if isinstance(kids, pk.Array):
            stack.extend(kids)
        elif isinstance(kids, pk.Dictionary):
            stack.append(kids)
    return count
