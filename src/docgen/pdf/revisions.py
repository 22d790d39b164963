"""Tracked changes: found, and the document read as it is with every change accepted.

docgen prints a document with tracked changes as Word shows it after "Accept All Changes" (the
"No Markup" view) and warns that it has them; it does not draw LibreOffice's coloured markup.
Accepting means: inserted and moved-to content kept (the reader walks into `w:ins` and
`w:moveTo`), deleted and moved-from content left out (the reader skips `w:del`, `w:moveFrom`
and `w:delText`), a paragraph whose mark was deleted joined to the paragraph after it, and a
deleted table row left out. Formatting changes need nothing: the element already holds the new
formatting, and the old sits in `w:rPrChange`/`w:pPrChange`, which is not read.
"""

from __future__ import annotations

from lxml import etree

from ..ooxml.elements import find_child
from ..ooxml.ns import w
from .model import Block, Paragraph

TRACKED = tuple(w(tag) for tag in (
    "ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange",
    "tblPrChange", "trPrChange", "tcPrChange", "tblGridChange", "numberingChange",
    "cellIns", "cellDel", "cellMerge"))
"""Every element that records a tracked change."""
MESSAGE = ("the document has tracked changes: the PDF shows it with every change accepted, as "
           "Word's \"No Markup\" view does, without marking what changed")
_REMOVED = (w("del"), w("moveFrom"))
_RPR = w("rPr")


def has_tracked_changes(root: etree._Element) -> bool:
    """True when any tracked change is recorded under `root` (one pass, in C)."""
    return next(root.iter(*TRACKED), None) is not None


def mark_deleted(ppr: etree._Element | None) -> bool:
    """True when a paragraph's mark (its `w:pPr/w:rPr`) is a tracked deletion."""
    rpr = find_child(ppr, _RPR) if ppr is not None else None
    return rpr is not None and any(find_child(rpr, tag) is not None for tag in _REMOVED)


def row_deleted(tr: etree._Element) -> bool:
    """True when a table row (`w:tr`) is a tracked deletion."""
    trpr = find_child(tr, w("trPr"))
    return trpr is not None and find_child(trpr, w("del")) is not None


def join_deleted_marks(blocks: list[Block], deleted: set[int]) -> list[Block]:
    """`blocks` with every paragraph whose mark was deleted (its id in `deleted`) joined to the
    paragraph after it, which keeps its own formatting, as accepting the deletion does in
    Word. One with no paragraph right after it (a table, the end) stays as it is."""
    if not deleted:
        return blocks
    out: list[Block] = []
    pending: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            if pending:
                block.inlines[:0] = [item for para in pending for item in para.inlines]
                pending = []
            if id(block) in deleted:
                pending.append(block)
                continue
        else:
            out.extend(pending)
            pending = []
        out.append(block)
    out.extend(pending)
    return out
