"""Tab stops beyond the right margin, as LibreOffice 7.4 treats them in .docx files."""

from __future__ import annotations

import pdfplumber
import pytest
from tests.support import docx_fixtures as fx


def words(pdf):
    with pdfplumber.open(pdf) as document:
        return [(round(w["x0"], 1), round(w["x1"], 1), round(w["bottom"]), w["text"])
                for w in document.pages[0].extract_words()]


def test_a_right_tab_beyond_the_margin_keeps_its_text_on_the_line(render):
    pdf, _ = render(fx.right_tab_beyond_margin)
    found = words(pdf)
    # LibreOffice 7.4 right-aligns "January 2024" at the stop an inch past the margin
    # (x 527.5 to 594.1), on the same line as "Committee report".
    january, year = found[2], found[3]
    assert january[3] == "January" and year[3] == "2024"
    assert january[2] == found[0][2]
    assert january[0] == pytest.approx(527.5, abs=0.3)  # LibreOffice sits 0.1 pt right of docgen
    assert year[1] == pytest.approx(594.1, abs=0.3)
    assert found[4][3] == "Next"


def test_dot_leaders_fill_the_gap_as_libreoffice_does(render):
    pdf, _ = render(fx.dot_leaders)
    with pdfplumber.open(pdf) as document:
        rows: dict[float, list] = {}
        for char in document.pages[0].chars:
            rows.setdefault(round(char["matrix"][5], 1), []).append(char)
    found = []
    for _, chars in sorted(rows.items(), reverse=True):
        dots = [c for c in chars if c["text"] == "."]
        text_end = max(c["x1"] for c in chars if c["text"] != "." and c["x0"] < dots[0]["x0"])
        found.append((len(dots), round(dots[0]["x0"] - text_end, 1)))
    # LibreOffice 7.4 draws 120, 119, 77, 133, 131 and 53 dots, from the end of the text
    # (a space before the tab included): as many as fit in whole twips.
    assert found == [(120, 0.0), (119, 0.0), (77, 0.0), (133, 0.0), (131, 0.0), (53, 0.0)]
