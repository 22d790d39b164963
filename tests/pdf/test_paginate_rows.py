"""Table rows across pages (issue 16), end to end: where docgen's PDF puts the lines of a row
that splits at a page foot, against the baselines LibreOffice 7.4 gave the same documents
(measured with soffice, recorded here; the last test runs soffice itself)."""

from __future__ import annotations

import pytest
from tests.support import docx_fixtures as fx
from tests.support import needs_soffice

from docgen.pdf import export_pdf
from docgen.pdf.fidelity import compare, read_pages


def baselines(pdf) -> list[dict[str, float]]:
    """Each page's lines that start "Measure" or "Row 0", by text: baseline from the top."""
    return [{text: top for top, _, text in page.lines if text.startswith(("Measure", "Row 0"))}
            for page in read_pages(str(pdf))]


def render(tmp_path, name: str, filler: int, margin: int | None):
    source = fx.rows_across_pages(tmp_path / f"{name}.docx", filler, margin)
    target = tmp_path / f"{name}.pdf"
    export_pdf(source, target)
    return baselines(target)


# (filler paragraphs, cell margin in twips): LibreOffice's baselines on pages 1 and 2
RECORDED = {
    (20, None): ({"Measure Value": 572.8, "Row 0 line 1 0": 597.8, "Row 0 line 5": 695.8},
                 {"Measure Value": 82.8, "Row 0 line 6": 107.8, "Row 0 line 12": 254.8}),
    (20, 57): ({"Measure Value": 575.7, "Row 0 line 1 0": 606.4, "Row 0 line 4": 679.9},
               {"Measure Value": 85.7, "Row 0 line 5": 116.4, "Row 0 line 12": 287.9}),
    (24, 57): ({"Measure Value": 673.7, "Row 0 line 1 0": 704.4},
               {"Measure Value": 85.7, "Row 0 line 2": 140.9, "Row 0 line 12": 385.9}),
}


@pytest.mark.parametrize(("filler", "margin"), list(RECORDED))
def test_a_first_row_splits_at_the_page_foot_as_libreoffice_splits_it(tmp_path, filler, margin):
    pages = render(tmp_path, f"rows{filler}-{margin}", filler, margin)
    for page, expected in zip(pages, RECORDED[(filler, margin)], strict=False):
        for text, top in expected.items():
            assert text in page, (text, sorted(page))
            assert abs(page[text] - top) <= 0.11, (text, page[text], top)
    first, second = RECORDED[(filler, margin)]
    last_here = max((t for t in first if t.startswith("Row 0 line")), key=first.get)
    following = f"Row 0 line {int(last_here.split()[3]) + 1}"
    assert following not in pages[0]  # nothing more of the row squeezed onto page 1


@pytest.mark.libreoffice
@needs_soffice
def test_rows_and_line_breaks_match_libreoffice(tmp_path):
    for name, source in (("rows", fx.rows_across_pages(tmp_path / "rows.docx", 22, 57)),
                         ("mixed", fx.mixed_sizes_and_breaks(tmp_path / "mixed.docx"))):
        ours, theirs = tmp_path / f"{name}.pdf", tmp_path / f"{name}-lo.pdf"
        export_pdf(source, ours)
        export_pdf(source, theirs, engine="libreoffice")
        result = compare(str(ours), str(theirs), tolerance=1.0)
        assert result.same_page_count and result.all_pages_identical, (name, result)
        assert result.close_share == 1.0, (name, result)
