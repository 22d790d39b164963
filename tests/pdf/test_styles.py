"""Reading run and paragraph properties: small capitals, paragraph borders."""

from __future__ import annotations

import pytest
from lxml import etree

from docgen.pdf.model import RunStyle
from docgen.pdf.styles import SmallCaps, parse_ppr, parse_rpr, small_caps_pieces

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def element(xml: str) -> etree._Element:
    """`xml` parsed, the w: namespace declared on its first element."""
    return etree.fromstring(xml.replace(">", f' xmlns:w="{W}">', 1))


def test_small_caps_split_lowercase_runs_from_the_rest():
    assert small_caps_pieces("Small Caps 2024, ok") == [
        ("S", False), ("MALL", True), (" C", False), ("APS", True), (" 2024, ", False),
        ("OK", True)]
    assert small_caps_pieces("ß") == [("SS", True)]


def test_small_caps_are_read_apart_from_all_caps():
    assert parse_rpr(element("<w:rPr><w:smallCaps/></w:rPr>"), {}) == {"small_caps": True}
    assert parse_rpr(element("<w:rPr><w:caps/></w:rPr>"), {}) == {"caps": True}


def test_small_caps_styles_full_size_and_reduced():
    small = SmallCaps()
    style = RunStyle(font="Arial", size=11, small_caps=True)
    full, reduced = small.split(style)
    assert full == RunStyle(font="Arial", size=11) and reduced is style
    assert small.split(RunStyle(size=11)) == (RunStyle(size=11), None)
    both = RunStyle(size=11, small_caps=True, caps=True)
    assert small.split(both) == (RunStyle(size=11, caps=True), None)  # all caps win
    texts = small.texts("Ab", full, reduced, None, None)
    assert [(t.text, t.style) for t in texts] == [("A", full), ("B", reduced)]


def test_paragraph_borders_keep_their_distance_and_note_sides():
    props = parse_ppr(element(
        '<w:pPr><w:pBdr><w:top w:val="single" w:sz="12" w:space="6" w:color="FF0000"/>'
        '<w:bottom w:val="single" w:sz="8" w:space="4"/><w:left w:val="single" w:sz="4"/>'
        "</w:pBdr></w:pPr>"))
    assert (props["border_top"].width, props["border_top"].space,
            props["border_top"].color) == (1.5, 6.0, "FF0000")
    assert (props["border_bottom"].width, props["border_bottom"].space) == (1.0, 4.0)
    assert props["border_sides"] is True
    plain = parse_ppr(element('<w:pPr><w:pBdr><w:bottom w:val="single" w:sz="8"/></w:pBdr>'
                              "</w:pPr>"))
    assert plain["border_sides"] is False and plain["border_bottom"].space == 0.0


def test_small_caps_print_as_libreoffice_prints_them(render):
    import pdfplumber
    from tests.support import docx_fixtures as fx

    pdf, _ = render(fx.small_caps)
    with pdfplumber.open(pdf) as document:
        words = [(w["x0"], round(w["size"], 1), w["text"])
                 for w in document.pages[0].extract_words(extra_attrs=["size"])]
    # Where LibreOffice 7.4 draws them (x, size): capitals, digits and spaces at 11 pt, the
    # lowercase letters as capitals at 8.8 pt; the next run is plain again.
    libreoffice = [(162.9, 11.0, "S"), (170.2, 8.8, "MALL"), (196.2, 11.0, "C"),
                   (204.2, 8.8, "APS"), (224.9, 8.8, "TEXT"), (250.4, 11.0, "2024"),
                   (277.9, 11.0, "then")]
    assert [(size, text) for _, size, text in words[3:10]] == [
        (size, text) for _, size, text in libreoffice]
    for (x, _, _), (expected, _, _) in zip(words[3:10], libreoffice, strict=True):
        assert x == pytest.approx(expected, abs=0.3)
    assert [(size, text) for _, size, text in words[-2:]] == [(11.0, "ALL"), (11.0, "CAPITALS")]
