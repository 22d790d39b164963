"""The structure tree of a tagged PDF, built from the model before anything is drawn.

Every body paragraph, list, table, row and cell gets its structure element here, in document
order, from the roles the read stage gave them (`Paragraph.role`, `Row.header`,
`Table.header_column`). Drawing (`tagging.Tagger`) then adds the marked content of each piece
of text or picture to the element of the block it belongs to, so the reading order is the
document's whatever order things are drawn in. Headers and footers get no element: they are
drawn as artifacts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .model import Block, DocumentModel, InlineObject, Paragraph, Table


@dataclass(eq=False)
class MarkRef:
    """A marked-content sequence: MCID `mcid` on page `page` (0-based)."""

    page: int
    mcid: int


@dataclass(eq=False)
class AnnotRef:
    """The `index`-th link annotation drawn on page `page`, with its rectangle and a
    reference to it (`obj`, the writer's)."""

    page: int
    index: int
    rect: tuple[float, float, float, float]
    obj: Any = None


@dataclass(eq=False, slots=True)
class StructNode:
    """One structure element: its type (`role`), attributes and children.

    `content` is what drawing adds (marked content, annotations, inline elements such as
    links and spans) and comes first; `kids` are the elements built from the model (a list
    item's nested list comes after its own text).
    """

    role: str
    parent: StructNode | None = None
    kids: list[StructNode] = field(default_factory=list)
    content: list[Any] = field(default_factory=list)
    alt: str = ""
    lang: str = ""
    scope: str = ""
    col_span: int = 1
    row_span: int = 1
    bbox: tuple[float, float, float, float] | None = None
    key: str = ""
    text: list[str] = field(default_factory=list)

    def add(self, role: str, **attrs: Any) -> StructNode:
        """A new child element built from the model."""
        node = StructNode(role, self, **attrs)
        self.kids.append(node)
        return node

    def inline(self, role: str, key: str, **attrs: Any) -> StructNode:
        """The inline element (Link, Span, Figure) for content drawn next: the last one added
        when it has the same role and `key`, else a new one after the content so far."""
        last = self.content[-1] if self.content else None
        if isinstance(last, StructNode) and last.role == role and last.key == key and key:
            return last
        node = StructNode(role, self, key=key, **attrs)
        self.content.append(node)
        return node

    def walk(self):
        """This element and every element below it, depth first in reading order."""
        yield self
        for kid in [*self.content, *self.kids]:
            if isinstance(kid, StructNode):
                yield from kid.walk()


@dataclass
class ParaNodes:
    """Where a paragraph's drawn content goes: `body` for its text, `label` for its list
    number or bullet (None outside lists)."""

    body: StructNode
    label: StructNode | None = None


@dataclass
class StructTree:
    """The document's structure tree and, by model object, the elements drawing fills."""

    root: StructNode
    language: str = ""
    paragraphs: dict[int, ParaNodes] = field(default_factory=dict)

    def para(self, para: Paragraph | None) -> ParaNodes | None:
        """The elements of a body paragraph; None for one in a header or footer."""
        return self.paragraphs.get(id(para)) if para is not None else None


def build_tree(doc: DocumentModel) -> StructTree:
    """The structure tree of a document's body, in document order, then its footnotes."""
    tree = StructTree(StructNode("Document"), doc.language)
    builder = _Builder(tree)
    for section in doc.sections:
        builder.blocks(tree.root, section.blocks)
    for blocks in doc.footnotes.values():  # drawn at page feet: a Note each, after the body
        builder.blocks(tree.root.add("Note"), blocks)
    return tree


class _Builder:
    """Adds the elements of blocks to a tree, grouping list items and contents entries."""

    def __init__(self, tree: StructTree):
        self.tree = tree

    def blocks(self, parent: StructNode, blocks: list[Block]) -> None:
        """Elements for a run of blocks under `parent` (the document or a cell)."""
        lists: list[tuple[StructNode, int, StructNode | None]] = []  # (L, level, last LBody)
        toc: StructNode | None = None
        for block in blocks:
            if isinstance(block, Table):
                lists, toc = [], None
                self.table(parent, block)
                continue
            role = block.role
            if role == "LI":
                self.list_item(parent, block, lists)
                toc = None
                continue
            lists = []
            if role == "TOCI":
                if toc is None:
                    toc = parent.add("TOC")
                self.tree.paragraphs[id(block)] = ParaNodes(toc.add("TOCI"))
                continue
            toc = None
            node = parent.add(role)
            if role == "Figure":
                node.alt = _object_alt(block)
            self.tree.paragraphs[id(block)] = ParaNodes(node)

    def list_item(self, parent: StructNode, para: Paragraph,
                  lists: list[tuple[StructNode, int, StructNode | None]]) -> None:
        """An LI (Lbl and LBody) in the list it belongs to: a deeper list level opens a list
        nested in the previous item's body, a shallower one returns to its list."""
        level = para.label.level if para.label is not None else 0
        while lists and level < lists[-1][1]:
            lists.pop()
        if not lists:
            lists.append((parent.add("L"), level, None))
        elif level > lists[-1][1] and lists[-1][2] is not None:
            lists.append((lists[-1][2].add("L"), level, None))
        items = lists[-1][0]
        item = items.add("LI")
        label = item.add("Lbl")
        body = item.add("LBody")
        lists[-1] = (items, lists[-1][1], body)
        self.tree.paragraphs[id(para)] = ParaNodes(body, label)

    def table(self, parent: StructNode, table: Table) -> None:
        """A Table of TRs of TH/TD cells: header rows' cells head their columns, the first
        column of a label table heads its rows; a vertically merged cell spans its rows."""
        node = parent.add("Table")
        spans = _row_spans(table)
        for r_index, row in enumerate(table.rows):
            tr = node.add("TR")
            for c_index, cell in enumerate(row.cells):
                if cell.vmerge == "continue":
                    continue
                if row.header:
                    role, scope = "TH", "Column"
                elif table.header_column and c_index == 0 and row.grid_before == 0:
                    role, scope = "TH", "Row"
                else:
                    role, scope = "TD", ""
                element = tr.add(role, scope=scope, col_span=max(cell.span, 1),
                                 row_span=spans.get((r_index, c_index), 1))
                only = cell.blocks[0] if len(cell.blocks) == 1 else None
                if isinstance(only, Paragraph) and only.role == "P":
                    # A cell of one plain paragraph holds its text itself (fewer elements).
                    self.tree.paragraphs[id(only)] = ParaNodes(element)
                else:
                    self.blocks(element, cell.blocks)


def _row_spans(table: Table) -> dict[tuple[int, int], int]:
    """How many rows each vertically merged cell (by row and cell index) spans."""
    spans: dict[tuple[int, int], int] = {}
    starts = [_grid_starts(row) for row in table.rows]
    for r_index, row in enumerate(table.rows):
        for c_index, cell in enumerate(row.cells):
            if cell.vmerge != "restart":
                continue
            column = starts[r_index][c_index]
            count = 1
            for below in range(r_index + 1, len(table.rows)):
                match = [c for c, start in zip(table.rows[below].cells, starts[below],
                                               strict=True) if start == column]
                if not match or match[0].vmerge != "continue":
                    break
                count += 1
            spans[r_index, c_index] = count
    return spans


def _grid_starts(row) -> list[int]:
    """The grid column each cell of a row starts at."""
    out, column = [], row.grid_before
    for cell in row.cells:
        out.append(column)
        column += cell.span
    return out


def _object_alt(para: Paragraph) -> str:
    """The alternative text of the picture or chart a figure paragraph holds."""
    for item in para.inlines:
        if isinstance(item, InlineObject):
            return item.alt_text.strip()
    return ""
