"""The agenda workbook's format: one definition for the reader, the blank workbook and docs."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from tests.support import ROOT

from docgen.agenda import sheets
from docgen.agenda.model import Meeting


def test_every_meeting_setting_is_a_field_of_the_meeting():
    fields = {f.name for f in dataclasses.fields(Meeting)}
    assert {field for field, _ in sheets.MEETING_FIELDS.values()} == fields


def test_the_docs_name_every_column_and_setting():
    docs = Path(ROOT / "docs" / "pack.md").read_text()
    for name in [*sheets.MEETING_FIELDS, *(c.name for c in sheets.ITEM_COLUMNS)]:
        assert f"**{name}**" in docs, name
