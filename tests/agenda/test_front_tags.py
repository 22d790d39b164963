"""The front sheet and agenda's marked content: every paragraph and cell tagged, rules and
repeated headers artifacts."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf

from docgen.agenda.front import front_pages
from docgen.agenda.model import Item, Meeting

MEETING = Meeting("Test Committee", dt.date(2019, 11, 21), clerk="Test Clerk",
                  public_notice="Test notice")


def _content(data: bytes) -> list[str]:
    return [p.get_contents().get_data().decode("latin-1")
            for p in pypdf.PdfReader(io.BytesIO(data)).pages]


def test_the_tags_follow_what_a_member_reads():
    data, _, root = front_pages(MEETING, [Item("1", "Minutes", 2), Item("2", "Budget", 3)],
                                {1: 3})
    front, agenda = root.kids
    assert [k.role for k in front.kids] == ["H1", "P", "H2", "P"]
    assert [k.role for k in agenda.kids] == ["H1", "Table", "P"]
    table = agenda.kids[1]
    assert [[c.role for c in row.kids] for row in table.kids] == [
        ["TH", "TH", "TH"], ["TD", "TD", "TD"], ["TD", "TD", "TD"]]
    assert table.kids[0].kids[0].attributes == {"Scope": "Column"}
    pages = _content(data)
    for tag in [*front.kids, *agenda.kids[::2], *(c for r in table.kids for c in r.kids)]:
        for page, mcid in tag.marks:
            assert f"/{tag.role} <</MCID {mcid}>> BDC" in pages[page]
    assert pages[1].count("/Artifact BMC") == 2  # the table's background and rules


def test_a_header_repeated_on_a_new_page_is_an_artifact():
    items = [Item(str(n), f"Test item {n}", n + 1) for n in range(1, 90)]
    data, _, root = front_pages(MEETING, items, {})
    pages = _content(data)
    assert len(pages) > 3
    header = root.kids[1].kids[1].kids[0]
    assert [page for cell in header.kids for page, _ in cell.marks] == [1, 1, 1]
    # each later page: background, rules, and the three repeated header cells
    assert all(re.findall(r"/Artifact BMC", text).__len__() == 5 for text in pages[2:])
    mcids = [re.findall(r"<</MCID (\d+)>>", text) for text in pages]
    assert all(ids == [str(n) for n in range(len(ids))] for ids in mcids)
