"""Footnotes at the foot of the page whose line calls them, where LibreOffice 7.4 puts them."""

from __future__ import annotations

from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from tests.support import docx_fixtures as fx
from tests.support import pdf_text

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def noted_lines(path: Path, noted: tuple[int, ...] = (25, 26), lines: int = 30,
                note_text: str = "A note of one line.", in_table: bool = False) -> Path:
    """`lines` one-line paragraphs ("Line N") in Arial 11 pt on Letter paper; the paragraphs
    numbered in `noted` call a footnote holding `note_text` (with `in_table`, a one-cell
    table after them calls one more)."""
    d = fx.arial_document()
    count = len(noted) + in_table
    notes = "".join(f'<w:footnote w:id="{n + 1}"><w:p><w:r><w:t xml:space="preserve"> '
                    f'{note_text}</w:t></w:r></w:p></w:footnote>' for n in range(count))
    blob = (f"<w:footnotes {W_NS}><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r>"
            "<w:separator/></w:r></w:p></w:footnote>"
            f"{notes}</w:footnotes>").encode()
    part = Part(PackURI("/word/footnotes.xml"), "application/vnd.openxmlformats-"
                "officedocument.wordprocessingml.footnotes+xml", blob, d.part.package)
    d.part.relate_to(part, RT.FOOTNOTES)
    for i in range(1, lines + 1):
        paragraph = d.add_paragraph(f"Line {i}")
        if i in noted:
            fx.add_footnote_reference(paragraph, noted.index(i) + 1)
    if in_table:
        fx.add_footnote_reference(d.add_table(1, 1).cell(0, 0).paragraphs[0], count)
    return fx.save(d, path)


def styled_notes(path: Path) -> Path:
    """Two paragraphs calling notes in Word's own styles: Footnote Text (10 pt, single
    spacing, no space after) with the number's run in Footnote Reference (superscript)."""
    d = fx.arial_document()
    styles = d.styles.element
    styles.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="FootnoteText"><w:name '
        'w:val="footnote text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" '
        'w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/></w:rPr></w:style>'))
    styles.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="character" w:styleId="FootnoteReference"><w:name '
        'w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        "</w:style>"))
    notes = "".join(
        f'<w:footnote w:id="{n}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r>'
        '<w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r>'
        f'<w:t xml:space="preserve"> Styled note {n}.</w:t></w:r></w:p></w:footnote>'
        for n in (1, 2))
    part = Part(PackURI("/word/footnotes.xml"), "application/vnd.openxmlformats-"
                "officedocument.wordprocessingml.footnotes+xml",
                f"<w:footnotes {W_NS}>{notes}</w:footnotes>".encode(), d.part.package)
    d.part.relate_to(part, RT.FOOTNOTES)
    for n in (1, 2):
        fx.add_footnote_reference(d.add_paragraph(f"Paragraph {n} with a note"), n)
    return fx.save(d, path)


def lines_and_rules(pdf: Path) -> list[tuple[list[tuple[float, str]], list[tuple]]]:
    """Per page: (baseline from the page top, text) of each line, and the filled rules."""
    import pdfplumber

    out = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            lines: dict[float, str] = {}
            for c in page.chars:
                y = round(page.height - c["matrix"][5], 2)
                lines[y] = lines.get(y, "") + c["text"]
            rules = [tuple(round(r[k], 1) for k in ("x0", "x1", "top", "bottom"))
                     for r in page.rects]
            out.append((sorted(lines.items()), rules))
    return out


def near(got: float, want: float) -> bool:
    return abs(got - want) <= 0.1


def test_notes_sit_at_the_page_foot_under_a_separator_where_libreoffice_draws_them(render):
    pdf, warnings = render(fx.footnotes)
    [(lines, rules)] = lines_and_rules(pdf)
    # LibreOffice 7.4: the notes' baselines at 693.2 and 717.7 pt (the page's text ends at
    # 720 pt), the number in the paragraph's 11 pt; a 0.5 pt rule over the first quarter of
    # the 432 pt column, 13.7 pt above the first note's baseline.
    notes = [(y, text) for y, text in lines if "Note" in text]
    assert [text for _, text in notes] == ["1Note 1 text.", "2Note 2 text."]
    assert near(notes[0][0], 693.2) and near(notes[1][0], 717.7)
    assert rules == [(90.0, 198.0, 679.5, 680.0)]
    assert warnings == []


def test_notes_in_words_styles_number_in_superscript_where_libreoffice_draws_them(render):
    import pdfplumber

    pdf, warnings = render(styled_notes, name="styled")
    [(lines, rules)] = lines_and_rules(pdf)
    # LibreOffice 7.4: the 10 pt notes' baselines at 706.4 and 717.9 pt (single spacing, the
    # page's text ends at 720 pt), the rule's top 12.75 pt above the first.
    notes = [(y, text) for y, text in lines if "Styled" in text]
    assert [text for _, text in notes] == [" Styled note 1.", " Styled note 2."]
    assert near(notes[0][0], 706.4) and near(notes[1][0], 717.9)
    assert rules == [(90.0, 198.0, 693.6, 694.1)]
    with pdfplumber.open(pdf) as document:
        numbers = [(c["text"], round(c["size"], 1)) for c in document.pages[0].chars
                   if c["top"] > 600 and c["size"] < 10]
    assert numbers == [("1", 5.8), ("2", 5.8)]  # superscript of 10 pt, as LibreOffice's
    assert warnings == []


def test_a_line_whose_note_does_not_fit_moves_to_the_next_page_with_it(render):
    pdf, warnings = render(noted_lines)
    first, second = lines_and_rules(pdf)
    # LibreOffice 7.4: "Line 26" fits the page alone but not with its note, so it starts
    # page 2 and its note is drawn there; page 1 ends at "Line 25" (baseline 670.3) with note 1.
    assert [text for _, text in first[0][-2:]] == ["Line 25", "1 A note of one line."]
    assert near(first[0][-2][0], 670.3) and near(first[0][-1][0], 717.7)
    body = [(y, text) for y, text in second[0] if text.startswith("Line")]
    assert body[0][1] == "Line 26" and near(body[0][0], 82.3)
    assert second[0][-1][1] == "2 A note of one line." and near(second[0][-1][0], 717.7)
    assert first[1] == second[1] == [(90.0, 198.0, 704.0, 704.5)]
    assert warnings == []


def test_body_text_stops_above_the_notes(render):
    pdf, _ = render(noted_lines, (24,), name="one")
    (lines, rules), _ = lines_and_rules(pdf)
    # One note leaves room for "Line 26" (baseline 694.8, as LibreOffice), above the rule.
    body = [(y, text) for y, text in lines if text.startswith("Line")]
    assert body[-1][1] == "Line 26" and near(body[-1][0], 694.8)
    assert body[-1][0] + 4 < rules[0][2]  # its descent (Arial 11 pt: 2.3 pt) clears the rule


def test_a_note_called_from_a_table_is_named_as_left_out(render):
    pdf, warnings = render(noted_lines, (2,), 3, "Note.", True, name="table")
    text = pdf_text(pdf)[0]
    assert "1 Note." in text and "2 Note." not in text
    assert [w.message for w in warnings] == [
        "the text of footnote 2 was left out of the PDF: only notes called from body "
        "paragraphs (not tables, headers or text boxes) are drawn"]




def test_a_note_taller_than_its_page_is_drawn_whole_and_named(render):
    pdf, warnings = render(noted_lines, (1,), 2, "Words of a long note. " * 300, name="long")
    first, second = pdf_text(pdf)
    assert first.startswith("Line 1") and "1 Words of a long note." in first
    assert second.strip() == "Line 2"
    assert [w.message for w in warnings] == [
        "footnote 1 does not fit on the page with the line that calls it: LibreOffice would "
        "continue it on the next page; docgen draws it whole, over the page's text"]
