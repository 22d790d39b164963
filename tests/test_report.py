"""Validation: every problem at once, sorted, each naming sheet, cell and the bad value."""

import pytest
from tests.support import column_of

import docgen
from docgen.exceptions import WorkbookError


def problems_of(path):
    with pytest.raises(WorkbookError) as info:
        docgen.api.read_report(path)
    return [str(p) for p in info.value.problems]


def set_measure(wb, row, header, value):
    ws = wb["Measures"]
    ws.cell(row=row, column=column_of(ws, header)).value = value


def test_minimal_workbook_is_valid(edit_workbook):
    report, warnings = docgen.api.read_report(edit_workbook())
    assert warnings == []
    assert [h.text for h in report.headings] == ["1. Purpose", "2. Incidents"]
    assert report.implications_number == "3."
    assert report.tables["incidentsbytype"].rows[-1][1].text == "1105"


def test_text_in_a_number_cell_names_sheet_cell_and_value(edit_workbook):
    path = edit_workbook(lambda wb: set_measure(wb, 3, "Current", "n/a"))
    assert problems_of(path) == ['Measures!E3: expected a number, found "n/a"']


def test_every_problem_is_reported_at_once_and_sorted(edit_workbook):
    def break_it(wb):
        set_measure(wb, 4, "Previous", "lots")
        set_measure(wb, 2, "Kind", "weight")
        set_measure(wb, 3, "ID", "INCIDENTS")
        wb["Narrative"]["D3"] = "NoSuchTable"
        wb["Implications"]["B3"] = None

    found = problems_of(edit_workbook(break_it))
    assert found == [
        "Implications!B3: enter the detail (write Nil where there is none)",
        "Measures!F2: \"weight\" is not a kind; choose one of: count, percentage, minutes, "
        "seconds, money, number",
        "Measures!A3: the ID 'INCIDENTS' is used already in A2",
        'Measures!D4: expected a number, found "lots"',
        "Narrative!D3: there is no table or chart called 'NoSuchTable' (known: IncidentsByType)",
    ]


def test_missing_sheet_and_column(edit_workbook):
    def break_it(wb):
        del wb["Implications"]
        wb["Measures"].cell(row=1, column=column_of(wb["Measures"], "Current"), value="Now")

    found = problems_of(edit_workbook(break_it))
    assert "Implications: the workbook has no sheet called 'Implications'" in found
    assert "Measures: the header row (row 1) has no column 'Current'" in found


def test_empty_required_fields(edit_workbook):
    def break_it(wb):
        wb["Settings"]["B4"] = None  # Title
        set_measure(wb, 2, "Current", None)
        set_measure(wb, 3, "Measure", None)

    found = problems_of(edit_workbook(break_it))
    assert "Settings!B4: enter the title" in found
    assert "Measures!E2: enter a number for this period" in found
    assert "Measures!C3: enter the measure of this measure" not in found
    assert "Measures!C3: enter the name of this measure" in found


def test_formula_results_and_excel_errors(edit_workbook):
    def break_it(wb):
        wb["Tables"]["B3"] = "=VLOOKUP(A1,A1:B2,2)"
        set_measure(wb, 2, "Current", "#DIV/0!")

    found = problems_of(edit_workbook(break_it))
    assert "Measures!E2: the cell shows the Excel error #DIV/0!; correct it" in found
    assert any(p.startswith("Tables!B3: docgen cannot work out VLOOKUP()") for p in found)


def test_duplicate_measure_names(edit_workbook):
    path = edit_workbook(lambda wb: set_measure(wb, 3, "Measure", "incidents ATTENDED"))
    assert problems_of(path) == [
        "Measures!C3: the measure name 'incidents attended' is used already in this theme in C2"]


def test_unknown_reference_in_narrative(edit_workbook):
    path = edit_workbook(lambda wb: wb["Narrative"].__setitem__("C2", "Up {FIRES current}"))
    assert problems_of(path) == ["Narrative!C2: unknown measure 'FIRES' in {FIRES current}"]


def test_warnings_do_not_stop_the_build(edit_workbook):
    def odd(wb):
        wb["Narrative"]["C2"] = "Bell_x0007_ here"  # how Excel stores a control character
        wb["Themes"].sheet_state = "hidden"
        wb["Measures"].sheet_state = "hidden"
        wb["Measures"].row_dimensions[3].hidden = True

    report, warnings = docgen.api.read_report(edit_workbook(odd))
    assert [str(w) for w in warnings] == [
        "Measures: this sheet is hidden in Excel; docgen reads it all the same",
        "Measures!A3: this row is hidden in Excel; docgen reads it all the same",
        "Narrative!C2: removed characters Word cannot hold (U+0007)",
    ]
    assert report.blocks[0].paragraphs[0].text == "Bell here"


def test_level_and_heading_rules(edit_workbook):
    def break_it(wb):
        wb["Narrative"]["A2"] = 4
        wb["Narrative"]["A4"] = 2

    found = problems_of(edit_workbook(break_it))
    assert found == ['Narrative!A2: the level must be 1, 2 or 3, found "4"',
                     "Narrative!B4: enter the heading for this level, or clear the level"]


def test_numbering_restarts_subsections(edit_workbook):
    def sections(wb):
        ws = wb["Narrative"]
        rows = [(1, "One"), (2, "Sub"), (2, "Sub"), (3, "Plain"), (1, "Two"), (2, "Sub")]
        for r, (level, title) in enumerate(rows, start=2):
            ws.cell(row=r, column=1, value=level)
            ws.cell(row=r, column=2, value=title)
            ws.cell(row=r, column=3, value="Text")
            ws.cell(row=r, column=4).value = None

    report, _ = docgen.api.read_report(edit_workbook(sections))
    assert [h.text for h in report.headings] == [
        "1. One", "a. Sub", "b. Sub", "Plain", "2. Two", "a. Sub"]
    assert report.implications_number == "3."


def add_chart_row(wb, **values):
    ws = wb["Charts"]
    defaults = {"Chart": "Incidents", "Type": "column", "Table": "IncidentsByType",
                "Series in": "columns", "Title": "Incidents by type"}
    defaults.update(values)
    for header, value in defaults.items():
        ws.cell(row=2, column=column_of(ws, header)).value = value


def test_charts_are_read_from_their_table(edit_workbook):
    def chart(wb):
        add_chart_row(wb, **{"Leave out": "Total"})
        wb["Narrative"]["D2"] = "Incidents"

    report, _ = docgen.api.read_report(edit_workbook(chart))
    chart = report.charts["incidents"]
    assert chart.categories == ("Fires", "False alarms", "Special services")
    assert [(s.name, s.values) for s in chart.series] == [("Incidents", (402.0, 511.0, 192.0))]
    assert report.blocks[0].insert is chart


@pytest.mark.parametrize(("values", "expected"), [
    ({"Table": "Nowhere"}, "Charts!C2: there is no table called 'Nowhere' (Excel Tables: "
                           "IncidentsByType)"),
    ({"Type": "pie"}, 'Charts!B2: "pie" is not a chart type; choose one of: line, column, '
                      "bar, stacked column"),
    ({"Series in": "diagonal"}, 'Charts!D2: "diagonal" is not allowed; choose rows or columns'),
])
def test_chart_declaration_errors(edit_workbook, values, expected):
    path = edit_workbook(lambda wb: add_chart_row(wb, **values))
    assert problems_of(path) == [expected]


def test_chart_series_must_be_numbers(edit_workbook):
    def text_in_series(wb):
        add_chart_row(wb)
        wb["Tables"]["B3"] = "lots"

    assert problems_of(edit_workbook(text_in_series)) == [
        'Tables!B3: a chart series needs numbers, found "lots"']


def test_an_empty_series_is_an_error(edit_workbook):
    def empty(wb):
        add_chart_row(wb)
        for cell in ("B2", "B3", "B4", "B5"):
            wb["Tables"][cell] = None

    assert problems_of(edit_workbook(empty)) == [
        "Charts!C2: the table 'IncidentsByType' gives this chart no series",
        "Tables!B1: the series 'Incidents' of table 'IncidentsByType' has no numbers"]


def test_a_chart_with_more_series_than_styles_is_a_warning(edit_workbook):
    def fourteen_series(wb):
        add_chart_row(wb, **{"Series in": "rows"})
        ws = wb["Tables"]
        for row in range(6, 16):
            ws.cell(row=row, column=1, value=f"Type {row}")
            ws.cell(row=row, column=2, value=row)
        table = ws.tables["IncidentsByType"]
        table.ref = "A1:B15"
        if table.autoFilter is not None:
            table.autoFilter.ref = "A1:B15"

    report, warnings = docgen.api.read_report(edit_workbook(fourteen_series))
    assert len(report.charts["incidents"].series) == 14
    assert [str(w) for w in warnings] == [
        "Charts!A2: chart 'Incidents' has 14 series; only 12 can be told apart without colour "
        "(leave some out in the Leave out column, or split the chart)"]


def test_twelve_series_are_no_warning(edit_workbook):
    def twelve_series(wb):
        add_chart_row(wb, **{"Series in": "rows"})
        ws = wb["Tables"]
        for row in range(6, 14):
            ws.cell(row=row, column=1, value=f"Type {row}")
            ws.cell(row=row, column=2, value=row)
        ws.tables["IncidentsByType"].ref = "A1:B13"

    report, warnings = docgen.api.read_report(edit_workbook(twelve_series))
    assert len(report.charts["incidents"].series) == 12
    assert warnings == []
