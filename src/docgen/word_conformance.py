"""Make a rendered document what Word's schema expects, whatever the template and docxtpl did.

Two things a template render can leave that Word repairs on opening (each found by the Open XML
SDK's validator, see tests/e2e/test_word_compatibility.py):

- docxtpl's `{% cellbg %}` appends w:shd to a cell's properties, after the w:tcW the schema
  wants first; cell properties are put back in schema order.
- a template made from python-docx's default (or saved by Word 2010) carries
  word/stylesWithEffects.xml, Word 2010's copy of the styles, which no longer matches
  styles.xml once docgen adds styles and sets the language; the stale copy is dropped (Word
  2013 and later neither need nor write it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .ooxml.ns import qn

if TYPE_CHECKING:
    from docx.document import Document
    from lxml.etree import _Element

TC_PR_ORDER = tuple(qn(f"w:{name}") for name in (
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
    "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel",
    "cellMerge", "tcPrChange"))
"""The children of w:tcPr in the order of CT_TcPr (ECMA-376 Part 1, 17.4.70)."""
_TC_PR_RANK = {tag: rank for rank, tag in enumerate(TC_PR_ORDER)}
_STYLES_WITH_EFFECTS = "/stylesWithEffects"


def conform(document: Document) -> None:
    """Put `document` (rendered, not yet saved) in the shape Word opens without repair."""
    for root in _story_roots(document):
        order_cell_properties(root)
    drop_styles_with_effects(document)


def order_cell_properties(root: _Element) -> None:
    """Sort every w:tcPr under `root` into schema order; unknown children keep their place
    after the known ones (a stable sort keeps equal ranks as they were)."""
    last = len(TC_PR_ORDER)
    for tc_pr in root.iter(qn("w:tcPr")):
        children = list(tc_pr)
        ordered = sorted(children, key=lambda child: _TC_PR_RANK.get(child.tag, last))
        if ordered != children:
            tc_pr[:] = ordered


def drop_styles_with_effects(document: Document) -> None:
    """Drop word/stylesWithEffects.xml with its relationship; python-docx then writes neither
    the part nor its content type."""
    for rel_id, rel in list(document.part.rels.items()):
        if not rel.is_external and rel.reltype.endswith(_STYLES_WITH_EFFECTS):
            document.part.drop_rel(rel_id)


def _story_roots(document: Document) -> list[_Element]:
    """The document body's element and those of its headers and footers."""
    roots = [document.element]
    for rel in document.part.rels.values():
        if not rel.is_external and rel.reltype.endswith(("/header", "/footer")):
            roots.append(rel.target_part.element)
    return roots
