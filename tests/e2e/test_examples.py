"""The examples: each one builds, and the committed workbooks match the scripts that make them."""

from __future__ import annotations

import subprocess
import sys

import docx
import openpyxl
import pytest
from tests.support import EXAMPLE, MINIMAL, RESTYLED_TEMPLATE, ROOT
from tests.support.word_numbering import shown_texts

import docgen


def cell_values(path):
    workbook = openpyxl.load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()]
            for ws in workbook.worksheets}


@pytest.mark.parametrize(("script", "committed"), [
    ("make_example_workbook.py", EXAMPLE), ("make_minimal_workbook.py", MINIMAL)])
def test_committed_workbooks_are_what_the_scripts_make(tmp_path, script, committed):
    target = tmp_path / committed.name
    subprocess.run([sys.executable, str(ROOT / "scripts" / script), str(target)], check=True,
                   capture_output=True)
    assert cell_values(target) == cell_values(committed)


def test_the_seed_report_in_the_restyled_template(tmp_path):
    result = docgen.build(EXAMPLE, template=RESTYLED_TEMPLATE, outdir=tmp_path)
    document = docx.Document(result.docx)
    assert document.sections[0].header.paragraphs[0].text == "Lancashire Constabulary | Item 2"
    heading = document.styles["Heading 1"]
    assert str(heading.font.color.rgb) == "9B1B30"
    assert "10. Implications" in [p.text for p in document.paragraphs]


def test_the_api_example_script(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "examples" / "api_example.py"),
                           str(MINIMAL), str(tmp_path)], capture_output=True, text=True,
                          check=True)
    assert f"wrote {tmp_path / 'minimal.docx'}" in done.stdout
    built = docx.Document(tmp_path / "minimal.docx")
    assert ("Heading 1", "1. Purpose") in [t[:2] for t in shown_texts(built)]  # Word's label
