"""docgen's PDF against LibreOffice's PDF of the same .docx: same pages, same words, lines on
the same baseline (within 1 pt)."""

from __future__ import annotations

import pytest
from tests.support import docx_fixtures as fx
from tests.support import needs_soffice

from docgen.pdf import export_pdf
from docgen.pdf.fidelity import PageText, compare, compare_pages, read_pages


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


def page(*lines: tuple[float, float, str]) -> PageText:
    """A page of (baseline, left, text) lines."""
    return PageText([w for _, _, text in lines for w in text.split()], list(lines))


def test_lines_within_1_pt_of_the_reference_baseline_count_others_are_listed():
    ours = [page((72.0, 72, "Heading"), (90.9, 72, "first line"), (106.2, 72, "second line"),
                 (200.0, 72, "broken here"))]
    reference = [page((72.0, 72, "Heading"), (90.0, 72, "first line"), (104.9, 72,
                                                                      "second line"),
                      (200.0, 72, "broken"), (214.0, 72, "here"))]
    result = compare_pages(ours, reference)
    assert (result.lines_total, result.lines_matched, result.lines_baseline) == (5, 3, 2)
    assert result.baseline_share == pytest.approx(0.4)
    assert result.moved == [(1, "second line", 1.3)]
    assert sorted(result.unmatched) == [(1, "ours", "broken here"), (1, "reference", "broken"),
                                        (1, "reference", "here")]
    assert result.identical_pages == 1  # the same words, whatever the lines
    assert result.lines_close == 3  # the older measure: baseline and start within 2 pt


def test_a_line_exactly_1_pt_off_is_within_and_a_start_far_off_does_not_matter():
    ours = [page((100.0, 90, "indented differently"), (120.0, 72, "on the line"))]
    reference = [page((101.0, 72, "indented differently"), (118.99, 72, "on the line"))]
    result = compare_pages(ours, reference)
    assert result.lines_baseline == 1
    assert result.moved == [(1, "on the line", 1.01)]
    assert result.lines_close == 1


def test_extra_pages_count_every_line_against_the_total():
    one = page((72.0, 72, "same"))
    result = compare_pages([one], [one, page((72.0, 72, "overflow"), (86.0, 72, "more"))])
    assert not result.same_page_count
    assert (result.lines_total, result.lines_baseline) == (3, 1)
    assert (2, "reference", "overflow") in result.unmatched
    assert result.baseline_share == pytest.approx(1 / 3)


def test_pages_have_the_same_words_in_any_order_but_not_other_counts():
    ours = [page((72.0, 72, "b a")), page((72.0, 72, "a a"))]
    reference = [page((72.0, 72, "a b")), page((72.0, 72, "a"))]
    assert compare_pages(ours, reference).identical_pages == 1


def test_lines_pair_whatever_their_spacing_and_leader_length():
    ours = [page((72.0, 72, "1. Background ........ 3"), (90.0, 72, "a b c"))]
    reference = [page((72.4, 72, "1. Background..............3"), (90.0, 72, "a bc"))]
    result = compare_pages(ours, reference)
    assert (result.lines_matched, result.lines_baseline) == (2, 2)
    assert result.identical_pages == 0  # the leaders differ, and so do the page's words


def test_read_pages_places_lines_by_their_baseline(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "two.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, 800))
    c.setFont("Helvetica", 10)
    c.drawString(72, 800 - 100, "ten point at 100")
    c.setFont("Helvetica", 24)
    c.drawString(300, 800 - 100.5, "big")
    c.setFont("Helvetica", 10)
    c.drawString(80, 800 - 130.25, "bullet line")
    c.save()
    (only,) = read_pages(str(path))
    assert only.lines == [(100.0, 72.0, "ten point at 100 big"), (130.25, 80.0, "bullet line")]
    assert sorted(only.words) == sorted(["ten", "point", "at", "100", "big", "bullet", "line"])
