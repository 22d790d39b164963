"""The fidelity corpus's ordinary Word files about tables: merged cells, landscape pages, rows
across pages, URLs and signed figures in narrow cells, long tables (python-docx)."""

from __future__ import annotations

from pathlib import Path

from corpus_docx import body, grid_table, new_document
from corpus_sources import APPENDIX, KNIFE, KNIFE_HEADER, OFFENCES, SYNTHETIC, URLS, seed_paragraphs
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm


def arial_narrow_merged(path: Path) -> None:
    """Arial Narrow 10: Appendix A's tables with merged title and heading cells."""
    d = new_document("Arial Narrow", 10)
    d.add_heading("Appendix A: Performance data for Strategic Scrutiny Meeting November 2019", 1)
    for theme, rows in APPENDIX:
        table = d.add_table(rows=2, cols=4)
        table.style = "Table Grid"
        title = table.cell(0, 0).merge(table.cell(0, 3))
        title.text = theme.upper()
        title.paragraphs[0].runs[0].bold = True
        for cell, text in zip(table.rows[1].cells, ("Measure", "Previous 12 Month Period",
                                                     "In Year Performance Versus Previous "
                                                     "12 Month Period", "In Year Performance"),
                              strict=True):
            cell.text = text
        for values in rows:
            for cell, value in zip(table.add_row().cells, values, strict=True):
                cell.text = value
        tall = table.cell(2, 1).merge(table.cell(3, 1))
        tall.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        d.add_paragraph("Taken from Recorded Crime dashboard unless stated with *")
    d.save(path)


def merged_cells(path: Path) -> None:
    """Horizontal and vertical merges in a table of the seed's published figures."""
    d = new_document("Calibri", 11)
    d.add_heading("Recorded offences by type", 1)
    table = d.add_table(rows=3, cols=4)
    table.style = "Table Grid"
    table.cell(0, 0).merge(table.cell(1, 0)).text = "Offence Type"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "Annual change"
    table.cell(0, 3).merge(table.cell(1, 3)).text = "Reductions Q2 18-19 vs Q2 19-20"
    table.cell(1, 1).text = "to 30th June 2019"
    table.cell(1, 2).text = "to 30th September 2019"
    table.rows[2]._tr.getparent().remove(table.rows[2]._tr)
    for values in OFFENCES * 3:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    for r in range(2, len(table.rows), 5):
        table.cell(r, 0).merge(table.cell(r + 1, 0))
    body(d, seed_paragraphs()[6:12])
    d.save(path)


def landscape_sections(path: Path) -> None:
    """Portrait text, a landscape section with the wide knife crime table, portrait again."""
    d = new_document("Arial", 10)
    d.add_heading("Knife Crime", 1)
    body(d, seed_paragraphs()[12:16])
    section = d.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    d.add_paragraph("Knife crimes per 100k population, Most Similar Group, 2010/11 to 2018/19")
    grid_table(d, KNIFE_HEADER, KNIFE * 3)
    section = d.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    body(d, seed_paragraphs()[16:20])
    d.save(path)


def rows_across_pages(path: Path) -> None:
    """Rows taller than what is left of a page (no cantSplit), so they split, and one that
    may not split."""
    d = new_document("Arial", 10)
    d.add_heading("Commentary by theme", 1)
    text = seed_paragraphs()
    body(d, text[:3])
    header = ("Theme", "Commentary")
    rows = [(f"Theme {i + 1}", "\n".join(text[i * 2:i * 2 + 3])) for i in range(12)]
    table = grid_table(d, header, [(a, "") for a, _ in rows], widths_cm=[3, 13])
    for r, (_, commentary) in enumerate(rows, start=1):
        cell = table.cell(r, 1)
        cell.paragraphs[0].text = commentary.split("\n")[0]
        for extra in commentary.split("\n")[1:]:
            cell.add_paragraph(extra)
    table.rows[5]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    d.save(path)


def urls_in_narrow_cells(path: Path) -> None:
    """Long URLs in narrow cells and in running text."""
    d = new_document("Calibri", 11)
    d.add_heading("Where the figures are published", 1)
    d.add_paragraph(SYNTHETIC + "the tables are published at " + URLS[1] + " and the licence "
                    "is at " + URLS[0] + " for anyone who wishes to reuse them.")
    rows = [(f"Table {i + 1}", URLS[i % len(URLS)].replace("&amp;", "&"),
             "Published" if i % 3 else "Due") for i in range(16)]
    grid_table(d, ("Table", "Address", "Status"), rows, widths_cm=[2.2, 4.5, 2.2])
    d.add_paragraph(SYNTHETIC + "the same addresses in a wider column.")
    grid_table(d, ("Table", "Address"), [r[:2] for r in rows[:6]], widths_cm=[2.5, 13.4])
    d.save(path)


def negatives_in_narrow_cells(path: Path) -> None:
    """Negative numbers, signed percentages and money in narrow cells (Arial 10)."""
    d = new_document("Arial", 10)
    d.add_heading("Offence types: annual and quarterly changes", 1)
    header = ("Offence", "To June 2019", "To Sept 2019", "Q2 vs Q2")
    grid_table(d, header, OFFENCES, widths_cm=[4, 1.6, 1.6, 1.6])
    d.add_paragraph("Spending (the seed report's table, in narrow columns)")
    spend = [("Visible", "£52.0m", "37.6%", "+£0.6m"), ("Non Visible", "£45.3m", "32.8%",
                                                        "+£2.5m"),
             ("Frontline Support", "£11.4m", "8.2%", "\u2212£0.3m"),
             ("Business Support", "£29.6m", "21.4%", "\u2212£1.2m")]
    grid_table(d, ("Spending", "£m", "%", "Change"), spend, widths_cm=[3.5, 1.3, 1.3, 1.4])
    changes = [(name, previous, change.replace("increase ", "+").replace("decrease ", "-"),
                current) for _t, rows in APPENDIX for name, previous, change, current in rows]
    grid_table(d, ("Measure", "Previous", "Change", "Current"), changes,
               widths_cm=[6, 1.9, 1.7, 1.9])
    d.save(path)


def appendix_times(path: Path) -> None:
    """The seed report's Appendix A in Times New Roman, shaded header rows."""
    d = new_document("Times New Roman", 11)
    d.add_heading("Appendix A: Performance data for Strategic Scrutiny Meeting November 2019",
                  1)
    for theme, rows in APPENDIX:
        d.add_paragraph(theme.upper()).runs[0].bold = True
        table = grid_table(d, ("Measure", "Previous 12 Month Period Oct '17 - Sep '18",
                               "In Year Performance Versus Previous 12 Month Period",
                               "In Year Performance Oct '18 - Sep '19"), rows,
                           widths_cm=[6.5, 3, 3.5, 3])
        for cell in table.rows[0].cells:
            shade = parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" '
                              'w:fill="D9E2F3"/>')
            cell._tc.get_or_add_tcPr().append(shade)
    d.save(path)


def long_table(path: Path) -> None:
    """A 150-row table across pages with a repeated header (synthetic figures, labelled)."""
    d = new_document("Calibri", 10)
    d.add_heading("Domestic abuse crimes by month (published) and synthetic rows", 1)
    months = ("April", "May", "Jun", "July", "Aug", "Sept", "Oct", "Nov", "Dec", "Jan", "Feb",
              "Mar")
    da = {"2017/18": (986, 1096, 1050, 1201, 1127, 1073, 1077, 1124, 1307, 1381, 1449, 1519),
          "2018/19": (1604, 1940, 1937, 2203, 2211, 2096, 2115, 1821, 1445, 1331, 1422, 1747)}
    rows = [(f"{m} {year}", f"{v:,}", "published") for year, values in da.items()
            for m, v in zip(months, values, strict=True)]
    rows += [(f"Synthetic row {i}", f"{(i * 7919) % 4000 - 800:,}", "synthetic")
             for i in range(1, 127)]
    table = grid_table(d, ("Period", "Crimes", "Source"), rows, widths_cm=[5, 3, 3])
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    d.save(path)


BUILDERS = {
    "docx-arial-narrow-merged": (arial_narrow_merged, "Arial Narrow 10, Appendix A with merged "
                                 "cells; published figures"),
    "docx-merged-cells": (merged_cells, "horizontal and vertical merges; published figures"),
    "docx-landscape": (landscape_sections, "portrait / landscape / portrait sections, wide "
                       "table; published figures"),
    "docx-rows-across-pages": (rows_across_pages, "tall table rows splitting across pages, "
                               "one cantSplit; seed text"),
    "docx-urls-narrow": (urls_in_narrow_cells, "long URLs in narrow cells and in text; "
                         "synthetic sentences, example.org addresses"),
    "docx-negatives-narrow": (negatives_in_narrow_cells, "negative numbers, signed % and "
                              "money in narrow cells; published figures"),
    "docx-appendix-times": (appendix_times, "Appendix A in Times New Roman, shaded headers; "
                            "published figures"),
    "docx-long-table": (long_table, "150-row table with repeated header; published and "
                        "synthetic (labelled) rows"),
}
