"""Different odd and even page headers (settings' `w:evenAndOddHeaders`)."""

from __future__ import annotations

from tests.support import docx_fixtures as fx
from tests.support import pdf_text

from docgen.pdf.model import Section
from docgen.pdf.sections import header_kind


def test_which_header_a_page_shows():
    plain, titled = Section(), Section(title_page=True)
    assert header_kind(plain, True, 1, even_and_odd=True) == "default"
    assert header_kind(plain, False, 2, even_and_odd=True) == "even"
    assert header_kind(plain, False, 2, even_and_odd=False) == "default"
    assert header_kind(titled, True, 2, even_and_odd=True) == "first"
    assert header_kind(titled, False, 4, even_and_odd=True) == "even"


def test_even_pages_show_the_even_header(render):
    pdf, warnings = render(fx.even_headers)
    pages = pdf_text(pdf)
    assert [page.splitlines()[0] for page in pages] == [
        "Odd page header", "Even page header", "Odd page header"]
    assert warnings == []
