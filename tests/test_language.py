"""The report's language (issue 14): Welsh words for changes, trends, statuses and dates."""

from __future__ import annotations

import datetime as dt

import docx
import pytest

import docgen
from docgen.api import read_report
from docgen.exceptions import WorkbookError
from docgen.language import ENGLISH, WELSH, words_for


def test_long_dates():
    assert ENGLISH.long_date(dt.date(2019, 11, 21)) == "21st November 2019"
    assert [ENGLISH.long_date(dt.date(2020, 1, d)).split()[0]
            for d in (1, 2, 3, 4, 11, 12, 13, 22, 23, 31)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "22nd", "23rd", "31st"]
    assert WELSH.long_date(dt.date(2019, 11, 21)) == "21 Tachwedd 2019"


def test_words_for_any_case_and_english_by_default():
    assert words_for("CY-gb") is WELSH and words_for(None) is ENGLISH


def _welsh(wb, language="cy-GB"):
    settings = wb["Settings"]
    row = next(r for r in range(2, settings.max_row + 1)
               if settings.cell(r, 1).value == "Language")
    settings.cell(row, 2).value = language
    wb["Narrative"]["C2"] = ("[{INCIDENTS direction}|{INCIDENTS trend}|{INCIDENTS summary}|"
                             "{INCIDENTS status}|{INCIDENTS target}]")


def test_a_welsh_report_has_welsh_words(edit_workbook, tmp_path):
    result = docgen.build(edit_workbook(_welsh), outdir=tmp_path)
    document = docx.Document(result.docx)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "[gostyngiad|i lawr|gostyngiad (\u22129%, \u2212105)|dim targed|amh.]" in text
    report, _ = read_report(edit_workbook(_welsh))
    assert report.settings.meeting_date_text == "13 Chwefror 2020"
    response = report.measures[1]
    assert response.current.text == "8.2 mun" and response.change.text.startswith("cynnydd")


def test_an_unknown_language_names_its_cell(edit_workbook):
    with pytest.raises(WorkbookError) as raised:
        read_report(edit_workbook(lambda wb: _welsh(wb, "fr-FR")))
    assert any(p.location.startswith("Settings!B") and "cy-GB (Welsh)" in p.message
               for p in raised.value.errors)


@pytest.mark.parametrize("language", ["cy-GB", "en-GB"])
def test_the_document_and_its_pdf_are_marked_with_the_language(edit_workbook, tmp_path,
                                                                language):
    from docx.oxml.ns import qn
    from pypdf import PdfReader

    result = docgen.build(edit_workbook(lambda wb: _welsh(wb, language)), outdir=tmp_path,
                          pdf=True)
    document = docx.Document(result.docx)
    assert document.core_properties.language == language
    lang = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:val")) == language
    assert PdfReader(result.pdf).trailer["/Root"]["/Lang"] == language
