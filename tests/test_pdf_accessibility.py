"""`docgen check REPORT.pdf` (`docgen.pdf_accessibility`): a tagged docgen PDF passes, an
untagged one is reported in the same style as the .docx check."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from tests.support import docx_fixtures as fx

from docgen.cli import cli
from docgen.pdf.document import render_docx_to_pdf
from docgen.pdf_accessibility import NotAPdf, check_pdf


@pytest.fixture
def pdfs(tmp_path):
    import docx

    source = str(fx.hyperlink(tmp_path / "report.docx"))
    document = docx.Document(source)
    document.core_properties.title = "Quarterly report"
    document.save(source)
    tagged, untagged = tmp_path / "tagged.pdf", tmp_path / "untagged.pdf"
    render_docx_to_pdf(source, str(tagged))
    render_docx_to_pdf(source, str(untagged), tagged=False)
    return tagged, untagged


def _font_problem(problem) -> bool:
    return "font" in problem.message


def test_a_tagged_pdf_has_no_problems(pdfs):
    problems = [p for p in check_pdf(pdfs[0]) if not _font_problem(p)]
    assert problems == []


def test_an_untagged_pdf_is_reported_by_place(pdfs):
    problems = check_pdf(pdfs[1])
    messages = [str(p) for p in problems]
    assert "untagged.pdf: not marked as a tagged PDF (/MarkInfo /Marked is not true)" in messages
    assert any(m.startswith("untagged.pdf: no structure tree") for m in messages)
    assert any(m.startswith("untagged.pdf, page 1: content outside any tag or artifact")
               for m in messages)
    assert "untagged.pdf, page 1: a link is not in the structure tree" in messages
    assert all(p.severity == "warning" for p in problems)


def test_a_figure_without_alt_text_and_a_skipped_heading_are_found(tmp_path):
    import pikepdf

    d = fx.arial_document()
    d.add_heading("Top", 1)
    d.add_heading("Too deep", 3)
    pdf = tmp_path / "h.pdf"
    render_docx_to_pdf(str(fx.save(d, tmp_path / "h.docx")), str(pdf))
    messages = [p.message for p in check_pdf(pdf)]
    assert "the heading skips a level (H1 → H3)" in messages
    with pikepdf.open(pdf, allow_overwriting_input=True) as doc:
        h3 = doc.Root.StructTreeRoot.K[0].K[1]
        h3.S = pikepdf.Name.Figure
        doc.save(pdf)
    assert "a figure has no alternative text (/Alt)" in [p.message for p in check_pdf(pdf)]


def test_check_command_reads_a_pdf(pdfs, tmp_path):
    runner = CliRunner()
    bad = runner.invoke(cli, ["check", str(pdfs[1])])
    assert bad.exit_code == 2
    assert "untagged.pdf: no structure tree" in bad.output
    not_pdf = tmp_path / "x.pdf"
    not_pdf.write_bytes(b"%PDF-1.4 broken")
    with pytest.raises(NotAPdf):
        check_pdf(not_pdf)
