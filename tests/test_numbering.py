"""Section numbering (issue 14): the Settings sheet's scheme, written as real Word numbering.

Each scheme is built in the standard template, the restyled one and a plain python-docx one,
and read back as Word would show it (`word_numbering`, worked out from numbering.xml), in
docgen's PDF and, for one scheme, in LibreOffice's PDF.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from pypdf import PdfReader
from tests.support import RESTYLED_TEMPLATE
from tests.support.word_numbering import numbered_empty_paragraphs, shown_texts

import docgen
from docgen.api import read_report
from docgen.exceptions import WorkbookError
from docgen.list_numbering import add_list
from docgen.numbering import SCHEMES, Counter, find_scheme, scheme_named
from docgen.pdf.numbering import Numbering

NARRATIVE = [
    (1, "Purpose", "To report performance.\nA second paragraph.", None, None),
    (2, "Detail", "Sub text.\n- A bullet\n1. Item one\n2. Item two", None, None),
    (3, "Deeper", "Deep text.", None, None),
    (1, "Incidents", "Incidents fell.", "IncidentsByType", "Incidents by type"),
    (None, None, "After the table.", None, None),
    (2, "More", "More text.", None, None),
]
HEADINGS = {
    "1. / a.": ["1. Purpose", "a. Detail", "Deeper", "2. Incidents", "a. More"],
    "1. / 1.1": ["1. Purpose", "1.1 Detail", "1.1.1 Deeper", "2. Incidents", "2.1 More"],
    "1.1 paragraphs": ["1. Purpose", "Detail", "Deeper", "2. Incidents", "More"],
    "none": ["Purpose", "Detail", "Deeper", "Incidents", "More"],
}
BODY = ["To report performance.", "A second paragraph.", "Sub text.", "Deep text.",
        "Incidents fell.", "After the table.", "More text."]
NUMBERED_BODY = ["1.1 To report performance.", "1.2 A second paragraph.", "1.3 Sub text.",
                 "1.4 Deep text.", "2.1 Incidents fell.", "2.2 After the table.",
                 "2.3 More text."]
IMPLICATIONS = {"1. / a.": "3. Implications", "1. / 1.1": "3. Implications",
                "1.1 paragraphs": "3. Implications", "none": "Implications"}
# (numFmt, lvlText, suff) of each list level, as the issue describes the schemes.
LEVELS = {
    "1. / a.": [("decimal", "%1.", "space"), ("lowerLetter", "%2.", "space")],
    "1. / 1.1": [("decimal", "%1.", "space"), ("decimal", "%1.%2", "space"),
                 ("decimal", "%1.%2.%3", "space")],
    "1.1 paragraphs": [("decimal", "%1.", "space"), ("decimal", "%1.%2", "tab")],
    "none": [],
}


def set_setting(wb, label: str, value) -> None:
    """Type `value` beside the Settings row `label`."""
    ws = wb["Settings"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == label)
    ws.cell(row, 2).value = value


def numbered_workbook(scheme: str):
    """A change for `edit_workbook`: the test narrative, numbered by `scheme`."""

    def change(wb) -> None:
        set_setting(wb, "Section numbering", scheme)
        ws = wb["Narrative"]
        for r, row in enumerate(NARRATIVE, start=2):
            for c, value in enumerate(row, start=1):
                ws.cell(r, c).value = value

    return change


@pytest.fixture(scope="module")
def plain_template(tmp_path_factory) -> Path:
    """python-docx's own template with only what docgen needs."""
    document = docx.Document()
    document.add_paragraph("{{ title }}", style="Title")
    document.add_paragraph("{{p body }}")
    document.add_paragraph("{{ implications_heading }}", style="Heading 1")
    path = tmp_path_factory.mktemp("plain") / "plain.docx"
    document.save(path)
    return path


@pytest.fixture(params=["standard", "restyled", "plain"])
def template(request, plain_template) -> Path | None:
    return {"standard": None, "restyled": RESTYLED_TEMPLATE,
            "plain": plain_template}[request.param]


def pdf_text(path: Path) -> str:
    """A PDF's text with runs of white space made one space."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def outline_level(paragraph) -> int | None:
    """The outline level Word's navigation pane gives a paragraph: its own, else its style's."""
    found = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    style = paragraph.style
    while found is None and style is not None:
        found = style.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        style = style.base_style
    return None if found is None else int(found.get(qn("w:val")))


def heading_list(document):
    """The w:abstractNum the numbered headings use, or None."""
    numbering = document.part.numbering_part.element
    for paragraph in document.paragraphs:
        num_id = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if paragraph.style.name.startswith("Heading") and num_id is not None:
            num = numbering.num_having_numId(int(num_id.get(qn("w:val"))))
            abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
            return next(a for a in numbering.iterchildren(qn("w:abstractNum"))
                        if a.get(qn("w:abstractNumId")) == abstract_id)
    return None


def levels_of(abstract) -> list[tuple[str, str, str]]:
    def value(lvl, tag):
        return lvl.find(qn(f"w:{tag}")).get(qn("w:val"))

    return [(value(lvl, "numFmt"), value(lvl, "lvlText"), value(lvl, "suff"))
            for lvl in abstract.iterchildren(qn("w:lvl"))]


# -- the schemes --------------------------------------------------------------------------


def test_counter_labels_as_word_counts_them():
    counter = Counter(scheme_named("1. / a."))
    assert [counter.heading(level) for level in (1, 2, 2, 3, 1, 2)] == [
        "1.", "a.", "b.", "", "2.", "a."]
    counter = Counter(scheme_named("1. / 1.1"))
    assert [counter.heading(level) for level in (1, 2, 3, 3, 2, 1, 3)] == [
        "1.", "1.1", "1.1.1", "1.1.2", "1.2", "2.", ""]
    counter = Counter(scheme_named("1.1 paragraphs"))
    assert [counter.heading(level) for level in (1, 2, 1)] == ["1.", "", "2."]
    assert counter.next(1) == "2.1"
    assert Counter(scheme_named("none")).heading(1) == ""


def test_a_heading_above_its_section_is_left_bare():
    """Word, LibreOffice and docgen's PDF number a skipped level differently, so none is."""
    counter = Counter(scheme_named("1. / 1.1"))
    assert [counter.heading(level) for level in (2, 1, 3, 2)] == ["", "1.", "", "1.1"]


def test_letters_go_on_as_word_writes_them():
    counter = Counter(scheme_named("1. / a."))
    counter.heading(1)
    labels = [counter.heading(2) for _ in range(28)]
    assert labels[25:] == ["z.", "aa.", "bb."]


@pytest.mark.parametrize(("typed", "name"), [
    ("1. / a.", "1. / a."), ("1./A.", "1. / a."), (" 1.  /  1.1 ", "1. / 1.1"),
    ("1.1 Paragraphs", "1.1 paragraphs"), ("NONE", "none")])
def test_scheme_names_are_read_loosely(typed, name):
    assert find_scheme(typed).name == name


def test_the_pdf_engine_reads_every_schemes_level_texts():
    numbering = parse_xml(f"<w:numbering {nsdecls('w')}/>")
    ids = {name: add_list(numbering, SCHEMES[name]) for name in LEVELS if name != "none"}
    engine = Numbering(numbering, {})
    decimal, letters, paragraphs = (str(ids[n]) for n in ("1. / 1.1", "1. / a.", "1.1 paragraphs"))
    assert [engine.next_label(decimal, ilvl) for ilvl in (0, 1, 2, 2, 1, 0, 1)] == [
        "1.", "1.1", "1.1.1", "1.1.2", "1.2", "2.", "2.1"]
    assert [engine.next_label(letters, ilvl) for ilvl in (0, 1, 1, 0, 1)] == [
        "1.", "a.", "b.", "2.", "a."]
    assert [engine.next_label(paragraphs, ilvl) for ilvl in (0, 1, 1, 0, 1)] == [
        "1.", "1.1", "1.2", "2.", "2.1"]
    assert engine.level(paragraphs, 1).suffix == "tab"
    assert engine.level(paragraphs, 0).suffix == "space"


# -- built reports ------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", list(HEADINGS))
def test_each_scheme_in_each_template(scheme, template, edit_workbook, tmp_path):
    workbook = edit_workbook(numbered_workbook(scheme))
    result = docgen.build(workbook, template=template, outdir=tmp_path, pdf=True)
    document = docx.Document(result.docx)
    shown = shown_texts(document)
    end = [text for _, text, _ in shown].index(IMPLICATIONS[scheme])
    narrative = shown[:end]
    report, _ = read_report(workbook)

    headings = [text for style, text, _ in narrative if style.startswith("Heading")]
    assert headings == HEADINGS[scheme] == [h.text for h in report.headings]
    body = [text for style, text, _ in narrative if style == "Normal" and text]
    assert body == (NUMBERED_BODY if scheme == "1.1 paragraphs" else BODY)
    assert shown[end][0] == "Heading 1"
    assert f"{report.implications_number} Implications".strip() == IMPLICATIONS[scheme]

    abstract = heading_list(document)
    assert (levels_of(abstract) if abstract is not None else []) == LEVELS[scheme]
    order = ["numPicBullet", "abstractNum", "num", "numIdMacAtCleanup"]
    tags = [child.tag.split("}")[1] for child in document.part.numbering_part.element]
    assert tags == sorted(tags, key=order.index)  # as the schema orders numbering.xml
    assert numbered_empty_paragraphs(document) == []
    items = [text for style, text, _ in narrative if style == "List Number"]
    assert items == ["1. Item one", "2. Item two"]  # lists keep their own numbering

    for paragraph in document.paragraphs:
        if paragraph.style.name in ("Heading 1", "Heading 2", "Heading 3"):
            assert outline_level(paragraph) == int(paragraph.style.name[-1]) - 1

    text = pdf_text(result.pdf)
    for expected in [*HEADINGS[scheme], *body, IMPLICATIONS[scheme]]:
        assert expected in text


def test_tables_and_captions_are_never_numbered(edit_workbook, tmp_path):
    result = docgen.build(edit_workbook(numbered_workbook("1.1 paragraphs")), outdir=tmp_path)
    document = docx.Document(result.docx)
    caption = next(p for p in document.paragraphs if p.text == "Incidents by type")
    assert caption._p.pPr.find(qn("w:numPr")) is None
    after = document.tables[-2]._tbl.getnext()  # the Incidents table: then the Implications
    assert after.tag == qn("w:p") and after.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is None
    for table in document.tables:
        assert not list(table._tbl.iter(qn("w:numPr")))


def test_a_template_without_numbering_gets_a_numbering_part(plain_template, edit_workbook,
                                                            tmp_path):
    document = docx.Document(plain_template)
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.NUMBERING:
            document.part.drop_rel(rel_id)
    bare = tmp_path / "bare.docx"
    document.save(bare)
    with pytest.raises(KeyError):
        docx.Document(bare).part.part_related_by(RELATIONSHIP_TYPE.NUMBERING)

    result = docgen.build(edit_workbook(numbered_workbook("1. / 1.1")), template=bare,
                          outdir=tmp_path / "out", pdf=True)
    built = docx.Document(result.docx)
    headings = [text for style, text, _ in shown_texts(built) if style.startswith("Heading")]
    assert headings[:5] == HEADINGS["1. / 1.1"]
    assert "1.1.1 Deeper" in pdf_text(result.pdf)


def test_an_unknown_scheme_names_its_cell(edit_workbook):
    with pytest.raises(WorkbookError) as raised:
        read_report(edit_workbook(numbered_workbook("1.1.1")))
    [problem] = [p for p in raised.value.errors if p.location.startswith("Settings!")]
    assert problem.location == "Settings!B18"
    assert problem.message == ('"1.1.1" is not a section numbering docgen knows; use one of '
                               "'1. / a.', '1. / 1.1', '1.1 paragraphs', 'none'")


def test_the_default_is_todays_look(edit_workbook):
    report, _ = read_report(edit_workbook(numbered_workbook("")))
    assert [h.text for h in report.headings] == HEADINGS["1. / a."]
    assert report.settings.section_numbering == "1. / a."


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_shows_the_same_labels(edit_workbook, tmp_path):
    from docgen.pdf import export_pdf

    result = docgen.build(edit_workbook(numbered_workbook("1.1 paragraphs")), outdir=tmp_path,
                          pdf=True)
    theirs = tmp_path / "libreoffice.pdf"
    export_pdf(result.docx, theirs, engine="libreoffice")
    ours, lo = pdf_text(result.pdf), pdf_text(theirs)
    for expected in [*HEADINGS["1.1 paragraphs"], *NUMBERED_BODY, "3. Implications"]:
        assert expected in ours and expected in lo
