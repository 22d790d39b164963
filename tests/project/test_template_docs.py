"""The template contract (issue 14): docs/templates.md is what the code fills, and an
organisation's own header fields, raw numbers, RAG counts and shading work from a template."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from tests.support import EXAMPLE

import docgen
from docgen.api import read_report
from docgen.context import FIELDS, MEASURE_FIELDS, template_context
from docgen.exceptions import WorkbookError
from docgen.sandbox import check_data

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("make_template_docs",
                                                  ROOT / "scripts" / "make_template_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_templates_md_is_what_the_code_fills():
    assert (ROOT / "docs" / "templates.md").read_text(encoding="utf-8") == _script().render()


def test_the_context_has_exactly_the_documented_names():
    report, _ = read_report(EXAMPLE)
    context = template_context(report)
    check_data(context)
    assert set(context) | {"body", "toc"} == set(FIELDS)
    assert set(context["measures"][0]) == set(MEASURE_FIELDS)
    assert set(context["appendix"][0]["measures"][0]) == set(MEASURE_FIELDS)
    assert set(context["implications"][0]) == set(FIELDS["implications"][0])
    assert set(context["rag_counts"]) == set(FIELDS["rag_counts"])
    assert context["measure"]["ALL_CRIME"]["current_value"] == 155255


def header_template(folder: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("To: {{ report_to }}")
    document.add_paragraph('From: {{ settings["From"] }}')
    document.add_paragraph("Contact: {{ settings['Contact officer'] }}")
    document.add_paragraph("{{ rag_counts.overall.Green }} green of {{ measures|length }}; "
                           "{{ measure.GRADE1.current_value }} / {{ measure.GRADE1.rag }}")
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "{%tr for m in measures if m.rag %}"
    table.cell(1, 0).text = "{{ m.name }}"
    table.cell(1, 1).text = "{% cellbg m.rag_colour %}{{ m.rag }}"
    table.cell(2, 0).text = "{%tr endfor %}"
    document.add_paragraph("{{p body }}")
    path = folder / "council.docx"
    document.save(path)
    return path


def with_header_rows(wb):
    wb["Settings"].append(["From", "Director of Resources"])
    wb["Settings"].append(["Contact officer", "A. Clerk"])


def test_settings_rows_are_the_templates_own_fields(tmp_path):
    template = header_template(tmp_path)
    import openpyxl

    book = openpyxl.load_workbook(EXAMPLE)
    with_header_rows(book)
    workbook = tmp_path / "council.xlsx"
    book.save(workbook)
    result = docgen.build(workbook, template=template, outdir=tmp_path / "out")
    document = docx.Document(result.docx)
    texts = [p.text for p in document.paragraphs]
    assert texts[1] == "From: Director of Resources" and texts[2] == "Contact: A. Clerk"
    assert texts[3].startswith("3 green of ") and texts[3].endswith("10.2 / Green")
    assert not any("not a setting docgen knows" in str(w) for w in result.warnings)
    rag_cells = [row.cells[1] for row in document.tables[0].rows]
    shading = rag_cells[0]._tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
    assert rag_cells[0].text == "Green" and shading.get(qn("w:fill")) == "00703C"


def test_check_against_a_template_names_missing_settings(tmp_path):
    template = header_template(tmp_path)
    problems = docgen.check(EXAMPLE, template=template)
    errors = [str(p) for p in problems if p.severity == "error"]
    assert any('Settings: the template shows the setting "From"' in e for e in errors)
    assert not [p for p in docgen.check(EXAMPLE) if p.severity == "error"]
    with pytest.raises(WorkbookError, match='"Contact officer"'):
        docgen.build(EXAMPLE, template=template, outdir=tmp_path / "out")


def test_an_unknown_setting_the_template_does_not_use_is_still_a_warning(edit_workbook):
    path = edit_workbook(with_header_rows)
    assert any('"From" is not a setting docgen knows' in str(p) for p in docgen.check(path))


@pytest.mark.parametrize("text, message", [
    ("{% include 'x.docx' %}", "include"),
    ("{{ m.rag }}", "'m' is not a name docgen fills"),
    ("{{ title|pprint }}", "no filter called 'pprint'"),
    ("{{ title.format(1) }}", "may not call 'format'"),
    ("{% for x in measures %}{{ x.nope }}{% endfor %}", "'nope' is not a field"),
])
def test_every_template_error_is_found_by_check_t_and_located_at_build(tmp_path, text,
                                                                        message):
    document = docx.Document()
    document.add_paragraph("Header")
    document.add_paragraph(text)
    document.add_paragraph("{{p body }}")
    template = tmp_path / "broken.docx"
    document.save(template)
    linted = [p for p in docgen.api.check_template(template) if p.severity == "error"]
    assert linted and message in linted[0].message
    assert linted[0].location == "broken.docx, body, paragraph 2"
    with pytest.raises(docgen.TemplateError) as raised:
        docgen.build(EXAMPLE, template=template, outdir=tmp_path / "out")
    assert "broken.docx, body, paragraph 2" in str(raised.value)
    assert raised.value.exit_code == 2


def test_a_blank_workbook_for_a_template_has_its_own_settings_rows(tmp_path):
    import openpyxl

    template = header_template(tmp_path)
    path = docgen.api.new_workbook(tmp_path / "new.xlsx", template=template)
    labels = [row[0].value for row in openpyxl.load_workbook(path)["Settings"].iter_rows(
        min_row=2)]
    assert {"From", "Contact officer"} <= set(labels)


def test_missing_settings_are_reported_with_the_workbooks_other_errors(tmp_path):
    template = header_template(tmp_path)
    blank = docgen.api.new_workbook(tmp_path / "blank.xlsx")
    errors = [str(p) for p in docgen.check(blank, template=template) if p.severity == "error"]
    assert any("enter the report to" in e for e in errors)
    assert any('the template shows the setting "From"' in e for e in errors)
