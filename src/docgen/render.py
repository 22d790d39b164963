"""Render the report model into the Word template: the pipeline's "render .docx" stage.

The template's Jinja tags place the header block, Implications and Appendix A; the narrative
(headings, paragraphs, lists, tables, charts; see `narrative`) is built in the template's own
styles and dropped in at `{{p body }}`; a table of contents asked for with `{{ toc }}` or a TOC
field is filled with docgen's page numbers (`toc`); then the document properties are set
(`properties`) and the result put in the shape Word opens without repair (`word_conformance`).
Jinja runs sandboxed, with autoescape on and undefined names as errors; workbook text only
ever reaches it as data.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from .exceptions import DocgenError, Problem, TemplateError
from .narrative import add_blocks
from .ooxml.ns import W_NS, qn
from .properties import set_properties
from .toc import PLACEHOLDER as TOC_PLACEHOLDER
from .toc import PLACEHOLDER_TAG as TOC_PLACEHOLDER_TAG
from .toc import add_tables_of_contents
from .word_conformance import conform

if TYPE_CHECKING:
    from docx.document import Document
    from docxtpl import DocxTemplate
    from lxml.etree import _Element

    from .chart_description import ChartDescription
    from .model import Report

NARRATIVE_NS = "urn:docgen:narrative"
PLACEHOLDER = f'<docgen:narrative xmlns:docgen="{NARRATIVE_NS}"/>'
"""What the template's `body` is: an inert element that `place_narrative` replaces."""
PLACEHOLDER_TAG = f"{{{NARRATIVE_NS}}}narrative"
FIRST_DOCPR_ID = 1001  # where docxtpl starts numbering drawings after rendering
_BLOCK_CONTAINERS = {qn(f"w:{t}") for t in ("body", "tc", "sdtContent", "txbxContent", "hdr",
                                            "ftr", "footnote", "endnote", "comment")}


def render_docx(report: Report, template: Path, output: Path, *, properties: dict | None = None,
                warnings: list[Problem] | None = None,
                charts: dict[str, ChartDescription] | None = None) -> Document:
    """Write the report as a .docx to `output` (a path the caller makes atomic).

    Returns the python-docx document as saved, for checks that need not read the file again.
    What was removed from the template (see `template_file`) is added to `warnings`; the
    description of each chart written goes to `charts` under its part name (for the PDF).
    """
    tpl = open_template(template, warnings)
    narrative, written = build_narrative(tpl, report)
    if charts is not None:
        charts.update(written)
    context = template_context(report)
    context["body"] = Markup(PLACEHOLDER)
    context["toc"] = Markup(TOC_PLACEHOLDER)
    _render(tpl, context, template)
    place_narrative(tpl, narrative)
    add_tables_of_contents(tpl.docx, name=template.name, charts=written, warnings=warnings)
    set_properties(tpl.docx, report, properties or {})
    conform(tpl.docx)
    tpl.save(output)
    return tpl.docx


def build_narrative(tpl: DocxTemplate, report: Report
                    ) -> tuple[list[_Element], dict[str, ChartDescription]]:
    """The narrative's paragraphs, tables and charts, built in the template's styles beside its
    body (a python-docx document sharing the template's part, so styles, numbering and chart
    parts are the template's), for `place_narrative` to move in once Jinja has run; and the
    description of each chart, by its part name."""
    from docx.document import Document
    from docx.oxml import parse_xml

    element = parse_xml(f'<w:document xmlns:w="{W_NS}"><w:body/></w:document>')
    charts = add_blocks(Document(element, tpl.docx.part), report)
    return list(element.body), charts


def place_narrative(tpl: DocxTemplate, narrative: list[_Element]) -> None:
    """Put the narrative where Jinja left placeholders, and number drawings as docxtpl does.

    The template sees `body` only as an inert placeholder element: it is text, never an object
    with methods. In the document body each placeholder (or the paragraph holding it) is
    replaced by the narrative; in headers and footers, where a narrative (or a table of
    contents) has no place, it is removed. docxtpl numbers every drawing (wp:docPr) of the
    body from 1001 after rendering; the narrative's charts were not there yet, so the
    numbering is done again in full.
    """
    body = tpl.docx.element.body
    spots = list(body.iter(PLACEHOLDER_TAG))
    for index, spot in enumerate(spots):
        block = _block_holding(spot)
        for element in narrative if index == 0 else map(copy.deepcopy, narrative):
            block.addprevious(element)
        block.getparent().remove(block)
    if spots:
        for number, doc_pr in enumerate(body.iter(qn("wp:docPr")), FIRST_DOCPR_ID):
            doc_pr.set("id", str(number))
    for rel in tpl.docx.part.rels.values():
        element = getattr(rel.target_part, "element", None) if not rel.is_external else None
        if element is not None and rel.reltype.endswith(("/header", "/footer")):
            for spot in list(element.iter(PLACEHOLDER_TAG, TOC_PLACEHOLDER_TAG)):
                block = _block_holding(spot)
                block.getparent().remove(block)


def _block_holding(spot: _Element) -> _Element:
    """The placeholder, or the block-level element (paragraph) it was pasted into."""
    block = spot
    while block.getparent() is not None and block.getparent().tag not in _BLOCK_CONTAINERS:
        block = block.getparent()
    return block


def open_template(template: Path, warnings: list[Problem] | None = None) -> DocxTemplate:
    """Load a .docx template read-only, bounded and cleaned (`template_file.read_template`),
    or raise `TemplateError` with one sentence; what was removed goes to `warnings`."""
    import io

    from docxtpl import DocxTemplate

    from .template_file import read_template

    cleaned = read_template(template)
    if warnings is not None:
        warnings.extend(cleaned.problems)
    try:
        tpl = DocxTemplate(io.BytesIO(cleaned.data))
        tpl.init_docx()
    except Exception as exc:  # python-docx raises several kinds for a non-.docx file
        raise TemplateError(f"'{template.name}' is not a Word .docx template ({exc})") from None
    return tpl


def jinja_environment():
    """A sandboxed Jinja environment: autoescape on, undefined names are errors, on a budget."""
    from .sandbox import SafeEnvironment

    return SafeEnvironment()


def _render(tpl: DocxTemplate, context: dict, template: Path) -> None:
    """Run the template's Jinja over `context` (checked to hold data only); any failure is a
    `TemplateError` saying what and, where the linter can see it, where in the template."""
    from jinja2 import TemplateError as JinjaError
    from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError

    from .sandbox import check_data

    check_data(context)
    try:
        tpl.render(context, jinja_env=jinja_environment(), autoescape=True)
        return
    except SecurityError as exc:
        message = f"tries something unsafe: {exc}"
    except TemplateSyntaxError as exc:
        message = f"has a Jinja syntax error: {exc.message}"
    except UndefinedError as exc:
        message = f"uses a name docgen does not provide: {exc.message}"
    except RecursionError:
        message = "tries something unsafe: its macros call themselves too deeply"
    except JinjaError as exc:
        message = f"cannot be rendered: {exc}"
    except DocgenError:
        raise
    except Exception as exc:  # template code applied to the wrong kind of value ('a' - 1, 1/0)
        message = f"cannot be rendered: {type(exc).__name__}: {exc}"
    raise TemplateError(f"the template '{template.name}' {message}{_located(template)}"
                        ) from None


def _located(template: Path) -> str:
    """Where the linter finds the template's first error, as a clause for a message."""
    from .template_check import check_template

    try:
        errors = [p for p in check_template(template) if p.severity == "error"]
    except Exception:  # a template that cannot even be linted: the message stands alone
        return ""
    return f" (at {errors[0].location}: {errors[0].message})" if errors else ""


def template_context(report: Report) -> dict:
    """The names a template can use (`context.FIELDS`): plain data, never workbook code."""
    from .context import template_context as context_of

    return context_of(report)

