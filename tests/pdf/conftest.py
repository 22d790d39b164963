"""Fixtures for the PDF tests: a temp folder of one-feature .docx files and a PDF reader."""

from __future__ import annotations

import pytest

from docgen.pdf import export_pdf


@pytest.fixture
def render(tmp_path):
    """Build a fixture .docx with `builder` and render it; return (pdf path, warnings)."""
    def _render(builder, *args, name: str = "doc"):
        docx_path = builder(tmp_path / f"{name}.docx", *args)
        pdf_path = tmp_path / f"{name}.pdf"
        warnings = export_pdf(docx_path, pdf_path)
        return pdf_path, warnings
    return _render
