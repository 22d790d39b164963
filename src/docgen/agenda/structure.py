"""Make the assembled pack a tagged PDF: the front sheet's own tags and each paper's structure
tree, grafted into one tree (Document > a Sect per front page group, a Part per item).

pypdf merges the pages but not the structure trees, so after it has written the pack, each
tagged paper's tree is copied in with pikepdf: its elements' page references are pointed at the
pack's pages, its links' object references at the pack's annotations, and the parent tree (page
→ its MCIDs' elements) is built afresh for the whole pack. An untagged paper (a PDF from
elsewhere) stays untagged: `tag_pack` says how many were.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from .model import StructTag

logger = logging.getLogger(__name__)

MAX_ELEMENTS = 100_000
"""The most structure elements a paper's tree may have to be grafted (a 100-page report has a
few thousand); a larger tree, or one that loops, leaves the pack untagged (see `assemble`)."""


class StructureTooLarge(ValueError):
    """A paper's structure tree is too large, or loops, to be grafted."""


@dataclass(frozen=True)
class TaggedPart:
    """A paper in the pack: its own PDF, its first page in the pack (0-based), its title."""

    pdf: Path
    first_page: int
    title: str


def tag_pack(source: Path, target: Path, front: StructTag, parts: list[TaggedPart],
             lang: str = "en-GB") -> list[TaggedPart]:
    """Write `source` (the merged pack) to `target` with one structure tree; return the
    `parts` that had no structure tree of their own (their pages are left untagged)."""
    import pikepdf

    with pikepdf.open(source) as pdf:
        tree = _Tree(pdf, pikepdf)
        tree.add_front(front)
        untagged = [part for part in parts if not tree.add_part(part)]
        tree.finish(lang, claim_ua=not untagged and tree.papers_claim_ua)
        pdf.save(target)
    return untagged


class _Tree:
    """The pack's structure tree as it is built."""

    def __init__(self, pdf, pikepdf):
        self.pdf, self.pk = pdf, pikepdf
        self.pages = [page.obj for page in pdf.pages]  # looked up once: the pages stay put
        self.root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
        self.document = self._element("Document", self.root)
        self.root.K = pikepdf.Array([self.document])
        self.by_page: dict[int, dict[int, object]] = {}
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
        """The front sheet and agenda's tags, drawn by the pack itself."""
        for kid in tag.kids:
            self._add_tag(kid, self.document)

    def _add_tag(self, tag: StructTag, parent) -> None:
        pk = self.pk
        extra = {}
        if tag.attributes:
            extra["A"] = pk.Dictionary(O=pk.Name.Table, **{
                k: pk.Name("/" + v) for k, v in tag.attributes.items()})
        element = self._element(tag.role, parent, **extra)
        for page, mcid in tag.marks:
            element.K.append(pk.Dictionary(Type=pk.Name.MCR, Pg=self.pages[page],
                                           MCID=mcid))
            self.by_page.setdefault(page, {})[mcid] = element
        for kid in tag.kids:
            self._add_tag(kid, element)

    def add_part(self, part: TaggedPart) -> bool:
        """Graft one paper's structure tree under a Part element; False if it has none."""
        pk = self.pk
        with pk.open(part.pdf) as paper:
            source = paper.Root.get("/StructTreeRoot")
            if source is None or "/K" not in source:
                return False
            try:
                _mark_references(paper, source, pk)
            except StructureTooLarge:
                logger.warning("not grafting the structure tree of %s", part.pdf.name,
                               exc_info=True)
                return False
            self.papers_claim_ua &= _claims_ua(paper)
            kids = source.K if isinstance(source.K, pk.Array) else [source.K]
            copied = [self.pdf.copy_foreign(kid) if kid.is_indirect else kid for kid in kids
                      if isinstance(kid, pk.Dictionary)]
            for key, value in (source.get("/RoleMap") or {}).items():
                self.role_map[key] = value
        element = self._element("Part", self.document, T=pk.String(part.title))
        for kid in copied:
            if isinstance(kid, pk.Dictionary) and kid.get("/S") == "/Document":
                kid.S = pk.Name.Sect  # a paper is a part of the pack, not a document of its own
            self._adopt(kid, element, part.first_page)
        return True

    def _adopt(self, node, parent, offset: int) -> None:
        """Point a copied element at the pack: its parent, pages, MCIDs and annotations."""
        pk = self.pk
        if not isinstance(node, pk.Dictionary):
            return
        node.P = parent
        parent.K.append(node)
        page = _page_index(node, offset)
        if page is not None:
            node.Pg = self.pages[page]
        kids = node.get("/K")
        kids = list(kids) if isinstance(kids, pk.Array) else [] if kids is None else [kids]
        node.K = pk.Array()
        for kid in kids:
            if isinstance(kid, int) and page is not None:
                node.K.append(kid)
                self.by_page.setdefault(page, {})[int(kid)] = node
            elif isinstance(kid, pk.Dictionary) and kid.get("/Type") == "/MCR":
                kid_page = _page_index(kid, offset)
                kid_page = page if kid_page is None else kid_page
                if kid_page is None:
                    continue
                kid.Pg = self.pages[kid_page]
                node.K.append(kid)
                self.by_page.setdefault(kid_page, {})[int(kid.MCID)] = node
            elif isinstance(kid, pk.Dictionary) and kid.get("/Type") == "/OBJR":
                self._adopt_annotation(node, kid, offset)
            elif isinstance(kid, pk.Dictionary):
                self._adopt(kid, node, offset)

    def _adopt_annotation(self, node, reference, offset: int) -> None:
        marker = reference.get("/Obj")
        if not isinstance(marker, self.pk.Array) or len(marker) != 2:
            return
        page = int(marker[0]) + offset
        annotations = self.pages[page].get("/Annots") or []
        if int(marker[1]) >= len(annotations):
            return  # the merge dropped the annotation: its reference goes too
        annotation = annotations[int(marker[1])]
        reference.Obj = annotation
        reference.Pg = self.pages[page]
        node.K.append(reference)
        self.annotations.append((annotation, node))

    def finish(self, lang: str, claim_ua: bool) -> None:
        """The parent tree, each page's key and tab order, and the catalog's marks; with
        `claim_ua` (every paper tagged and itself claiming it), the PDF/UA-1 claim."""
        pk = self.pk
        nums = pk.Array()
        for number, page in enumerate(self.pages):
            page.StructParents = number
            page.Tabs = pk.Name.S
            elements = self.by_page.get(number, {})
            if elements:
                nums.extend([number, pk.Array([elements.get(mcid) for mcid in
                                               range(max(elements) + 1)])])
        key = len(self.pages)
        for annotation, element in self.annotations:
            annotation.StructParent = key
            nums.extend([key, element])
            key += 1
        self.root.ParentTree = self.pdf.make_indirect(pk.Dictionary(Nums=nums))
        self.root.ParentTreeNextKey = key
        if self.role_map:
            self.root.RoleMap = self.role_map
        catalog = self.pdf.Root
        catalog.StructTreeRoot = self.root
        catalog.MarkInfo = pk.Dictionary(Marked=True)
        catalog.Lang = pk.String(lang)
        catalog.ViewerPreferences = pk.Dictionary(DisplayDocTitle=True)
        with self.pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta.load_from_docinfo(self.pdf.docinfo)
            if claim_ua:
                meta["pdfuaid:part"] = "1"


def _claims_ua(paper) -> bool:
    """Whether a paper's own metadata claims PDF/UA-1 (docgen's PDFs do)."""
    try:
        return str(paper.open_metadata().get("pdfuaid:part", "")) == "1"
    except Exception:  # unreadable metadata: no claim
        return False


def _mark_references(paper, source, pk) -> None:
    """In the paper (in memory only), replace each element's page reference with the page's
    number and each link's object reference with [page, annotation index], and drop parent
    references, so that copying the elements copies no page and no other tree."""
    pages = {page.obj.objgen: number for number, page in enumerate(paper.pages)}
    annotations = {annotation.objgen: pk.Array([number, index])
                   for number, page in enumerate(paper.pages)
                   for index, annotation in enumerate(page.obj.get("/Annots") or [])
                   if isinstance(annotation, pk.Dictionary)}
    seen: set[tuple[int, int]] = set()
    stack = list(source.K) if isinstance(source.K, pk.Array) else [source.K]
    while stack:
        node = stack.pop()
        if not isinstance(node, pk.Dictionary):
            continue
        if node.is_indirect:
            if node.objgen in seen:
                raise StructureTooLarge("an element of the structure tree is reached twice")
            seen.add(node.objgen)
            if len(seen) > MAX_ELEMENTS:
                raise StructureTooLarge(f"the structure tree has over {MAX_ELEMENTS:,} elements")
        if "/P" in node:
            del node.P
        if "/Pg" in node:
            node.Pg = pages.get(node.Pg.objgen, -1) if isinstance(node.Pg, pk.Dictionary) else -1
        if node.get("/Type") == "/OBJR" and "/Obj" in node:
            node.Obj = annotations.get(node.Obj.objgen, pk.Array())
        kids = node.get("/K")
        if isinstance(kids, pk.Array):
            stack.extend(kids)
        elif isinstance(kids, pk.Dictionary):
            stack.append(kids)


def _page_index(node, offset: int) -> int | None:
    """The pack page of a copied element or reference (its page number from the paper)."""
    page = node.get("/Pg")
    if isinstance(page, int) and page >= 0:
        return int(page) + offset
    return None
