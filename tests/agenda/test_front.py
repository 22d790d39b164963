"""The front sheet and agenda: what each says, public and Part B."""

from __future__ import annotations

import datetime as dt

from tests.support.pack_fixtures import page_lines

from docgen.agenda.front import PART_B, front_pages
from docgen.agenda.model import Item, Meeting

MEETING = Meeting("Test Committee", dt.date(2019, 11, 21), time="10:00", venue="Room <1>",
                  chair="Test Chair", clerk="Test Clerk", contact="0100 000000",
                  public_notice="Test notice & more")
ITEMS = [Item("1", "Minutes", row=2, presenter="Test Chair"),
         Item("2", "Budget **not markup** <b>", row=3, note="Test note"),
         Item("3", "Contract", row=4, exempt_paragraph=3)]


def _texts(data: bytes) -> list[str]:
    return page_lines(data)


def test_front_sheet_then_agenda_with_pages():
    data, agenda_page, _ = front_pages(MEETING, ITEMS, {1: 3})
    front, agenda = _texts(data)
    assert agenda_page == 1
    for text in ("Test Committee", "Date: 21 November 2019", "Time: 10:00",
                 "Venue: Room <1>", "Chair: Test Chair", "Test Clerk", "0100 000000"):
        assert text in front
    assert "NOT FOR PUBLICATION" not in front
    assert "2 Budget **not markup** <b> 3" in agenda  # workbook text is never markup
    assert "Presented by Test Chair" in agenda and "Test note" in agenda
    assert "Exempt under paragraph 3 of Part 1 of Schedule 12A" in agenda
    assert agenda.rstrip().endswith("Test notice & more")


def test_part_b_front_sheet_is_marked_not_for_publication():
    data, _, _ = front_pages(MEETING, [ITEMS[2]], {0: 3}, PART_B)
    front, agenda = _texts(data)
    assert front.startswith("NOT FOR PUBLICATION")
    assert ("Item 3: Contract. Exempt under paragraph 3 of Part 1 of Schedule 12A to the "
            "Local Government Act 1972.") in " ".join(front.split())
    assert "Part B" in agenda and "3 Contract" in agenda
    assert "Test notice" not in agenda
