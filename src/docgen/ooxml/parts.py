"""One walker of a .docx's stories: the body, headers, footers, footnotes and endnotes.

A part is read either from a file (through `docgen.template_file.read_template`, so its size is
bounded and anything reaching outside it removed) or from a python-docx `Document` in memory.
Within a part, `blocks` yields paragraphs and tables in document order, looking through
content controls, each with where it is: "table 2, row 1, cell 3".
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from lxml import etree

from ..exceptions import TemplateError
from ..template_file import read_template
from .ns import w
from .package import DOCUMENT_PART

HEADER_FOOTER_PART = re.compile(r"word/(header|footer)\d*\.xml")
NOTES_PARTS = ("word/footnotes.xml", "word/endnotes.xml")
STORY_KINDS = frozenset({"body", "header", "footer", "footnotes", "endnotes"})
TEMPLATE_KINDS = frozenset({"body", "header", "footer"})
"""The stories docxtpl renders, which the linter and the accessibility check read."""

_P, _TBL, _SDT, _SDT_CONTENT = w("p"), w("tbl"), w("sdt"), w("sdtContent")
_TR, _TC, _T, _TAB = w("tr"), w("tc"), w("t"), w("tab")


class Part(NamedTuple):
    """One story part: its label ('body' or the file name, 'header1.xml') and parsed root."""

    label: str
    root: Any

    @property
    def kind(self) -> str:
        """'body', 'header', 'footer', 'footnotes' or 'endnotes'."""
        return story_kind("word/document.xml" if self.label == "body" else f"word/{self.label}")


def story_kind(partname: str) -> str | None:
    """The kind of story a part name holds ('header' for word/header2.xml), or None."""
    if partname == DOCUMENT_PART:
        return "body"
    match = HEADER_FOOTER_PART.fullmatch(partname)
    if match:
        return match.group(1)
    if partname in NOTES_PARTS:
        return partname.removeprefix("word/").removesuffix(".xml")
    return None


def story_order(partnames: Collection[str], kinds: Collection[str] = STORY_KINDS) -> list[str]:
    """The story parts among `partnames`, of `kinds`: the body, then headers and footers by
    name (the order the linter has always reported them in), then footnotes and endnotes."""
    wanted = [name for name in partnames if story_kind(name) in kinds]
    body = [name for name in wanted if name == DOCUMENT_PART]
    sides = sorted(name for name in wanted if HEADER_FOOTER_PART.fullmatch(name))
    notes = [name for name in NOTES_PARTS if name in wanted]
    return body + sides + notes


def label_of(partname: str) -> str:
    """How a problem names a part: 'body', or the file name ('footer1.xml')."""
    return "body" if partname == DOCUMENT_PART else partname.removeprefix("word/")


class Package:
    """A .docx's parts by name, each parsed once when first asked for."""

    def __init__(self, names: Collection[str], load: Callable[[str], Any]):
        self.names = set(names)
        self._load = load
        self._roots: dict[str, Any] = {}

    def root(self, partname: str) -> Any:
        """The parsed root of a part ('word/styles.xml'), or None when there is no such part."""
        if partname not in self.names:
            return None
        if partname not in self._roots:
            self._roots[partname] = self._load(partname)
        return self._roots[partname]

    def stories(self, kinds: Collection[str] = STORY_KINDS) -> list[Part]:
        """The story parts of `kinds`, in the order of `story_order`."""
        return [Part(label_of(name), self.root(name)) for name in story_order(self.names, kinds)]


def parse_xml(data: bytes) -> etree._Element:
    """A part's XML parsed without entities, network or huge trees."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(data, parser)


def read_package(path: str | Path, error: type[Exception] = TemplateError,
                 kinds: Collection[str] = STORY_KINDS) -> Package:
    """The package of the .docx at `path`, bounded and cleaned by `read_template`, with its
    story parts of `kinds` parsed; raises `error` (one sentence) when it is missing or not a
    Word file."""
    path = Path(path)
    return package_of(read_template(path, error=error).data, path.name, error, kinds)


def package_of(data: bytes, name: str, error: type[Exception] = TemplateError,
               kinds: Collection[str] = STORY_KINDS) -> Package:
    """The package of a .docx already read and cleaned (`read_template(...).data`), named
    `name` in messages, with its story parts of `kinds` parsed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))  # in memory: nothing to close
        names = archive.namelist()
        if DOCUMENT_PART not in names:
            raise error(f"'{name}' is not a Word document (no {DOCUMENT_PART})")
        package = Package(names, lambda name: parse_xml(archive.read(name)))
        package.stories(kinds)  # parse them now: an unreadable one is the file's fault
        return package
    except (zipfile.BadZipFile, OSError, etree.XMLSyntaxError) as exc:
        raise error(f"'{name}' is not a readable Word document ({exc})") from None


def document_package(document: Any) -> Package:
    """The package of a python-docx `Document` in memory, its parts as they are now.

    Parts are found by walking the relationships' current targets (`iter_parts`): docxtpl
    swaps in the rendered headers and footers behind python-docx's `related_parts` cache,
    which still holds the template's.
    """
    by_name = {str(part.partname).lstrip("/"): part for part in document.part.package.iter_parts()}
    by_name[DOCUMENT_PART] = document.part

    def load(name: str) -> Any:
        if name == DOCUMENT_PART:
            return document.element
        return _element_of(by_name[name])

    return Package(by_name, load)


def _element_of(part: Any) -> Any:
    """A package part's XML root: python-docx keeps some parts parsed, others as bytes."""
    element = getattr(part, "element", None)
    return element if element is not None else parse_xml(part.blob)


def docx_parts(path: str | Path, error: type[Exception] = TemplateError,
               kinds: Collection[str] = STORY_KINDS) -> list[Part]:
    """The parsed story parts of the .docx at `path` (see `read_package`)."""
    return read_package(path, error, kinds).stories(kinds)


def document_parts(document: Any, kinds: Collection[str] = STORY_KINDS) -> list[Part]:
    """The story parts of a python-docx `Document` in memory (see `document_package`)."""
    return document_package(document).stories(kinds)


def paragraphs(root: etree._Element) -> Iterator[tuple[etree._Element, str]]:
    """Every paragraph of a part in document order, with where it is: 'table 2, row 1, cell 3'."""
    return ((e, where) for e, where in blocks(root) if e.tag == _P)


def blocks(root: etree._Element) -> Iterator[tuple[etree._Element, str]]:
    """Paragraphs and tables of a part in document order, each with where it is."""
    container = root.find(w("body"))
    yield from _walk(list(block_elements(container if container is not None else root)), "")


def _walk(children: list[etree._Element], prefix: str) -> Iterator[tuple[etree._Element, str]]:
    """A container's blocks (`children`, from `block_elements`) and the blocks in their cells."""
    counts = {_P: 0, _TBL: 0}
    for child in children:
        counts[child.tag] += 1
        if child.tag == _P:
            yield child, f"{prefix}paragraph {counts[_P]}"
            continue
        yield child, f"{prefix}table {counts[_TBL]}"
        for row_number, row in enumerate(child.iterchildren(_TR), start=1):
            for cell_number, cell in enumerate(row.iterchildren(_TC), start=1):
                where = f"{prefix}table {counts[_TBL]}, row {row_number}, cell {cell_number}"
                inner = list(block_elements(cell))  # listed once, to count and to walk
                single = len(inner) == 1
                for element, place in _walk(inner, f"{where}, "):
                    # A cell holding one paragraph is named by the cell alone.
                    yield element, where if single and element.tag == _P else place


def block_elements(container: etree._Element) -> Iterator[etree._Element]:
    """Block-level paragraphs and tables of a container, looking through content controls."""
    for child in container:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from block_elements(content)


def paragraph_text(paragraph: etree._Element) -> str:
    """The paragraph's text as Word shows it: its w:t runs joined (tabs as spaces)."""
    out = []
    for node in paragraph.iter(_T, _TAB):
        if node.tag == _TAB:
            out.append(" ")
        elif node.getparent() is None or not _in_nested_paragraph(node, paragraph):
            out.append(node.text or "")
    return "".join(out)


def _in_nested_paragraph(node: etree._Element, paragraph: etree._Element) -> bool:
    """Whether `node` belongs to a paragraph nested in `paragraph` (as in a text box)."""
    parent = node.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag == _P:
            return True
        parent = parent.getparent()
    return False
