"""`docgen.narrative`: each block's heading, paragraphs, lists, caption and table or chart,
written in the template's own styles."""

from __future__ import annotations

import datetime as dt

import docx
import pytest

from docgen.model import (
    Block,
    Chart,
    Heading,
    Paragraph,
    Report,
    Run,
    Series,
    Settings,
    Table,
    TableCell,
)
from docgen.narrative import add_blocks
from docgen.ooxml.ns import qn

TABLE = Table("Crimes", (TableCell("Area"), TableCell("Crimes")),
              ((TableCell("North"), TableCell("5", numeric=True)),))
CHART = Chart("Trend", "line", "Crimes by year", ("2018", "2019"),
              (Series("North", (4.0, 5.0)),), table="Crimes")


def report(*blocks: Block, numbering: str = "1. / a.") -> Report:
    settings = Settings("Committee", dt.date(2019, 11, 21), "21st November 2019", "Report",
                        section_numbering=numbering)
    return Report(settings, blocks=list(blocks), tables={"crimes": TABLE})


def body(text: str, style: str = "body") -> Paragraph:
    return Paragraph((Run(text),), style)  # type: ignore[arg-type]


def written(document) -> list[tuple[str, str, str | None]]:
    """(style name, text, numId) of each paragraph written, tables as ('TABLE', first cell)."""
    out = []
    for element in document.element.body:
        if element.tag == qn("w:tbl"):
            out.append(("TABLE", "".join(element.itertext())[:4], None))
        elif element.tag == qn("w:p"):
            para = docx.text.paragraph.Paragraph(element, document._body)
            num = element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
            out.append((para.style.name, para.text,
                        num.get(qn("w:val")) if num is not None else None))
    return out


@pytest.fixture
def document():
    return docx.Document()


def test_headings_and_body_in_the_templates_styles(document):
    add_blocks(document, report(
        Block(Heading(1, "1.", "Purpose"), (body("Crime fell."),)),
        Block(Heading(2, "a.", "Scope"), (body("All areas."),))))
    shown = written(document)
    assert [(style, text) for style, text, _ in shown] == [
        ("Heading 1", "Purpose"), ("Normal", "Crime fell."), ("Heading 2", "Scope"),
        ("Normal", "All areas.")]
    heading_num = {num for style, _, num in shown if style.startswith("Heading")}
    assert len(heading_num) == 1 and None not in heading_num  # one list numbers the headings
    assert shown[1][2] is None  # the scheme numbers no paragraphs


def test_the_section_properties_stay_last(document):
    add_blocks(document, report(Block(Heading(1, "1.", "A"), (body("x"),))))
    assert document.element.body[-1].tag == qn("w:sectPr")


def test_runs_keep_bold_and_italic(document):
    add_blocks(document, report(Block(None, (Paragraph((
        Run("Crime "), Run("fell", bold=True), Run(" sharply", italic=True))),))))
    runs = document.paragraphs[-1].runs
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in runs] == [
        ("Crime ", False, False), ("fell", True, False), (" sharply", False, True)]


def test_an_empty_heading_has_no_run(document):
    add_blocks(document, report(Block(Heading(1, "1.", ""))))
    (heading,) = document.paragraphs
    assert heading.style.name == "Heading 1" and heading.runs == []


def test_bullets_and_numbered_items_and_lists_restarting(document):
    add_blocks(document, report(
        Block(None, (body("one", "numbered"), body("two", "numbered"), body("note"),
                     body("again", "numbered"), body("dot", "bullet")))))
    shown = written(document)
    assert [(style, text) for style, text, _ in shown] == [
        ("List Number", "one"), ("List Number", "two"), ("Normal", "note"),
        ("List Number", "again"), ("List Bullet", "dot")]
    one, two, _, again, _ = (num for _, _, num in shown)
    assert one == two and one is not None
    assert again not in (None, one)  # a new list after the body paragraph


def test_a_numbered_list_goes_on_into_the_next_block_only_if_it_ended_the_block(document):
    add_blocks(document, report(
        Block(None, (body("one", "numbered"),)), Block(None, (body("two", "numbered"),)),
        Block(None, (body("x"), )), Block(None, (body("three", "numbered"),))))
    nums = [num for style, _, num in written(document) if style == "List Number"]
    assert nums[0] == nums[1] and nums[2] != nums[0]


def test_paragraphs_numbered_within_numbered_sections(document):
    add_blocks(document, report(
        Block(None, (body("before any section"),)),
        Block(Heading(1, "1.", "Purpose"), (body("first"), body(" "), body("item", "bullet"))),
        numbering="1.1 paragraphs"))
    shown = {text: num for _, text, num in written(document)}
    assert shown["before any section"] is None
    assert shown["first"] is not None and shown["first"] == shown["Purpose"]
    assert shown[" "] is None and shown["item"] is None  # blank and list paragraphs are not


def test_a_table_with_its_caption_kept_with_it_and_a_paragraph_after(document):
    add_blocks(document, report(Block(None, (body("See the table."),), TABLE, "Table 1: Crimes")))
    shown = written(document)
    assert [(style, text) for style, text, _ in shown] == [
        ("Normal", "See the table."), ("Caption", "Table 1: Crimes"), ("TABLE", "Area"),
        ("Normal", "")]
    caption = document.paragraphs[1]
    assert caption.paragraph_format.keep_with_next is True


def test_a_chart_is_described_by_its_part_and_its_table_shown_when_asked(document):
    chart = Chart(**{**CHART.__dict__, "show_table": True})
    charts = add_blocks(document, report(Block(None, (), chart, "Figure 1")))
    assert list(charts) == ["/word/charts/chart1.xml"]
    description = charts["/word/charts/chart1.xml"]
    assert description.title == "Crimes by year"
    kinds = [style for style, _, _ in written(document)]
    assert kinds == ["Caption", "Normal", "TABLE", "Normal"]
    assert document.element.body[1].find(f".//{qn('w:drawing')}") is not None


def test_a_chart_without_show_table_is_drawn_alone(document):
    charts = add_blocks(document, report(Block(None, (), CHART)))
    assert len(charts) == 1
    assert "TABLE" not in [style for style, _, _ in written(document)]


def test_a_numbered_list_restarts_after_an_insert(document):
    add_blocks(document, report(Block(None, (body("one", "numbered"),), TABLE),
                                Block(None, (body("two", "numbered"),))))
    nums = [num for style, _, num in written(document) if style == "List Number"]
    assert nums[0] != nums[1]
