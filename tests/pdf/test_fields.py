"""Reading Word fields: page fields drawn live, PAGEREF results as one `PageRef` to correct,
HYPERLINK fields linked (to a URL, or with \\l to a bookmark), other results kept as cached."""

from __future__ import annotations

from docx.oxml import parse_xml
from tests.support import docx_fixtures as fx

from docgen.pdf.docx_reader import read_docx
from docgen.pdf.fields import field_kind, page_ref_target
from docgen.pdf.model import Field, PageRef, Text

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _inlines(tmp_path, xml_runs: str) -> list:
    """The inlines of one paragraph made of `xml_runs`."""
    d = fx.arial_document()
    d.element.body.insert(0, parse_xml(f"<w:p {W}>{xml_runs}</w:p>"))
    model = read_docx(fx.save(d, tmp_path / "fields.docx"))
    return model.sections[0].blocks[0].inlines


def _field(instr: str, *result: str) -> str:
    cached = "".join(f"<w:r><w:t>{text}</w:t></w:r>" for text in result)
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{cached}'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def test_instructions_are_recognised():
    assert field_kind(" PAGE \\* MERGEFORMAT ") == "PAGE"
    assert field_kind("numpages") == "NUMPAGES"
    assert field_kind("PAGEREF _Toc1 \\h") is None
    assert page_ref_target(' PAGEREF _Toc123 \\h ') == "_Toc123"
    assert page_ref_target('pageref "Intro"') == "Intro"
    assert page_ref_target("REF _Toc1") is None


def test_a_pageref_result_over_several_runs_is_one_page_ref(tmp_path):
    inlines = _inlines(tmp_path, "<w:r><w:t>See page </w:t></w:r>"
                       + _field("PAGEREF _Toc5 \\h", "1", "2") + "<w:r><w:t>.</w:t></w:r>")
    refs = [i for i in inlines if isinstance(i, PageRef)]
    assert [(r.text, r.bookmark, r.anchor) for r in refs] == [("1", "_Toc5", "_Toc5")]
    assert "".join(i.text for i in inlines if type(i) is Text) == "See page ."


def test_a_pageref_without_a_result_still_gets_a_page_ref(tmp_path):
    xml = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
           '<w:r><w:instrText> PAGEREF Target </w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    refs = [i for i in _inlines(tmp_path, xml) if isinstance(i, PageRef)]
    assert [(r.text, r.bookmark) for r in refs] == [("", "Target")]


def test_a_simple_pageref_field_is_a_page_ref(tmp_path):
    xml = '<w:fldSimple w:instr=" PAGEREF _Toc7 \\h "><w:r><w:t>4</w:t></w:r></w:fldSimple>'
    refs = [i for i in _inlines(tmp_path, xml) if isinstance(i, PageRef)]
    assert [(r.text, r.bookmark) for r in refs] == [("4", "_Toc7")]


def test_a_hyperlink_field_to_a_bookmark_links_its_result(tmp_path):
    inlines = _inlines(tmp_path, _field('HYPERLINK \\l "_Toc8"', "Background"))
    texts = [i for i in inlines if isinstance(i, Text)]
    assert [(t.text, t.anchor, t.link) for t in texts] == [("Background", "_Toc8", None)]


def test_page_fields_stay_live_and_other_results_are_kept(tmp_path):
    inlines = _inlines(tmp_path, _field("PAGE", "7") + _field("DATE", "1 May"))
    assert [type(i).__name__ for i in inlines] == ["Field", "Text"]
    assert isinstance(inlines[0], Field) and inlines[0].kind == "PAGE"
    assert inlines[1].text == "1 May"
