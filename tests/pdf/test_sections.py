"""`docgen.pdf.sections`: page size, margins, orientation, numbering, headers and footers,
held within Word's limits with a warning."""

from __future__ import annotations

import pytest
from lxml import etree

from docgen.ooxml.ns import R_NS, W_NS
from docgen.pdf.model import Paragraph, ParaProps, RunStyle, Section
from docgen.pdf.sections import MAX_PAGE_SIDE, MIN_PAGE_SIDE, MIN_TEXT_SIDE, read_section


class Reader:
    """The document reader as `read_section` sees it: stories by id, and warnings."""

    def __init__(self, stories: dict[str, list] | None = None):
        self.stories = stories or {}
        self.warnings: list[str] = []

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def story(self, rid):
        return self.stories.get(rid, [])


def sect(inner: str) -> etree._Element:
    return etree.fromstring(f'<w:sectPr xmlns:w="{W_NS}" xmlns:r="{R_NS}">{inner}</w:sectPr>')


def block(text: str) -> Paragraph:
    from docgen.pdf.model import Text

    return Paragraph(ParaProps(), [Text(text, RunStyle())], RunStyle())


def test_no_section_properties_are_words_defaults():
    blocks = [block("body")]
    section = read_section(Reader(), None, None, blocks)
    assert section.blocks is blocks
    assert (section.page_width, section.margin_left, section.start) == (595.3, 72.0, "nextPage")


def test_size_margins_and_gutter_in_points():
    reader = Reader()
    section = read_section(reader, sect(
        '<w:pgSz w:w="12240" w:h="15840"/>'
        '<w:pgMar w:top="1440" w:right="1080" w:bottom="720" w:left="1080" w:header="708"'
        ' w:footer="-500" w:gutter="360"/>'), None, [])
    assert (section.page_width, section.page_height) == (612.0, 792.0)
    assert (section.margin_top, section.margin_bottom, section.margin_right) == (72, 36, 54)
    assert section.margin_left == 54 + 18  # the gutter is added on the left
    assert section.header_distance == 35.4
    assert section.footer_distance == 25.0  # negative distances are taken as their size
    assert reader.warnings == []


def test_landscape_swaps_sides_given_portrait():
    section = read_section(Reader(), sect('<w:pgSz w:w="11906" w:h="16838" w:orient="landscape"/>'),
                           None, [])
    assert section.page_width > section.page_height
    assert section.page_width == pytest.approx(841.9)


def test_landscape_already_wide_is_left_alone():
    section = read_section(Reader(), sect('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'),
                           None, [])
    assert section.page_width == pytest.approx(841.9)


def test_an_unreadable_size_falls_back_to_a4():
    section = read_section(Reader(), sect('<w:pgSz w:w="wide" w:h="0"/>'), None, [])
    assert (section.page_width, section.page_height) == (595.3, 841.9)


@pytest.mark.parametrize(("twips", "points", "words"), [
    ("40000", MAX_PAGE_SIDE, "a page width of 27.78 in is outside Word's limits (0.1 to 22 in);"
                             " it was printed as 22.0 in"),
    ("20", MIN_PAGE_SIDE, "a page width of 0.01 in is outside Word's limits (0.1 to 22 in); it"
                          " was printed as 0.1 in")])
def test_a_page_outside_words_limits_is_bounded_with_a_warning(twips, points, words):
    reader = Reader()
    section = read_section(reader, sect(f'<w:pgSz w:w="{twips}" w:h="15840"/>'), None, [])
    assert section.page_width == points
    assert reader.warnings[0] == words


def test_margins_that_leave_no_text_width_are_shared_out_with_a_warning():
    reader = Reader()
    section = read_section(reader, sect('<w:pgSz w:w="12240" w:h="15840"/>'
                                        '<w:pgMar w:left="6200" w:right="6200"/>'), None, [])
    assert section.body_width == pytest.approx(MIN_TEXT_SIDE)
    assert section.margin_left == section.margin_right == pytest.approx((612 - 7.2) / 2)
    assert reader.warnings == ["the margins leave 0.00 in of text width; they were printed as "
                               "4.20 in"]


def test_type_title_page_and_page_numbering():
    section = read_section(Reader(), sect(
        '<w:type w:val="continuous"/><w:titlePg/><w:pgNumType w:start="3" w:fmt="lowerRoman"/>'),
        None, [])
    assert (section.start, section.title_page) == ("continuous", True)
    assert (section.page_start, section.page_format) == (3, "lowerRoman")


def test_a_title_page_switched_off_and_a_bad_start():
    section = read_section(Reader(), sect('<w:titlePg w:val="0"/><w:pgNumType w:start="x"/>'),
                           None, [])
    assert section.title_page is False
    assert (section.page_start, section.page_format) == (None, "decimal")


def test_columns_print_as_one_with_a_warning():
    reader = Reader()
    read_section(reader, sect('<w:cols w:num="2"/>'), None, [])
    assert reader.warnings == ["multi-column sections were printed as a single column"]
    quiet = Reader()
    read_section(quiet, sect('<w:cols w:num="1" w:space="708"/>'), None, [])
    assert quiet.warnings == []


def test_headers_and_footers_by_kind_and_inherited_from_the_previous_section():
    first_header, even_footer, new_header = [block("h1")], [block("even")], [block("h2")]
    reader = Reader({"rId1": first_header, "rId2": even_footer, "rId3": new_header})
    first = read_section(reader, sect('<w:headerReference w:type="default" r:id="rId1"/>'
                                      '<w:footerReference w:type="even" r:id="rId2"/>'), None, [])
    assert first.headers == {"default": first_header}
    assert first.footers == {"even": even_footer}
    second = read_section(reader, sect('<w:headerReference r:id="rId3"/>'), first, [])
    assert second.headers == {"default": new_header}
    assert second.footers == {"even": even_footer}
    assert first.headers == {"default": first_header}  # the previous section is not changed


def test_a_section_without_properties_still_inherits_headers():
    previous = Section(headers={"default": [block("h")]})
    assert read_section(Reader(), None, previous, []).headers == previous.headers
