"""Word compatibility, checked rather than assumed: every key build validates as Word would.

openxml-audit ports the Open XML SDK's validator (package, schema and semantic checks) to
Python. Each finding fails the test with the validator's own message, located by part and path.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from openxml_audit import OpenXmlValidator
from tests.support import EXAMPLE, MINIMAL, RESTYLED_TEMPLATE, ROOT
from tests.test_numbering import numbered_workbook

import docgen
from docgen.numbering import SCHEMES

COUNCIL = ROOT / "examples" / "council"


@pytest.fixture(scope="module")
def validator() -> OpenXmlValidator:
    """One validator for the module: its schemas load once."""
    return OpenXmlValidator()


def findings(validator: OpenXmlValidator, docx: Path) -> list[str]:
    """The validator's findings on `docx`, one line each."""
    return [str(error) for error in validator.validate(docx).errors]


def assert_valid(validator: OpenXmlValidator, docx: Path) -> None:
    """Fail with every finding's message if Word would not open `docx` cleanly."""
    found = findings(validator, docx)
    assert not found, f"{docx.name}: " + "\n".join(found)


def welsh(wb) -> None:
    """A change for `edit_workbook`: the report in Welsh."""
    settings = wb["Settings"]
    row = next(r for r in range(2, settings.max_row + 1)
               if settings.cell(r, 1).value == "Language")
    settings.cell(row, 2).value = "cy-GB"


@pytest.mark.parametrize(("workbook", "template"), [
    (EXAMPLE, None), (EXAMPLE, RESTYLED_TEMPLATE),
    # The council template shows settings the seed lacks; its workbook is the seed plus those.
    (COUNCIL / "council.xlsx", COUNCIL / "template.docx"),
    (MINIMAL, None), (MINIMAL, RESTYLED_TEMPLATE),
], ids=["example", "example-restyled", "example-council", "minimal", "minimal-restyled"])
def test_the_examples_validate(validator, workbook, template, tmp_path):
    assert_valid(validator, docgen.build(workbook, template=template, outdir=tmp_path).docx)


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_each_numbering_scheme_validates(validator, scheme, edit_workbook, tmp_path):
    workbook = edit_workbook(numbered_workbook(scheme))
    assert_valid(validator, docgen.build(workbook, outdir=tmp_path).docx)


def test_a_report_in_python_docxs_own_template_validates(validator, tmp_path):
    # Its styles.xml and Word 2010's stylesWithEffects.xml disagree until docgen drops the copy.
    template = tmp_path / "plain.docx"
    document = docx.Document()
    document.add_paragraph("{{ title }}", style="Title")
    document.add_paragraph("{{p body }}")
    document.save(template)
    assert_valid(validator, docgen.build(MINIMAL, template=template, outdir=tmp_path).docx)


def test_a_welsh_report_validates(validator, edit_workbook, tmp_path):
    assert_valid(validator, docgen.build(edit_workbook(welsh), outdir=tmp_path).docx)


def test_the_validator_reports_a_broken_document(validator, tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    assert findings(validator, broken)
