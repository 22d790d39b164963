"""Table column widths: every word and number fits its column whole, in the default template
and in the restyled one; the small table text only when the words cannot fit otherwise."""

from __future__ import annotations

import re

import docx
import pytest
from docx.oxml.ns import qn
from tests.support import RESTYLED_TEMPLATE, ROOT

from docgen.model import Table, TableCell
from docgen.table_layout import (
    WIDTH_SLACK,
    TableFont,
    _share,
    layout_table,
    table_font,
    text_width,
)
from docgen.template_styles import TemplateStyles as _Styles

DEFAULT_TEMPLATE = ROOT / "templates" / "report.docx"
TEMPLATES = {"default": DEFAULT_TEMPLATE, "restyled": RESTYLED_TEMPLATE}
TEXT_WIDTH = 16.0 / 2.54 * 72  # points between the templates' 2.5 cm margins
YEARS = [f"{year}/{year - 1999:02d}" for year in range(2010, 2019)]
KNIFE_CRIME = {  # the example's Most Similar Group table: force, nine years, total, change
    "W Yorks": (59, 50, 49, 51, 54, 65, 84, 107, 116, 635, "+97%"),
    "Lancashire": (45, 46, 40, 44, 40, 42, 55, 58, 77, 447, "+71%"),
    "Humberside": (42, 41, 41, 35, 43, 53, 47, 63, 72, 437, "+71%"),
    "Northumbria": (28, 26, 22, 25, 30, 37, 37, 56, 65, 326, "+132%"),
    "Kent": (20, 21, 25, 28, 29, 31, 37, 43, 52, 286, "+160%"),
}


def make_table(header: list[str], rows: list[list[str]], *, first_column_bold=False) -> Table:
    return Table("t", tuple(TableCell(text) for text in header),
                 tuple(tuple(TableCell(text, numeric=text[:1].isdigit()) for text in row)
                       for row in rows), first_column_bold)


def knife_crime() -> Table:
    return make_table(["Force", *YEARS, "Total", "% Increase"],
                      [[force, *map(str, values)] for force, values in KNIFE_CRIME.items()],
                      first_column_bold=True)


def font_of(template) -> TableFont:
    styles = _Styles(docx.Document(str(template)).part.styles.element)
    return table_font(styles, "Report Table")


def room(layout, font: TableFont, column: int) -> float:
    """Points of text a column holds on one line."""
    return layout.widths[column] / 20 - font.margins


def fits(word: str, layout, font: TableFont, column: int, *, bold: bool) -> bool:
    size = font.small_size if layout.small else font.size
    return text_width(word, font.family, size, bold=bold) <= room(layout, font, column)


def test_the_templates_table_fonts():
    assert font_of(DEFAULT_TEMPLATE) == TableFont("Arial", 12.0, 9.0, 10.8)
    assert font_of(RESTYLED_TEMPLATE) == TableFont("Arial", 11.0, 8.0, 10.8)


@pytest.mark.parametrize("template", TEMPLATES.values(), ids=TEMPLATES.keys())
def test_knife_crime_words_and_numbers_fit_whole(template):
    font = font_of(template)
    table = knife_crime()
    layout = layout_table(table, 12, TEXT_WIDTH, font)
    assert layout.small  # eleven columns of figures cannot fit at the body size
    assert sum(layout.widths) == round(TEXT_WIDTH * 20)
    for r, row in enumerate((table.header, *table.rows)):
        for c, cell in enumerate(row):
            for word in cell.text.split():
                if "/" in word:
                    continue  # the year headings: see the next test
                assert fits(word, layout, font, c, bold=r == 0 or c == 0), (word, c)
    for word, column, bold in (("Total", 10, True), ("635", 10, False), ("Lancashire", 0, True),
                               ("Northumbria", 0, True), ("Increase", 11, True),
                               ("+160%", 11, False)):
        assert fits(word, layout, font, column, bold=bold), word


@pytest.mark.parametrize("template", TEMPLATES.values(), ids=TEMPLATES.keys())
def test_year_headings_break_at_the_slash_only_when_nothing_else_fits(template):
    font = font_of(template)
    layout = layout_table(knife_crime(), 12, TEXT_WIDTH, font)
    for column in range(1, 10):
        assert fits("2010/", layout, font, column, bold=True)
        assert not fits("2010/1", layout, font, column, bold=True)


@pytest.mark.parametrize("template", TEMPLATES.values(), ids=TEMPLATES.keys())
def test_seven_columns_of_short_figures_keep_the_body_size(template):
    font = font_of(template)
    table = make_table(["Area", "Q1", "Q2", "Q3", "Q4", "Year", "Change"],
                       [["Lancashire", "1,234", "1,310", "1,275", "1,402", "5,221", "+4%"]])
    layout = layout_table(table, 7, TEXT_WIDTH, font)
    assert not layout.small
    for column, text in enumerate(table.rows[0]):
        assert fits(text.text, layout, font, column, bold=False)


def test_a_column_of_long_text_wraps_and_its_numbers_stay_whole():
    font = TableFont("Arial", 12.0, 9.0, 10.8)
    notes = "A long explanation of how the figure was gathered and checked " * 3
    table = make_table(["Measure", "Notes", "Count"],
                       [["Violence with injury", notes, "19,048"], ["Public Order", "", "12,186"]])
    layout = layout_table(table, 3, TEXT_WIDTH, font)
    assert not layout.small
    assert fits("19,048", layout, font, 2, bold=False)
    assert fits("Measure", layout, font, 0, bold=True)
    assert fits("Violence", layout, font, 0, bold=False)
    assert not fits(notes.strip(), layout, font, 1, bold=False)  # the notes wrap
    assert layout.widths[1] > layout.widths[0] > layout.widths[2]


def test_words_that_cannot_fit_even_small_share_the_width():
    font = TableFont("Arial", 12.0, 9.0, 10.8)
    word = "Supercalifragilisticexpialidocious"
    table = make_table([word] * 6, [["1"] * 6])
    layout = layout_table(table, 6, TEXT_WIDTH, font)
    assert layout.small
    assert sum(layout.widths) == round(TEXT_WIDTH * 20)
    assert max(layout.widths) - min(layout.widths) <= len(layout.widths)  # twips rounding


def test_share_gives_each_column_its_minimum_then_shares_by_need():
    mins, needs = [10.0, 20.0, 30.0], [10.0, 60.0, 130.0]
    widths = _share(100.0, mins, needs, [False] * 3)
    assert sum(widths) == pytest.approx(100.0)
    assert widths[0] == pytest.approx(10.0)
    assert widths[2] - 30.0 == pytest.approx(2.5 * (widths[1] - 20.0))
    roomy = _share(400.0, mins, needs, [False] * 3)
    assert sum(roomy) == pytest.approx(400.0)
    assert all(w >= n for w, n in zip(roomy, needs, strict=True))
    fixed = _share(400.0, mins, needs, [True, False, False])
    assert fixed[0] == pytest.approx(10.0)


def test_a_row_taller_than_a_page_is_estimated_so():
    font = TableFont("Arial", 12.0, 9.0, 10.8)
    table = make_table(["Measure", "Notes"], [["Short", "word " * 3000], ["Also short", "x"]])
    layout = layout_table(table, 2, TEXT_WIDTH, font)
    page = (29.7 - 5.0) / 2.54 * 72
    assert layout.row_heights[1] > page > layout.row_heights[2]


@pytest.mark.parametrize("template", TEMPLATES.values(), ids=TEMPLATES.keys())
def test_the_built_example_fits_every_table_word(template, tmp_path):
    """Read back what docgen wrote: each word of each table docgen laid out, at the size of
    its paragraph style, fits its grid column (year headings may break at the slash)."""
    import docgen

    built = docx.Document(str(docgen.build(ROOT / "inputs" / "quarterly-report-2019-11.xlsx",
                                           template=template, outdir=tmp_path).docx))
    font = font_of(template)
    sizes = {"Table Text": font.size, "Table Text Small": font.small_size}
    checked = 0
    for table in built.tables:
        grid = [int(col.get(qn("w:w"))) / 20 for col in table._tbl.tblGrid.iterchildren()]
        if not table._tbl.xpath("./w:tr/w:trPr/w:cantSplit") or len(grid) < 3:
            continue  # the header block and the Implications table are the template's
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                paragraph = cell.paragraphs[0]
                size = sizes[paragraph.style.name]
                for word in re.split(r"[ \t\n]+", cell.text.replace("\u2060", "")):
                    if "/" in word and word[:1].isdigit():
                        word = word.split("/")[0] + "/"
                    bold = r == 0 or any(run.bold for run in paragraph.runs)
                    width = text_width(word, font.family, size, bold=bold)
                    assert width + font.margins + WIDTH_SLACK <= grid[c] + 0.05, (word, c)
                    checked += 1
    assert checked > 300
