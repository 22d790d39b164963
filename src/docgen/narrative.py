"""The narrative: each block's heading, paragraphs, lists, caption and table or chart, written
in the template's own styles through one `Writer`.

Headings and body paragraphs are numbered by the workbook's section numbering scheme
(`list_numbering.SectionNumbering`); numbered lists restart at 1 after anything else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .charts import write_chart
from .list_numbering import SectionNumbering
from .model import Chart, Table
from .numbering import scheme_named
from .table_layout import add_table
from .template_styles import BODY_STYLE
from .word_writer import KEEPNEXT, PPR, P, R, Writer, add_text, writing

if TYPE_CHECKING:
    from docx.document import Document

    from .chart_description import ChartDescription
    from .model import Block, Paragraph, Report

LIST_STYLES = {"bullet": "List Bullet", "numbered": "List Number"}
CAPTION_STYLE = "Caption"


def add_blocks(doc: Document, report: Report) -> dict[str, ChartDescription]:
    """The narrative, appended to `doc`'s body: each block's heading, paragraphs, caption and
    table or chart (`doc` is a python-docx document; its styles are the template's).

    Returns the description of each chart written, by its chart part's name.
    """
    with writing(doc) as out:
        _add_blocks(out, report)
    return out.charts


def _add_blocks(out: Writer, report: Report) -> None:
    """Every block of the report, its heading and body paragraphs numbered by the scheme."""
    sections = SectionNumbering(out.doc, scheme_named(report.settings.section_numbering))
    for block in report.blocks:
        if block.heading:
            para = out.paragraph(f"Heading {block.heading.level}")
            sections.heading(para.find(PPR), block.heading)
            if block.heading.title:  # python-docx adds no run for empty text
                add_text(out.sub(para, R), block.heading.title)
        for paragraph in block.paragraphs:
            add_paragraph(out, paragraph, sections)
        if block.insert is not None:
            out.lists.reset()
            add_insert(out, block, report)
        if not block.paragraphs or block.paragraphs[-1].style != "numbered":
            out.lists.reset()


def add_paragraph(out: Writer, paragraph: Paragraph,
                  sections: SectionNumbering | None = None) -> None:
    """A paragraph in the template's body, bullet or numbered-list style, with its runs; a
    body paragraph is numbered as its section's paragraph when `sections` numbers them."""
    style = out.styles.paragraph_id(LIST_STYLES.get(paragraph.style, BODY_STYLE))
    para = out.sub(out.body, P)
    ppr = out.paragraph_properties(para, style)
    for run in paragraph.runs:
        out.run(para, run.text, run.bold, run.italic)
    if paragraph.style == "numbered":
        out.lists.number(ppr, style)
    else:
        out.lists.reset()
        if sections is not None and paragraph.style == "body" and paragraph.text.strip():
            sections.paragraph(ppr)


def add_insert(out: Writer, block: Block, report: Report) -> None:
    """The table or chart placed after a block, with its caption above it."""
    if block.caption:
        caption = out.paragraph(CAPTION_STYLE)
        out.sub(caption.find(PPR), KEEPNEXT)  # with the table or chart, in any template
        add_text(out.sub(caption, R), block.caption)
    if isinstance(block.insert, Table):
        add_table(out, block.insert)
    elif isinstance(block.insert, Chart):
        write_chart(out, block.insert)
        table = report.tables.get(block.insert.table.lower())
        if block.insert.show_table and table is not None:
            add_table(out, table)
    out.paragraph(BODY_STYLE)
