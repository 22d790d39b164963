"""Check a PDF for the accessibility problems a screen-reader user would meet (PDF/UA-1).

`docgen check REPORT.pdf` runs it; each problem is a warning located like the .docx check's
("report.pdf, page 3", "report.pdf, Figure 2"). The rules, a machine-checkable part of
PDF/UA-1 (ISO 14289-1) and WCAG 2.2:

- **Tagged**: the catalog says `/MarkInfo << /Marked true >>` and has a structure tree with a
  parent tree; every page's content is in marked content that belongs to a structure element,
  or is marked as an artifact (a painting operator outside both is reported once per page).
- **Title and language**: a title (XMP `dc:title`, or the Info dictionary's) shown by the
  viewer (`/DisplayDocTitle true`), a `/Lang`, and XMP metadata claiming PDF/UA-1
  (`pdfuaid:part`).
- **Headings** never skip a level (H1 → H3); **figures** have alternative text (`/Alt`);
  **tables** have header cells (TH); **links** have a description (`/Contents`) and are in
  the structure tree.
- **Fonts** are embedded, each with a Unicode mapping (`/ToUnicode`) unless its encoding is
  a standard one.

The work is bounded before it runs: the file's size, pages and structure elements.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pikepdf

from .exceptions import DocgenError, Problem
from .limits import MAX_FILE_BYTES

MAX_PAGES = 2_000
MAX_ELEMENTS = 200_000
PAINTING = frozenset(("Tj", "TJ", "'", '"', "Do", "S", "s", "f", "F", "f*", "B", "B*", "b",
                      "b*", "sh", "BI", "INLINE IMAGE"))
_HEADING_LEVEL = {f"H{n}": n for n in range(1, 7)}
_STANDARD_ENCODINGS = ("/WinAnsiEncoding", "/MacRomanEncoding", "/StandardEncoding")


class NotAPdf(DocgenError):
    """The file to check is not a readable PDF."""

    exit_code = 2


def is_pdf(path: str | Path) -> bool:
    """True when the file starts like a PDF."""
    try:
        with open(path, "rb") as handle:
            return handle.read(1024).lstrip().startswith(b"%PDF-")
    except OSError:
        return False


def check_pdf(path: str | Path, *, name: str | None = None) -> list[Problem]:
    """Every accessibility problem in a PDF, as warnings: the document's first, then page
    by page, then the structure's."""
    path = Path(path)
    name = name or path.name
    if path.stat().st_size > MAX_FILE_BYTES:
        raise NotAPdf(f"'{path}' is larger than {MAX_FILE_BYTES // 1_000_000} MB: docgen does "
                      "not check files that big")
    try:
        pdf = pikepdf.open(path)
    except Exception as exc:  # pikepdf raises several kinds for a broken file
        raise NotAPdf(f"'{path}' is not a readable PDF: {exc}") from None
    with pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise NotAPdf(f"'{path}' has more than {MAX_PAGES:,} pages: docgen does not check "
                          "files that long")
        found = [*_document(pdf), *_pages(pdf), *_structure(pdf)]
    return [Problem("warning", message, f"{name}, {where}" if where else name)
            for where, message in found]


def _document(pdf) -> list[tuple[str, str]]:
    """The catalog's tagging flags, language, title and metadata."""
    root = pdf.Root
    problems = []
    marked = root.get("/MarkInfo", {}).get("/Marked", False)
    if not bool(marked):
        problems.append(("", "not marked as a tagged PDF (/MarkInfo /Marked is not true)"))
    if "/StructTreeRoot" not in root:
        problems.append(("", "no structure tree: a screen reader gets no headings, lists, "
                             "tables or figure descriptions, and the text in drawing order"))
    elif "/ParentTree" not in root.StructTreeRoot:
        problems.append(("", "the structure tree has no parent tree: the page content cannot "
                             "be traced to its structure"))
    if not str(root.get("/Lang", "")).strip():
        problems.append(("", "no document language (/Lang): a screen reader cannot choose "
                             "its voice"))
    meta = _metadata(pdf)
    title = meta.get("title") or str(pdf.docinfo.get("/Title", "") if pdf.docinfo else "")
    if not title.strip():
        problems.append(("", "no title (dc:title in the metadata)"))
    prefs = root.get("/ViewerPreferences", {})
    if not bool(prefs.get("/DisplayDocTitle", False)):
        problems.append(("", "the viewer is not asked to show the title (/DisplayDocTitle)"))
    if meta.get("pdfua") != "1":
        problems.append(("", "the metadata does not claim PDF/UA-1 (pdfuaid:part)"))
    return problems


def _metadata(pdf) -> dict[str, str]:
    """The XMP title and PDF/UA part, read without trusting the packet's size."""
    if "/Metadata" not in pdf.Root:
        return {}
    try:
        meta = pdf.open_metadata()
        return {"title": str(meta.get("dc:title", "") or ""),
                "pdfua": str(meta.get("pdfuaid:part", "") or "")}
    except Exception:  # a broken packet is as good as none
        return {}


def _pages(pdf) -> list[tuple[str, str]]:
    """Untagged content, fonts and link annotations, page by page."""
    problems = []
    fonts_seen: set[tuple[int, int]] = set()
    tree = _parent_tree(pdf)
    for number, page in enumerate(pdf.pages, start=1):
        where = f"page {number}"
        parents = _page_parents(tree, page)
        untagged, orphans = _content(page, parents)
        if untagged:
            problems.append((where, f"content outside any tag or artifact ({untagged} "
                                    "drawing operation(s)): a screen reader meets it untagged"))
        if orphans:
            problems.append((where, f"{orphans} marked content sequence(s) belong to no "
                                    "structure element"))
        for message in _fonts(page, fonts_seen):
            problems.append((where, message))
        for annot in page.get("/Annots", ()):
            if annot.get("/Subtype") != "/Link":
                continue
            if not str(annot.get("/Contents", "")).strip():
                problems.append((where, "a link has no description (/Contents)"))
            if "/StructParent" not in annot:
                problems.append((where, "a link is not in the structure tree"))
    return problems


def _parent_tree(pdf) -> dict[int, Any] | None:
    """The parent tree's entries by key (None without one), each node read once."""
    tree = pdf.Root.get("/StructTreeRoot", {}).get("/ParentTree")
    if tree is None:
        return None
    entries: dict[int, Any] = {}
    seen: set[tuple[int, int]] = set()
    stack = [tree]
    while stack and len(seen) < MAX_ELEMENTS:
        node = stack.pop()
        if node.is_indirect:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        nums = node.get("/Nums")
        if isinstance(nums, pikepdf.Array):
            for i in range(0, len(nums) - 1, 2):
                if isinstance(nums[i], int):
                    entries[int(nums[i])] = nums[i + 1]
        kids = node.get("/Kids")
        if isinstance(kids, pikepdf.Array):
            stack.extend(k for k in kids if isinstance(k, pikepdf.Dictionary))
    return entries


def _page_parents(tree: dict[int, Any] | None, page) -> set[int] | None:
    """The MCIDs of a page the parent tree gives an element; None without a parent tree."""
    key = page.obj.get("/StructParents")
    if tree is None or key is None:
        return None
    entry = tree.get(int(key))
    if not isinstance(entry, pikepdf.Array):
        return set()
    return {i for i, element in enumerate(entry) if isinstance(element, pikepdf.Dictionary)}


def _content(page, parents: set[int] | None) -> tuple[int, int]:
    """(painting operators outside marked content, MCIDs with no element) of a page."""
    untagged = orphans = 0
    depth = 0
    try:
        instructions = pikepdf.parse_content_stream(page)
    except Exception:  # an unreadable stream is reported as untagged content
        return 1, 0
    for instruction in instructions:
        op = str(instruction.operator)
        if op in ("BDC", "BMC"):
            depth += 1
            if op == "BDC" and depth == 1 and parents is not None:
                props = instruction.operands[1]
                if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                    if int(props.MCID) not in parents:
                        orphans += 1
        elif op == "EMC":
            depth = max(depth - 1, 0)
        elif depth == 0 and op in PAINTING:
            untagged += 1
    return untagged, orphans


def _fonts(page, seen: set[tuple[int, int]]) -> list[str]:
    """Fonts of a page not embedded or without a Unicode mapping (each font once)."""
    problems = []
    resources = page.get("/Resources", {})
    for font in resources.get("/Font", {}).values():
        key = font.objgen
        if key in seen:
            continue
        seen.add(key)
        name = str(font.get("/BaseFont", "a font")).lstrip("/")
        described = font
        if font.get("/Subtype") == "/Type0":
            descendants = font.get("/DescendantFonts", [])
            described = descendants[0] if len(descendants) else font
        descriptor = described.get("/FontDescriptor", {})
        if font.get("/Subtype") != "/Type3" and not any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            problems.append(f"the font {name} is not embedded (PDF/UA needs every font in "
                            "the file)")
        encoding = font.get("/Encoding")
        standard = isinstance(encoding, pikepdf.Name) and str(encoding) in _STANDARD_ENCODINGS
        if "/ToUnicode" not in font and not standard:
            problems.append(f"the font {name} has no Unicode mapping (/ToUnicode): its text "
                            "cannot be read out")
    return problems


def _structure(pdf) -> list[tuple[str, str]]:
    """Headings in order, figures' alternative text, tables' header cells."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return []
    problems = []
    counts: dict[str, int] = {}
    previous = 0
    for element, table_has_th in _elements(root):
        role = str(element.get("/S", "")).lstrip("/")
        counts[role] = counts.get(role, 0) + 1
        where = f"{role} {counts[role]}"
        level = _HEADING_LEVEL.get(role)
        if level is not None:
            if level > previous + 1:
                problems.append((where, f"the heading skips a level (H{previous} → H{level})"
                                 if previous else f"the first heading is H{level}, not H1"))
            previous = level
        elif role == "Figure" and not str(element.get("/Alt", "")).strip():
            problems.append((where, "a figure has no alternative text (/Alt)"))
        elif role == "Table" and not table_has_th:
            problems.append((where, "a table has no header cells (TH)"))
    return problems


def _elements(root):
    """(element, for a Table: whether it has a TH) of the tree in order, bounded."""
    stack = list(reversed(_kids(root)))
    seen: set[tuple[int, int]] = set()
    while stack and len(seen) < MAX_ELEMENTS:
        element = stack.pop()
        if element.is_indirect:
            if element.objgen in seen:
                continue  # a cycle, or an element listed twice
            seen.add(element.objgen)
        role = str(element.get("/S", ""))
        yield element, role == "/Table" and _has_th(element)
        stack.extend(reversed(_kids(element)))


def _kids(element) -> list[Any]:
    """An element's child elements (marked content and object references left out)."""
    kids = element.get("/K")
    if kids is None:
        return []
    items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in items if isinstance(k, pikepdf.Dictionary) and "/S" in k
            and k.get("/Type", pikepdf.Name.StructElem) == pikepdf.Name.StructElem]


def _has_th(table, budget: int = 10_000) -> bool:
    """True when a table element has a TH below it (within its rows and sections)."""
    stack = _kids(table)
    while stack and budget > 0:
        budget -= 1
        element = stack.pop()
        role = str(element.get("/S", ""))
        if role == "/TH":
            return True
        if role in ("/TR", "/THead", "/TBody", "/TFoot"):
            stack.extend(_kids(element))
    return False
