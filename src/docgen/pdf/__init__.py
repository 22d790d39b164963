"""PDF export of a rendered .docx: docgen's own reportlab renderer, or LibreOffice.

`export_pdf` is the only public name; reportlab and the renderer modules are imported on
first use so that importing this package stays cheap.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..chart_description import ChartDescription
    from ..exceptions import Problem

log = logging.getLogger(__name__)

ENGINES = ("docgen", "libreoffice")

__all__ = ["export_pdf", "ENGINES"]


def export_pdf(docx_path: str | os.PathLike[str], pdf_path: str | os.PathLike[str] | None = None,
               *, engine: str = "docgen", document: Any = None,
               charts: dict[str, ChartDescription] | None = None) -> list[Problem]:
    """Render docx_path to pdf_path (default: same name, .pdf); return the warnings, each a
    `docgen.exceptions.Problem` whose sheet is the .docx's file name.

    `document` is the python-docx `Document` that was saved as `docx_path`, when the caller
    still holds it (a build does): docgen's engine then reads it instead of opening the file.
    `charts` are the descriptions of the charts the build wrote, by chart part name: docgen's
    engine draws those from them and reads only other charts' XML.

    Raises `docgen.exceptions.ExportError` when the file is not a readable .docx, the engine
    is unknown or unavailable, or the PDF cannot be written. The PDF is written atomically.
    """
    from ..exceptions import ExportError

    if engine not in ENGINES:
        raise ExportError(f"unknown PDF engine '{engine}': use one of {', '.join(ENGINES)}")
    source = os.fspath(docx_path)
    target = os.fspath(pdf_path) if pdf_path is not None else os.path.splitext(source)[0] + ".pdf"
    if engine == "libreoffice":
        from .libreoffice import convert_with_libreoffice

        return convert_with_libreoffice(source, target)
    from .document import render_docx_to_pdf

    return render_docx_to_pdf(source, target, document=document, charts=charts)
