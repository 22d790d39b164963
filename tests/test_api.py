"""The front door: `strict` in build, build_many and check; the PDF's warnings as Problems;
the public names where callers find them."""

from __future__ import annotations

import pytest

import docgen
from docgen import api, batch, pipeline, version
from docgen.exceptions import Problem, WorkbookError

HIDDEN = "this sheet is hidden"


def hide_measures(wb) -> None:
    """A workbook whose only problem is a warning: its Measures sheet is hidden."""
    wb["Measures"].sheet_state = "hidden"


@pytest.fixture
def warned(edit_workbook):
    """A workbook that builds with one warning, and that warning as `check` reports it."""
    path = edit_workbook(hide_measures, name="warned.xlsx")
    (problem,) = [p for p in api.check(path) if HIDDEN in p.message]
    return path, problem


def test_strict_build_refuses_a_workbook_with_warnings_and_lists_them_as_errors(
        warned, tmp_path):
    path, problem = warned
    assert api.build(path, outdir=tmp_path / "lenient").docx.is_file()
    with pytest.raises(WorkbookError) as info:
        api.build(path, outdir=tmp_path / "strict", strict=True)
    assert info.value.exit_code == 2
    assert info.value.args[0] == f"the workbook has {len(api.check(path))} problem(s) (--strict)"
    assert Problem("error", problem.message, problem.sheet, problem.cell) in info.value.errors
    assert not info.value.warnings
    assert not (tmp_path / "strict").exists()  # nothing built


def test_strict_check_counts_every_warning_as_an_error(warned):
    path, problem = warned
    strict = api.check(path, strict=True)
    assert {p.severity for p in strict} == {"error"}
    assert [p.message for p in strict] == [p.message for p in api.check(path)]
    assert Problem("error", problem.message, problem.sheet, problem.cell) in strict


def test_strict_build_many_reports_the_workbook_as_failed(warned, tmp_path):
    path, _ = warned
    (item,) = api.build_many([path], outdir=tmp_path, jobs=1, strict=True)
    assert not item.ok and item.exit_code == 2
    assert "(--strict)" in item.error
    assert all(p.severity == "error" for p in item.problems)


def test_strict_build_of_a_clean_workbook_builds(edit_workbook, tmp_path):
    path = edit_workbook()
    if api.check(path):
        pytest.skip("the minimal workbook has warnings of its own")
    assert api.build(path, outdir=tmp_path, strict=True).docx.is_file()


def test_an_isolated_strict_build_is_refused_the_same_way(warned, tmp_path):
    path, _ = warned
    with pytest.raises(WorkbookError) as info:
        api.build(path, outdir=tmp_path, isolate=True, strict=True)
    assert info.value.args[0].endswith("(--strict)")


def test_pdf_warnings_are_problems_about_the_docx_by_name(tmp_path):
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from docgen.pdf import export_pdf

    document = Document()
    document.add_paragraph("Two columns")
    section = document.sections[0]._sectPr
    columns = section.find(qn("w:cols"))
    if columns is None:
        columns = OxmlElement("w:cols")
        section.append(columns)
    columns.set(qn("w:num"), "2")
    source = tmp_path / "columns.docx"
    document.save(source)
    expected = Problem("warning", "multi-column sections were printed as a single column",
                       "columns.docx")
    assert export_pdf(source, tmp_path / "engine.pdf") == [expected]
    warnings: list[Problem] = []
    assert api.export_pdf(source, tmp_path / "api.pdf", warnings=warnings) == tmp_path / "api.pdf"
    assert warnings == [expected]


def test_the_front_door_names_stay_where_callers_find_them():
    assert docgen.build_many is api.build_many is batch.build_many
    assert docgen.BatchItem is api.BatchItem is batch.BatchItem
    assert docgen.BuildResult is api.BuildResult is pipeline.BuildResult
    assert docgen.check is api.check is pipeline.check
    assert docgen.build is api.build
    assert docgen.__version__ == version.__version__


def test_pack_is_the_front_doors_function_even_after_the_agenda_package_is_imported():
    """`docgen.pack(...)` (issue 18) is the API function: the package is `docgen.agenda`, so
    importing it never shadows the name."""
    import docgen.agenda.build  # noqa: F401  (the import that used to replace docgen.pack)

    assert docgen.pack is api.pack and callable(docgen.pack)
    assert docgen.new_agenda_workbook is api.new_agenda_workbook
