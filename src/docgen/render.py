"""Render the report model into the Word template with docxtpl and python-docx.

The template's Jinja tags place the header block, Implications and Appendix A; the narrative
(headings, paragraphs, lists, tables, charts) is built with python-docx in the template's own
styles and dropped in at `{{p body }}`. Jinja runs sandboxed, with autoescape on and undefined
names as errors; workbook text only ever reaches it as data.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from .exceptions import TemplateError
from .model import Block, Chart, Paragraph, Report, Table

if TYPE_CHECKING:
    from docx.document import Document
    from docxtpl import DocxTemplate

logger = logging.getLogger(__name__)

BODY_STYLE = "Normal"
LIST_STYLES = {"bullet": "List Bullet", "numbered": "List Number", "note": "Table Note"}
TABLE_STYLES = ("Report Table", "Table Grid")
CAPTION_STYLE = "Caption"
TABLE_TEXT_STYLE = "Table Text"
SMALL_TABLE_TEXT_STYLE = "Table Text Small"
SMALL_TEXT_FROM_COLUMNS = 7

_STYLE_IDS: WeakKeyDictionary = WeakKeyDictionary()  # document part → {style name: style id}


def render_docx(report: Report, template: Path, output: Path, *, properties: dict | None = None
                ) -> None:
    """Write the report as a .docx to `output` (a path the caller makes atomic)."""
    tpl = open_template(template)
    body = tpl.new_subdoc()
    add_blocks(body.subdocx, report)
    context = template_context(report)
    context["body"] = body
    _render(tpl, context, template)
    set_properties(tpl.docx, report, properties or {})
    tpl.save(output)


def open_template(template: Path) -> DocxTemplate:
    """Load a .docx template, or raise `TemplateError` with one sentence."""
    from docxtpl import DocxTemplate

    if not template.is_file():
        raise TemplateError(f"the template '{template}' was not found")
    try:
        tpl = DocxTemplate(template)
        tpl.init_docx()
    except Exception as exc:  # python-docx raises several kinds for a non-.docx file
        raise TemplateError(f"'{template.name}' is not a Word .docx template ({exc})") from None
    return tpl


def jinja_environment():
    """A sandboxed Jinja environment: autoescape on, undefined names are errors, on a budget."""
    from .sandbox import SafeEnvironment

    return SafeEnvironment()


def _render(tpl: DocxTemplate, context: dict, template: Path) -> None:
    from jinja2 import TemplateError as JinjaError
    from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError

    try:
        tpl.render(context, jinja_env=jinja_environment(), autoescape=True)
    except SecurityError as exc:
        raise TemplateError(f"the template '{template.name}' tries something unsafe: {exc}"
                            ) from None
    except TemplateSyntaxError as exc:
        raise TemplateError(f"the template '{template.name}' has a Jinja syntax error: "
                            f"{exc.message}") from None
    except UndefinedError as exc:
        raise TemplateError(f"the template '{template.name}' uses a name docgen does not "
                            f"provide: {exc.message}") from None
    except JinjaError as exc:
        raise TemplateError(f"the template '{template.name}' cannot be rendered: {exc}") from None


def template_context(report: Report) -> dict:
    """The names a template can use: plain strings, lists and dicts, never workbook code."""
    s = report.settings
    return {
        "report_to": s.report_to,
        "meeting_date": s.meeting_date_text,
        "title": s.title,
        "agenda_item": s.agenda_item,
        "organisation": s.organisation,
        "author": s.author,
        "subject": s.subject,
        "previous_period": s.previous_period,
        "current_period": s.current_period,
        "previous_heading": s.previous_heading,
        "change_heading": s.change_heading,
        "current_heading": s.current_heading,
        "appendix_title": s.appendix_title,
        "appendix_note": s.appendix_note,
        "implications_heading": f"{report.implications_number} Implications".strip(),
        "implications": [{"label": i.label, "detail": i.detail} for i in report.implications],
        "appendix": [
            {
                "theme": group.theme,
                "note": group.note,
                "previous_period": group.previous_period,
                "current_period": group.current_period,
                "first_of_theme": group.first_of_theme,
                "measures": [
                    {
                        "id": m.id,
                        "name": m.name,
                        "note": m.note,
                        "previous": m.previous.text,
                        "current": m.current.text,
                        "change": m.change.text,
                        "improved": m.change.improved,
                        "target": m.target.text if m.target else "",
                        "target_met": m.target_met,
                    }
                    for m in group.measures
                ],
            }
            for group in report.appendix
        ],
    }


def add_blocks(doc: Document, report: Report) -> None:
    """The narrative: each block's heading, paragraphs, caption and table or chart."""
    lists = _ListNumbering(doc)
    for block in report.blocks:
        if block.heading:
            para = doc.add_paragraph(block.heading.text)
            para._p.style = _style_id(doc, f"Heading {block.heading.level}")
        for paragraph in block.paragraphs:
            add_paragraph(doc, paragraph, lists)
        if block.insert is not None:
            lists.reset()
            add_insert(doc, block, report)
        if not block.paragraphs or block.paragraphs[-1].style != "numbered":
            lists.reset()


def add_paragraph(doc: Document, paragraph: Paragraph, lists: _ListNumbering) -> None:
    """A paragraph in the template's body, bullet or numbered-list style, with its runs."""
    para = doc.add_paragraph()
    para._p.style = _style_id(doc, LIST_STYLES.get(paragraph.style, BODY_STYLE))
    for run in paragraph.runs:
        added = para.add_run(run.text)
        added.bold = run.bold or None
        added.italic = run.italic or None
    if paragraph.style == "numbered":
        lists.number(para)
    else:
        lists.reset()


def add_insert(doc: Document, block: Block, report: Report) -> None:
    """The table or chart placed after a block, with its caption above it."""
    if block.caption:
        doc.add_paragraph(block.caption)._p.style = _style_id(doc, CAPTION_STYLE)
    if isinstance(block.insert, Table):
        add_table(doc, block.insert)
    elif isinstance(block.insert, Chart):
        from .charts import add_chart

        add_chart(doc, block.insert)
        table = report.tables.get(block.insert.table.lower())
        if block.insert.show_table and table is not None:
            add_table(doc, table)
    doc.add_paragraph()._p.style = _style_id(doc, BODY_STYLE)


def add_table(doc: Document, table: Table) -> None:
    """A data table: header row repeated on each page, numbers right-aligned."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    columns = max([len(table.header), *(len(r) for r in table.rows)])
    word_table = doc.add_table(rows=1 + len(table.rows), cols=columns)
    style = _table_style(doc)
    word_table.style = style
    wide = columns >= SMALL_TEXT_FROM_COLUMNS
    text_style = _style_id(doc, SMALL_TABLE_TEXT_STYLE if wide else TABLE_TEXT_STYLE)
    # The new table is a plain grid: its cells, listed once, are indexed as Table.cell() does
    # (which lists them all again on every call).
    grid = word_table._cells
    for r, cells in enumerate((table.header, *table.rows)):
        for c, cell in enumerate(cells):
            para = grid[r * columns + c].paragraphs[0]
            para._p.style = text_style
            run = para.add_run(cell.text)
            bold = cell.bold or (table.first_column_bold and c == 0 and r > 0)
            if r == 0 and style == "Table Grid":
                bold = True
            run.bold = bold or None
            run.italic = cell.italic or None
            if cell.numeric:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _mark_header_row(word_table.rows[0])
    _set_widths(doc, word_table, table, grid)


def _mark_header_row(row) -> None:
    from docx.oxml import OxmlElement

    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))


def _set_widths(doc: Document, word_table, table: Table, grid: list) -> None:
    """Share the text width between columns by how much each holds (first column widest)."""
    from docx.oxml.ns import qn
    from docx.shared import Emu

    width = _text_width(doc)
    rows = (table.header, *table.rows)
    columns = len(word_table.columns)
    weights = []
    for c in range(columns):
        longest = max((len(r[c].text) for r in rows if c < len(r)), default=1)
        weights.append(min(max(longest, 4), 45))
    total = sum(weights)
    widths = [Emu(int(width * w / total)) for w in weights]
    for col, w in zip(word_table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(w.twips))
    for index, cell in enumerate(grid):
        cell.width = widths[index % columns]


def _text_width(doc: Document) -> int:
    """The width between the margins of the template's first section, in EMU."""
    section = doc.part.document.sections[0]
    return section.page_width - section.left_margin - section.right_margin


def _style(doc: Document, name: str) -> str:
    """`name` if the template defines it, else the body style (the template decides the look)."""
    try:
        doc.part.document.styles[name]
    except KeyError:
        logger.debug("template has no style %r; using %s", name, BODY_STYLE)
        return BODY_STYLE
    return name


def _style_id(doc: Document, name: str) -> str | None:
    """The style id to give a paragraph of style `name` (see `_style`); None for the default.

    Cached per document: python-docx finds a style by scanning every style, twice, each time.
    """
    from docx.enum.style import WD_STYLE_TYPE

    ids = _STYLE_IDS.setdefault(doc.part, {})
    if name not in ids:
        ids[name] = doc.part.get_style_id(_style(doc, name), WD_STYLE_TYPE.PARAGRAPH)
    return ids[name]


def _table_style(doc: Document) -> str:
    for name in TABLE_STYLES:
        try:
            doc.part.document.styles[name]
        except KeyError:
            continue
        return name
    return TABLE_STYLES[-1]


class _ListNumbering:
    """Numbered lists that start at 1 each time: a new w:num per list, as Word does."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.current: int | None = None

    def reset(self) -> None:
        self.current = None

    def number(self, paragraph) -> None:
        from docx.oxml.ns import qn

        if self.current is None:
            self.current = self._new_list(paragraph)
        if self.current is None:
            return
        ppr = paragraph._p.get_or_add_pPr()
        numpr = ppr.get_or_add_numPr()
        numpr.get_or_add_ilvl().val = 0
        numpr.get_or_add_numId().val = self.current
        del qn

    def _new_list(self, paragraph) -> int | None:
        style = paragraph.style
        numpr = style.element.pPr.numPr if style.element.pPr is not None else None
        if numpr is None or numpr.numId is None:
            return None
        numbering = self.doc.part.numbering_part.element
        abstract = numbering.num_having_numId(numpr.numId.val).abstractNumId.val
        num = numbering.add_num(abstract)
        override = num.add_lvlOverride(ilvl=0)
        override.add_startOverride(1)
        return num.numId


# Provenance keys (from `api.provenance`) and their names under File > Properties > Custom.
CUSTOM_PROPERTIES = {
    "source_workbook": "Source workbook",
    "source_sha256": "Source workbook SHA-256",
    "docgen_version": "docgen version",
}
CORE_PROPERTIES_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"


def set_properties(document, report: Report, extra: dict) -> None:
    """Title, subject, author, keywords, created and language from the workbook; provenance
    (source workbook, its SHA-256, docgen's version) as custom document properties."""
    with _core_properties_prefix():
        core = document.core_properties
        s = report.settings
        core.title = s.title
        core.subject = s.subject or f"{s.report_to} {s.meeting_date_text}".strip()
        core.author = s.author or s.organisation
        core.last_modified_by = s.author or s.organisation
        core.keywords = s.keywords
        core.language = "en-GB"
        core.category = "Committee report"
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
        core.created = core.modified = now
        core.revision = 1
        if extra.get("comments"):
            core.comments = extra["comments"]
    set_custom_properties(document, {CUSTOM_PROPERTIES[key]: str(value)
                                     for key, value in extra.items() if key in CUSTOM_PROPERTIES})


def set_custom_properties(document, properties: dict[str, str]) -> None:
    """Write text properties to docProps/custom.xml (Word's File > Properties > Custom)."""
    from docxcompose.properties import CustomProperties

    custom = CustomProperties(document)
    for name, value in properties.items():
        custom[name] = value


@contextlib.contextmanager
def _core_properties_prefix():
    """Point python-docx's 'cp' prefix at the core-properties namespace while in use.

    docxcompose (imported by docxtpl) rebinds 'cp' to the custom-properties namespace, which
    made python-docx write keywords, category, revision and last-modified-by as stray elements
    Word ignores.
    """
    from docx.oxml.ns import nsmap

    before = nsmap.get("cp")
    nsmap["cp"] = CORE_PROPERTIES_NS
    try:
        yield
    finally:
        if before is not None:
            nsmap["cp"] = before
