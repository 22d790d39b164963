"""Receiving the uploaded files: a size limit counted on the bytes, and types judged by content.

The Content-Length header is checked first to refuse early, but it is not trusted: the body is
counted as it streams in, and the upload is refused as soon as it passes the limit.
"""

from __future__ import annotations

import asyncio
import time
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from fastapi import Request
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.types import Message

MEGABYTE = 1024 * 1024
# Room for the multipart boundaries and part headers around the files themselves.
FORM_OVERHEAD = 64 * 1024
# After the limit is passed, the rest of the body is read and thrown away (up to this much)
# so that the browser is still listening when the refusal arrives.
DRAIN_LIMIT = 200 * MEGABYTE

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls files, and password-protected .xlsx files


class UploadRefused(Exception):
    """The upload cannot be used; `field` names the form field, `status` the HTTP status."""

    def __init__(self, message: str, *, field: str = "workbook", status: int = 400):
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


class _TooLarge(Exception):
    """The request body passed the size limit while it was being read."""


@dataclass
class Uploads:
    """The files chosen on the form: the workbook, and optionally a Word template.

    `kept` is the token of the files kept from the author's last attempt ('' if none), used
    for a file not chosen again; `standard_template` asks to drop a kept template.
    """

    workbook: UploadFile | None
    template: UploadFile | None
    kept: str = ""
    standard_template: bool = False


UPLOAD_IDLE_SECONDS = 30.0
"""How long an upload may send nothing before it is refused (a slow or stalled client)."""

UPLOAD_TOTAL_SECONDS = 300.0
"""How long one upload may take in all."""


class _TooSlow(Exception):
    """The client stopped sending, or sent too slowly."""


def too_large_message(max_mb: float) -> str:
    """The refusal for an upload over `max_mb` megabytes."""
    return f"The selected files must be smaller than {max_mb:g} MB in total"


async def read_uploads(request: Request, max_mb: float) -> tuple[FormData, Uploads]:
    """Parse the form, refusing it when its body is larger than `max_mb` MB (plus overhead).

    The caller must close the returned form. Raises `UploadRefused`.
    """
    limit = int(max_mb * MEGABYTE) + FORM_OVERHEAD
    body = _CountingBody(request, limit)
    declared = request.headers.get("content-length", "")
    try:
        if declared.isdigit() and int(declared) > limit:
            body.finished = int(declared) > limit + DRAIN_LIMIT  # then not worth reading
            raise _TooLarge
        form = await Request(request.scope, body.receive).form(max_files=2, max_fields=4)
    except _TooLarge:
        await body.drain()
        raise UploadRefused(too_large_message(max_mb), status=413) from None
    except _TooSlow:
        raise UploadRefused("The upload took too long. Check your connection and try again",
                            status=408) from None
    except HTTPException as exc:  # malformed multipart data
        raise UploadRefused(f"The upload could not be read ({exc.detail})") from None
    try:
        return form, Uploads(_chosen(form, "workbook"), _chosen(form, "template"),
                             kept=_text(form, "kept"),
                             standard_template=bool(_text(form, "standard_template")))
    except BaseException:
        await form.close()
        raise


class _CountingBody:
    """Wraps a request's `receive`, raising `_TooLarge` once more than `limit` bytes came."""

    def __init__(self, request: Request, limit: int):
        self._receive = request.receive
        self.limit = limit
        self.received = 0
        self.finished = False
        self.deadline = time.monotonic() + UPLOAD_TOTAL_SECONDS

    async def receive(self) -> Message:
        """The next ASGI message, counted; `_TooSlow` when the client stalls."""
        wait = min(UPLOAD_IDLE_SECONDS, self.deadline - time.monotonic())
        try:
            message = await asyncio.wait_for(self._receive(), timeout=max(wait, 0.001))
        except asyncio.TimeoutError:
            raise _TooSlow from None
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            self.finished = not message.get("more_body", False)
            if self.received > self.limit:
                raise _TooLarge
        else:
            self.finished = True
        return message

    async def drain(self) -> None:
        """Read and discard the rest of the body, up to `DRAIN_LIMIT` bytes."""
        while not self.finished and self.received < self.limit + DRAIN_LIMIT:
            message = await self._receive()
            self.received += len(message.get("body", b""))
            self.finished = message["type"] != "http.request" or not message.get("more_body")


def _chosen(form: FormData, name: str) -> UploadFile | None:
    """The file chosen for field `name`, or None when the field was left empty."""
    value = form.get(name)
    if not isinstance(value, UploadFile) or (not value.filename and not value.size):
        return None
    return value


def _text(form: FormData, name: str) -> str:
    """The text of field `name` ('' when absent, or a file), at most 100 characters."""
    value = form.get(name)
    return value[:100] if isinstance(value, str) else ""


NO_WORKBOOK = "Select the workbook you filled in"


def check_workbook_bytes(file: BinaryIO) -> None:
    """Raise `UploadRefused` unless the file's bytes are an Excel workbook (.xlsx)."""
    head = _head(file)
    if head.startswith(OLE_MAGIC):
        raise UploadRefused(
            "The selected file is an old-style .xls workbook or has a password. In Excel, "
            "remove any password and save it as ‘Excel Workbook (.xlsx)’, then upload it again"
        )
    if not _zip_holds(file, head, "xl/workbook.xml"):
        raise UploadRefused(
            "The selected file is not an Excel workbook. In Excel, save it as "
            "‘Excel Workbook (.xlsx)’, then upload it again"
        )


def check_template_bytes(file: BinaryIO) -> None:
    """Raise `UploadRefused` unless the file's bytes are a Word document (.docx)."""
    if not _zip_holds(file, _head(file), "word/document.xml"):
        raise UploadRefused(
            "The selected template is not a Word document. In Word, save it as "
            "‘Word Document (.docx)’, then upload it again",
            field="template",
        )


def _head(file: BinaryIO) -> bytes:
    """The first bytes of `file`, leaving it rewound."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    return head


def _zip_holds(file: BinaryIO, head: bytes, member: str) -> bool:
    """Whether `file` is a zip package that contains `member`."""
    if not head.startswith(ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(file) as package:
            return member in package.namelist()
    except (zipfile.BadZipFile, OSError):
        return False
    finally:
        file.seek(0)
