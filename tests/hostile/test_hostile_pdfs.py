"""`docgen check` on a stranger's PDF: structure trees that loop, pages beyond the bound and
files that are not PDFs end promptly, with a message and exit code 2, never a hang."""

from __future__ import annotations

import pikepdf
import pytest
from click.testing import CliRunner

from docgen.cli import cli
from docgen.pdf_accessibility import MAX_PAGES, NotAPdf, check_pdf


def _blank(path, pages: int = 1):
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page()
    return pdf


@pytest.mark.timeout(60)
def test_a_structure_tree_that_loops_is_walked_once(tmp_path):
    pdf = _blank(tmp_path)
    element = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem,
                                                   S=pikepdf.Name.Table))
    element.K = pikepdf.Array([element, element])
    tree = pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array()))
    tree.Kids = pikepdf.Array([tree, tree])
    pdf.Root.StructTreeRoot = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.StructTreeRoot, K=element, ParentTree=tree))
    pdf.pages[0].obj.StructParents = 0
    path = tmp_path / "loop.pdf"
    pdf.save(path)
    messages = [p.message for p in check_pdf(path)]
    assert "a table has no header cells (TH)" in messages


def test_too_many_pages_are_refused_before_they_are_read(tmp_path):
    path = tmp_path / "long.pdf"
    _blank(tmp_path, MAX_PAGES + 1).save(path)
    with pytest.raises(NotAPdf, match="more than 2,000 pages"):
        check_pdf(path)


def test_a_file_that_only_claims_to_be_a_pdf(tmp_path):
    path = tmp_path / "fake.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00" * 100)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    assert "not a readable PDF" in result.output
