"""The real example report: build it, export it, and check what a reader of the PDF sees."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from tests.support import needs_soffice

from docgen.pdf import export_pdf

ROOT = Path(__file__).resolve().parents[2]
WORKBOOK = ROOT / "inputs" / "quarterly-report-2019-11.xlsx"


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """(docx, our pdf) of the example report; skipped while the pipeline is unfinished."""
    import docgen

    if not WORKBOOK.exists():
        pytest.skip("example workbook missing")
    out = tmp_path_factory.mktemp("example")
    try:
        result = docgen.build(WORKBOOK, outdir=out)
    except NotImplementedError:
        pytest.skip("docgen.build is not written yet")
    pdf = out / "ours.pdf"
    export_pdf(result.docx, pdf)
    return result.docx, pdf


def _outline_titles(items):
    for item in items:
        if isinstance(item, list):
            yield from _outline_titles(item)
        else:
            yield item.title


def test_every_heading_is_a_bookmark(example):
    """Each heading, with the label Word's numbering gives it, is a bookmark of the PDF."""
    import docx
    from tests.support.word_numbering import shown_texts

    docx_path, pdf = example
    headings = [text.strip() for style, text, _ in shown_texts(docx.Document(str(docx_path)))
                if style.startswith("Heading") and text.strip()]
    titles = list(_outline_titles(pypdf.PdfReader(str(pdf)).outline))
    assert headings[0] == "1. Issue for Consideration"
    assert titles == headings


def test_the_pdf_prints_words_numbering(example):
    _, pdf = example
    lines = [line.strip() for page in pypdf.PdfReader(str(pdf)).pages
             for line in page.extract_text().splitlines()]
    for heading in ("1. Issue for Consideration", "a. Proportion of budget spent on front-line "
                    "policing.", "9. Force Management Statement (FMS)", "10. Implications"):
        assert heading in lines


def test_header_block_and_appendix_figures_are_printed(example):
    _, pdf = example
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(str(pdf)).pages)
    for label in ("REPORT TO", "DATE", "TITLE"):
        assert label in text
    for figure in ("155,255", "152,063"):
        assert figure in text


def test_metadata_title_and_language(example):
    import docx

    docx_path, pdf = example
    reader = pypdf.PdfReader(str(pdf))
    title = docx.Document(str(docx_path)).core_properties.title
    assert title and reader.metadata.title == title
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


@pytest.mark.libreoffice
@needs_soffice
def test_page_count_matches_libreoffice(example, tmp_path):
    docx_path, pdf = example
    theirs = tmp_path / "lo.pdf"
    export_pdf(docx_path, theirs, engine="libreoffice")
    assert len(pypdf.PdfReader(str(pdf)).pages) == len(pypdf.PdfReader(str(theirs)).pages)


def test_the_build_pdf_made_in_memory_is_the_pdf_of_the_saved_file(example, tmp_path):
    """`build(pdf=True)` hands the PDF engine the document it has just saved instead of
    opening the file again; every page must come out as `docgen pdf` draws it from the file
    (docxtpl swaps the rendered header in behind python-docx's part cache: "Item 2", not
    the template's "{{ agenda_item }}")."""
    import docgen

    built = docgen.build(WORKBOOK, outdir=tmp_path, pdf=True).pdf
    from_memory, from_file = pypdf.PdfReader(built), pypdf.PdfReader(example[1])
    assert len(from_memory.pages) == len(from_file.pages) > 10
    for ours, theirs in zip(from_memory.pages, from_file.pages, strict=True):
        assert ours.get_contents().get_data() == theirs.get_contents().get_data()
    assert "Item 2" in from_memory.pages[1].extract_text()
