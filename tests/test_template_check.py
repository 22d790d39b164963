"""The template lint: each kind of problem, located by part, paragraph or cell, and its text."""

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from docgen import api
from docgen.cli import cli
from docgen.exceptions import TemplateError
from docgen.template_check import check_template, context_schema, used_names

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = [ROOT / "templates" / "report.docx", ROOT / "examples" / "restyled" / "template.docx"]


def make_template(tmp_path, *paragraphs: str, table: list[list[str]] | None = None,
                  header: str = "", body: bool = True, name: str = "case.docx") -> Path:
    """A .docx template: a header paragraph, body paragraphs, then an optional table."""
    document = docx.Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    if body:
        document.add_paragraph("{{p body }}")
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        word_table = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                word_table.cell(r, c).text = text
    path = tmp_path / name
    document.save(path)
    return path


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.parent.name)
def test_the_shipped_templates_have_no_problems(template):
    assert check_template(template) == []


def test_docxtpl_tag_forms_are_understood(tmp_path):
    path = make_template(
        tmp_path, "{%p if appendix_note %}", "{{ appendix_note }}", "{%p endif %}",
        "{{r title }}", "{%p for group in appendix %}", "{{ group.theme|upper }}",
        table=[["{%tr for m in group.measures %}", ""],
               ["{{ m.name }}{% colspan 2 %}", "{% vm %}{{ m.change }}"],
               ["{%tr endfor %}", ""]])
    path2 = make_template(tmp_path, "{%p endfor %}", name="end.docx")
    assert check_template(path2)[0].message.startswith("Jinja syntax error")  # endfor alone
    doc = docx.Document(path)
    doc.add_paragraph("{%p endfor %}")
    doc.save(path)
    assert check_template(path) == []


def test_a_syntax_error_names_the_table_cell_and_its_text(tmp_path):
    path = make_template(tmp_path, table=[["Label", "Value"], ["Title", "{{ title }"]])
    [problem] = check_template(path)
    assert problem.severity == "error"
    assert problem.sheet == "case.docx, body, table 1, row 2, cell 2"
    assert "Jinja syntax error" in problem.message and '"{{ title }"' in problem.message


def test_a_block_left_open_is_located_where_it_opens(tmp_path):
    path = make_template(tmp_path, "Intro", "{%p for item in implications %}", "{{ item.label }}",
                         "The end")
    [problem] = check_template(path)
    assert problem.sheet == "case.docx, body, paragraph 3"
    assert "for item in implications" in problem.message


def test_a_name_docgen_cannot_fill_is_an_error_listing_the_names_it_fills(tmp_path):
    path = make_template(tmp_path, "Dear {{ chief_constable }},")
    [problem] = check_template(path)
    assert problem.sheet == "case.docx, body, paragraph 2"
    assert "'chief_constable' is not a name docgen fills" in problem.message
    assert "report_to" in problem.message and '"Dear {{ chief_constable }},"' in problem.message


def test_loop_names_are_local_and_their_fields_are_checked(tmp_path):
    path = make_template(tmp_path, "{% for item in implications %}{{ item.label }}: "
                         "{{ item.details }}{% endfor %}")
    [problem] = check_template(path)
    assert "'details' is not a field docgen fills here (it has: detail, label)" in problem.message


def test_nested_loop_fields_are_checked(tmp_path):
    path = make_template(tmp_path, "{% for g in appendix %}{% for m in g.measures %}"
                         "{{ m.name }} {{ m.trendy }}{% endfor %}{% endfor %}")
    assert messages(check_template(path))[0].count("'trendy' is not a field") == 1


@pytest.mark.parametrize("tag", ["{% include 'other.docx' %}", "{% import 'm' as m %}",
                                 "{% from 'm' import x %}", "{% extends 'base' %}"])
def test_tags_that_load_other_templates_are_refused(tmp_path, tag):
    [problem] = check_template(make_template(tmp_path, tag))
    assert "a template may not use" in problem.message


def test_underscore_attributes_and_unknown_filters_are_errors(tmp_path):
    path = make_template(tmp_path, "{{ title.__class__ }}", "{{ title|shout }}",
                         "{{ title['_secret'] }}")
    found = messages(check_template(path))
    assert any("paragraph 2" in m and "'__class__' starts with '_'" in m for m in found)
    assert any("paragraph 3" in m and "no filter called 'shout'" in m for m in found)
    assert any("paragraph 4" in m and "'_secret'" in m for m in found)


def test_set_and_macro_names_are_local(tmp_path):
    path = make_template(tmp_path, "{% set upper_title = title|upper %}{{ upper_title }}",
                         "{% macro cell(x) %}{{ x }}{% endmacro %}{{ cell(title) }}")
    assert check_template(path) == []


def test_problems_in_headers_name_the_part(tmp_path):
    [problem] = check_template(make_template(tmp_path, header="{{ agenda_itme }}"))
    assert problem.sheet == "case.docx, header1.xml, paragraph 1"


def test_a_template_without_the_body_is_warned_about(tmp_path):
    [problem] = check_template(make_template(tmp_path, "{{ title }}", body=False))
    assert problem.severity == "warning" and "{{p body }}" in problem.message


def test_not_a_word_document_is_a_template_error(tmp_path):
    path = tmp_path / "t.docx"
    path.write_text("not a zip")
    with pytest.raises(TemplateError, match="not a readable Word document"):
        check_template(path)


def test_the_context_schema_follows_render_template_context():
    schema = context_schema()
    assert {"report_to", "body", "implications", "appendix"} <= set(schema)
    assert set(schema["appendix"][0]["measures"][0]) >= {"name", "change", "previous"}


def test_used_names_lists_what_a_template_shows():
    assert {"report_to", "title", "agenda_item", "body"} <= used_names(TEMPLATES[0])


def test_api_and_cli_check_a_template(tmp_path):
    bad = make_template(tmp_path, "{{ nope }}")
    assert len(api.check_template(bad)) == 1
    result = CliRunner().invoke(cli, ["check", "-t", str(bad)])
    assert result.exit_code == 2
    assert "error: case.docx, body, paragraph 2: 'nope' is not a name" in result.output
    good = CliRunner().invoke(cli, ["check", "-t", str(TEMPLATES[0])])
    assert good.exit_code == 0 and "ready to use" in good.output


def test_checking_a_workbook_with_a_template_checks_both(tmp_path):
    from tests.support import MINIMAL

    bad = make_template(tmp_path, "{{ nope }}")
    result = CliRunner().invoke(cli, ["check", str(MINIMAL), "-t", str(bad)])
    assert result.exit_code == 2 and "'nope' is not a name docgen fills" in result.output
    assert CliRunner().invoke(cli, ["check", str(MINIMAL), "-t", str(TEMPLATES[1])]).exit_code == 0


def test_the_linter_parses_with_the_environment_the_render_uses():
    from docgen.render import jinja_environment
    from docgen.sandbox import SafeEnvironment

    assert type(jinja_environment()) is SafeEnvironment


def test_check_reads_and_cleans_the_template_once(monkeypatch):
    """The lint works on the bytes `read_template` already bounded and cleaned (issue 15)."""
    from docgen import template_file

    calls = []
    real = template_file.clean_template
    monkeypatch.setattr(template_file, "clean_template",
                        lambda data, name: calls.append(name) or real(data, name))
    problems = check_template(ROOT / "templates" / "report.docx")
    assert calls == ["report.docx"]
    assert [p for p in problems if p.severity == "error"] == []
