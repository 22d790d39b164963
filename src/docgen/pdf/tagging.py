"""Marked content while drawing: each piece of a page is put in its structure element or
marked as an artifact.

reportlab has no tagging API, so the marked-content operators (`BDC`/`BMC` … `EMC`) are
written into the page's text object and canvas streams directly. The drawer (`render`) calls
a `Tagger` at its marking points; the structure tree (`structure`) says which element a line's
paragraph, a cell or a picture belongs to, and `tagged_pdf` writes the tree into the file.

Text is written to one text object per page, so a marked sequence there stays open while
consecutive pieces belong to the same element (a paragraph's lines share one MCID until
something else is drawn in between). Graphics go to the canvas, each in its own sequence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .structure import AnnotRef, MarkRef, StructNode, StructTree

ARTIFACT = StructNode("Artifact")
"""Stands for "not content": headers, footers, borders, shading, decorations, repeated
header rows, leaders."""


@dataclass
class Annotation:
    """A link annotation drawn: where it is (`ref`), its element (None in an artifact), its
    parent-tree key and its `/Contents` string (the whole link's text once it is known)."""

    ref: AnnotRef
    node: StructNode | None
    key: int | None = None
    contents: Any = None


@dataclass
class Tagger:
    """The marked-content state of the page being drawn and what every page marked."""

    tree: StructTree
    parents: list[list[StructNode]] = field(default_factory=list)
    """Per page, the element of each MCID (the parent tree's arrays)."""
    annotations: list[Annotation] = field(default_factory=list)
    artifact: int = 0
    """Above zero while drawing an artifact story (a header or footer, a repeated row)."""
    next_key: int = 0
    """The next parent-tree key for an annotation (the pages take 0 to pages - 1)."""
    _open: StructNode | None = None
    _page_annots: int = 0
    _rows_drawn: set[int] = field(default_factory=set)

    @property
    def page(self) -> int:
        """The index of the page being drawn."""
        return len(self.parents) - 1

    def start_page(self) -> None:
        """A new page: MCIDs start again from 0."""
        self.parents.append([])
        self._open = None
        self._page_annots = 0

    def _begin(self, node: StructNode) -> str:
        """The operator that opens a marked sequence for `node` (a new MCID)."""
        if node is ARTIFACT:
            return "/Artifact BMC"
        marks = self.parents[-1]
        mcid = len(marks)
        marks.append(node)
        node.content.append(MarkRef(self.page, mcid))
        return f"/{node.role} <</MCID {mcid}>> BDC"

    # -- the page's text object ----------------------------------------------------------

    def text(self, text: Any, node: StructNode) -> None:
        """Make sure what is written to `text` next is in `node`'s marked sequence."""
        if node is self._open:
            return
        code = text._code
        if self._open is not None:
            code.append("EMC")
        code.append(self._begin(node))
        self._open = node

    def close_text(self, text: Any) -> None:
        """Close the text object's open sequence (before the text object ends)."""
        if self._open is not None:
            text._code.append("EMC")
            self._open = None

    def text_node(self, para: Any, frag: Any, linked: bool) -> StructNode:
        """The element a fragment of a line of `para` belongs to: its list label, a link, a
        span in another language, or the paragraph; leaders and anything outside the body
        are artifacts."""
        nodes = self.tree.para(para) if not self.artifact else None
        if nodes is None or frag.kind == "leader":
            return ARTIFACT
        if frag.kind == "label":
            return nodes.label or nodes.body
        body = nodes.body
        lang = frag.style.lang
        foreign = lang if lang and lang != self.tree.language else ""
        if linked:
            node = body.inline("Link", frag.link or f"#{frag.anchor}", lang=foreign)
            node.text.append(frag.text)
            return node
        if foreign:
            return body.inline("Span", foreign, lang=foreign)
        return body

    # -- the canvas ------------------------------------------------------------------------

    def begin_artifact(self, canvas: Any) -> None:
        """Open an artifact sequence on the canvas (close it with `end`)."""
        canvas.addLiteral("/Artifact BMC")

    def begin_figure(self, canvas: Any, para: Any, obj: Any,
                     bbox: tuple[float, float, float, float]) -> None:
        """Open the sequence of a picture or chart: the Figure of its paragraph (a paragraph
        holding only the object is the Figure), an artifact outside the body."""
        nodes = self.tree.para(para) if not self.artifact else None
        if nodes is None:
            node = ARTIFACT
        elif nodes.body.role == "Figure":
            node = nodes.body
        else:
            node = nodes.body.inline("Figure", f"object {id(obj)}", alt=obj.alt_text.strip())
        if node is not ARTIFACT:
            node.bbox = bbox if node.bbox is None else (
                min(node.bbox[0], bbox[0]), min(node.bbox[1], bbox[1]),
                max(node.bbox[2], bbox[2]), max(node.bbox[3], bbox[3]))
        canvas.addLiteral(self._begin(node))

    def end(self, canvas: Any) -> None:
        """Close the canvas sequence opened last."""
        canvas.addLiteral("EMC")

    def draw_link(self, canvas: Any, node: StructNode, frag: Any,
                  rect: tuple[float, float, float, float]) -> None:
        """Draw the link annotation of a fragment in `node` (a Link element, or an artifact)
        with its description and parent-tree key, and record it in the element."""
        from reportlab.pdfbase import pdfdoc as pd

        owner = node if node is not ARTIFACT else None
        contents = pd.PDFString(" ".join(frag.text.split()) or frag.link or "link")
        extra: dict[str, Any] = {"Contents": contents}
        key = None
        if owner is not None:
            key = extra["StructParent"] = self.next_key
            self.next_key += 1
        if frag.link:
            canvas.linkURL(frag.link, rect, relative=0, thickness=0, **extra)
        else:
            canvas._addAnnotation(pd.PDFDictionary({
                "Type": pd.PDFName("Annot"), "Subtype": pd.PDFName("Link"),
                "Rect": pd.PDFArray(canvas._absRect(rect, 0)),
                "Border": pd.PDFArray([0, 0, 0]),
                "Dest": canvas._bookmarkReference(frag.anchor), **extra}))
        name = canvas._doc.annotationName("NUMBER" + repr(canvas._annotationCount))
        ref = AnnotRef(self.page, self._page_annots, rect, pd.PDFObjectReference(name))
        self._page_annots += 1
        if owner is not None:
            owner.content.append(ref)
        self.annotations.append(Annotation(ref, owner, key, contents))

    # -- tables ----------------------------------------------------------------------------

    def row_is_repeat(self, row: Any) -> bool:
        """True for a header row drawn again at the top of a later page (an artifact)."""
        source = row.source
        if source is None or not row.header:
            return False
        if id(source) in self._rows_drawn:
            return True
        self._rows_drawn.add(id(source))
        return False
