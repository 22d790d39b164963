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
            kids = element.K  # an MCID, a reference, or an array of them: all valid
            kids = kids if isinstance(kids, pikepdf.Array) else [kids]
            assert any(k == mcid and element.Pg.objgen == page.obj.objgen
                       if isinstance(k, int) else
                       isinstance(k, pikepdf.Dictionary) and k.get("/MCID") == mcid
                       and k.Pg.objgen == page.obj.objgen for k in kids), (number, mcid)


def _link_paper(folder):
    from tests.support import docx_fixtures as fx

    from docgen.pipeline import export_pdf

    return export_pdf(fx.hyperlink(folder / "link.docx"), folder / "link.pdf")


def test_a_papers_links_keep_their_place_in_the_tree(tmp_path):
    from tests.support.pack_fixtures import pdf_paper

    from docgen.agenda.assemble import PackItem, assemble
    from docgen.agenda.model import Item, Meeting

    link = _link_paper(tmp_path)
    other = pdf_paper(tmp_path / "untagged.pdf", pages=1)
    with pikepdf.open(other, allow_overwriting_input=True) as pdf:  # a stale key on a link
        pdf.pages[0].obj.Annots = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, StructParent=0,
            Rect=[72, 72, 144, 90]))])
        pdf.save(other)
    entries = [PackItem(Item("1", "Untagged", row=2), [other]),
               PackItem(Item("2", "Linked", row=3), [link], made=frozenset([link]))]
    assemble(Meeting("Test Committee", None), entries, tmp_path / "pack.pdf")
    pdf = pikepdf.open(tmp_path / "pack.pdf")
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    linked = [a for a in pdf.pages[entries[1].first_page - 1].obj.Annots
              if a.get("/Subtype") == "/Link"]
    assert linked and all(tree[int(a.StructParent)].S == "/Link" for a in linked)
    for annotation in linked:
        element = tree[int(annotation.StructParent)]
        kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
        assert any(isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"
                   and k.Obj.objgen == annotation.objgen for k in kids)
    stale = pdf.pages[entries[0].first_page - 1].obj.Annots[0]
    assert "/StructParent" not in stale  # it would have named a page's elements
    assert entries[0].untagged == [other] and entries[1].untagged == []


def test_only_a_paper_docgen_drew_is_grafted_without_walking_its_tree(tmp_path, monkeypatch):
    from docgen.agenda import structure

    link = _link_paper(tmp_path)
    walked = []
    monkeypatch.setattr(structure, "check_tree", lambda *args: walked.append(args))
    for trusted in (True, False):
        with pikepdf.new() as pack, pikepdf.open(link) as paper:
            pack.pages.extend(paper.pages)
            assert structure.PackTree(pack).add_paper(paper, 0, "Paper", trusted=trusted)
    assert len(walked) == 1
