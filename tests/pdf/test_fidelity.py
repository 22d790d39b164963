"""docgen's PDF against LibreOffice's PDF of the same .docx: same pages, same words."""

from __future__ import annotations

import pytest

from docgen.pdf import export_pdf
from docgen.pdf.fidelity import compare

from tests.support import docx_fixtures as fx
from tests.support import needs_soffice


@pytest.mark.libreoffice
@needs_soffice
def test_multi_page_report_matches_libreoffice(tmp_path):
    source = fx.long_report(tmp_path / "report.docx")
    ours, theirs = tmp_path / "ours.pdf", tmp_path / "lo.pdf"
    export_pdf(source, ours)
    export_pdf(source, theirs, engine="libreoffice")
    result = compare(str(ours), str(theirs))
    assert result.pages[1] >= 3
    assert result.same_page_count, result
    assert result.all_pages_identical, result
    assert result.close_share >= 0.9, result


@pytest.mark.libreoffice
@needs_soffice
def test_long_table_page_breaks_match_libreoffice(tmp_path):
    source = fx.long_table(tmp_path / "table.docx", rows=120)
    ours, theirs = tmp_path / "ours.pdf", tmp_path / "lo.pdf"
    export_pdf(source, ours)
    export_pdf(source, theirs, engine="libreoffice")
    result = compare(str(ours), str(theirs))
    assert result.same_page_count, result
    assert result.all_pages_identical, result


def test_libreoffice_engine_without_soffice_is_a_clear_error(tmp_path, monkeypatch):
    from docgen.exceptions import ExportError
    from docgen.pdf import libreoffice

    monkeypatch.setattr(libreoffice.shutil, "which", lambda name: None)
    with pytest.raises(ExportError, match="LibreOffice"):
        export_pdf(fx.headings(tmp_path / "a.docx"), engine="libreoffice")
