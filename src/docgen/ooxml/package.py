"""What a Word package is: a zip file holding `word/document.xml`."""

from __future__ import annotations

import io
import os
import zipfile

DOCUMENT_PART = "word/document.xml"
"""The main document part every .docx has."""

ZIP_MAGIC = b"PK\x03\x04"

Source = str | os.PathLike[str] | bytes


def is_zip(source: Source) -> bool:
    """Whether `source` (a path or the file's bytes) starts like a zip and reads as one."""
    try:
        if isinstance(source, bytes):
            return source[:4] == ZIP_MAGIC and zipfile.is_zipfile(io.BytesIO(source))
        with open(source, "rb") as handle:
            magic = handle.read(4)
    except OSError:
        return False
    return magic == ZIP_MAGIC and zipfile.is_zipfile(source)


def is_docx(source: Source) -> bool:
    """Whether `source` (a path or the file's bytes) is a .docx: a zip holding the main
    document part, whatever its name says."""
    if not is_zip(source):
        return False
    try:
        opened = io.BytesIO(source) if isinstance(source, bytes) else source
        with zipfile.ZipFile(opened) as archive:
            return DOCUMENT_PART in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False
