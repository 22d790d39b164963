"""`docgen.pdf.docx_reader`: what the read stage makes of small .docx files built here with
python-docx — paragraphs with their roles, runs with their resolved styles, list labels,
tables and sections in document order, the document's language and settings, and warnings as
Problems located at the .docx by its name."""

from __future__ import annotations

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor
from tests.support import docx_fixtures as fx

from docgen.exceptions import Problem
from docgen.pdf.docx_reader import DocxReader, paragraph_role, read_docx
from docgen.pdf.model import (
    Bookmark,
    InlineObject,
    LineBreak,
    ListLabel,
    PageBreak,
    Paragraph,
    ParaProps,
    RunStyle,
    Tab,
    Table,
    Text,
)


def read(tmp_path, document, name: str = "doc.docx"):
    """The model of `document` saved as `name`."""
    return read_docx(fx.save(document, tmp_path / name))


def paragraphs(model) -> list[Paragraph]:
    return [b for s in model.sections for b in s.blocks if isinstance(b, Paragraph)]


def add_runs_xml(paragraph, xml: str) -> None:
    """Append WordprocessingML run-level XML to a paragraph."""
    for child in parse_xml(f"<w:wrap {nsdecls('w', 'r', 'm')}>{xml}</w:wrap>"):
        paragraph._p.append(child)


# -- paragraphs and runs --------------------------------------------------------------------

def test_runs_keep_their_text_and_resolved_styles_in_order(tmp_path):
    d = fx.arial_document()
    p = d.add_paragraph("Plain ")
    p.add_run("bold").bold = True
    red = p.add_run(" red")
    red.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    red.font.size = Pt(14)
    p.add_run(" italic").italic = True
    p.add_run(" under").underline = True
    p.add_run(" struck").font.strike = True
    (para,) = paragraphs(read(tmp_path, d))
    assert [(i.text, i.style.bold, i.style.italic, i.style.size, i.style.color,
             i.style.underline, i.style.strike) for i in para.inlines] == [
        ("Plain ", False, False, 11.0, None, False, False),
        ("bold", True, False, 11.0, None, False, False),
        (" red", False, False, 14.0, "C00000", False, False),
        (" italic", False, True, 11.0, None, False, False),
        (" under", False, False, 11.0, None, True, False),
        (" struck", False, False, 11.0, None, False, True),
    ]
    assert {i.style.font for i in para.inlines} == {"Arial"}
    assert para.mark_style.size == 11.0 and para.style_id == "Normal"


def test_adjacent_runs_of_one_style_are_one_text(tmp_path):
    d = fx.arial_document()
    p = d.add_paragraph("Three ")
    p.add_run("runs ")
    p.add_run("alike")
    p.add_run(" then bold").bold = True
    (para,) = paragraphs(read(tmp_path, d))
    assert [i.text for i in para.inlines] == ["Three runs alike", " then bold"]


def test_tabs_breaks_and_symbols_become_their_inlines(tmp_path):
    d = fx.arial_document()
    p = d.add_paragraph()
    add_runs_xml(p, '<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t>'
                    '<w:noBreakHyphen/><w:t>d</w:t><w:br w:type="page"/>'
                    '<w:sym w:font="Wingdings" w:char="F0FC"/></w:r>')
    (para,) = paragraphs(read(tmp_path, d))
    kinds = [type(i).__name__ for i in para.inlines]
    assert kinds == ["Text", "Tab", "Text", "LineBreak", "Text", "PageBreak", "Text"]
    assert isinstance(para.inlines[1], Tab) and isinstance(para.inlines[3], LineBreak)
    assert isinstance(para.inlines[5], PageBreak)
    assert [i.text for i in para.inlines if isinstance(i, Text)][:3] == ["a", "b", "c-d"]


def test_hidden_text_is_left_out_and_all_caps_are_upper_cased(tmp_path):
    d = fx.arial_document()
    p = d.add_paragraph("Seen ")
    p.add_run("secret ").font.hidden = True
    p.add_run("shouted").font.all_caps = True
    (para,) = paragraphs(read(tmp_path, d))
    assert para.text == "Seen SHOUTED"
    assert [i.style.caps for i in para.inlines] == [False, True]


def test_links_carry_their_url_or_anchor_and_bookmarks_all_but_goback(tmp_path):
    path = fx.hyperlink(tmp_path / "link.docx", "https://www.example.org/x")
    linked = [i for p in paragraphs(read_docx(path)) for i in p.inlines
              if isinstance(i, Text) and i.link]
    assert [i.link for i in linked] == ["https://www.example.org/x"]
    d = fx.arial_document()
    p = d.add_paragraph()
    add_runs_xml(p, '<w:bookmarkStart w:id="1" w:name="results"/><w:r><w:t>here</w:t></w:r>'
                    '<w:bookmarkEnd w:id="1"/><w:bookmarkStart w:id="2" w:name="_GoBack"/>'
                    '<w:hyperlink w:anchor="results"><w:r><w:t>back</w:t></w:r></w:hyperlink>')
    (para,) = paragraphs(read(tmp_path, d))
    assert [i.name for i in para.inlines if isinstance(i, Bookmark)] == ["results"]
    assert [(i.text, i.link, i.anchor) for i in para.inlines if isinstance(i, Text)] == [
        ("here", None, None), ("back", None, "results")]


def test_content_controls_are_read_through(tmp_path):
    d = fx.arial_document()
    p = d.add_paragraph("Name: ")
    add_runs_xml(p, "<w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>Ann</w:t></w:r></w:sdtContent>"
                    "</w:sdt>")
    d.element.body.insert(0, parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtContent><w:p><w:r><w:t>In a block control</w:t></w:r>'
        "</w:p></w:sdtContent></w:sdt>"))
    assert [p.text for p in paragraphs(read(tmp_path, d))] == ["In a block control",
                                                                "Name: Ann"]


# -- roles ----------------------------------------------------------------------------------

def test_roles_follow_outline_level_style_and_label(tmp_path):
    d = fx.arial_document()
    d.add_heading("Title heading", 1)
    d.add_heading("Third level", 3)
    d.add_heading("Ninth level", 9)
    d.add_paragraph("Figure 1: a caption", style="Caption")
    d.add_paragraph("A point", style="List Bullet")
    d.add_paragraph("Body text")
    toc = d.add_paragraph("Contents entry")
    toc.style = d.styles.add_style("toc 1", 1)
    assert [(p.text, p.role) for p in paragraphs(read(tmp_path, d))] == [
        ("Title heading", "H1"), ("Third level", "H3"), ("Ninth level", "H6"),
        ("Figure 1: a caption", "Caption"), ("A point", "LI"), ("Body text", "P"),
        ("Contents entry", "TOCI")]


def test_a_paragraph_of_one_object_and_no_text_is_a_figure():
    style = RunStyle()
    picture = InlineObject("picture", 10.0, 10.0, style)
    alone = Paragraph(ParaProps(), [picture], style)
    with_text = Paragraph(ParaProps(), [picture, Text("see above", style)], style)
    empty_label = Paragraph(ParaProps(), [Text("x", style)], style, label=ListLabel("", style))
    assert paragraph_role(alone, "Normal") == "Figure"
    assert paragraph_role(with_text, "Normal") == "P"
    assert paragraph_role(empty_label, "Normal") == "P"  # a label with no text is no list item
    assert paragraph_role(with_text, "TOC 12") == "TOCI"
    assert paragraph_role(with_text, "toc heading") == "P"


# -- lists ----------------------------------------------------------------------------------

def test_list_labels_count_per_level_and_take_the_levels_indents(tmp_path):
    model = read_docx(fx.multilevel_list(tmp_path / "list.docx"))
    items = paragraphs(model)
    assert [(p.label.text, p.label.level) for p in items[:5]] == [
        ("1.", 0), ("a.", 1), ("i.", 2), ("b.", 1), ("2.", 0)]
    assert [p.props.ind_left for p in items[:3]] == [36.0, 72.0, 108.0]
    assert {p.props.ind_first for p in items[:3]} == {-18.0}
    assert all(p.role == "LI" for p in items)


def test_a_symbol_bullet_is_drawn_in_opensymbol_other_labels_in_the_text_font(tmp_path):
    d = fx.arial_document()
    d.add_paragraph("Dot", style="List Bullet")
    d.add_paragraph("One", style="List Number")
    d.add_paragraph("Two", style="List Number")
    bullet, one, two = paragraphs(read(tmp_path, d))
    assert (bullet.label.text, bullet.label.style.font) == ("\u2022", "OpenSymbol")
    assert [(p.label.text, p.label.style.font, p.label.suffix) for p in (one, two)] == [
        ("1.", "Arial", "tab"), ("2.", "Arial", "tab")]


def test_num_id_zero_switches_a_styles_numbering_off(tmp_path):
    d = fx.arial_document()
    p = d.add_paragraph("Not a list item", style="List Number")
    fx.set_numbering(p, 0, 0)
    (para,) = paragraphs(read(tmp_path, d))
    assert para.label is None and para.role == "P"


# -- tables and sections --------------------------------------------------------------------

def test_a_table_is_a_block_between_its_paragraphs_with_its_cells(tmp_path):
    d = fx.arial_document()
    d.add_paragraph("Before")
    table = d.add_table(rows=2, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"r{r}c{c}"
    d.add_paragraph("After")
    blocks = read(tmp_path, d).sections[0].blocks
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Table", "Paragraph"]
    table = blocks[1]
    assert isinstance(table, Table) and len(table.grid) == 3
    assert [[c.blocks[0].text for c in row.cells] for row in table.rows] == [
        ["r0c0", "r0c1", "r0c2"], ["r1c0", "r1c1", "r1c2"]]


def test_each_section_break_closes_a_section_with_its_own_page(tmp_path):
    d = fx.arial_document()
    d.add_paragraph("Portrait text")
    section = d.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    d.add_paragraph("Landscape text")
    model = read(tmp_path, d)
    # python-docx ends the first section with an empty paragraph holding its properties
    assert [[b.text for b in s.blocks] for s in model.sections] == [
        ["Portrait text", ""], ["Landscape text"]]
    assert [(s.page_width, s.page_height) for s in model.sections] == [
        (612.0, 792.0), (792.0, 612.0)]


def test_headers_and_footers_are_read_from_their_own_parts(tmp_path):
    d = fx.arial_document()
    d.sections[0].header.paragraphs[0].text = "Running head"
    d.sections[0].footer.paragraphs[0].text = "Foot"
    d.add_paragraph("Body")
    (section,) = read(tmp_path, d).sections
    assert [b.text for b in section.headers["default"]] == ["Running head"]
    assert [b.text for b in section.footers["default"]] == ["Foot"]
    assert [b.text for b in section.blocks] == ["Body"]


# -- the document ---------------------------------------------------------------------------

def test_properties_and_language_of_the_document(tmp_path):
    d = fx.arial_document()
    d.core_properties.title = "Annual report"
    d.core_properties.author = "Finance team"
    d.core_properties.subject = "Figures"
    d.core_properties.keywords = "budget, 2019"
    lang = d.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/"
                                 f"{qn('w:lang')}")
    lang.set(qn("w:val"), "cy-GB")
    d.add_paragraph("Bore da")
    model = read(tmp_path, d)
    assert (model.title, model.author, model.subject, model.keywords, model.language) == (
        "Annual report", "Finance team", "Figures", "budget, 2019", "cy-GB")
    assert paragraphs(model)[0].inlines[0].style.lang == "cy-GB"


def test_the_language_falls_back_to_the_core_property_then_the_theme_language(tmp_path):
    d = fx.arial_document()
    lang = d.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/"
                                 f"{qn('w:lang')}")
    lang.getparent().remove(lang)
    d.core_properties.language = "fr-FR"
    assert read(tmp_path, d, "core.docx").language == "fr-FR"
    d.core_properties.language = ""
    theme = d.settings.element.find(qn("w:themeFontLang"))
    if theme is None:
        theme = OxmlElement("w:themeFontLang")
        d.settings.element.append(theme)
    theme.set(qn("w:val"), "de-DE")
    assert read(tmp_path, d, "theme.docx").language == "de-DE"
    d.settings.element.remove(theme)
    assert read(tmp_path, d, "none.docx").language == ""


def test_settings_give_the_default_tab_compatibility_and_even_headers(tmp_path):
    d = fx.arial_document()
    d.add_paragraph("x")
    settings = d.settings.element
    tab = settings.find(qn("w:defaultTabStop"))
    tab.set(qn("w:val"), "360")  # twips: 18 pt
    default = read(tmp_path, d, "default.docx")
    assert (default.default_tab, default.table_shift, default.even_and_odd_headers) == (
        18.0, True, False)
    mode = next(e for e in settings.iter(qn("w:compatSetting"))
                if e.get(qn("w:name")) == "compatibilityMode")
    assert mode.get(qn("w:val")) == "14"  # python-docx's template: Word 2010
    mode.set(qn("w:val"), "15")
    settings.append(OxmlElement("w:evenAndOddHeaders"))
    modern = read(tmp_path, d, "modern.docx")
    assert (modern.table_shift, modern.even_and_odd_headers) == (False, True)


# -- warnings -------------------------------------------------------------------------------

def test_an_equation_is_plain_text_with_one_warning_located_at_the_docx(tmp_path):
    d = fx.arial_document()
    for _ in range(2):
        p = d.add_paragraph("Area: ")
        add_runs_xml(p, "<m:oMath><m:r><m:t>πr</m:t></m:r><m:sSup><m:e><m:r><m:t>x</m:t>"
                        "</m:r></m:e></m:sSup></m:oMath>")
    model = read(tmp_path, d, "maths.docx")
    assert [p.text for p in paragraphs(model)] == ["Area: πrx", "Area: πrx"]
    assert model.warnings == [
        Problem("warning", "an equation was printed as plain text", "maths.docx")]
    assert str(model.warnings[0]) == "maths.docx: an equation was printed as plain text"


def test_side_borders_warn_that_only_top_and_bottom_are_drawn(tmp_path):
    d = fx.arial_document()
    p = d.add_paragraph("Boxed")
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:left w:val="single" w:sz="4" w:space="4" '
        'w:color="000000"/></w:pBdr>'))
    model = read(tmp_path, d, "boxed.docx")
    assert [(w.severity, w.location) for w in model.warnings] == [("warning", "boxed.docx")]
    assert "left, right or between" in model.warnings[0].message


def test_a_plain_document_reads_without_warnings(tmp_path):
    d = fx.arial_document()
    d.add_heading("Heading", 1)
    d.add_paragraph("Body")
    assert read(tmp_path, d).warnings == []


def test_the_reader_is_usable_on_a_document_already_open(tmp_path):
    d = fx.arial_document()
    d.add_paragraph("In memory")
    model = DocxReader(d, "memory.docx").read()
    assert [p.text for p in paragraphs(model)] == ["In memory"]
