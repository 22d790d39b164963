"""The docgen engine's pipeline: read the .docx → lay out → paginate → draw, atomically."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..exceptions import DocumentError, ExportError, Problem
from ..files import atomic_output
from ..ooxml.package import is_zip
from .blocks import Layouter
from .docx_reader import DocxReader
from .fonts import FontSet
from .model import Block, Bookmark, DocumentModel, Paragraph, Text
from .page_refs import RefLayouter, bookmark_numbers, paginate
from .paginate import Page
from .render import RenderContext, render_pages
from .structure import build_tree
from .tagging import Tagger

if TYPE_CHECKING:
    from ..chart_description import ChartDescription

log = logging.getLogger(__name__)


def render_docx_to_pdf(source: str, target: str, *, document: Any = None,
                       charts: dict[str, ChartDescription] | None = None,
                       tagged: bool = True) -> list[Problem]:
    """Render `source` (.docx) to `target` (.pdf); return the warnings met, each about the
    .docx by its name.

    `document`, when given, is `source` already open in python-docx, and is read instead;
    `charts` are the descriptions of the charts the build wrote, by part name (see `load_model`).
    `tagged` writes a tagged PDF (PDF/UA-1: structure tree, marked content, metadata).
    """
    model = load_model(source, document, charts)
    layouter, pages = lay_out(model)
    ctx = RenderContext(warnings=list(model.warnings), source=Path(source).name)
    if tagged:
        ctx.tagger = Tagger(build_tree(model), next_key=len(pages))
    with atomic_output(target) as tmp:
        try:
            render_pages(model, pages, layouter, str(tmp), ctx)
        except (OSError, ExportError):
            raise
        except Exception as exc:
            log.exception("drawing %s failed", source)
            raise ExportError(f"could not draw the PDF of '{source}': {exc}") from exc
    for message in layouter.fonts.problems():  # known once every story has been drawn
        ctx.warn(message)
    log.info("wrote %s (%d pages, %d warnings)", target, len(pages), len(ctx.warnings))
    return ctx.warnings


def lay_out(model: DocumentModel) -> tuple[Layouter, list[Page]]:
    """The document's layouter and pages, page references settled (`page_refs.paginate`)."""
    fonts = FontSet()
    layouter = RefLayouter(model, fonts)
    return layouter, paginate(model, layouter)


def bookmark_pages(document: Any, name: str = "",
                   charts: dict[str, ChartDescription] | None = None) -> dict[str, str]:
    """Where docgen's engine puts each bookmark of `document` (open in python-docx): its
    page number as printed, by bookmark name. Nothing is drawn."""
    model = load_model(name or "document.docx", document, charts)
    return bookmark_numbers(lay_out(model)[1])


def list_labels(document: Any, name: str = "",
                charts: dict[str, ChartDescription] | None = None) -> dict[str, tuple[str, str]]:
    """The list label ("2.1") and what follows it ('tab', 'space' or 'nothing') of each body
    paragraph of `document` (open in python-docx) that is numbered, by the bookmarks in it."""
    labels: dict[str, tuple[str, str]] = {}
    for section in load_model(name or "document.docx", document, charts).sections:
        for block in section.blocks:
            if isinstance(block, Paragraph) and block.label is not None:
                for item in block.inlines:
                    if isinstance(item, Bookmark):
                        labels.setdefault(item.name, (block.label.text, block.label.suffix))
    return labels


def load_model(source: str, document: Any = None,
               charts: dict[str, ChartDescription] | None = None) -> DocumentModel:
    """Read a .docx into the model, turning any reading failure into ExportError.

    `document`, when given, is `source` already open in python-docx, and is read instead.
    A chart whose part is named in `charts` is drawn from that description (the model's, which
    the chart XML was written from); only other charts are read back from their XML.
    """
    if document is None:
        _check_is_docx(source)
        document = _open_bounded(source)
    try:
        return DocxReader(document, Path(source).name, charts).read()
    except Exception as exc:
        log.debug("reading %s failed", source, exc_info=True)
        raise ExportError(f"'{source}' is not a readable Word .docx file: {exc}") from exc


def _open_bounded(source: str):
    """`source` opened with python-docx once its declared sizes are checked and anything
    that reaches outside the file is removed (see `docgen.template_file`)."""
    import io

    import docx

    from ..template_file import read_template

    data = read_template(source, error=DocumentError).data
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise DocumentError(f"'{source}' is not a readable Word .docx file: {exc}") from None


def _check_is_docx(source: str) -> None:
    """Raise ExportError unless `source` is a readable file that starts like a zip."""
    if not os.path.isfile(source):
        raise DocumentError(f"cannot read '{source}': no such file")
    try:
        with open(source, "rb"):
            pass
    except OSError as exc:
        raise DocumentError(f"cannot read '{source}': {exc.strerror or exc}") from exc
    # A zip without word/document.xml is left to `read_template`, which says so.
    if not is_zip(source):
        raise DocumentError(f"'{source}' is not a Word .docx file")


def iter_texts(model: DocumentModel):
    """Every piece of text in the document (for choosing fonts)."""
    for section in model.sections:
        stories = [section.blocks, *section.headers.values(), *section.footers.values()]
        for blocks in stories:
            yield from _block_texts(blocks)


def _block_texts(blocks: list[Block]):
    """Texts of blocks, recursing into tables."""
    for block in blocks:
        if isinstance(block, Paragraph):
            if block.label is not None:
                yield block.label.text
            for item in block.inlines:
                if isinstance(item, Text):
                    yield item.text
        else:
            for row in block.rows:
                for cell in row.cells:
                    yield from _block_texts(cell.blocks)
