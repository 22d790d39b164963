"""The pack as a tagged PDF: one structure tree holding the front sheet's tags and each
docgen paper's own tree, pointed at the pack's pages."""

from __future__ import annotations

import pikepdf

from docgen.pdf_accessibility import check_pdf


def _tree(path):
    pdf = pikepdf.open(path)
    return pdf, pdf.Root.StructTreeRoot.K[0]


def _kids(element) -> list:
    return [k for k in element.K if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def test_part_b_of_docgen_papers_passes_the_pdf_accessibility_check(example_pack):
    _, result = example_pack
    assert check_pdf(result.part_b) == []
    pdf = pikepdf.open(result.part_b)
    assert str(pdf.open_metadata()["pdfuaid:part"]) == "1"


def test_the_public_pack_is_tagged_but_an_untagged_paper_is_reported(example_pack):
    _, result = example_pack
    problems = [str(p) for p in check_pdf(result.pdf)]
    assert all("page 20" in p or "page 21" in p or "pdfuaid" in p for p in problems), problems
    assert [str(w) for w in result.warnings if "not tagged" in w.message] == [
        "Items!D5: item 4, pdf-paper.pdf: the PDF is not tagged, so its pages in the pack are "
        "not tagged for screen readers either; ask for a tagged PDF (or send the Word "
        "document or report workbook)"]


def test_each_item_is_a_part_holding_its_papers_tree(example_pack):
    _, result = example_pack
    pdf, document = _tree(result.pdf)
    top = [(str(k.S), str(k.get("/T", ""))) for k in _kids(document)]
    assert top == [("/Sect", ""), ("/Sect", ""), ("/Part", "Item 2: Quarterly Report"),
                   ("/Part", "Item 3: Test fixture Word item")]
    report = _kids(_kids(document)[2])[0]
    assert report.S == "/Sect" and report.P.objgen == _kids(document)[2].objgen
    roles = [str(k.S) for k in _kids(report)]
    assert roles[:3] == ["/Table", "/H1", "/P"] and "/Caption" in roles


def test_every_mcid_points_back_to_its_element_on_its_page(example_pack):
    _, result = example_pack
    pdf, _ = _tree(result.pdf)
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for number, page in enumerate(pdf.pages[:19]):  # front sheet, agenda and the report
        assert page.obj.StructParents == number
        elements = tree[number]
        assert len(elements) > 0
        for mcid, element in enumerate(elements):
            kids = element.K
            assert any(k == mcid and element.Pg.objgen == page.obj.objgen
                       if isinstance(k, int) else
                       isinstance(k, pikepdf.Dictionary) and k.get("/MCID") == mcid
                       and k.Pg.objgen == page.obj.objgen for k in kids), (number, mcid)
