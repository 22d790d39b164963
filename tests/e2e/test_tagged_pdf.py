"""The example reports' PDFs are tagged PDF/UA-1 that matches their .docx: headings,
tables with header cells, charts as figures with their alt text, the document's language,
nothing untagged, text in document order — and the independent `pdfua` checker agrees."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import docx
import pytest
from docx.oxml.ns import qn
from tests.support import EXAMPLE, ROOT
from tests.support.tagged import roles, structure, unmarked_operators

from docgen.pdf import export_pdf

COUNCIL = ROOT / "examples" / "council"
HEADINGS = {"H1", "H2", "H3", "H4", "H5", "H6"}


def _build(tmp_path_factory, workbook, template=None):
    import docgen

    out = tmp_path_factory.mktemp("tagged")
    result = docgen.build(workbook, outdir=out, **({"template": template} if template else {}))
    pdf = out / "report.pdf"
    export_pdf(result.docx, pdf)
    return result.docx, pdf


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    return _build(tmp_path_factory, EXAMPLE)


@pytest.fixture(scope="module")
def council(tmp_path_factory):
    return _build(tmp_path_factory, COUNCIL / "council.xlsx", COUNCIL / "template.docx")


def _docx_headings(path) -> list[tuple[str, str]]:
    """(H<level>, text) of each body heading paragraph of the .docx, in order."""
    document = docx.Document(str(path))
    out = []
    for paragraph in document.paragraphs:
        match = re.fullmatch(r"Heading (\d)", paragraph.style.name)
        if match and paragraph.text.strip():
            out.append((f"H{match.group(1)}", " ".join(paragraph.text.split())))
    return out


def _docx_alt_texts(path) -> list[str]:
    """The alt text of every drawing in the body, in order."""
    document = docx.Document(str(path))
    return [el.get("descr", "").strip() for el in document.element.body.iter(qn("wp:docPr"))]


@pytest.mark.parametrize("which", ["example", "council"])
def test_the_structure_matches_the_docx(request, which):
    docx_path, pdf = request.getfixturevalue(which)
    root = structure(pdf)
    headings = roles(root, HEADINGS)
    # The PDF heading carries its list number ("1." or "a.") before the Word text.
    assert [role for role, _ in headings] == [role for role, _ in _docx_headings(docx_path)]
    for (_, ours), (_, words) in zip(headings, _docx_headings(docx_path), strict=True):
        assert ours.replace(" ", "").endswith(words.replace(" ", ""))
    tables = [e for e in root.walk() if e.role == "Table"]
    assert len(tables) == len(docx.Document(str(docx_path)).tables)
    for table in tables:
        assert any(e.role == "TH" for e in table.walk()), table.all_text()[:60]
    figures = [e.attributes.get("alt_text", "") for e in root.walk() if e.role == "Figure"]
    assert figures == _docx_alt_texts(docx_path)
    assert all(figures)
    assert unmarked_operators(pdf) == []


def test_the_header_block_and_implications_head_their_rows(example):
    root = structure(example[1])
    tables = [e for e in root.walk() if e.role == "Table"]
    block = tables[0]
    first_cells = [row.children[0] for row in block.children if row.role == "TR"]
    assert all(c.role == "TH" and c.attributes["attributes"]["Scope"] == "Row"
               for c in first_cells)
    assert first_cells[0].all_text().strip() == "REPORT TO:"
    implications = next(t for t in tables if t.all_text().startswith("Financial"))
    assert all(row.children[0].role == "TH" for row in implications.children)


def test_the_language_is_the_documents(example):
    import pikepdf

    with pikepdf.open(example[1]) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
        assert pdf.open_metadata()["dc:title"]


def _document_order(docx_path) -> list[str]:
    """The first words of each body paragraph outside tables, in document order."""
    document = docx.Document(str(docx_path))
    return [" ".join(p.text.split()[:4]) for p in document.paragraphs
            if len(p.text.split()) >= 4]


def _in_order(text: str, expected: list[str]) -> list[str]:
    """The expected snippets not found after the previous one in `text`."""
    flat = " ".join(text.split())
    missing, position = [], 0
    for snippet in expected:
        found = flat.find(snippet, position)
        if found < 0:
            missing.append(snippet)
        else:
            position = found
    return missing


def test_text_extraction_follows_document_order(example):
    import pdfplumber

    docx_path, pdf = example
    expected = _document_order(docx_path)
    with pdfplumber.open(str(pdf)) as doc:
        text = "\n".join(page.extract_text() or "" for page in doc.pages)
    assert _in_order(text, expected) == []
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert _in_order(text, expected) == []


@pytest.mark.parametrize("which", ["example", "council"])
def test_the_pdfua_checker_finds_nothing(request, which, tmp_path):
    pytest.importorskip("pdfua")
    _, pdf = request.getfixturevalue(which)
    run = subprocess.run([sys.executable, "-m", "pdfua", "check", str(pdf)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout


@pytest.mark.parametrize("which", ["example", "council"])
def test_docgen_check_finds_nothing_in_the_pdf(request, which):
    from docgen.pdf_accessibility import check_pdf

    _, pdf = request.getfixturevalue(which)
    # Fonts included: every font embedded with a Unicode mapping (the engine's fontconfig
    # fonts); a regression there shows here first.
    assert [str(p) for p in check_pdf(pdf)] == []
