"""Check a finished .docx for the accessibility problems a screen-reader user would meet.

Every build runs this and adds what it finds to the build's warnings; `docgen check
REPORT.docx` runs it on demand. Each problem names the part and place ("body, table 3, row 4,
cell 1") and quotes the text there. The rules, and the choices made where the guidance is silent:

- **Headings**: in order, never skipping a level (Heading 1 → Heading 3), never empty. The
  first heading may be any level 1 heading; a heading is a paragraph whose style is a built-in
  "Heading N" (or has an outline level).
- **Pictures and charts**: every drawing (wp:docPr) has alt text (`descr`), unless marked
  decorative.
- **Data tables**: the first row is marked to repeat as a header row (w:tblHeader) and no
  cell below the header rows is merged. Two kinds of table are exempt: *layout tables* — in a
  style whose name is "Header Block" or contains "Layout" — and *label tables*, which have no
  header row by design and say so: the table look has First Column on and Header Row off
  (Word's Table Design check boxes), so the first column's labels head each row.
- **Title and language**: the document's Title property is set, and a language (w:lang in the
  styles, or the Language property).
- **Text size**: running text outside tables is at least 11pt. Text in tables, captions and
  notes (styles whose name has "Caption" or "Note") may be smaller, but not under 8pt.
- **Links**: link text makes sense on its own: not "click here", "here", "link", "more" or a
  bare web address.
- **Colour**: text set apart from the rest of its paragraph by colour alone (no bold, italic,
  underline or style of its own) — best effort: only direct run formatting is compared.

This module runs the checks; `accessibility_reading` reads the facts of each part once and
`accessibility_rules` holds the rules.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .accessibility_reading import (
    SMALL_TEXT_STYLE_WORDS,
    WORD_DEFAULT_HALF_POINTS,
    Located,
    Paragraph,
    Run,
    Style,
    Styles,
    merged_cells,
    read_paragraphs,
)
from .accessibility_rules import (
    LAYOUT_TABLE_STYLES,
    MIN_BODY_HALF_POINTS,
    MIN_SMALL_HALF_POINTS,
    VAGUE_LINK_TEXT,
    check_colour,
    check_drawings,
    check_headings,
    check_links,
    check_properties,
    check_tables,
    check_text_size,
)
from .exceptions import DocgenError, Problem
from .ooxml.ns import W
from .ooxml.parts import TEMPLATE_KINDS, Package, blocks, document_package, read_package

__all__ = [
    "LAYOUT_TABLE_STYLES", "MIN_BODY_HALF_POINTS", "MIN_SMALL_HALF_POINTS",
    "SMALL_TEXT_STYLE_WORDS", "VAGUE_LINK_TEXT", "WORD_DEFAULT_HALF_POINTS", "Located",
    "NotAWordDocument", "Paragraph", "Run", "Style", "Styles", "check_colour", "check_document",
    "check_docx", "check_drawings", "check_headings", "check_links", "check_parts",
    "check_properties", "check_tables", "check_text_size", "read_paragraphs",
]

_P, _TBL = f"{W}p", f"{W}tbl"


class NotAWordDocument(DocgenError):
    """The file to check is not a readable .docx."""

    exit_code = 2


def check_docx(path: str | Path, *, name: str | None = None) -> list[Problem]:
    """Every accessibility problem in a .docx, as warnings in document order.

    `name` is the file name the problems give (default: the file's own).
    """
    path = Path(path)
    return _check_package(read_package(path, NotAWordDocument, TEMPLATE_KINDS),
                          name=name or path.name)


def check_document(document: Any, *, name: str) -> list[Problem]:
    """`check_docx` on a python-docx `Document` in memory, such as a build has just saved.

    The parts are read from the package as they are, so nothing is parsed again (see
    `docgen.ooxml.parts.document_package` for why the relationships' current targets).
    """
    return _check_package(document_package(document), name=name)


def _check_package(package: Package, *, name: str) -> list[Problem]:
    """`check_parts` on the stories, styles and core properties of `package`."""
    return check_parts(package.stories(TEMPLATE_KINDS), package.root("word/styles.xml"),
                       package.root("docProps/core.xml"), name=name)


def check_parts(parts: list[tuple[str, Any]], styles_root: Any, core_root: Any, *,
                name: str) -> list[Problem]:
    """The checks themselves, on parsed parts: ('body' or file name, root) pairs, the styles
    part's root and the core properties' root (either None when the document has none)."""
    styles = Styles.from_root(styles_root) if styles_root is not None else Styles()
    found: list[tuple[str, str]] = list(check_properties(core_root, styles))
    for label, root in parts:
        # One walk of the part serves every check (each used to walk it again).
        walked = list(blocks(root))
        paras = read_paragraphs(root, [(e, where) for e, where in walked if e.tag == _P], styles)
        tbls = [(e, where) for e, where in walked if e.tag == _TBL]
        for where, message in (*check_headings(paras), *check_drawings(paras),
                               *check_tables(tbls, styles, merged_cells(root)),
                               *check_text_size(paras, styles), *check_links(paras),
                               *check_colour(paras)):
            found.append((f"{label}, {where}", message))
    return [Problem("warning", message, f"{name}, {where}" if where else name)
            for where, message in found]
