"""The fidelity corpus's ordinary Word files, made with python-docx (not docgen's template):
the helpers, and the documents about text and pages (corpus_docx_tables.py has the tables).

Each builder takes the output path and writes one .docx exercising a few features an ordinary
Word file has: fonts (Calibri, Times New Roman, Arial, Cambria, Georgia, Verdana), headers and
footers (first and even pages too), pictures, justified and 1.5-spaced text, tracked changes,
small caps, paragraph borders, right tabs with leaders, footnotes, mixed runs.

The text is the seed report's own (the example workbook's Narrative sheet, read at build time)
or its published figures (Appendix A and the tables of the November 2019 report); sentences
composed for layout testing say so ("Synthetic text").
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import docx
from corpus_sources import APPENDIX, SYNTHETIC, png, seed_paragraphs
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor


def new_document(font: str, size: float, *, a4: bool = True, margins_cm: float = 2.54):
    """A document whose every style uses `font` (no theme fonts), body `size` pt."""
    d = docx.Document()
    for fonts in d.styles.element.iter(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attr), font)
    for style in d.styles:
        if style.type == 1 and style.font is not None:
            style.font.name = font
    d.styles["Normal"].font.size = Pt(size)
    section = d.sections[0]
    if a4:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(margins_cm))
    d.core_properties.author = "docgen fidelity corpus"
    return d


def add_field(paragraph, instr: str, cached: str = "1") -> None:
    """A complex field (PAGE, NUMPAGES) with a cached result."""
    def run_with(child):
        r = OxmlElement("w:r")
        r.append(child)
        paragraph._p.append(r)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instr} "
    run_with(text)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    paragraph.add_run(cached)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def page_footer(section, label: str) -> None:
    """A footer 'label   Page N of M' with a centred page field."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run(f"{label} \u2013 Page ")
    add_field(p, "PAGE")
    p.add_run(" of ")
    add_field(p, "NUMPAGES")


def grid_table(d, header, rows, widths_cm=None, style="Table Grid", font_size=None):
    """A bordered table with a repeated header row."""
    table = d.add_table(rows=1, cols=len(header))
    table.style = style
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for values in rows:
        cells = table.add_row().cells
        for c, (cell, value) in enumerate(zip(cells, values, strict=True)):
            cell.text = str(value)
            if c and re.fullmatch(r"[-+−£\d,.%() ]+", str(value)):
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if widths_cm:
        table.autofit = False
        for row in table.rows:
            for cell, width in zip(row.cells, widths_cm, strict=True):
                cell.width = Cm(width)
    if font_size:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(font_size)
    return table


def body(d, paragraphs, *, justify=False, spacing=None, after=None):
    """Add paragraphs of text with the given alignment and spacing."""
    for text in paragraphs:
        p = d.add_paragraph(text)
        if justify:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if spacing:
            p.paragraph_format.line_spacing = spacing
        if after is not None:
            p.paragraph_format.space_after = Pt(after)


def calibri_report(path: Path) -> None:
    """Calibri 11: headings, the seed's narrative, a bulleted list, header and page footer."""
    d = new_document("Calibri", 11)
    text = seed_paragraphs()
    d.sections[0].header.paragraphs[0].text = "Strategic Scrutiny Meeting \u2013 Item 2"
    page_footer(d.sections[0], "Quarterly Report")
    d.add_heading("Quarterly Report", 0)
    for i, para in enumerate(text[:30]):
        if i % 6 == 0:
            d.add_heading(f"Section {i // 6 + 1}", 1)
        d.add_paragraph(para)
        if i % 9 == 4:
            for item in text[i + 1][:300].split(". ")[:3]:
                d.add_paragraph(item, style="List Bullet")
    d.save(path)


def times_justified(path: Path) -> None:
    """Times New Roman 12, justified, with a first-line indent."""
    d = new_document("Times New Roman", 12)
    d.add_heading("Supporting Vulnerable People and Victims", 1)
    for para in seed_paragraphs()[10:34]:
        p = d.add_paragraph(para)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Cm(1)
    d.save(path)


def arial_one_and_half(path: Path) -> None:
    """Arial 10 at 1.5 line spacing, with Letter paper and 2 cm margins."""
    d = new_document("Arial", 10, a4=False, margins_cm=2)
    d.add_heading("Tackling Crime and Reoffending", 1)
    body(d, seed_paragraphs()[5:25], spacing=1.5)
    d.save(path)


def cambria_title_border(path: Path) -> None:
    """Cambria 11 with the Title style (its bottom border) and bordered paragraphs."""
    d = new_document("Cambria", 11)
    d.add_heading("Developing Confident Communities", 0)
    text = seed_paragraphs()
    for i, para in enumerate(text[30:46]):
        p = d.add_paragraph(para)
        if i % 4 == 1:
            borders = parse_xml(
                f'<w:pBdr {nsdecls("w")}><w:top w:val="single" w:sz="6" w:space="4" '
                'w:color="1F4E79"/><w:left w:val="single" w:sz="6" w:space="4" '
                'w:color="1F4E79"/><w:bottom w:val="single" w:sz="6" w:space="4" '
                'w:color="1F4E79"/><w:right w:val="single" w:sz="6" w:space="4" '
                'w:color="1F4E79"/></w:pBdr>')
            p._p.get_or_add_pPr().append(borders)
        if i % 5 == 3:
            d.add_heading(f"Subsection {i // 5 + 1}", 2)
    d.save(path)


def georgia_text(path: Path) -> None:
    """Georgia 11 (no metric-compatible substitute on Linux), headings and text."""
    d = new_document("Georgia", 11)
    d.add_heading("Hate Crime", 1)
    body(d, seed_paragraphs()[20:36], after=8)
    d.save(path)


def verdana_lists(path: Path) -> None:
    """Verdana 10: long bulleted and numbered lists of the seed's sentences."""
    d = new_document("Verdana", 10)
    d.add_heading("Points from the quarterly report", 1)
    sentences = [s.strip().rstrip(".") + "." for para in seed_paragraphs()[:24]
                 for s in para.split(". ") if len(s) > 40]
    for i, sentence in enumerate(sentences[:70]):
        d.add_paragraph(sentence, style="List Number" if i % 20 >= 12 else "List Bullet")
    d.save(path)


def headers_first_even(path: Path) -> None:
    """Different first-page and even-page headers and footers (Calibri)."""
    d = new_document("Calibri", 11)
    d.settings.odd_and_even_pages_header_footer = True
    section = d.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "First page header: Strategic Scrutiny"
    section.header.paragraphs[0].text = "Odd page header: Quarterly Report"
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    section.even_page_header.paragraphs[0].text = "Even page header: Lancashire Constabulary"
    page_footer(section, "Odd")
    p = section.even_page_footer.paragraphs[0]
    p.add_run("Even \u2013 Page ")
    add_field(p, "PAGE")
    body(d, seed_paragraphs()[:28])
    d.save(path)


def pictures(path: Path) -> None:
    """Inline pictures between paragraphs, one centred with a caption."""
    d = new_document("Arial", 11)
    text = seed_paragraphs()
    for i in range(5):
        d.add_heading(f"Figure {i + 1}", 2)
        d.add_paragraph(text[i * 3])
        d.add_picture(BytesIO(png(140, 90, seed=i)), width=Cm(7 + 2 * i))
        if i % 2:
            d.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        d.add_paragraph(f"{SYNTHETIC}figure {i + 1}, a bar picture drawn for the corpus.",
                        style="Caption")
    d.save(path)


def tracked_changes(path: Path) -> None:
    """Insertions and deletions recorded as tracked changes (w:ins, w:del)."""
    d = new_document("Times New Roman", 12)
    d.add_heading("Road Safety", 1)
    for i, para in enumerate(seed_paragraphs()[14:30]):
        p = d.add_paragraph()
        words = para.split(" ")
        half = len(words) // 2
        p.add_run(" ".join(words[:half]) + " ")
        change = OxmlElement("w:ins" if i % 2 else "w:del")
        change.set(qn("w:id"), str(i + 1))
        change.set(qn("w:author"), "Corpus")
        change.set(qn("w:date"), "2019-11-21T00:00:00Z")
        run = OxmlElement("w:r")
        t = OxmlElement("w:t" if i % 2 else "w:delText")
        t.set(qn("xml:space"), "preserve")
        t.text = "(tracked: " + " ".join(words[half:half + 4]) + ") "
        run.append(t)
        change.append(run)
        p._p.append(change)
        p.add_run(" ".join(words[half:]))
    d.save(path)


def small_caps(path: Path) -> None:
    """Small capitals and all capitals in headings and runs."""
    d = new_document("Cambria", 11)
    for i, para in enumerate(seed_paragraphs()[3:19]):
        h = d.add_paragraph()
        run = h.add_run(f"Section {i + 1}: {para[:40]}")
        run.font.small_caps = True
        run.bold = True
        p = d.add_paragraph()
        words = para.split(" ")
        p.add_run(" ".join(words[:6]) + " ").font.small_caps = True
        p.add_run(" ".join(words[6:12]) + " ").font.all_caps = i % 2 == 0
        p.add_run(" ".join(words[12:]))
    d.save(path)


def right_tabs(path: Path) -> None:
    """Right-aligned tab stops with dot leaders, one beyond the right margin."""
    d = new_document("Arial", 11)
    d.add_heading("Contents", 1)
    for i, para in enumerate(seed_paragraphs()[:40]):
        p = d.add_paragraph(f"{i + 1}.\t{para[:45].rsplit(' ', 1)[0]}\t{3 + i // 3}")
        stops = p.paragraph_format.tab_stops
        stops.add_tab_stop(Cm(1))
        beyond = i % 5 == 4
        stops.add_tab_stop(Cm(17.2 if beyond else 15.92), WD_TAB_ALIGNMENT.RIGHT,
                           WD_TAB_LEADER.DOTS)
    d.add_heading("Appendix A figures", 1)
    for _theme, rows in APPENDIX:
        for name, previous, _change, current in rows:
            p = d.add_paragraph(f"{name[:38]}\t{previous}\t{current}")
            p.paragraph_format.tab_stops.add_tab_stop(Cm(12), WD_TAB_ALIGNMENT.RIGHT)
            p.paragraph_format.tab_stops.add_tab_stop(Cm(15.92), WD_TAB_ALIGNMENT.RIGHT)
    d.save(path)


def footnotes(path: Path) -> None:
    """Footnote references and a footnotes part (python-docx has no API for them)."""
    d = new_document("Calibri", 11)
    d.add_heading("Rape and Sexual Offences", 1)
    notes = ["Data source: Forcesight v5, Force Summary.",
             "Lancashire data taken from the Recorded Crime Dashboard.",
             "Data still subject to moderation \u2013 numbers will likely increase.",
             "CSEW: Crime Survey of England and Wales."]
    for i, para in enumerate(seed_paragraphs()[18:34]):
        p = d.add_paragraph(para)
        if i % 4 == 1:
            ref = OxmlElement("w:r")
            ref.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:vertAlign w:val="superscript"/>'
                                 '</w:rPr>'))
            note = OxmlElement("w:footnoteReference")
            note.set(qn("w:id"), str(i // 4 + 1))
            ref.append(note)
            p._p.append(ref)
    items = "".join(
        f'<w:footnote w:id="{n + 1}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/>'
        f'<w:sz w:val="20"/></w:rPr><w:footnoteRef/></w:r><w:r><w:rPr><w:sz w:val="20"/>'
        f'</w:rPr><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
        for n, text in enumerate(notes))
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes '
           f'{nsdecls("w")}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
           '</w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0">'
           '<w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
           f'{items}</w:footnotes>')
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                xml.encode(), d.part.package)
    d.part.relate_to(part, RT.FOOTNOTES)
    d.save(path)


def mixed_sizes_colour(path: Path) -> None:
    """Mixed sizes, bold/italic/colour runs, space before/after, exact line spacing."""
    d = new_document("Arial", 11)
    for i, para in enumerate(seed_paragraphs()[24:40]):
        p = d.add_paragraph()
        words = para.split(" ")
        for j, word in enumerate(words):
            run = p.add_run(word + " ")
            run.bold = j % 11 == 0
            run.italic = j % 7 == 3
            if j % 13 == 5:
                run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
            if i % 3 == 2 and j < 5:
                run.font.size = Pt(14)
        fmt = p.paragraph_format
        fmt.space_before, fmt.space_after = Pt(3 * (i % 3)), Pt(6)
        if i % 4 == 3:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(15)
    d.save(path)


BUILDERS = {
    "docx-calibri-report": (calibri_report, "Calibri 11, title, headings, bullets, header, "
                            "PAGE/NUMPAGES footer; seed text"),
    "docx-times-justified": (times_justified, "Times New Roman 12, justified, first-line "
                             "indent; seed text"),
    "docx-arial-1.5-letter": (arial_one_and_half, "Arial 10, 1.5 line spacing, Letter paper; "
                              "seed text"),
    "docx-cambria-borders": (cambria_title_border, "Cambria 11, Title style rule, boxed "
                             "paragraphs; seed text"),
    "docx-georgia": (georgia_text, "Georgia 11 (no compatible font installed); seed text"),
    "docx-verdana-lists": (verdana_lists, "Verdana 10, long bulleted and numbered lists; seed "
                           "sentences"),
    "docx-headers-first-even": (headers_first_even, "first-page and even-page headers and "
                                "footers; seed text"),
    "docx-pictures": (pictures, "inline pictures (synthetic bar images), captions; seed text"),
    "docx-tracked-changes": (tracked_changes, "tracked insertions and deletions; seed text"),
    "docx-small-caps": (small_caps, "small caps and all caps runs, Cambria; seed text"),
    "docx-right-tabs": (right_tabs, "right tab stops with leaders, one beyond the margin; seed "
                        "text and figures"),
    "docx-footnotes": (footnotes, "footnotes; seed text"),
    "docx-mixed-runs": (mixed_sizes_colour, "mixed sizes, bold/italic/colour runs, exact "
                        "line spacing; seed text"),
}
