"""What a PDF says about its own pages: internal links and the outline, read with pypdf."""

from __future__ import annotations

from pathlib import Path

import pypdf


def internal_links(path: Path, pages: int | None = None) -> list[tuple[int, tuple, int]]:
    """(page, rectangle, target page) of every link to a place in the document, pages counted
    from 1 (the first `pages` pages only, when given)."""
    reader = pypdf.PdfReader(str(path))
    numbers = {page.indirect_reference.idnum: i + 1 for i, page in enumerate(reader.pages)}
    named = reader.named_destinations
    found = []
    for index, page in enumerate(reader.pages[:pages]):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            dest = annotation.get("/Dest")
            if dest is None and "/A" in annotation:
                dest = annotation["/A"].get("/D")
            if dest is None:
                continue
            if isinstance(dest, str):
                target = reader.get_destination_page_number(named[str(dest)]) + 1
            else:
                target = numbers[dest[0].idnum]
            rect = tuple(round(float(v), 1) for v in annotation["/Rect"])
            found.append((index + 1, rect, target))
    return found


def outline_pages(path: Path) -> list[tuple[str, int]]:
    """(title, page) of every outline (bookmarks pane) entry, in order, pages from 1."""
    reader = pypdf.PdfReader(str(path))
    found: list[tuple[str, int]] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((" ".join(item.title.split()),
                              reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return found


def line_words(path: Path, page: int) -> list[str]:
    """The text lines of a page (from 1), each with its spacing squeezed to single spaces."""
    text = pypdf.PdfReader(str(path)).pages[page - 1].extract_text() or ""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]
