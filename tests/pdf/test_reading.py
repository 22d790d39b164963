"""`docgen.pdf.reading`: the one interface through which the section, drawing and table
readers see the document reader."""

from __future__ import annotations

import ast
import inspect

import docx

from docgen.pdf import drawings, reading, sections, table_reader
from docgen.pdf.docx_reader import DocxReader
from docgen.pdf.styles import StyleSheet
from docgen.pdf.table_props import TableStyle

MEMBERS = {"part", "sheet", "charts", "warn", "blocks", "story", "table_style"}


def _protocol_members() -> set[str]:
    annotated = set(reading.StoryReader.__annotations__)
    methods = {name for name, value in vars(reading.StoryReader).items()
               if inspect.isfunction(value) and not name.startswith("_")}
    return annotated | methods


def test_the_interface_is_small_and_named():
    assert _protocol_members() == MEMBERS


def test_the_document_reader_offers_every_member():
    reader = DocxReader(docx.Document(), "report.docx")
    assert reader.part is not None
    assert isinstance(reader.sheet, StyleSheet)
    assert reader.charts == {}
    assert isinstance(reader.table_style(None), TableStyle)
    assert reader.story(None) == [] and reader.story("rIdMissing") == []
    for method in ("warn", "blocks", "story", "table_style"):
        assert callable(getattr(reader, method))


def test_warnings_through_the_interface_are_recorded_once_as_problems():
    reader = DocxReader(docx.Document(), "report.docx")
    reader.warn("a shape that cannot be printed was left out")
    reader.warn("a shape that cannot be printed was left out")
    assert [str(p) for p in reader.warnings] == [
        "report.docx: a shape that cannot be printed was left out"]


def test_the_helpers_see_the_reader_only_through_the_interface():
    for module in (sections, drawings, table_reader):
        tree = ast.parse(inspect.getsource(module))
        imported = {node.module for node in ast.walk(tree)
                    if isinstance(node, ast.ImportFrom) and node.module}
        assert "docx_reader" not in imported, module.__name__
        assert "reading" in imported, module.__name__
