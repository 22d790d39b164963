"""Agenda packs from strangers' papers: a looping structure tree and a PDF of too many pages
are bounded, never hang or cost the clerk the pack."""

from __future__ import annotations

import pikepdf
import pytest
from tests.support.pack_fixtures import pdf_paper, write_agenda

from docgen.api import pack
from docgen.exceptions import WorkbookError


def test_a_structure_tree_that_loops_leaves_that_paper_untagged(tmp_path):
    pdf_paper(tmp_path / "loop.pdf", pages=1)
    with pikepdf.open(tmp_path / "loop.pdf", allow_overwriting_input=True) as pdf:
        element = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem,
                                                       S=pikepdf.Name.P, K=pikepdf.Array()))
        element.K.append(element)  # the element is its own child
        pdf.Root.StructTreeRoot = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructTreeRoot, K=pikepdf.Array([element])))
        pdf.save(tmp_path / "loop.pdf")
    agenda = write_agenda(tmp_path / "agenda.xlsx", [(1, "Test fixture", "", "loop.pdf")])
    result = pack(agenda, outdir=tmp_path / "out", jobs=1)
    assert [w.cell for w in result.warnings if "not tagged" in w.message] == ["D2"]
    with pikepdf.open(result.pdf) as made:
        parts = [k for k in made.Root.StructTreeRoot.K[0].K if k.get("/S") == "/Part"]
    assert parts == []


def test_a_pdf_of_too_many_pages_is_refused_before_anything_is_built(tmp_path, monkeypatch):
    from docgen.agenda import papers

    monkeypatch.setattr(papers, "MAX_PDF_PAGES", 3)
    pdf_paper(tmp_path / "long.pdf", pages=4)
    agenda = write_agenda(tmp_path / "agenda.xlsx", [(1, "Test fixture", "", "long.pdf")])
    with pytest.raises(WorkbookError) as caught:
        pack(agenda, outdir=tmp_path / "out", jobs=1)
    assert [str(p) for p in caught.value.errors] == [
        "Items!D2: item 1, long.pdf: the PDF has 4 pages; a paper may have up to 3"]
    assert not (tmp_path / "out").exists()


def test_a_parent_tree_that_loops_is_read_without_hanging(tmp_path):
    from tests.support import docx_fixtures as fx

    from docgen.pipeline import export_pdf

    paper = export_pdf(fx.hyperlink(tmp_path / "link.docx"), tmp_path / "link.pdf")
    with pikepdf.open(paper, allow_overwriting_input=True) as pdf:
        node = pdf.make_indirect(pikepdf.Dictionary(Limits=pikepdf.Array([0, 10])))
        node.Kids = pikepdf.Array([node])  # the tree's only node is its own child
        pdf.Root.StructTreeRoot.ParentTree = pdf.make_indirect(pikepdf.Dictionary(
            Kids=pikepdf.Array([node])))
        pdf.save(paper)
    agenda = write_agenda(tmp_path / "agenda.xlsx", [(1, "Test fixture", "", "link.pdf")])
    result = pack(agenda, outdir=tmp_path / "out", jobs=1)
    with pikepdf.open(result.pdf) as made:
        nums = made.Root.StructTreeRoot.ParentTree.Nums
        keys = {int(nums[i]) for i in range(0, len(nums), 2)}
        assert len(made.pages) == 3 and keys <= {0, 1}  # the front sheet and agenda only
