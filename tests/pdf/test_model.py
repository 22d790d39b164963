"""`docgen.pdf.model`: the layout-free document model, its defaults and derived values."""

from __future__ import annotations

import dataclasses

import pytest

from docgen.pdf.model import (
    Bookmark,
    Cell,
    DocumentModel,
    Field,
    InlineObject,
    LineBreak,
    PageBreak,
    Paragraph,
    ParaProps,
    RunStyle,
    Section,
    Tab,
    Text,
)

STYLE = RunStyle()


def test_a_paragraphs_text_is_its_text_pieces_only():
    paragraph = Paragraph(ParaProps(), [
        Text("Total ", STYLE), Tab(STYLE), Field("PAGE", STYLE), LineBreak(STYLE),
        Text("crime", RunStyle(bold=True)), Bookmark("_Toc1"), PageBreak(),
        InlineObject("picture", 10, 10, STYLE), Text(" fell", STYLE, link="https://x.org")],
        STYLE)
    assert paragraph.text == "Total crime fell"


def test_an_empty_paragraph_has_no_text():
    assert Paragraph(ParaProps(), [], STYLE).text == ""


def test_a_section_is_a4_with_inch_margins_by_default():
    section = Section()
    assert (section.page_width, section.page_height) == pytest.approx((595.3, 841.9))
    assert section.body_width == pytest.approx(595.3 - 144)


def test_the_body_width_follows_the_margins():
    section = Section(page_width=612, margin_left=54, margin_right=90)
    assert section.body_width == 468


def test_sections_do_not_share_their_headers_or_blocks():
    first, second = Section(), Section()
    first.headers["default"] = []
    first.blocks.append(Paragraph(ParaProps(), [], STYLE))
    assert second.headers == {} and second.blocks == []


def test_styles_are_hashable_cache_keys():
    assert len({RunStyle(), RunStyle(), RunStyle(bold=True)}) == 2
    assert len({ParaProps(), ParaProps(align="center")}) == 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        STYLE.bold = True  # type: ignore[misc]


def test_word_defaults():
    assert (STYLE.font, STYLE.size, STYLE.vert_align) == ("Times New Roman", 10.0, "baseline")
    props = ParaProps()
    assert (props.align, props.line_rule, props.line, props.widow_control) == (
        "left", "auto", 1.0, True)
    cell = Cell([])
    assert (cell.span, cell.valign, cell.margins) == (1, "top", (0.0, 5.4, 0.0, 5.4))


def test_documents_do_not_share_their_warnings_and_tabs_default_to_half_an_inch():
    first, second = DocumentModel([]), DocumentModel([])
    first.warnings.append("x")  # type: ignore[arg-type]
    assert second.warnings == []
    assert first.default_tab == 36.0
