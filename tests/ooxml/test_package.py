"""is_docx and is_zip."""

from __future__ import annotations

import io
import zipfile

import docx

from docgen.ooxml.package import is_docx, is_zip


def _zip(**parts: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name.replace("__", "/"), text)
    return out.getvalue()


def test_a_word_document_is_a_docx_by_path_and_by_bytes(tmp_path):
    path = tmp_path / "named.txt"  # the name does not matter
    docx.Document().save(str(path))
    assert is_docx(path) and is_docx(str(path)) and is_docx(path.read_bytes())


def test_a_zip_without_the_document_part_is_a_zip_but_not_a_docx(tmp_path):
    data = _zip(hello__txt="no document here")
    (tmp_path / "a.docx").write_bytes(data)
    assert is_zip(data) and is_zip(tmp_path / "a.docx")
    assert not is_docx(data) and not is_docx(tmp_path / "a.docx")


def test_text_missing_files_and_folders_are_not_docx(tmp_path):
    (tmp_path / "notes.docx").write_text("plain text")
    for source in (tmp_path / "notes.docx", tmp_path / "absent.docx", tmp_path, b"", b"PK\x03\x04"):
        assert not is_docx(source)
