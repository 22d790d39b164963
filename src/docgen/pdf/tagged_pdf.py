"""Make the drawn PDF a tagged one (PDF/UA-1): the structure tree, the parent tree, the
catalog's marks, language, title display and XMP metadata, added to reportlab's document
before it is written.

reportlab has no tagging API but writes any object it is given: every `StructNode` becomes a
`/StructElem` dictionary, each page gets `/StructParents` (the MCIDs' elements) and
`/Tabs /S`, each link annotation a `/StructParent` (see `Tagger.draw_link`) and an OBJR in its
Link element. Writing them here costs far less than reopening the file to add them.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from .structure import AnnotRef, MarkRef, StructNode

if TYPE_CHECKING:
    from .model import DocumentModel
    from .tagging import Tagger

KEEP_EMPTY = frozenset(("TR", "TH", "TD", "Table", "Figure"))
"""Elements kept without content: a table's grid stays regular, a figure keeps its Alt."""

_PAGE_KEYS = ["StructParents", "Tabs"]


def add_structure(canvas: Any, doc: DocumentModel, tagger: Tagger) -> None:
    """Add the structure tree, parent tree and catalog entries to `canvas`'s document (call
    after the last page, before `canvas.save()`)."""
    from reportlab.pdfbase import pdfdoc

    _Writer(canvas, pdfdoc, tagger).run()
    _catalog(canvas, pdfdoc, doc)


class _Writer:
    """Turns the tree and the marks recorded while drawing into PDF objects.

    The elements are thousands of small dictionaries, so each is registered with reportlab
    and then written as its PDF text directly (object numbers are fixed when registered),
    which costs a fraction of building them from reportlab's dictionary objects.
    """

    def __init__(self, canvas: Any, pdfdoc: Any, tagger: Tagger):
        self.canvas = canvas
        self.doc = canvas._doc
        self.pd = pdfdoc
        self.tagger = tagger
        self.numbers = self.doc.idToObjectNumberAndVersion
        self.pages = [f"{self.numbers[f'Page{i + 1}'][0]} 0 R"
                      for i in range(len(self.doc.Pages.pages))]
        self.refs: dict[int, str] = {}
        self.kept: set[int] = set()

    def register(self) -> tuple[Any, str]:
        """A new indirect object (its text set later) and its reference."""
        raw = _raw_type()()
        name = self.doc.Reference(raw).name
        return raw, f"{self.numbers[name][0]} 0 R"

    def run(self) -> None:
        """Structure tree root, elements, parent tree and the pages' keys."""
        pd = self.pd
        root, root_ref = self.register()
        self.kept = _kept(self.tagger.tree.root)
        document = self.element(self.tagger.tree.root, root_ref)
        nums: list[str] = []
        for index, marks in enumerate(self.tagger.parents):
            refs = " ".join(self.refs.get(id(node), "null") for node in marks)
            nums.append(f"{index} [{refs}]")
        for annotation in self.tagger.annotations:
            owner = self.refs.get(id(annotation.node)) if annotation.node is not None else None
            if annotation.key is not None:
                nums.append(f"{annotation.key} {owner or 'null'}")
            if annotation.contents is not None and annotation.node is not None:
                annotation.contents.s = _text(annotation.node.text) or annotation.contents.s
        tree, tree_ref = self.register()
        tree.data = f"<< /Nums [{' '.join(nums)}] >>".encode("latin-1")
        root.data = (f"<< /Type /StructTreeRoot /K [{document or ''}] /ParentTree {tree_ref} "
                     f"/ParentTreeNextKey {self.tagger.next_key} >>").encode("latin-1")
        for index, page in enumerate(self.doc.Pages.pages):
            page.StructParents = index
            if page.Annots:
                page.Tabs = pd.PDFName("S")
            page.__NoDefault__ = [*type(page).__NoDefault__, *_PAGE_KEYS]
        catalog = self.doc.Catalog
        catalog.StructTreeRoot = root
        catalog.MarkInfo = pd.PDFDictionary({"Marked": "true"})

    def element(self, node: StructNode, parent: str) -> str | None:
        """The reference of `node`'s `/StructElem` under `parent`; None when it is left out
        (no content and not kept empty)."""
        if id(node) not in self.kept:
            return None
        raw, ref = self.register()
        kids: list[str] = []
        page = None
        for kid in node.content:
            if isinstance(kid, MarkRef):
                if page is None:
                    page = kid.page
                kids.append(str(kid.mcid) if kid.page == page else
                            f"<< /Type /MCR /Pg {self.pages[kid.page]} /MCID {kid.mcid} >>")
            elif isinstance(kid, StructNode):
                child = self.element(kid, ref)
                if child is not None:
                    kids.append(child)
            elif isinstance(kid, AnnotRef):
                kids.append(f"<< /Type /OBJR /Obj {kid.obj.format(self.doc).decode()} "
                            f"/Pg {self.pages[kid.page]} >>")
        for kid in node.kids:
            child = self.element(kid, ref)
            if child is not None:
                kids.append(child)
        self.refs[id(node)] = ref
        parts = [f"<< /Type /StructElem /S /{node.role} /P {parent}"]
        if page is not None:
            parts.append(f"/Pg {self.pages[page]}")
        if kids:
            parts.append(f"/K {kids[0]}" if len(kids) == 1 else f"/K [{' '.join(kids)}]")
        parts.append(self._attributes(node))
        parts.append(">>")
        raw.data = " ".join(parts).encode("latin-1")
        return ref

    def _attributes(self, node: StructNode) -> str:
        """Alt, Lang, and the layout and table attributes, as PDF text."""
        out = []
        if node.role == "Figure":
            out.append(f"/Alt {_string(node.alt)}")
            if node.bbox is not None:
                box = " ".join(f"{v:.2f}" for v in node.bbox)
                out.append(f"/A << /O /Layout /Placement /Block /BBox [{box}] >>")
        if node.lang:
            out.append(f"/Lang {_string(node.lang)}")
        table = []
        if node.scope:
            table.append(f"/Scope /{node.scope}")
        if node.col_span > 1:
            table.append(f"/ColSpan {node.col_span}")
        if node.row_span > 1:
            table.append(f"/RowSpan {node.row_span}")
        if table:
            out.append(f"/A << /O /Table {' '.join(table)} >>")
        return " ".join(out)


@cache
def _raw_type() -> type:
    """reportlab's object class for text written as is (made on first use: reportlab is
    imported only when a PDF is drawn)."""
    from reportlab.pdfbase.pdfdoc import PDFObject

    class Raw(PDFObject):
        """An object whose PDF text is given."""

        data = b"null"

        def format(self, document):
            return self.data

    return Raw


def _string(value: str) -> str:
    """A PDF text string: UTF-16BE in hex, which needs no escaping."""
    return "<FEFF" + value.encode("utf-16-be").hex().upper() + ">"


def _kept(root: StructNode) -> set[int]:
    """The ids of the elements written: the root, those with content below them, and those
    kept empty (a table's rows and cells, a figure)."""
    kept: set[int] = set()

    def visit(node: StructNode) -> bool:
        has = False
        for kid in node.content:
            has = (visit(kid) if isinstance(kid, StructNode) else True) or has
        for kid in node.kids:
            has = visit(kid) or has
        if has or node.role in KEEP_EMPTY:
            kept.add(id(node))
        return has

    visit(root)
    kept.add(id(root))
    return kept


def _text(pieces: list[str]) -> str:
    """Pieces of a link's text as one string, spaces collapsed."""
    return " ".join("".join(pieces).split())


def _catalog(canvas: Any, pd: Any, doc: DocumentModel) -> None:
    """Title shown in the viewer's title bar, and XMP metadata naming PDF/UA-1 (the
    language is the canvas's own `lang`)."""
    canvas.setViewerPreference("DisplayDocTitle", "true")
    stream = pd.PDFStream(pd.PDFDictionary({"Type": pd.PDFName("Metadata"),
                                            "Subtype": pd.PDFName("XML")}),
                          xmp_packet(doc).encode("utf-8"), filters=[])
    canvas._doc.Catalog.Metadata = stream


def xmp_packet(doc: DocumentModel) -> str:
    """The XMP metadata of a document docgen drew: see `xmp_metadata`."""
    return xmp_metadata(title=doc.title, author=doc.author, subject=doc.subject,
                        keywords=doc.keywords, language=doc.language)


def xmp_metadata(*, title: str = "", author: str = "", subject: str = "", keywords: str = "",
                 language: str = "", claim_ua: bool = True) -> str:
    """An XMP packet: title, author, subject, keywords, language and (with `claim_ua`) the
    PDF/UA-1 claim. Written as text: the same few fields every time, escaped (& < >; with
    `html.escape`, as xml.sax.saxutils would, whose import brings urllib, http and ssl along:
    ~50 ms of every process that draws a PDF)."""
    from html import escape as html_escape

    def escape(value: str) -> str:
        return html_escape(value, quote=False)

    def alt(value: str) -> str:
        return (f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}</rdf:li>'
                f"</rdf:Alt>")

    parts = [f"<dc:title>{alt(title)}</dc:title>" if title else "",
             f"<dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq>"
             "</dc:creator>" if author else "",
             f"<dc:description>{alt(subject)}</dc:description>" if subject else "",
             f"<pdf:Keywords>{escape(keywords)}</pdf:Keywords>" if keywords else "",
             f"<dc:language><rdf:Bag><rdf:li>{escape(language)}</rdf:li></rdf:Bag>"
             "</dc:language>" if language else ""]
    claim = "<pdfuaid:part>1</pdfuaid:part>\n" if claim_ua else ""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
        'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">\n'
        f'<dc:format>application/pdf</dc:format>{"".join(parts)}\n'
        "<xmp:CreatorTool>docgen</xmp:CreatorTool>\n"
        f"{claim}"
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="w"?>')
