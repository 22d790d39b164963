"""The example pack end to end: the seed report, a Word, a PDF and an exempt paper.

Asserts on what a member reading the pack sees: the page numbers on every page equal the
agenda's, the bookmarks, Part B holding only the exempt paper, the manifest's hashes.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil

import openpyxl
import pypdf
import pytest
from tests.support import EXAMPLE, pdf_text
from tests.support.pack_fixtures import (
    EXEMPT_TEXT,
    PDF_TEXT,
    WORD_TEXT,
    page_lines,
    pdf_paper,
    write_agenda,
)

from docgen.api import pack
from docgen.exceptions import WorkbookError

EXEMPT_MARKER = "ZQX-EXEMPT-MARKER"


def stamped_numbers(path) -> list[int | None]:
    """The number stamped at the top right of each page ("Page 7"), None where there is none."""
    import pdfplumber

    numbers = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            top = page.crop((page.width / 2, 0, page.width, 32)).extract_text() or ""
            match = re.fullmatch(r"Page (\d+)", top.strip())
            numbers.append(int(match.group(1)) if match else None)
    return numbers


def agenda_pages(path) -> dict[str, int]:
    """The agenda's page column: item title -> page, read from the pack's agenda page."""
    text = page_lines(path)[1]
    found = {}
    for line in text.splitlines():
        match = re.match(r"(\d+) (.+?) (\d+)$", line.strip())
        if match:
            found[match.group(2)] = int(match.group(3))
    return found


def outline(path) -> list[tuple[int, str, int]]:
    """Every bookmark as (depth, title, 1-based page)."""
    reader = pypdf.PdfReader(path)
    rows = []

    def walk(nodes, depth):
        for node in nodes:
            if isinstance(node, list):
                walk(node, depth + 1)
            else:
                rows.append((depth, node.title, reader.get_destination_page_number(node) + 1))

    walk(reader.outline, 0)
    return rows


def test_every_page_is_stamped_with_its_pack_number(example_pack):
    _, result = example_pack
    numbers = stamped_numbers(result.pdf)
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) == 2 + 16 + 1 + 2  # front sheet, agenda, report, Word, PDF paper
    assert stamped_numbers(result.part_b) == [1, 2, 3]


def test_the_agenda_gives_the_page_each_item_starts_on(example_pack):
    _, result = example_pack
    pages = pdf_text(result.pdf)
    listed = agenda_pages(result.pdf)
    assert listed == {"Quarterly Report": 3, "Test fixture Word item": 19,
                      "Test fixture PDF item": 20}
    assert "REPORT TO:" in pages[listed["Quarterly Report"] - 1]
    assert "Page 16 of 16" in pages[listed["Test fixture Word item"] - 2]  # the report's end
    assert WORD_TEXT in pages[listed["Test fixture Word item"] - 1]
    assert PDF_TEXT in pages[listed["Test fixture PDF item"] - 1]
    assert "Own footer 1" in pages[listed["Test fixture PDF item"] - 1]  # not covered
    agenda = pages[1]
    assert "Apologies for absence" in agenda and "Presented by Chief Constable" in agenda
    assert ("Test fixture exempt item Presented by Test presenter Exempt under paragraph 3 of "
            "Part 1 of Schedule 12A to the Local Government Act 1972.") in " ".join(agenda.split())


def test_bookmarks_one_per_item_with_the_reports_headings_under_it(example_pack):
    _, result = example_pack
    marks = outline(result.pdf)
    top = [(title, page) for depth, title, page in marks if depth == 0]
    assert top == [("Front sheet", 1), ("Agenda", 2), ("Item 2: Quarterly Report", 3),
                   ("Item 3: Test fixture Word item", 19), ("Item 4: Test fixture PDF item", 20)]
    report = marks[marks.index((0, "Item 2: Quarterly Report", 3)) + 1:]
    assert report[0] == (1, "1. Issue for Consideration", 3)
    assert (2, "a. Recorded Crime", 5) in report  # page 3 of the report's own PDF
    assert (1, "Test fixture heading two", 19) in marks


def test_part_b_holds_only_the_exempt_papers(example_pack):
    _, result = example_pack
    part_b = "\n".join(pdf_text(result.part_b))
    public = "\n".join(pdf_text(result.pdf))
    assert EXEMPT_TEXT in part_b and "NOT FOR PUBLICATION" in part_b
    assert re.search(r"Item 5: Test fixture exempt item\. Exempt under paragraph 3", part_b)
    assert "REPORT TO:" not in part_b and WORD_TEXT not in part_b and PDF_TEXT not in part_b
    assert EXEMPT_MARKER not in public
    assert all(EXEMPT_MARKER not in title for _, title, _ in outline(result.pdf))
    assert [(d, t) for d, t, _ in outline(result.part_b)][:3] == [
        (0, "Front sheet"), (0, "Agenda"), (0, "Item 5: Test fixture exempt item")]


def test_properties_title_and_author(example_pack):
    _, result = example_pack
    meta = pypdf.PdfReader(result.pdf).metadata
    assert meta.title == "Strategic Scrutiny Meeting, 21 November 2019"
    assert meta.author == "Test Fixture Clerk"
    assert pypdf.PdfReader(result.part_b).metadata.title.endswith("Part B, not for publication")


def test_the_reports_docx_is_kept_beside_the_pack(example_pack):
    agenda, result = example_pack
    assert result.docx == [result.pdf.parent / "quarterly-report-2019-11.docx"]
    import docx

    text = "\n".join(p.text for p in docx.Document(result.docx[0]).paragraphs)
    assert "Issue for Consideration" in text
    assert sorted(p.name for p in result.pdf.parent.iterdir()) == [
        "agenda-manifest.json", "agenda-part-b.pdf", "agenda.pdf",
        "quarterly-report-2019-11.docx"]


def test_manifest_hashes_and_page_ranges_match(example_pack):
    agenda, result = example_pack
    data = json.loads(result.manifest.read_text())
    assert data["meeting"]["title"] == "Strategic Scrutiny Meeting, 21 November 2019"
    assert data["meeting"]["date"] == "2019-11-21"
    for output in data["outputs"]:
        path = result.manifest.parent / output["file"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == output["sha256"]
        assert path.stat().st_size == output["bytes"]
    assert {o["file"]: o["role"] for o in data["outputs"]} == {
        "agenda.pdf": "public pack", "agenda-part-b.pdf": "part b pack",
        "quarterly-report-2019-11.docx": "report"}
    items = {item["number"]: item for item in data["items"]}
    assert items["1"]["pages"] is None and items["1"]["papers"] == []
    assert (items["2"]["pack"], items["2"]["pages"]) == ("agenda.pdf", [3, 18])
    assert items["2"]["papers"][0]["sha256"] == hashlib.sha256(EXAMPLE.read_bytes()).hexdigest()
    assert items["4"]["pages"] == [20, 21]
    assert (items["5"]["pack"], items["5"]["pages"], items["5"]["exempt_paragraph"]) == (
        "agenda-part-b.pdf", [3, 3], 3)


def test_problems_are_all_listed_and_nothing_is_written(pack_folder):
    folder = pack_folder.parent
    book = openpyxl.load_workbook(folder / EXAMPLE.name)
    book["Measures"]["E2"] = "lots"
    book.save(folder / "broken.xlsx")
    write_agenda(pack_folder, [
        (1, "Report", "", "broken.xlsx"),
        (2, "Word", "", "word-paper.docx\nmissing.pdf"),
        (2, "Again", "", "pdf-paper.pdf"),
    ])
    with pytest.raises(WorkbookError) as caught:
        pack(pack_folder, outdir=folder / "out", jobs=1)
    problems = [str(p) for p in caught.value.errors]
    assert problems[0].startswith("Items!D3: item 2, missing.pdf: the file was not found")
    assert problems[1] == ("Items!A4: item 2 is listed twice (also in A3); give each item its "
                           "own number")
    assert len(problems) == 2  # the agenda's and papers' problems come before any build
    with pytest.raises(WorkbookError) as caught:
        write_agenda(pack_folder, [(1, "Report", "", "broken.xlsx"),
                                   (2, "Word", "", "word-paper.docx")])
        pack(pack_folder, outdir=folder / "out", jobs=2)
    assert [str(p) for p in caught.value.errors] == [
        'Items!D2: item 1, broken.xlsx: Measures!E2: expected a number, found "lots"']
    assert not (folder / "out").exists()


def test_a_failed_paper_leaves_the_last_pack_as_it_was(example_pack, tmp_path):
    agenda, result = example_pack
    folder = tmp_path / "meeting"
    shutil.copytree(agenda.parent, folder, ignore=shutil.ignore_patterns("out"))
    shutil.copytree(result.pdf.parent, folder / "out")
    before = {p.name: p.read_bytes() for p in (folder / "out").iterdir()}
    (folder / "pdf-paper.pdf").write_bytes(b"%PDF-1.4\nbroken")
    with pytest.raises(WorkbookError):
        pack(folder / "agenda.xlsx", outdir=folder / "out")
    assert {p.name: p.read_bytes() for p in (folder / "out").iterdir()} == before


def test_an_exempt_reports_docx_is_kept_apart_from_the_public_outputs(tmp_path):
    from tests.support import MINIMAL

    shutil.copyfile(MINIMAL, tmp_path / "exempt-report.xlsx")
    pdf_paper(tmp_path / "public.pdf", pages=1)
    agenda = write_agenda(tmp_path / "agenda.xlsx", [
        (1, "Test fixture public item", "", "public.pdf"),
        (2, "Test fixture exempt report", "", "exempt-report.xlsx", 1)])
    result = pack(agenda, outdir=tmp_path / "out", jobs=1)
    assert result.docx == [tmp_path / "out" / "agenda-part-b" / "exempt-report.docx"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "agenda-manifest.json", "agenda-part-b", "agenda-part-b.pdf", "agenda.pdf"]
    data = json.loads(result.manifest.read_text())
    assert data["items"][1]["reports"] == ["agenda-part-b/exempt-report.docx"]
    assert {o["file"] for o in data["outputs"]} == {
        "agenda.pdf", "agenda-part-b.pdf", "agenda-part-b/exempt-report.docx"}
    assert len(pypdf.PdfReader(result.pdf).pages) == 3
