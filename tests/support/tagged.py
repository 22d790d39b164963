"""Reading a tagged PDF back for the tests: its structure elements with their text (pdfplumber
joins each element's marked content to the characters drawn in it) and the drawing operators
that are in no marked content (pikepdf), checked independently of docgen's own checker."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

PAINTING = {"Tj", "TJ", "'", '"', "Do", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh"}


@dataclass
class Element:
    """One structure element: type, text of its own marked content, attributes, children."""

    role: str
    text: str
    attributes: dict
    children: list[Element] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def all_text(self) -> str:
        return self.text + "".join(child.all_text() for child in self.children)


def structure(path: Path) -> Element:
    """The document's structure tree (its root element)."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        chars: dict[tuple[int, int], list[str]] = defaultdict(list)
        for page in pdf.pages:
            for char in page.chars:
                if char.get("mcid") is not None:
                    chars[page.page_number, char["mcid"]].append(char["text"])
        tree = pdf.structure_tree

    def convert(item: dict) -> Element:
        text = "".join("".join(chars[item.get("page_number"), mcid])
                       for mcid in item.get("mcids", []))
        attributes = {k: v for k, v in item.items()
                      if k not in ("type", "children", "mcids", "page_number")}
        return Element(item["type"], text, attributes,
                       [convert(child) for child in item.get("children", [])])

    roots = [convert(item) for item in tree]
    return roots[0] if len(roots) == 1 else Element("", "", {}, roots)


def unmarked_operators(path: Path) -> list[tuple[int, str]]:
    """(page number, operator) of every painting operator outside marked content."""
    import pikepdf

    found = []
    with pikepdf.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            depth = 0
            for instruction in pikepdf.parse_content_stream(page):
                op = str(instruction.operator)
                if op in ("BDC", "BMC"):
                    depth += 1
                elif op == "EMC":
                    depth -= 1
                elif depth == 0 and op in PAINTING:
                    found.append((number, op))
    return found


def roles(root: Element, wanted: set[str]) -> list[tuple[str, str]]:
    """(role, whole text) of the elements of the wanted types, in reading order."""
    return [(e.role, " ".join(e.all_text().split())) for e in root.walk() if e.role in wanted]
