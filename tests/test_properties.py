"""Property-based tests: whatever the cells hold, a build succeeds or raises a docgen error,
and every narrative cell's text comes out exactly (in the .docx, and after cleaning in the PDF).
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

import docx
import openpyxl
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from tests.support import MINIMAL, column_of

import docgen
from docgen.exceptions import DocgenError
from docgen.text import clean_text, parse_paragraphs

TEXT = st.lists(
    st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
        st.sampled_from(list("*{}<>&\"'\n\t-•1.%") + ["_x0007_", "{{", "}}", "{%", "%}",
                                                      "{INCIDENTS current}", "ŵ", "€", "“"]),
    ),
    max_size=80,
).map("".join)
# What the PDF's fonts (Helvetica, Liberation Sans, DejaVu Sans) can draw: Latin scripts,
# punctuation and the euro; other scripts need a font docgen does not ship.
PRINTABLE = st.text(alphabet=st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.characters(min_codepoint=0xA1, max_codepoint=0x17F),
    st.sampled_from(["\u2013", "\u2014", "\u2018", "\u2019", "\u201c", "\u201d", "\u20ac",
                     "\u0175", "\u0177"])), min_size=1, max_size=120)
VALUE = st.one_of(st.none(), st.integers(-10**12, 10**12),
                  st.floats(allow_nan=False, allow_infinity=False), TEXT)
COMMON = settings(max_examples=25, deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture])


@contextlib.contextmanager
def workbook_with(change) -> Iterator[Path]:
    """The minimal workbook with `change` applied, in a folder removed afterwards."""
    workbook = openpyxl.load_workbook(MINIMAL)
    change(workbook)
    with tempfile.TemporaryDirectory(prefix="docgen-prop-") as folder:
        path = Path(folder) / "case.xlsx"
        workbook.save(path)
        yield path


def expected_paragraphs(cell_text: str) -> list[str]:
    import docgen.api as api

    report, _ = api.read_report(MINIMAL)
    from docgen.text import resolve_references

    text, _ = resolve_references(clean_text(cell_text)[0].strip(), {m.id: m for m in
                                                                     report.measures})
    return [p.text for p in parse_paragraphs(text)]


@COMMON
@given(text=TEXT)
def test_narrative_text_comes_out_exactly(text):
    with workbook_with(lambda wb: wb["Narrative"].__setitem__("C2", text)) as path:
        try:
            result = docgen.build(path, outdir=path.parent)
        except DocgenError:
            return
        paragraphs = [p.text for p in docx.Document(result.docx).paragraphs]
        for expected in expected_paragraphs(text):
            assert expected in paragraphs


@COMMON
@given(previous=VALUE, current=VALUE, kind=st.sampled_from(
    ["count", "percentage", "minutes", "seconds", "money", "number", "bogus", None]))
@example(previous=1.301096575762493e-84, current=1, kind="count")  # a change of 7.7e85 %
def test_any_measure_values_build_or_raise_a_docgen_error(previous, current, kind):
    def change(wb):
        ws = wb["Measures"]
        for header, value in (("Previous", previous), ("Current", current), ("Kind", kind)):
            ws.cell(row=2, column=column_of(ws, header)).value = value

    with workbook_with(change) as path:
        try:
            docgen.build(path, outdir=path.parent)
        except DocgenError as exc:
            assert str(exc)


@COMMON
@given(drop_sheets=st.sets(st.sampled_from(
    ["Settings", "Narrative", "Measures", "Themes", "Tables", "Charts", "Implications"])),
       drop_header=st.sampled_from([None, "A1", "B1", "C1", "D1", "E1"]),
       sheet=st.sampled_from(["Narrative", "Measures", "Implications"]))
def test_any_workbook_shape_builds_or_raises_a_docgen_error(drop_sheets, drop_header, sheet):
    def change(wb):
        if drop_header and sheet not in drop_sheets:
            wb[sheet][drop_header] = None
        for name in drop_sheets:
            del wb[name]

    with workbook_with(change) as path:
        try:
            docgen.build(path, outdir=path.parent)
        except DocgenError as exc:
            assert str(exc)


@settings(max_examples=10, deadline=None)
@given(text=PRINTABLE)
def test_narrative_text_reaches_the_pdf(text):
    with workbook_with(lambda wb: wb["Narrative"].__setitem__("C2", text)) as path:
        try:
            result = docgen.build(path, outdir=path.parent, pdf=True)
        except DocgenError:
            return
        from pypdf import PdfReader

        pdf_text = "".join("".join(page.extract_text() for page in PdfReader(result.pdf).pages)
                           .split())
        for expected in expected_paragraphs(text):
            assert "".join(expected.split()) in pdf_text
