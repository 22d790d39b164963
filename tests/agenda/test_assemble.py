"""Assembling a pack: the agenda's page numbers settle, papers follow in order, bookmarks nest."""

from __future__ import annotations

import datetime as dt
import re

import pikepdf
import pypdf
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from tests.support.pack_fixtures import page_lines

from docgen.agenda.assemble import PackItem, assemble, read_outline
from docgen.agenda.model import Item, Meeting, OutlineEntry

MEETING = Meeting("Test Committee", dt.date(2019, 11, 21), clerk="Test Clerk")


def paper(path, pages: int, marks: list[tuple[int, str, int]] = ()):
    """A test PDF of `pages` pages saying "<name> page n", with bookmarks (level, title, page)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(1, pages + 1):
        c.drawString(72, 700, f"{path.stem} page {n}")
        for level, title, page in marks:
            if page == n:
                c.bookmarkPage(title)
                c.addOutlineEntry(title, title, level=level)
        c.showPage()
    c.save()
    return path


def test_many_items_make_a_long_agenda_and_its_numbers_are_still_right(tmp_path):
    entries = [PackItem(Item(str(n), f"Test item {n}", row=n + 1),
                        [paper(tmp_path / f"paper{n}.pdf", 1 + n % 3)] if n % 4 else [])
               for n in range(1, 81)]
    pages = assemble(MEETING, entries, tmp_path / "pack.pdf")
    texts = page_lines(tmp_path / "pack.pdf")
    assert len(texts) == pages
    first_paper = min(e.first_page for e in entries if e.pdfs)
    assert first_paper > 4  # front sheet and an agenda of several pages
    listed = {}
    for text in texts[1:first_paper - 1]:
        listed.update((int(n), int(p)) for n, p in
                      re.findall(r"^(\d+) Test item \d+ (\d+)$", text, re.MULTILINE))
    for entry in entries:
        n = int(entry.item.number)
        if entry.pdfs:
            assert listed[n] == entry.first_page
            assert f"paper{n} page 1" in texts[entry.first_page - 1]
            assert f"paper{n} page" not in texts[entry.first_page - 2]
            assert entry.last_page - entry.first_page + 1 == 1 + n % 3
        else:
            assert n not in listed and entry.first_page is None


def test_bookmarks_nest_each_papers_outline_under_its_item(tmp_path):
    one = paper(tmp_path / "one.pdf", 3, [(0, "Part 1", 1), (1, "Detail", 2), (0, "Part 2", 3)])
    two = paper(tmp_path / "two.pdf", 1)
    entries = [PackItem(Item("1", "Minutes", row=2), []),
               PackItem(Item("2", "Budget", row=3), [one, two])]
    assemble(MEETING, entries, tmp_path / "pack.pdf")
    reader = pypdf.PdfReader(tmp_path / "pack.pdf")  # another library's reading
    tree = _pypdf_outline(reader, reader.outline)
    with pikepdf.open(tmp_path / "pack.pdf") as pdf:
        assert read_outline(pdf) == tree
    assert [(e.title, e.page) for e in tree] == [("Front sheet", 0), ("Agenda", 1),
                                                ("Item 2: Budget", 2)]
    item = tree[2]
    assert [(e.title, e.page) for e in item.children] == [("one.pdf", 2), ("two.pdf", 5)]
    assert [(e.title, e.page) for e in item.children[0].children] == [("Part 1", 2),
                                                                     ("Part 2", 4)]
    assert [(e.title, e.page) for e in item.children[0].children[0].children] == [
        ("Detail", 3)]
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    assert reader.metadata.title == "Test Committee, 21 November 2019"
    assert reader.metadata.author == "Test Clerk"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def _pypdf_outline(reader, nodes) -> list[OutlineEntry]:
    entries = []
    for node in nodes:
        if isinstance(node, list):
            entries[-1].children = _pypdf_outline(reader, node)
        else:
            entries.append(OutlineEntry(node.title, reader.get_destination_page_number(node)))
    return entries


def test_an_agenda_drawn_beforehand_is_used_only_for_the_items_it_was_drawn_for(
        tmp_path, monkeypatch):
    from docgen.agenda import assemble as module
    from docgen.agenda.front import front_pages

    entries = [PackItem(Item(str(n), f"Test item {n}", row=n + 1),
                        [paper(tmp_path / f"paper{n}.pdf", n)] if n != 2 else [])
               for n in range(1, 5)]
    items = [entry.item for entry in entries]
    assemble(MEETING, entries, tmp_path / "plain.pdf")
    first = module.first_pass(MEETING, items, [bool(entry.pdfs) for entry in entries])
    other = module.first_pass(MEETING, items, [True] * len(entries))
    drawn = []

    def counting(*args):
        drawn.append(args)
        return front_pages(*args)

    monkeypatch.setattr(module, "front_pages", counting)
    assemble(MEETING, entries, tmp_path / "plain-again.pdf")
    passes = len(drawn)
    drawn.clear()
    assemble(MEETING, entries, tmp_path / "first.pdf", first=first)
    assert len(drawn) == passes - 1
    drawn.clear()
    assemble(MEETING, entries, tmp_path / "other.pdf", first=other)
    assert len(drawn) == passes
    plain = page_lines(tmp_path / "plain.pdf")
    assert page_lines(tmp_path / "first.pdf") == plain == page_lines(tmp_path / "other.pdf")
    assert [(e.first_page, e.last_page) for e in entries] == [(3, 3), (None, None), (4, 6),
                                                              (7, 10)]


def _outlined(entries) -> pikepdf.Pdf:
    """A 3-page PDF whose outline items are made by `entries(pdf, pages)`, a list of
    (title, item dictionary extras)."""
    pdf = pikepdf.new()
    for _ in range(3):
        pdf.add_blank_page()
    pages = [page.obj for page in pdf.pages]
    items = [pdf.make_indirect(pikepdf.Dictionary(Title=pikepdf.String(title), **extra))
             for title, extra in entries(pdf, pages)]
    for before, after in zip(items, items[1:], strict=False):
        before.Next, after.Prev = after, before
    pdf.Root.Outlines = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Outlines, First=items[0], Last=items[-1]))
    return pdf


def test_an_outline_is_read_through_named_destinations_and_actions():
    def entries(pdf, pages):
        pdf.Root.Dests = pikepdf.Dictionary(Second=pikepdf.Array([pages[1], pikepdf.Name.Fit]))
        pdf.Root.Names = pikepdf.Dictionary(Dests=pikepdf.Dictionary(Names=pikepdf.Array([
            pikepdf.String("third"), pikepdf.Dictionary(D=pikepdf.Array([pages[2],
                                                                        pikepdf.Name.Fit]))])))
        return [("By page", {"Dest": pikepdf.Array([pages[0], pikepdf.Name.Fit])}),
                ("By name", {"Dest": pikepdf.Name("/Second")}),
                ("By string", {"Dest": pikepdf.String("third")}),
                ("By action", {"A": pikepdf.Dictionary(S=pikepdf.Name.GoTo,
                                                      D=pikepdf.Array([pages[1],
                                                                       pikepdf.Name.Fit]))}),
                ("Nowhere", {"Dest": pikepdf.String("missing")})]

    assert [(e.title, e.page) for e in read_outline(_outlined(entries))] == [
        ("By page", 0), ("By name", 1), ("By string", 2), ("By action", 1)]


def test_an_outline_that_loops_is_read_once():
    def entries(pdf, pages):
        return [(f"Entry {n}", {"Dest": pikepdf.Array([pages[n], pikepdf.Name.Fit])})
                for n in range(3)]

    pdf = _outlined(entries)
    last = pdf.Root.Outlines.Last
    last.Next = pdf.Root.Outlines.First  # back to the start
    last.First = pdf.Root.Outlines.First  # and its own child is the first entry too
    assert [(e.title, e.page) for e in read_outline(pdf)] == [
        ("Entry 0", 0), ("Entry 1", 1), ("Entry 2", 2)]
