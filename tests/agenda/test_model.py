"""The pack's plain data: the wording a member reads, worked out once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docgen.agenda.model import Item, Meeting, Paper


def test_meeting_title_and_date_as_the_pack_writes_them():
    meeting = Meeting("Strategic Scrutiny Meeting", dt.date(2019, 11, 1))
    assert meeting.date_text == "1 November 2019"
    assert meeting.title == "Strategic Scrutiny Meeting, 1 November 2019"
    assert Meeting("Cabinet", None).title == "Cabinet"


def test_item_label_and_exempt_wording():
    item = Item("2", "Quarterly Report", row=3)
    assert item.label == "Item 2: Quarterly Report"
    assert not item.exempt and item.exempt_wording == ""
    exempt = Item("7b", "Contract award", row=9, exempt_paragraph=3)
    assert exempt.exempt and exempt.exempt_wording == (
        "Exempt under paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972")


def test_paper_kind_from_its_suffix():
    kinds = [Paper(name, Path(name), "D2").kind for name in
             ("a.XLSX", "b.docx", "c.Pdf", "d.doc", "e")]
    assert kinds == ["workbook", "word", "pdf", "", ""]
