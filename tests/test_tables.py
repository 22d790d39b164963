"""`docgen.tables`: Excel Tables read within their limits, free tables as the spreadsheet
shows them, and the charts declared on the Charts sheet. (Whole-workbook chart errors are in
test_report.py.)"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font
from openpyxl.worksheet.table import Table as ExcelTable
from openpyxl.worksheet.table import TableStyleInfo

from docgen import limits, sheets
from docgen.charts import too_many_series
from docgen.figures import MINUS
from docgen.model import Series
from docgen.tables import build_table, read_charts, read_source_tables
from docgen.workbook import Book

CRIMES = [("Area", "2018", "2019"), ("North", 1200, 1350.5), ("South", -4, None)]


def book_with(*tables: tuple[str, str, list[tuple]], charts: list[dict] | None = None) -> Book:
    """A workbook of Excel Tables (name, sheet, rows from A1) and a Charts sheet of rows."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, sheet, rows in tables:
        ws = workbook[sheet] if sheet in workbook.sheetnames else workbook.create_sheet(sheet)
        for row in rows:
            ws.append(row)
        ref = f"A1:{openpyxl.utils.get_column_letter(len(rows[0]))}{len(rows)}"
        ws.add_table(ExcelTable(displayName=name, ref=ref))
    if charts is not None:
        ws = workbook.create_sheet(sheets.CHARTS)
        headers = [column.name for column in sheets.CHART_COLUMNS]
        ws.append(headers)
        for chart in charts:
            ws.append([chart.get(header) for header in headers])
    return Book(workbook, Path("test.xlsx"))


def problems(book: Book) -> list[str]:
    return [str(p) for p in book.problems]


# -- Excel Tables --------------------------------------------------------------------------------


def test_a_table_is_read_with_its_header_rows_formats_and_fonts():
    book = book_with(("Crimes", "Tables", CRIMES))
    ws = book.workbook["Tables"]
    ws["B2"].number_format = "#,##0"
    ws["A3"].font = Font(bold=True, italic=True)
    source = read_source_tables(book)["crimes"]
    assert (source.name, source.sheet, source.first_column_bold) == ("Crimes", "Tables", False)
    assert [c.value for c in source.header] == ["Area", "2018", "2019"]
    assert [[c.value for c in row] for row in source.rows] == [["North", 1200, 1350.5],
                                                              ["South", -4, None]]
    assert source.rows[0][1].number_format == "#,##0"
    assert (source.rows[1][0].bold, source.rows[1][0].italic) == (True, True)
    assert source.rows[1][2].coordinate == "C3"
    assert problems(book) == []


def test_tables_on_several_sheets_are_keyed_by_name_in_lower_case():
    book = book_with(("Crimes", "Tables", CRIMES), ("Fires", "More", [("Kind", "N"), ("A", 1)]))
    assert set(read_source_tables(book)) == {"crimes", "fires"}


def test_formulas_in_a_table_are_worked_out():
    book = book_with(("Crimes", "Tables", [("Area", "Total"), ("North", "=2*3+1")]))
    assert read_source_tables(book)["crimes"].rows[0][1].value == 7


def test_a_table_without_a_header_row_and_one_with_its_first_column_bold():
    book = book_with(("Crimes", "Tables", CRIMES))
    table = book.workbook["Tables"].tables["Crimes"]
    table.headerRowCount = 0
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showFirstColumn=True)
    source = read_source_tables(book)["crimes"]
    assert source.header == () and len(source.rows) == 3
    assert source.first_column_bold


def test_a_table_past_the_row_limit_is_an_error_at_its_first_cell(monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 2)
    book = book_with(("Crimes", "Tables", CRIMES))
    source = read_source_tables(book)["crimes"]
    assert source.rows == () and source.header == ()
    assert problems(book) == ["Tables!A1: the table 'Crimes' spans A1:C3; docgen reads tables "
                              "of up to 2 rows and 200 columns"]


def test_tables_past_the_cells_allowed_together_name_the_one_past_it(monkeypatch):
    monkeypatch.setattr(limits, "MAX_TABLE_CELLS", 12)
    book = book_with(("Crimes", "Tables", CRIMES), ("Fires", "More", CRIMES))
    found = read_source_tables(book)
    assert len(found["crimes"].rows) == 2 and found["fires"].rows == ()
    assert problems(book) == ["More!A1: the table 'Fires' (A1:C3, 9 cells) would take the Excel "
                              "Tables past 12 cells in all, the most docgen reads; make the "
                              "tables smaller"]


@pytest.mark.parametrize("ref", ["A1:C", "A:C"])
def test_a_range_docgen_cannot_read_is_named(ref):
    """openpyxl lets both through; "A:C" (whole columns) once crashed with a TypeError."""
    book = book_with(("Crimes", "Tables", CRIMES))
    book.workbook["Tables"].tables["Crimes"].ref = ref
    assert read_source_tables(book)["crimes"].rows == ()
    assert problems(book) == [f"Tables: the table 'Crimes' has a range docgen cannot read "
                              f"({ref})"]


# -- free tables --------------------------------------------------------------------------------


def test_a_free_table_shows_numbers_in_their_formats_and_keeps_signs_bound():
    book = book_with(("Crimes", "Tables", [*CRIMES, ("Net", "-14% (-6,032)", 0.25)]))
    ws = book.workbook["Tables"]
    ws["B2"].number_format = "#,##0"
    ws["C4"].number_format = "0%"
    ws["A2"].font = Font(bold=True)
    table = build_table(book, read_source_tables(book)["crimes"], {})
    assert [c.text for c in table.header] == ["Area", "2018", "2019"]
    north, south, net = table.rows
    assert [(c.text, c.numeric) for c in north] == [("North", False), ("1,200", True),
                                                    ("1350.5", True)]
    assert north[0].bold
    assert [c.text for c in south] == ["South", f"{MINUS}4", ""]
    assert [c.text for c in net] == ["Net", f"{MINUS}14% ({MINUS}6,032)", "25%"]
    assert (table.name, table.sheet) == ("Crimes", "Tables")


def test_an_unknown_field_of_a_measure_in_a_cell_is_an_error_on_that_cell():
    from docgen.model import Change, Measure, Value

    change = Change(1.0, 1.0, None, "increase", None, "increase", "+1", "+1%", "1", "1%")
    measure = Measure("ASB", "Crime", "Antisocial behaviour", "count", "lower",
                      Value(1.0, "1"), Value(2.0, "2"), change)
    book = book_with(("Crimes", "Tables", [("Area", "Note"), ("North", "{ASB current}"),
                                           ("South", "{ASB colour}")]))
    table = build_table(book, read_source_tables(book)["crimes"], {"ASB": measure})
    assert table.rows[0][1].text == "2"
    assert problems(book)[0].startswith("Tables!B3: unknown field 'colour' in {ASB colour}")


# -- charts ---------------------------------------------------------------------------------------


def chart_row(**values) -> dict:
    return {"Chart": "Trend", "Type": "line", "Table": "Crimes", "Series in": "rows", **values}


def charts_of(book: Book):
    return read_charts(book, read_source_tables(book))


def test_no_charts_sheet_no_charts():
    assert charts_of(book_with(("Crimes", "Tables", CRIMES))) == {}


def test_series_in_rows_take_the_header_row_as_categories():
    book = book_with(("Crimes", "Tables", CRIMES), charts=[chart_row()])
    chart = charts_of(book)["trend"]
    assert (chart.name, chart.type, chart.title, chart.table) == ("Trend", "line", "Trend",
                                                                  "Crimes")
    assert chart.categories == ("2018", "2019")
    assert chart.series == (Series("North", (1200.0, 1350.5)), Series("South", (-4.0, None)))
    assert problems(book) == []


def test_series_in_columns_take_the_first_column_as_categories():
    book = book_with(("Crimes", "Tables", CRIMES),
                     charts=[chart_row(**{"Series in": "Columns", "Type": "Stacked Column"})])
    chart = charts_of(book)["trend"]
    assert chart.type == "stacked column"
    assert chart.categories == ("North", "South")
    assert [(s.name, s.values) for s in chart.series] == [("2018", (1200.0, -4.0)),
                                                          ("2019", (1350.5, None))]


def test_number_categories_are_shown_in_their_format_and_series_keep_theirs():
    rows = [("Year", 2018, 2019), ("North", 0.25, 0.5)]
    book = book_with(("Crimes", "Tables", rows), charts=[chart_row()])
    ws = book.workbook["Tables"]
    ws["B2"].number_format = ws["C2"].number_format = "0%"
    chart = charts_of(book)["trend"]
    assert chart.categories == ("2018", "2019")
    assert chart.series[0].number_format == "0%"


def test_titles_alt_text_and_show_table():
    book = book_with(("Crimes", "Tables", CRIMES), charts=[chart_row(**{
        "Title": "Crime by area", "X axis title": "Year", "Y axis title": "Crimes",
        "Alt text": "North rose", "Show table": "Yes"})])
    chart = charts_of(book)["trend"]
    assert (chart.title, chart.x_title, chart.y_title, chart.alt_text, chart.show_table) == (
        "Crime by area", "Year", "Crimes", "North rose", True)


def test_leave_out_drops_series_and_categories_by_label_in_any_case():
    book = book_with(("Crimes", "Tables", CRIMES),
                     charts=[chart_row(**{"Leave out": " south , 2018"})])
    chart = charts_of(book)["trend"]
    assert chart.categories == ("2019",)
    assert chart.series == (Series("North", (1350.5,)),)


@pytest.mark.parametrize(("row", "message"), [
    (chart_row(Chart=None), "Charts!A2: enter a name for this chart"),
    (chart_row(Type="pie"), 'Charts!B2: "pie" is not a chart type; choose one of: line, '
                            "column, bar, stacked column"),
    (chart_row(**{"Series in": "both"}), 'Charts!D2: "both" is not allowed; choose rows or '
                                         "columns"),
    (chart_row(Table="Fires"), "Charts!C2: there is no table called 'Fires' (Excel Tables: "
                               "Crimes)"),
])
def test_a_bad_declaration_is_an_error_on_its_cell_and_no_chart(row, message):
    book = book_with(("Crimes", "Tables", CRIMES), charts=[row])
    assert charts_of(book) == {}
    assert problems(book) == [message]


def test_a_name_used_twice_is_an_error_on_the_second():
    book = book_with(("Crimes", "Tables", CRIMES), charts=[chart_row(), chart_row(Chart="TREND")])
    charts_of(book)
    assert problems(book) == ["Charts!A3: the chart name 'TREND' is used already"]


def test_text_in_a_series_is_an_error_on_its_cell():
    book = book_with(("Crimes", "Tables", [*CRIMES[:2], ("South", "lots", 3)]),
                     charts=[chart_row()])
    chart = charts_of(book)["trend"]
    assert chart.series[1].values == (None, 3.0)
    assert problems(book) == ['Tables!B3: a chart series needs numbers, found "lots"']


def test_a_hidden_charts_sheet_is_read_with_a_warning():
    book = book_with(("Crimes", "Tables", CRIMES), charts=[chart_row()])
    book.workbook[sheets.CHARTS].sheet_state = "hidden"
    assert "trend" in charts_of(book)
    assert problems(book) == ["Charts: this sheet is hidden in Excel; docgen reads it all the "
                              "same"]


def test_more_series_than_styles_is_a_warning_on_the_chart():
    rows = [("Area", "2019")] + [(f"Area {n}", n) for n in range(14)]
    book = book_with(("Crimes", "Tables", rows), charts=[chart_row()])
    chart = charts_of(book)["trend"]
    (problem,) = book.problems
    assert (problem.severity, problem.location) == ("warning", "Charts!A2")
    assert problem.message == too_many_series(chart)
