"""The Pack tab: an agenda workbook and its papers uploaded, the pack made by the real core,
every problem shown by sheet and cell as on the Generate tab."""

from __future__ import annotations

import io
import json
import zipfile

import pypdf
import pytest
from tests.support.pack_fixtures import (
    EXEMPT_TEXT,
    PDF_TEXT,
    pdf_paper,
    word_paper,
    write_agenda,
)

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def papers(tmp_path):
    """An agenda naming a PDF, a Word paper and an exempt PDF (all test fixtures)."""
    pdf_paper(tmp_path / "pdf-paper.pdf", pages=2)
    word_paper(tmp_path / "word-paper.docx")
    pdf_paper(tmp_path / "exempt.pdf", pages=1, text=EXEMPT_TEXT)
    write_agenda(tmp_path / "agenda.xlsx", [
        (1, "Test fixture PDF item", "Test presenter", "pdf-paper.pdf"),
        (2, "Test fixture Word item", "", "word-paper.docx"),
        (3, "Test fixture exempt item", "", "exempt.pdf", 1),
    ])
    return tmp_path


def _files(folder, names, agenda="agenda.xlsx"):
    types = {".pdf": PDF, ".docx": DOCX, ".xlsx": XLSX}
    files = [("papers", (name, (folder / name).read_bytes(), types["." + name.rpartition(".")[2]]))
             for name in names]
    if agenda:
        files.insert(0, ("agenda", (agenda, (folder / agenda).read_bytes(), XLSX)))
    return files


def test_the_generate_page_has_a_pack_tab(client):
    page = client.get("/")
    assert 'href="/pack"' in page.text and 'aria-current="page">Report<' in page.text
    form = client.get("/pack")
    assert form.status_code == 200
    assert 'aria-current="page">Pack<' in form.text
    assert 'name="papers" type="file" multiple' in form.text
    blank = client.get("/downloads/blank-agenda.xlsx")
    assert zipfile.ZipFile(io.BytesIO(blank.content)).read("xl/workbook.xml").count(
        b"<sheet ") == 3


def test_uploaded_papers_make_a_pack_to_download(client, papers):
    answer = client.post("/pack", files=_files(papers, ["pdf-paper.pdf", "word-paper.docx",
                                                        "exempt.pdf"]),
                         follow_redirects=False)
    assert answer.status_code == 303, answer.text
    page = client.get(answer.headers["location"])
    assert "Strategic Scrutiny Meeting, 21 November 2019" in page.text
    assert "Your agenda pack is ready: 5 pages" in page.text
    assert "Part B, not for publication" in page.text
    public = client.get(f"{answer.headers['location']}/agenda.pdf")
    assert 'filename="agenda.pdf"' in public.headers["content-disposition"]
    reader = pypdf.PdfReader(io.BytesIO(public.content))
    texts = [p.extract_text() for p in reader.pages]
    assert PDF_TEXT in texts[2] and all(EXEMPT_TEXT not in t for t in texts)
    assert all(f"Page {n}" in t.splitlines() for n, t in enumerate(texts, start=1))
    part_b = client.get(f"{answer.headers['location']}/agenda-part-b.pdf")
    assert EXEMPT_TEXT in "".join(p.extract_text() for p in
                                  pypdf.PdfReader(io.BytesIO(part_b.content)).pages)
    manifest = client.get(f"{answer.headers['location']}/agenda-manifest.json")
    assert manifest.headers["content-type"].startswith("application/json")
    assert [i["pages"] for i in json.loads(manifest.content)["items"]] == [[3, 4], [5, 5],
                                                                           [3, 3]]


def test_a_zip_of_the_folder_holds_the_agenda_and_papers(client, papers):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in ("agenda.xlsx", "pdf-paper.pdf", "word-paper.docx", "exempt.pdf"):
            archive.write(papers / name, f"meeting/{name}")
    answer = client.post("/pack", files=[("papers", ("meeting.zip", buffer.getvalue(),
                                                     "application/zip"))],
                         follow_redirects=False)
    assert answer.status_code == 303, answer.text


def test_problems_are_shown_by_sheet_and_cell_and_nothing_is_kept(client, papers):
    page = client.post("/pack", files=_files(papers, ["pdf-paper.pdf", "exempt.pdf"]))
    assert page.status_code == 422
    assert "There is a problem" in page.text
    assert "Items, cell D3: item 2, word-paper.docx: the file was not found in the " \
           "uploaded files" in page.text
    assert "<code>Items!D3</code>" in page.text
    assert "/tmp" not in page.text
    assert not any(client.app.state.store.results_root.iterdir())


def test_an_encrypted_pdf_is_refused_on_its_cell(client, papers):
    writer = pypdf.PdfWriter(clone_from=papers / "pdf-paper.pdf")
    writer.encrypt("secret")
    writer.write(papers / "pdf-paper.pdf")
    page = client.post("/pack", files=_files(papers, ["pdf-paper.pdf", "word-paper.docx",
                                                      "exempt.pdf"]))
    assert page.status_code == 422
    assert "Items, cell D2: item 1, pdf-paper.pdf: the PDF is encrypted" in page.text


def test_a_zip_member_outside_its_folder_is_refused(client, papers):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../evil.pdf", b"%PDF-1.4")
    page = client.post("/pack", files=[*_files(papers, []),
                                       ("papers", ("x.zip", buffer.getvalue(), "application/zip"))])
    assert page.status_code == 400
    assert "holds a file named ‘../evil.pdf’, outside its own folder" in page.text
    assert 'id="papers-error"' in page.text


def test_the_agenda_must_be_a_workbook(client, papers):
    files = [("agenda", ("agenda.xlsx", b"not a workbook", XLSX))]
    page = client.post("/pack", files=files)
    assert page.status_code == 400 and 'id="agenda-error"' in page.text
    assert "The agenda is not an Excel workbook" in page.text
    page = client.post("/pack", files=_files(papers, ["pdf-paper.pdf"], agenda=None))
    assert page.status_code == 400 and "Select the agenda workbook" in page.text


def test_the_pack_is_made_in_the_worker_pool(real_client, tmp_path):
    pdf_paper(tmp_path / "paper.pdf", pages=1)
    write_agenda(tmp_path / "agenda.xlsx", [(1, "Test fixture item", "", "paper.pdf")])
    answer = real_client.post("/pack", files=_files(tmp_path, ["paper.pdf"]),
                              follow_redirects=False)
    assert answer.status_code == 303, answer.text
    pdf = real_client.get(f"{answer.headers['location']}/agenda.pdf")
    assert len(pypdf.PdfReader(io.BytesIO(pdf.content)).pages) == 3


def test_the_pack_job_is_handed_to_the_pool(client, papers):
    client.post("/pack", files=_files(papers, ["pdf-paper.pdf", "word-paper.docx",
                                               "exempt.pdf"]))
    assert [name for name, _, _ in client.app.state.pool.jobs] == ["make_pack"]
