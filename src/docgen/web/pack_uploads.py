"""Receiving an agenda pack's files: the agenda workbook and its papers, or a .zip of them.

The body is counted against the size limit as it streams in, as for a report (`uploads`).
Files are saved under their own names (the agenda names its papers by them), made safe: a
name is never a path out of the request's folder. A .zip is unpacked within bounds (members,
bytes, compression ratio), its folders kept, so that an agenda naming `papers/item2.pdf`
finds it.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from fastapi import Request
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException

from .uploads import (
    DRAIN_LIMIT,
    FORM_OVERHEAD,
    MEGABYTE,
    ZIP_MAGIC,
    UploadRefused,
    _CountingBody,
    _TooLarge,
    _TooSlow,
    check_workbook_bytes,
    too_large_message,
)

MAX_FILES = 100
MAX_ZIP_MEMBERS = 500
MAX_ZIP_RATIO = 200
ZIP_JUNK = ("__MACOSX/", ".DS_Store", "Thumbs.db")
AGENDA_SHEETS = ("meeting", "items")
NO_AGENDA = ("Select the agenda workbook, or upload a .zip that holds it (a workbook with "
             "Meeting and Items sheets)")


@dataclass
class PackUploads:
    """The files chosen on the Pack form."""

    agenda: UploadFile | None
    papers: list[UploadFile] = field(default_factory=list)


async def read_pack_uploads(request: Request, max_mb: float) -> tuple[FormData, PackUploads]:
    """Parse the Pack form within `max_mb` MB; the caller closes the form. Raises
    `UploadRefused` (field `agenda` or `papers`)."""
    limit = int(max_mb * MEGABYTE) + FORM_OVERHEAD
    body = _CountingBody(request, limit)
    declared = request.headers.get("content-length", "")
    try:
        if declared.isdigit() and int(declared) > limit:
            body.finished = int(declared) > limit + DRAIN_LIMIT
            raise _TooLarge
        form = await Request(request.scope, body.receive).form(max_files=MAX_FILES + 1,
                                                               max_fields=4)
    except _TooLarge:
        await body.drain()
        raise UploadRefused(too_large_message(max_mb), field="agenda", status=413) from None
    except _TooSlow:
        raise UploadRefused("The upload took too long. Check your connection and try again",
                            field="agenda", status=408) from None
    except HTTPException as exc:
        raise UploadRefused(f"The upload could not be read ({exc.detail})",
                            field="agenda") from None
    agenda = form.get("agenda")
    papers = [f for f in form.getlist("papers") if isinstance(f, UploadFile) and f.filename]
    return form, PackUploads(agenda if _chosen(agenda) else None, papers)


def _chosen(value) -> bool:
    return isinstance(value, UploadFile) and bool(value.filename or value.size)


def save_pack_uploads(uploads: PackUploads, folder: Path, max_mb: float) -> Path:
    """Save the agenda and papers into `folder` (unpacking a .zip); the agenda's path.

    Raises `UploadRefused` for a file that is not what it should be.
    """
    names: set[str] = set()
    agenda = None
    if uploads.agenda is not None:
        try:
            check_workbook_bytes(uploads.agenda.file)
        except UploadRefused as exc:
            raise UploadRefused(exc.message.replace("selected file", "agenda"),
                                field="agenda") from None
        agenda = _save(uploads.agenda, folder, safe_name(uploads.agenda.filename,
                                                         "agenda.xlsx"), names)
    for paper in uploads.papers:
        if _is_plain_zip(paper.file):
            _unzip(paper, folder, names, int(max_mb * MEGABYTE) * 4,
                   strip_top=agenda is not None)
        else:
            _save(paper, folder, safe_name(paper.filename, "paper"), names)
    if agenda is None:
        agenda = find_agenda(folder)
    if agenda is None:
        raise UploadRefused(NO_AGENDA, field="agenda")
    return agenda


_UNSAFE = re.compile(r"[^\w .,()'&+-]")


def safe_name(name: str | None, default: str) -> str:
    """The last part of an uploaded file's name, without characters a path could misuse."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = _UNSAFE.sub("_", base).strip(" .")
    return base[:150] or default


def _save(upload: UploadFile, folder: Path, name: str, names: set[str]) -> Path:
    if name.casefold() in names:
        raise UploadRefused(f"Two of the selected files are called ‘{name}’: give each its own "
                            "name", field="papers")
    names.add(name.casefold())
    target = folder / name
    upload.file.seek(0)
    with open(target, "wb") as out:
        shutil.copyfileobj(upload.file, out)
    return target


def _is_plain_zip(file) -> bool:
    """A .zip of files, not an Office document (which is a zip too)."""
    file.seek(0)
    head = file.read(4)
    file.seek(0)
    if head != ZIP_MAGIC:
        return False
    try:
        with zipfile.ZipFile(file) as archive:
            return "[Content_Types].xml" not in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False
    finally:
        file.seek(0)


def _unzip(upload: UploadFile, folder: Path, names: set[str], max_bytes: int,
           strip_top: bool) -> None:
    """Unpack a .zip's files into `folder`, each within bounds and inside `folder`."""
    refuse = f"The .zip ‘{safe_name(upload.filename, 'upload.zip')}’"
    with zipfile.ZipFile(upload.file) as archive:
        members = [m for m in archive.infolist() if not m.is_dir()
                   and not any(junk in m.filename for junk in ZIP_JUNK)]
        if len(members) > MAX_ZIP_MEMBERS:
            raise UploadRefused(f"{refuse} holds {len(members)} files; a pack may have up to "
                                f"{MAX_ZIP_MEMBERS}", field="papers")
        total = sum(m.file_size for m in members)
        if total > max_bytes or any(m.file_size > MAX_ZIP_RATIO * max(m.compress_size, 1)
                                    for m in members):
            raise UploadRefused(f"{refuse} unpacks to more than docgen accepts; zip the "
                                "papers without anything else", field="papers")
        parts = [_member_parts(m.filename, refuse) for m in members]
        if strip_top and parts and len({p[0] for p in parts}) == 1 and all(len(p) > 1
                                                                           for p in parts):
            parts = [p[1:] for p in parts]
        for member, part in zip(members, parts, strict=True):
            relative = "/".join(part)
            if relative.casefold() in names:
                raise UploadRefused(f"Two of the selected files are called ‘{relative}’: give "
                                    "each its own name", field="papers")
            names.add(relative.casefold())
            target = folder.joinpath(*part)
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(member) as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out)


def _member_parts(name: str, refuse: str) -> tuple[str, ...]:
    path = PurePosixPath(name.replace("\\", "/"))
    parts = tuple(safe_name(part, "") for part in path.parts)
    if path.is_absolute() or ".." in path.parts or not all(parts):
        raise UploadRefused(f"{refuse} holds a file named ‘{name}’, outside its own folder",
                            field="papers")
    return parts


def find_agenda(folder: Path) -> Path | None:
    """The one workbook under `folder` with Meeting and Items sheets, else None."""
    from defusedxml import ElementTree

    found = []
    for path in sorted(folder.rglob("*.xlsx")):
        try:
            with zipfile.ZipFile(path) as package, package.open("xl/workbook.xml") as part:
                root = ElementTree.fromstring(part.read(1024 * 1024))
        except Exception:  # not a workbook: a paper, checked later
            continue
        sheets = {el.get("name", "").strip().lower() for el in root.iter()
                  if el.tag.endswith("}sheet")}
        if all(name in sheets for name in AGENDA_SHEETS):
            found.append(path)
    return found[0] if len(found) == 1 else None
