"""The author's names for their files: in messages, and in the downloads' names."""

from __future__ import annotations

from pathlib import Path

from docgen import api
from docgen.exceptions import Problem
from docgen.web.names import FileNames, ascii_name, content_disposition, download_stem

FOLDER = Path("/tmp/docgen-web-abc/work/request-xyz")


def test_accented_names_keep_their_letters():
    assert download_stem("Q3 Réport été.xlsx") == "Q3 Réport été"
    assert download_stem("e\u0301te\u0301.xlsx") == "été"  # decomposed, as macOS sends it
    assert download_stem("Отчёт 2019.xlsx") == "Отчёт 2019"
    assert download_stem("../../etc/passwd.xlsx") == "passwd"
    assert download_stem('a"b<c>\r\nd.xlsx') == "abcd"
    assert download_stem("....xlsx") == "report"
    assert download_stem(None) == "report"


def test_downloads_carry_an_ascii_name_and_the_real_one():
    header = content_disposition("Q3 Réport été.docx")
    assert header == ("attachment; filename=\"Q3 Report ete.docx\"; "
                      "filename*=UTF-8''Q3%20R%C3%A9port%20%C3%A9t%C3%A9.docx")
    assert ascii_name("Отчёт.pdf") == "report.pdf"


def test_messages_name_the_files_the_author_uploaded():
    names = FileNames(FOLDER, "Q3 Réport été.xlsx", "Our template.docx")
    assert names.words("'workbook.xlsx' is not a workbook") == "'Q3 Réport été.xlsx' is not a " \
                                                               "workbook"
    assert names.words(f"cannot read {FOLDER}/workbook.xlsx") == "cannot read Q3 Réport " \
                                                                  "été.xlsx"
    assert names.words("the template 'template.docx' has 2 problems") == (
        "the template 'Our template.docx' has 2 problems")
    assert names.words("'workbook.docx' has no title") == "'Q3 Réport été.docx' has no title"
    assert names.words("my-workbook.xlsx stays") == "my-workbook.xlsx stays"
    problem = Problem("warning", "'workbook.docx': a picture has no alt text", "workbook.docx")
    assert names.problems([problem]) == [Problem(
        "warning", "'Q3 Réport été.docx': a picture has no alt text", "Q3 Réport été.docx")]


def test_the_standard_template_is_called_so_not_by_a_path():
    names = FileNames(FOLDER, "Q3.xlsx")
    standard = api.default_template()
    assert names.words(f"the template '{standard}' cannot be rendered") == (
        "the standard template cannot be rendered")
    assert names.words("the template 'report.docx' cannot be rendered") == (
        "the standard template cannot be rendered")
    assert str(standard.parent) not in names.words(f"{standard} is missing")
