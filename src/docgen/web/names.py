"""The names an author knows their files by: in messages, and for the downloads.

The server saves an upload under a fixed name ('workbook.xlsx', 'template.docx') in a folder of
its own, so nothing from the request becomes a path. Messages from the core name those files;
`FileNames` puts back the names the author's files had, and never shows the server's folders.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from .. import api
from ..exceptions import Problem

WORKBOOK_NAME = "workbook.xlsx"
TEMPLATE_NAME = "template.docx"
STANDARD_TEMPLATE = "the standard template"
MAX_STEM = 80


def download_stem(filename: str | None) -> str:
    """A safe name for the downloads, from the uploaded file's name: `report` if none is left.

    Letters of any script, digits, spaces and `._-` are kept ("Q3 Réport été"); used only in
    the Content-Disposition header, never as a path.
    """
    name = PurePosixPath(unicodedata.normalize("NFC", filename or "").replace("\\", "/")).name
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = "".join(ch for ch in stem if ch.isalnum() or ch in " ._-")
    stem = re.sub(r"\s+", " ", stem).strip(" .")[:MAX_STEM]
    return stem or "report"


def ascii_name(name: str) -> str:
    """`name` in ASCII for old clients: accents dropped ("Réport" -> "Report"), others gone."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    plain = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    plain = re.sub(r"[^A-Za-z0-9 ._-]+", "", plain).strip(" .") or "report"
    return f"{plain}{dot}{suffix}"


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII `filename` and the real one as RFC 5987 `filename*`."""
    return (f"attachment; filename=\"{ascii_name(filename)}\"; "
            f"filename*=UTF-8''{quote(filename, safe='')}")


class FileNames:
    """What the core calls the request's files, and what the author calls them.

    `folder` is the request's folder; `workbook` and `template` are the uploaded files' names
    (`template` None when the standard template is used).
    """

    def __init__(self, folder: Path, workbook: str = WORKBOOK_NAME, template: str | None = None):
        stem = download_stem(workbook)
        standard = re.escape(str(api.default_template()))
        self._words: list[tuple[re.Pattern[str], str]] = [
            # The server's folders and the standard template's place mean nothing to an author.
            (re.compile(re.escape(str(folder)) + "/"), ""),
            (re.compile(f"(the template )?'?{standard}'?"), STANDARD_TEMPLATE),
            (_bare(WORKBOOK_NAME), workbook),
            (_bare("workbook.docx"), f"{stem}.docx"),
            (_bare("workbook.pdf"), f"{stem}.pdf"),
        ]
        if template is not None:
            self._words.append((_bare(TEMPLATE_NAME), template))
        else:
            self._words.append((re.compile("(the template )?'report.docx'"), STANDARD_TEMPLATE))

    def words(self, text: str) -> str:
        """`text` with the server's names of the files replaced by the author's."""
        for ours, theirs in self._words:
            text = ours.sub(theirs.replace("\\", "\\\\"), text)
        return text

    def problems(self, problems: list[Problem]) -> list[Problem]:
        """`problems` with the author's names in their messages and locations."""
        return [replace(p, message=self.words(p.message), sheet=self.words(p.sheet))
                for p in problems]


def _bare(name: str) -> re.Pattern[str]:
    """`name` as a whole file name, not part of a longer one."""
    return re.compile(rf"(?<![\w.-]){re.escape(name)}(?![\w.-])")
