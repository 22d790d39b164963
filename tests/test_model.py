"""`docgen.model`: the report model is plain data with its derived text worked out."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from tests.support import ROOT

from docgen import numbering
from docgen.model import (
    Block,
    Heading,
    Implication,
    Paragraph,
    Report,
    Run,
    Settings,
    TableCell,
    Value,
)

WORKBOOK_DOC = (ROOT / "docs" / "workbook.md").read_text(encoding="utf-8")


def settings(**changes) -> Settings:
    return Settings("Scrutiny", dt.date(2019, 11, 21), "21st November 2019", "Quarterly Report",
                    **changes)


def test_a_paragraphs_text_joins_its_runs():
    paragraph = Paragraph((Run("Crime "), Run("fell", bold=True), Run(" by 3%", italic=True)))
    assert paragraph.text == "Crime fell by 3%"
    assert paragraph.style == "body"
    assert Paragraph(()).text == ""


@pytest.mark.parametrize(("heading", "text"), [
    (Heading(1, "4.", "Background"), "4. Background"),
    (Heading(2, "a.", "Detail"), "a. Detail"),
    (Heading(3, "", "Unnumbered"), "Unnumbered"),
    (Heading(1, "2.", ""), "2. "),
])
def test_a_headings_text_is_its_number_and_title(heading, text):
    assert heading.text == text


def test_the_reports_headings_are_its_blocks_headings_in_order():
    first, second = Heading(1, "1.", "Purpose"), Heading(2, "a.", "Scope")
    report = Report(settings(), blocks=[
        Block(first, (Paragraph((Run("x"),)),)), Block(None, (Paragraph((Run("y"),)),)),
        Block(second)])
    assert report.headings == [first, second]
    assert Report(settings()).headings == []


def test_reports_do_not_share_their_lists_and_dicts():
    one, two = Report(settings()), Report(settings())
    one.measures.append("m")  # type: ignore[arg-type]
    one.tables["t"] = "x"  # type: ignore[assignment]
    one.implications.append(Implication("Financial:", "Nil"))
    assert (two.measures, two.tables, two.implications) == ([], {}, [])
    assert settings().values is not settings().values


def test_the_settings_defaults_are_the_documented_ones():
    s = settings()
    assert (s.green_colour, s.amber_colour, s.red_colour) == ("00703C", "FFDD00", "D4351C")
    assert "`00703C`, `FFDD00`, `D4351C`" in WORKBOOK_DOC
    assert s.appendix_title == "Appendix A: Performance Data"
    assert f"Default *{s.appendix_title}*" in WORKBOOK_DOC
    assert (s.previous_heading, s.change_heading, s.current_heading) == (
        "Previous period", "Change", "Current period")
    assert "(defaults *Previous period*, *Change*, *Current period*)" in WORKBOOK_DOC
    assert s.language == "en-GB" and "`en-GB` (default)" in WORKBOOK_DOC
    assert s.rag_rule == "target" and "`target` (default" in WORKBOOK_DOC
    assert s.percent_decimals == 0
    assert s.section_numbering == numbering.DEFAULT
    assert f"`{numbering.DEFAULT}` (default" in WORKBOOK_DOC


def test_the_parts_of_a_report_are_frozen_and_comparable():
    assert Value(1.0, "1") == Value(1.0, "1", "General")
    assert hash(TableCell("5", numeric=True)) == hash(TableCell("5", numeric=True))
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings().title = "Other"  # type: ignore[misc]


def test_the_model_knows_nothing_of_word_or_pdf():
    import docgen.model as module

    source = (ROOT / "src" / "docgen" / "model.py").read_text(encoding="utf-8")
    for name in ("docx", "lxml", "reportlab", "openpyxl", "jinja2"):
        assert f"import {name}" not in source and f"from {name}" not in source
    assert module.Report.__dataclass_params__.frozen is False  # filled in as it is built
