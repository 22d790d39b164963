"""Rendering: cell text is data, never template code; template problems are clear errors."""

import docx
import pytest
from docx.shared import Pt
from tests.support import ROOT, column_of
from tests.support.word_numbering import shown_texts

import docgen
from docgen.exceptions import TemplateError

UNSAFE = ("R&D costs < 5% > \"quoted\" 'single' <b>bold</b> </w:t> {{ 7*7 }} "
          "{% if true %}x{% endif %} {{ self.__init__.__globals__ }} {#c#}")


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_unsafe_text_comes_out_exactly_as_typed(edit_workbook, tmp_path):
    def unsafe(wb):
        wb["Narrative"]["C2"] = UNSAFE
        wb["Narrative"]["B2"] = "Heading & <more>"
        wb["Settings"]["B4"] = "Title {{ title }} & <x>"
        wb["Implications"]["B2"] = "{% for x in range(10) %}loop{% endfor %}"
        wb["Tables"]["A2"] = "Fires & <explosions>"
        ws = wb["Measures"]
        ws.cell(row=2, column=column_of(ws, "Measure")).value = "Incidents {{ 1+1 }} & co"

    result = docgen.build(edit_workbook(unsafe), outdir=tmp_path / "out")
    document = docx.Document(result.docx)
    text = all_text(document)
    assert UNSAFE in text
    assert ("Heading 1", "1. Heading & <more>") in [t[:2] for t in shown_texts(document)]
    assert "Title {{ title }} & <x>" in text
    assert "{% for x in range(10) %}loop{% endfor %}" in text
    assert "Fires & <explosions>" in text
    assert "Incidents {{ 1+1 }} & co" in text
    assert "49" not in text


def test_the_narrative_uses_the_templates_styles(edit_workbook, tmp_path):
    document = docx.Document(docgen.build(edit_workbook(), outdir=tmp_path).docx)
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert ("Heading 1", "1. Purpose") in [t[:2] for t in shown_texts(document)]  # Word's label
    assert ("List Bullet", "Response times are in Appendix A.") in styles
    assert ("Caption", "Incidents by type") in styles
    table = next(t for t in document.tables if t.cell(0, 0).text == "Type")
    assert table.style.name == "Report Table"
    assert table.rows[0]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    assert [c.text for c in table.rows[-1].cells] == ["Total", "1105"]
    assert table.cell(1, 1).paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT


def test_numbered_lists_restart_at_one(edit_workbook, tmp_path):
    def lists(wb):
        wb["Narrative"]["C2"] = "1. one\n2. two\nBetween\n1. again"

    document = docx.Document(docgen.build(edit_workbook(lists), outdir=tmp_path).docx)
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert len(numbered) == 3
    assert ids[0] == ids[1] != ids[2]


def make_template(tmp_path, text: str):
    document = docx.Document()
    document.add_paragraph(text)
    path = tmp_path / "bad.docx"
    document.save(path)
    return path


@pytest.mark.parametrize(("text", "message"), [
    ("{{ self.__init__.__globals__.__builtins__.__import__('os').popen('id').read() }}",
     "tries something unsafe"),
    ("{{ report_to", "Jinja syntax error"),
    ("{{ no_such_name }}", "uses a name docgen does not provide: 'no_such_name'"),
])
def test_template_problems_are_template_errors(edit_workbook, tmp_path, text, message):
    with pytest.raises(TemplateError, match=message):
        docgen.build(edit_workbook(), template=make_template(tmp_path, text), outdir=tmp_path)
    assert not list(tmp_path.glob("*.docx.*.tmp"))


def test_a_file_that_is_not_a_template(edit_workbook, tmp_path):
    fake = tmp_path / "fake.docx"
    fake.write_text("not a docx")
    with pytest.raises(TemplateError, match="is not a readable Word document"):
        docgen.build(edit_workbook(), template=fake, outdir=tmp_path)
    with pytest.raises(TemplateError, match="was not found"):
        docgen.build(edit_workbook(), template=tmp_path / "none.docx", outdir=tmp_path)


def test_restyled_template_changes_the_look_not_the_content(edit_workbook, tmp_path):
    from tests.support import RESTYLED_TEMPLATE

    plain = docx.Document(docgen.build(edit_workbook(), outdir=tmp_path / "a").docx)
    styled = docx.Document(docgen.build(edit_workbook(), template=RESTYLED_TEMPLATE,
                                        outdir=tmp_path / "b").docx)
    assert all_text(plain) == all_text(styled)
    assert styled.styles["Heading 1"].font.size == Pt(16)
    assert plain.styles["Heading 1"].font.size == Pt(12)


def test_a_template_without_table_styles_still_builds(edit_workbook, tmp_path):
    from docx.oxml.ns import qn

    document = docx.Document()
    styles = document.styles.element
    for style in list(styles.iterchildren(qn("w:style"))):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) != "TableNormal":
            styles.remove(style)
    document.add_paragraph("{{p body }}")
    template = tmp_path / "plain.docx"
    document.save(template)
    built = docx.Document(docgen.build(edit_workbook(), template=template, outdir=tmp_path).docx)
    table = built.tables[0]
    assert [c.text for c in table.rows[-1].cells] == ["Total", "1105"]
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)


def keeps_with_next(paragraph) -> bool:
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.find(docx.oxml.ns.qn("w:keepNext")) is not None


def row_flags(row) -> set[str]:
    trpr = row._tr.trPr
    return set() if trpr is None else {child.tag.split("}")[1] for child in trpr}


def test_data_table_rows_stay_whole_and_the_caption_with_the_first_rows(edit_workbook, tmp_path):
    document = docx.Document(docgen.build(edit_workbook(), outdir=tmp_path).docx)
    caption = next(p for p in document.paragraphs if p.text == "Incidents by type")
    assert keeps_with_next(caption)
    table = next(t for t in document.tables if t.cell(0, 0).text == "Type")
    assert [row_flags(row) for row in table.rows] == [{"cantSplit", "tblHeader"}] + [
        {"cantSplit"}] * 4
    kept = [all(keeps_with_next(p) for cell in row.cells for p in cell.paragraphs)
            for row in table.rows]
    assert kept == [True, True, False, False, False]  # header and first row: three together


def test_a_row_taller_than_a_page_may_break(edit_workbook, tmp_path):
    def long_cell(wb):
        wb["Tables"]["A3"] = "A false alarm explained at length. " * 600

    document = docx.Document(docgen.build(edit_workbook(long_cell), outdir=tmp_path).docx)
    table = next(t for t in document.tables if t.cell(0, 0).text == "Type")
    assert [row_flags(row) for row in table.rows] == [
        {"cantSplit", "tblHeader"}, {"cantSplit"}, set(), {"cantSplit"}, {"cantSplit"}]


def test_a_short_table_keeps_no_row_with_what_follows(edit_workbook, tmp_path):
    def one_row(wb):
        ws = wb["Tables"]
        ws.tables["IncidentsByType"].ref = "A1:B2"
        for row in range(3, 6):
            ws.cell(row=row, column=1).value = ws.cell(row=row, column=2).value = None

    document = docx.Document(docgen.build(edit_workbook(one_row), outdir=tmp_path).docx)
    table = next(t for t in document.tables if t.cell(0, 0).text == "Type")
    kept = [all(keeps_with_next(p) for cell in row.cells for p in cell.paragraphs)
            for row in table.rows]
    assert kept == [True, False]


def test_the_templates_tables_keep_rows_whole(built_example):
    document = docx.Document(built_example)
    appendix = [t for t in document.tables if t.cell(0, 0).text == "Measure"]
    implications = next(t for t in document.tables if t.cell(0, 0).text == "Financial:")
    for table in [*appendix, implications]:
        assert all("cantSplit" in row_flags(row) for row in table.rows)
    for table in appendix:
        assert all(keeps_with_next(p) for cell in table.rows[0].cells for p in cell.paragraphs)
        assert not any(keeps_with_next(cell.paragraphs[0]) for cell in table.rows[-1].cells)


@pytest.mark.parametrize("template", [None, "examples/restyled/template.docx"])
def test_no_stale_styles_with_effects_part(tmp_path, template):
    """Word 2010's stylesWithEffects.xml no longer matched styles.xml, which Word repairs."""
    import zipfile

    result = docgen.build(ROOT / "examples" / "minimal" / "minimal.xlsx", outdir=tmp_path,
                          template=ROOT / template if template else None)
    with zipfile.ZipFile(result.docx) as archive:
        names = archive.namelist()
        listed = archive.read("[Content_Types].xml") + archive.read("word/_rels/document.xml.rels")
    assert not [n for n in names if "stylesWithEffects" in n]
    assert b"stylesWithEffects" not in listed
