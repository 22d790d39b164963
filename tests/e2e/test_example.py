"""End to end: build the seed report's workbook and read the .docx back as a reader would."""

import re
import shutil
import subprocess

import docx
import pytest
from docx.oxml.ns import qn
from tests.support import EXAMPLE
from tests.support.word_numbering import numbered_empty_paragraphs, shown_texts

import docgen
from docgen.api import read_report

HEADING_1 = [
    "1. Issue for Consideration", "2. Recommendation", "3. Background",
    "4. Protecting Local Policing", "5. Tackling Crime and Reoffending",
    "6. Supporting Vulnerable People and Victims", "7. Developing Confident Communities",
    "8. HMICFRS Inspection and update", "9. Force Management Statement (FMS)",
    "10. Implications",
    "Appendix A: Performance data for Strategic Scrutiny Meeting November 2019",
]

# Measure: (previous, change, current), worked out by hand from the seed's figures.
APPENDIX = {
    "Force Budget Spent on Front Line Policing: visible": ("£51.4m", "increase (+1%, +\u2060£0.6m)",
                                                           "£52.0m"),
    "Proportion of Force Budget Spent on Front Line Policing: visible": (
        "39.0%", "decrease (\u22121.4 pts)", "37.6%"),
    "Force Budget Spent on Front Line Policing: non visible": (
        "£42.8m", "increase (+6%, +\u2060£2.5m)", "£45.3m"),
    "Proportion of Force Budget Spent on Front Line Policing: non visible": (
        "32.0%", "increase (+0.8 pts)", "32.8%"),
    "Grade 1 - Emergency Response Median Time to Arrive (Target <15 Mins)": (
        "9.8 min", "increase (+0.4 min)", "10.2 min"),
    "Grade 2 - Priority Response Median Time to Arrive (target <1 hour)": (
        "31.2 min", "increase (+1.8 min)", "33.0 min"),
    "Grade 3 - Routine Response Median Time to Arrive (<48 hours)": (
        "479 min (8.0 hrs)", "increase (+554 min, 9.2 hrs)", "1033 min (17.2 hrs)"),
    "999 Calls - Service Level < 10 secs": ("74.9%", "increase (+0.7 pts)", "75.6%"),
    "999 Calls - Time To Answer (Average)": ("8.5 sec", "increase (+0.3 sec)", "8.8 sec"),
    "101 Calls - Service Level": ("42.3%", "decrease (\u22123.9 pts)", "38.4%"),
    "101 Calls - Time To Answer (Average)": ("157 sec", "increase (+47 sec)", "204 sec"),
    "All Crime": ("152,063", "increase (+2%, +3,192)", "155,255"),
    "Violence with injury": ("19,048", "decrease (\u22127%, \u22121,295)", "17,753"),
    "Violence without injury": ("21,081", "increase (+13%, +2,793)", "23,874"),
    "Burglary Residential": ("8,706", "increase (+1%, +87)", "8,793"),
    "Robbery (Personal)": ("901", "increase (+29%, +258)", "1,159"),
    "Public Order": ("12,186", "increase (+4%, +506)", "12,692"),
    "Number of Anti-Social Behaviour Incidents": (
        "57,947", "decrease (\u22129%, \u22125,463)", "52,484"),
    "Rape": ("1,518", "increase (+4%, +55)", "1,573"),
    "Other Sexual Offences": ("3,436", "decrease (\u22124%, \u2212137)", "3,299"),
    "CSE Crime": ("713", "decrease (\u221222%, \u2212159)", "554"),
    "Modern Slavery Crimes (Only introduced 1st April 2015)": ("101", "increase (+7%, +7)",
                                                                "108"),
    "Domestic Abuse Crime": ("19,850", "increase (+1%, +257)", "20,107"),
    "Hate Crime": ("2,838", "decrease (\u22127%, \u2212201)", "2,637"),
    "Missing Person Incidents*": ("9,971", "increase (+2%, +211)", "10,182"),
    "User Satisfaction - Burglary": ("72%", "decrease (\u22123 pts)", "69%"),
    "User Satisfaction - Violent": ("74%", "no change", "74%"),
    "User Satisfaction - Hate": ("70%", "decrease (\u22124 pts)", "66%"),
    "User Satisfaction \u2013 Domestic Abuse": ("85%", "increase (+1 pt)", "86%"),
    "User Satisfaction - Anti-Social Behaviour": ("64%", "increase (+2 pts)", "66%"),
    "Confidence - CSEW (Overall Confidence)": ("77%", "decrease (\u22125 pts)", "72%"),
}


@pytest.fixture(scope="module")
def document(built_example):
    return docx.Document(built_example)


def body_text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def rows_of(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def find_table(document, first_cell: str):
    return next(t for t in document.tables if t.cell(0, 0).text == first_cell)


def test_header_block(document):
    block = rows_of(document.tables[0])
    assert block == [["REPORT TO:", "STRATEGIC SCRUTINY MEETING"],
                     ["DATE:", "21st November 2019"], ["TITLE:", "Quarterly Report"]]
    assert all(run.bold for row in document.tables[0].rows for cell in row.cells
               for run in cell.paragraphs[0].runs)


def test_page_header_and_footer(document):
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "Item 2"
    footer = section.footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer


def test_headings_in_order_and_in_heading_styles(document):
    # Word's numbering writes the labels: read each heading as Word shows it.
    headings = [(style, text) for style, text, _ in shown_texts(document)
                if style.startswith("Heading")]
    assert [text for style, text in headings if style == "Heading 1"] == HEADING_1
    level2 = [text for style, text in headings if style == "Heading 2"]
    assert level2[:3] == ["a. Proportion of budget spent on front-line policing.",
                          "b. Summary of the Policing of the Cuadrilla Fracking Site on "
                          "Preston New Road (PNR) Kirkham Jun \u2013 Nov 2019",
                          "c. Citizens in policing"]
    assert "e. Child Sexual Exploitation" in level2
    assert ("Heading 3", "Knife Crime") in headings
    assert level2[-4:] == ["PROTECTING LOCAL POLICING", "TACKLING CRIME & RE-OFFENDING",
                           "SUPPORTING VULNERABLE PEOPLE & VICTIMS",
                           "DEVELOPING CONFIDENT COMMUNITIES"]


def test_sections_are_numbered_by_word(document):
    """The default numbering is real Word numbering: no label is typed into the text."""
    shown = [(style, text, label) for style, text, label in shown_texts(document)
             if style in ("Heading 1", "Heading 2")]
    numbered = [(text, label) for _, text, label in shown if label]
    assert numbered[0] == ("1. Issue for Consideration", "1.")
    assert ("a. Proportion of budget spent on front-line policing.", "a.") in numbered
    report, _ = read_report(EXAMPLE)  # the labels the model (and the template) counts with
    assert numbered == [(h.text, h.number) for h in report.headings if h.number]
    assert ("Heading 1", f"{report.implications_number} Implications", None) in shown
    assert numbered_empty_paragraphs(document) == []


def test_every_appendix_figure_with_its_computed_change(document):
    found = {}
    for table in document.tables:
        if table.cell(0, 0).text != "Measure":
            continue
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        for row in rows_of(table)[1:]:
            found[row[0].split("\n")[0]] = tuple(row[1:])
    assert found == APPENDIX


def test_appendix_period_headings(document):
    appendix = [t for t in document.tables if t.cell(0, 0).text == "Measure"]
    periods = [(t.cell(0, 1).text.split("\n")[-1], t.cell(0, 3).text.split("\n")[-1])
               for t in appendix]
    assert periods == [("Jul '18 - Sep '18", "Jul '19 - Sep '19"),
                       ("Oct '17 - Sep '18", "Oct '18 - Sep '19"),
                       ("Oct '17 - Sep '18", "Oct '18 - Sep '19"),
                       ("Oct '17 - Sep '18", "Oct '18 - Sep '19"),
                       ("Oct '17 - Sep '18", "Oct '18 - Sep '19"),
                       ("Jul '17 - Jun '18", "Jul '18 - Jun '19")]


def test_narrative_quotes_the_measures_so_it_cannot_drift(document):
    text = body_text(document)
    assert "There was a 2% increase in recorded offences from 152,063 to 155,255" in text
    assert "ASB is down 9% (\u22125,463 incidents;" in text  # the seed said 5263
    assert "a slight increase of 1% (+257)" in text  # the seed left the change blank
    assert "(+29%; 258)" in text
    assert "with 331 crimes recorded in Q1 2019/20, compared with 264" in text
    assert "a 25% increase" in text
    assert "Burglary 69%" in text and "Domestic Abuse 86%" in text
    assert "remain fairly static at 108 (up 7 from 101)" in text
    assert "have increased by 2% (9,971 to 10,182)" in text
    assert "to June confidence stands at 72%" in text and "and 5 pts in comparison" in text
    assert "KNIFE_Q1" not in text and "{" not in text


def test_free_tables_with_computed_totals(document):
    spend = rows_of(find_table(document, "Spending"))
    assert spend[1:] == [["Visible", "52.0", "37.6%"], ["Non Visible", "45.3", "32.8%"],
                         ["Operational Frontline", "97.3", "70.4%"],
                         ["Frontline Support", "11.4", "8.2%"],
                         ["Business Support", "29.6", "21.4%"], ["Other", "8.9", ""],
                         ["Total", "147.2", ""]]
    knife = {row[0]: row for row in rows_of(find_table(document, "Force"))}
    assert knife["W Yorks"][-2:] == ["635", "+97%"]
    assert knife["Lancashire"][-2:] == ["447", "+71%"]
    assert knife["Kent"][-2:] == ["286", "+160%"]
    assert knife["S Wales"][-2:] == ["320", "+87%"]
    offences = {row[0]: row for row in rows_of(find_table(document, "Offence Type"))}
    assert offences["Public Order Offences"][2:] == ["+4% (+506)", "\u221234% (\u22121,536)"]
    assert offences["All Crime"][2] == "+2% (+3,192)"
    areas = {row[0]: row for row in rows_of(find_table(document, "Area"))}
    assert areas["North West Region"][1] == "\u22121%"
    assert areas["Lancashire*"] == ["Lancashire*", "5%", "4,756", "4,983"]
    months = rows_of(find_table(document, "Year"))
    assert months[3][:7] == ["2019/20", "1,730", "1,670", "1,717", "1,759", "1,680", "1,176"]
    assert months[3][7:] == [""] * 6


def test_implications(document):
    rows = rows_of(find_table(document, "Financial:"))
    assert [r[0] for r in rows] == ["Financial:", "Legal:", "Equality Impact Assessment:",
                                    "Risks and Impact:", "Link to Police and Crime Plan:"]
    assert rows[-1][1].startswith("Provides a performance update")


def test_document_properties(document):
    core = document.core_properties
    assert core.title == "Quarterly Report"
    assert core.language == "en-GB"
    assert core.author == "Lancashire Constabulary"
    assert "quarterly-report-2019-11.xlsx" in core.comments
    assert core.created is not None


def test_graphs_without_data_are_left_out(document):
    text = body_text(document)
    assert "As can be seen from the graph below" not in text
    assert "the graph below shows the Lancashire figures since 2003" not in text


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_and_converts_it(built_example, tmp_path):
    result = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(built_example)],
        capture_output=True, text=True, timeout=180)
    pdf = tmp_path / built_example.with_suffix(".pdf").name
    assert pdf.is_file(), result.stderr
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    assert len(reader.pages) >= 10
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "STRATEGIC SCRUTINY MEETING" in text
    assert "155,255" in text and "\u22125,463" in text
    assert not bare_signs(text)
    for heading in ("1. Issue for Consideration", "a. Proportion of budget spent",
                    "9. Force Management Statement", "10. Implications"):
        assert heading in text  # Word's numbering, as LibreOffice draws it


BARE_SIGN = re.compile(r"(^|[\s(])[\u2212+-]$")
NUMBER_START = re.compile(r"^[\d£$€.]")


def bare_signs(text: str) -> list[str]:
    """Lines that end with a sign whose number went to the next line."""
    lines = [line.rstrip() for line in text.splitlines()]
    return [line for line, after in zip(lines, lines[1:], strict=False)
            if BARE_SIGN.search(line) and NUMBER_START.match(after.lstrip())]


def test_no_line_of_docgen_pdf_ends_with_a_bare_sign(tmp_path):
    from pypdf import PdfReader

    result = docgen.build(EXAMPLE, outdir=tmp_path, pdf=True)
    text = "\n".join(page.extract_text() for page in PdfReader(result.pdf).pages)
    assert "\u22125,463" in text
    assert not bare_signs(text)
    assert bare_signs("decrease (-9%, -\n5,463)") == ["decrease (-9%, -"]  # the check bites


def test_appendix_tables_stay_separate(document):
    # Word and LibreOffice join tables that touch; each must be followed by a paragraph.
    for table in document.tables:
        following = table._tbl.getnext()
        assert following is not None and following.tag == qn("w:p")
