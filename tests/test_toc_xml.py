"""The XML of a table of contents: Word's TOC field over the entries, each entry a styled,
tabbed paragraph linked to its heading's bookmark with a PAGEREF field; Word's TOC styles."""

from __future__ import annotations

from docgen.ooxml.ns import qn
from docgen.toc_xml import Entry, EntryStyle, field_paragraphs, page_ref_results, toc_style

INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
STYLE = EntryStyle({1: "TOC1", 2: "TOC2"}, {1: 9026, 2: None})
ENTRIES = [Entry(1, "Background", "_Toc1", "1.", "tab"), Entry(2, "Detail", "_Toc2"),
           Entry(1, "Annex", "_Toc3", "A", "space")]


def _field_codes(paragraphs) -> list[str]:
    """fldChar types and instructions, in document order."""
    codes = []
    for para in paragraphs:
        for node in para.iter(qn("w:fldChar"), qn("w:instrText")):
            codes.append(node.get(qn("w:fldCharType")) or node.text.strip())
    return codes


def test_the_field_opens_in_the_first_entry_and_ends_in_the_last():
    paragraphs = field_paragraphs(INSTRUCTION, ENTRIES, STYLE, {"_Toc1": "2", "_Toc2": "3"})
    assert len(paragraphs) == 3
    page_ref = ["begin", "PAGEREF {} \\h", "separate", "end"]
    expected = ["begin", INSTRUCTION, "separate"]
    for n in (1, 2, 3):
        expected += [code.format(f"_Toc{n}") for code in page_ref]
    assert _field_codes(paragraphs) == [*expected, "end"]
    first = paragraphs[0]
    assert first[0].tag == qn("w:pPr") and first[1].find(qn("w:fldChar")) is not None
    assert paragraphs[-1][-1].find(qn("w:fldChar")).get(qn("w:fldCharType")) == "end"
    assert not any(p.find(f".//{qn('w:fldChar')}[@{qn('w:dirty')}]") is not None
                   for p in paragraphs)


def test_each_entry_is_styled_tabbed_and_linked_to_its_bookmark():
    paragraphs = field_paragraphs(INSTRUCTION, ENTRIES, STYLE, {"_Toc1": "2", "_Toc2": "3"})
    styles = [p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) for p in paragraphs]
    assert styles == ["TOC1", "TOC2", "TOC1"]
    tab = paragraphs[0].find(f"{qn('w:pPr')}/{qn('w:tabs')}/{qn('w:tab')}")
    assert (tab.get(qn("w:val")), tab.get(qn("w:leader")), tab.get(qn("w:pos"))) == (
        "right", "dot", "9026")
    assert paragraphs[1].find(f"{qn('w:pPr')}/{qn('w:tabs')}") is None  # its style has one
    links = [p.find(qn("w:hyperlink")) for p in paragraphs]
    assert [link.get(qn("w:anchor")) for link in links] == ["_Toc1", "_Toc2", "_Toc3"]
    shown = ["".join(t.text if t.tag == qn("w:t") else "\t" for t in link.iter(qn("w:t"),
                                                                              qn("w:tab")))
             for link in links]
    assert shown == ["1.\tBackground\t2", "Detail\t3", "A Annex\t"]


def test_page_ref_results_finds_each_cached_number():
    paragraphs = field_paragraphs(INSTRUCTION, ENTRIES, STYLE, {"_Toc1": "2"})
    results = page_ref_results(paragraphs)
    assert sorted(results) == ["_Toc1", "_Toc2", "_Toc3"]
    assert [t.text for t in results["_Toc1"]] == ["2"]
    results["_Toc3"][0].text = "12"
    assert page_ref_results(paragraphs)["_Toc3"][0].text == "12"


def test_no_entries_is_an_empty_field():
    paragraphs = field_paragraphs(INSTRUCTION, [], STYLE)
    assert len(paragraphs) == 1
    assert _field_codes(paragraphs) == ["begin", INSTRUCTION, "separate", "end"]


def test_links_can_be_left_out():
    paragraphs = field_paragraphs("TOC \\o", ENTRIES[:1], EntryStyle({1: "TOC1"}, {1: 100},
                                                                    links=False))
    assert paragraphs[0].find(qn("w:hyperlink")) is None


def test_words_built_in_toc_style():
    style = toc_style(2, "TOC2", "Normal")
    assert style.get(qn("w:styleId")) == "TOC2"
    assert style.find(qn("w:name")).get(qn("w:val")) == "toc 2"
    assert style.find(qn("w:basedOn")).get(qn("w:val")) == "Normal"
    ppr = style.find(qn("w:pPr"))
    assert ppr.find(qn("w:spacing")).get(qn("w:after")) == "100"
    assert ppr.find(qn("w:ind")).get(qn("w:left")) == "220"
    assert toc_style(1, "TOC1", None).find(f"{qn('w:pPr')}/{qn('w:ind')}") is None
