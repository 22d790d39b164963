"""One chart description for both renderers: the one made from the model (`describe`) is the
one the PDF engine reads back from the chart XML docgen writes, so a build's PDF can draw its
own charts from the model and read chart XML only for foreign documents."""

from __future__ import annotations

import dataclasses

import pytest
from docx import Document
from tests.support import EXAMPLE
from tests.support.chart_data import DOMESTIC_ABUSE, KNIFE_CRIME, many_series

import docgen
from docgen.chart_description import describe
from docgen.charts import add_chart
from docgen.pdf import chart_drawing
from docgen.pdf.chart_reading import read_description
from docgen.pdf.document import load_model
from docgen.pdf.model import InlineObject, Paragraph

CHARTS = {
    "line": DOMESTIC_ABUSE,
    "column": KNIFE_CRIME,
    "bar": dataclasses.replace(KNIFE_CRIME, type="bar"),
    "stacked column": dataclasses.replace(KNIFE_CRIME, type="stacked column"),
    "12 series": many_series(12),
}


@pytest.mark.parametrize("chart", CHARTS.values(), ids=CHARTS.keys())
def test_the_model_describes_a_chart_as_its_xml_is_read_back(chart):
    document = Document()
    add_chart(document, chart)
    part = next(rel.target_part for rel in document.part.rels.values()
                if rel.reltype.endswith("/chart"))
    assert read_description(part.blob) == describe(chart)


def chart_objects(model) -> list[InlineObject]:
    """Every chart of a PDF model's body, in order."""
    return [item for section in model.sections for block in section.blocks
            if isinstance(block, Paragraph) for item in block.inlines
            if isinstance(item, InlineObject) and item.kind == "chart"]


def test_a_build_passes_its_charts_descriptions_to_the_pdf(tmp_path, monkeypatch):
    def never(chart_xml: bytes):
        raise AssertionError("a build's own chart was read back from its XML")

    monkeypatch.setattr(chart_drawing, "read_description", never)
    result = docgen.build(EXAMPLE, outdir=tmp_path, pdf=True)
    assert not [p for p in result.warnings if "chart" in p.message]


def test_a_foreign_documents_charts_are_read_from_their_xml(tmp_path):
    document = Document()
    add_chart(document, KNIFE_CRIME)
    document.save(tmp_path / "foreign.docx")
    (chart,) = chart_objects(load_model(str(tmp_path / "foreign.docx")))
    assert chart.chart is None and read_description(chart.data) == describe(KNIFE_CRIME)


def test_a_known_chart_is_carried_as_its_description(tmp_path):
    document = Document()
    add_chart(document, KNIFE_CRIME)
    document.save(tmp_path / "own.docx")
    known = {"/word/charts/chart1.xml": describe(KNIFE_CRIME)}
    (chart,) = chart_objects(load_model(str(tmp_path / "own.docx"), charts=known))
    assert chart.chart == describe(KNIFE_CRIME) and chart.data == b""
