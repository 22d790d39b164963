"""Read a .docx (python-docx package + lxml) into the layout-independent `model`."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from ..exceptions import Problem
from ..ooxml.elements import children_by_tag, find_child, on_off, val
from ..ooxml.ns import qn, r, w
from .drawings import read_drawing, read_vml
from .fields import FieldStack, field_kind, page_ref_target
from .model import (
    Block,
    Bookmark,
    DocumentModel,
    Field,
    Inline,
    InlineObject,
    LineBreak,
    ListLabel,
    PageBreak,
    PageRef,
    Paragraph,
    RunStyle,
    Tab,
    Table,
    Text,
)
from .notes import NoteMarks
from .numbering import Numbering, bullet_text
from .ooxml import clean_text, twips
from .revisions import MESSAGE, has_tracked_changes, join_deleted_marks, mark_deleted
from .sections import read_section
from .styles import Props, SmallCaps, StyleSheet, merge, parse_ppr, parse_rpr
from .table_props import TableStyle
from .table_reader import read_table

if TYPE_CHECKING:
    from ..chart_description import ChartDescription

log = logging.getLogger(__name__)

_RECURSE = {w("ins"), w("smartTag"), w("customXml"), w("dir"), w("bdo"), w("moveTo")}
_SKIP_RUN = {w("rPr"), w("lastRenderedPageBreak"), w("softHyphen"), w("delText"),
             w("annotationRef"), w("commentReference"), w("proofErr"), w("footnoteRef")}
# Names compared for every paragraph, run and run child.
_P, _TBL, _R, _T, _TAB = w("p"), w("tbl"), w("r"), w("t"), w("tab")
_PPR, _RPR, _PSTYLE, _RSTYLE, _SECTPR = w("pPr"), w("rPr"), w("pStyle"), w("rStyle"), w("sectPr")
_HYPERLINK, _FLDSIMPLE, _FLDCHAR, _INSTRTEXT = (w("hyperlink"), w("fldSimple"), w("fldChar"),
                                                w("instrText"))


def read_docx(path: str | os.PathLike[str]) -> DocumentModel:
    """Open `path` with python-docx and return its model (raises on an unreadable file)."""
    import docx

    document = docx.Document(os.fspath(path))
    return DocxReader(document, Path(path).name).read()


def _theme_fonts(part) -> dict[str, str]:
    """Major/minor Latin typefaces of the document theme."""
    for rel in part.rels.values():
        if rel.reltype.endswith("/theme") and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            out = {}
            for kind in ("major", "minor"):
                latin = root.find(f".//{qn('a:' + kind + 'Font')}/{qn('a:latin')}")
                if latin is not None and latin.get("typeface"):
                    out[kind] = latin.get("typeface")
            return out
    return {}


class DocxReader:
    """Walks the document body, headers and footers once, numbering lists on the way.

    `name` (the .docx's file name) is where its warnings say they come from.
    """

    def __init__(self, document, name: str = "",
                 charts: dict[str, ChartDescription] | None = None):
        self.document = document
        self.name = name
        self.charts = charts or {}
        self.part = document.part
        theme = _theme_fonts(self.part)
        self.sheet = StyleSheet(document.styles.element, theme)
        try:
            numbering_el = self.part.numbering_part.element
        except (NotImplementedError, KeyError):
            numbering_el = None
        self.numbering = Numbering(numbering_el, theme)
        self.warnings: list[Problem] = []
        self._fields = FieldStack()
        self._table_styles: dict[str | None, TableStyle] = {}
        self.small_caps = SmallCaps()
        self._reduced: RunStyle | None = None
        self.notes = NoteMarks()
        self._deleted_marks: set[int] = set()

    def warn(self, message: str) -> None:
        """Record a warning once."""
        problem = Problem("warning", message, self.name)
        if problem not in self.warnings:
            log.info("%s", message)
            self.warnings.append(problem)

    def read(self) -> DocumentModel:
        """The whole document model."""
        body = self.document.element.body
        if has_tracked_changes(body):
            self.warn(MESSAGE)
        sections = []
        blocks: list[Block] = []
        previous = None
        for child in body:
            if child.tag == _SECTPR:
                continue
            blocks.extend(self.block(child, None))
            sect = find_child(find_child(child, _PPR), _SECTPR) if child.tag == _P else None
            if sect is not None:
                blocks = join_deleted_marks(blocks, self._deleted_marks)
                previous = read_section(self, sect, previous, blocks)
                sections.append(previous)
                blocks = []
        final = body.find(w("sectPr"))
        sections.append(read_section(self, final, previous,
                                     join_deleted_marks(blocks, self._deleted_marks)))
        footnotes = self._footnotes()
        for message in self.notes.problems():
            self.warn(message)
        props = self.document.core_properties
        settings = self.document.settings.element
        model = DocumentModel(sections, title=props.title or "", author=props.author or "",
                              subject=props.subject or "", keywords=props.keywords or "",
                              language=_language(self.document) or "",
                              warnings=self.warnings)
        model.footnotes = footnotes
        model.default_tab = twips(val(settings.find(w("defaultTabStop"))), 36.0) or 36.0
        model.table_shift = _compat_mode(settings) < 15
        model.even_and_odd_headers = bool(on_off(settings.find(w("evenAndOddHeaders"))))
        return model

    def block(self, el: etree._Element, table: tuple | None) -> list[Block]:
        """Model blocks for one body-level element (paragraph, table, content control)."""
        if el.tag == _P:
            return self.paragraph(el, table)
        if el.tag == _TBL:
            return [self.table(el)]
        if el.tag in (w("sdt"), w("customXml")):
            content = el.find(w("sdtContent")) if el.tag == w("sdt") else el
            out: list[Block] = []
            for child in content if content is not None else ():
                out.extend(self.block(child, table))
            return out
        if el.tag in (qn("m:oMathPara"),):
            self.warn("an equation was printed as plain text")
        return []

    def blocks(self, parent: etree._Element, table: tuple | None = None) -> list[Block]:
        """Model blocks of every child of a container (cell, header, text box)."""
        out: list[Block] = []
        for child in parent:
            out.extend(self.block(child, table))
        return join_deleted_marks(out, self._deleted_marks)

    def story(self, rid: str | None) -> list[Block]:
        """Blocks of a header or footer part (relationships resolved against that part).

        The part is the relationship's current target, not python-docx's `related_parts`:
        docxtpl swaps rendered headers and footers in behind that cache, so a document read in
        memory straight after rendering would otherwise show the template's.
        """
        if not rid or rid not in self.part.rels:
            return []
        part = self.part.rels[rid].target_part
        saved, self.part = self.part, part
        if has_tracked_changes(part.element):
            self.warn(MESSAGE)
        try:
            return self.blocks(part.element)
        finally:
            self.part = saved

    def _footnotes(self) -> dict[str, list[Block]]:
        """The text of each footnote referenced, by its printed number (the footnotes part's
        relationships resolve its links and pictures)."""
        part = next((rel.target_part for rel in self.part.rels.values()
                     if rel.reltype.endswith("/footnotes") and not rel.is_external), None)
        if part is None or not self.notes.footnotes:
            return {}
        root = etree.fromstring(part.blob) if not hasattr(part, "element") else part.element
        by_id = {el.get(w("id")): el for el in root.iter(w("footnote"))}
        out: dict[str, list[Block]] = {}
        saved, self.part = self.part, part
        try:
            for note_id, number in self.notes.footnotes:
                el = by_id.get(note_id)
                if el is None:
                    continue
                blocks = self.blocks(el)
                first = next((b for b in blocks if isinstance(b, Paragraph)), None)
                if first is None:
                    continue
                # LibreOffice prints the note's number before its text in the paragraph
                # style's font with the character style of the w:footnoteRef run (Footnote
                # Reference: superscript), not that run's direct formatting.
                ref = el.find(f".//{w('footnoteRef')}/../{_RPR}/{_RSTYLE}")
                base = merge(self.sheet.paragraph_base(first.style_id, None)[1],
                             self.sheet.character_props(val(ref)))
                first.inlines.insert(0, Text(number, self.sheet.run_style(base)))
                out[number] = blocks
        finally:
            self.part = saved
        self.notes.drawn = len(out)
        return out

    # -- paragraphs -------------------------------------------------------------------------

    def paragraph(self, p: etree._Element, table: tuple | None) -> list[Block]:
        """A paragraph (plus any text-box paragraphs found inside it)."""
        ppr_el = find_child(p, _PPR)
        ppr_children = children_by_tag(ppr_el)
        style_id = self.sheet.paragraph_style_id(val(ppr_children.get(_PSTYLE)))
        base_ppr, base_rpr = self.sheet.paragraph_base(style_id, table)
        direct = parse_ppr(ppr_el)
        direct_num = direct.pop("num", None)
        deleted = mark_deleted(ppr_el)  # joins the next paragraph: takes no list number
        num = None if deleted else direct_num or self.sheet.style_numbering(style_id)
        mark_props = merge(base_rpr, parse_rpr(ppr_children.get(_RPR), self.sheet.theme_fonts))
        ppr, label = self._numbering(num, direct_num is not None, base_ppr, mark_props)
        props = self.sheet.para_props(merge(ppr, direct))
        extra: list[Block] = []
        inlines: list[Inline] = []
        self.inlines(p, base_rpr, inlines, extra, None, None)
        para = Paragraph(props, _merge_texts(inlines), self.sheet.run_style(mark_props),
                         style_id, label)
        para.role = paragraph_role(para, self.sheet.name(style_id))
        if deleted:
            self._deleted_marks.add(id(para))
        if props.border_sides:
            self.warn("paragraph borders at the left, right or between paragraphs were not "
                      "drawn (only top and bottom borders are)")
        return [para, *extra]

    def _numbering(self, num, direct: bool, ppr: Props, mark: Props):
        """Paragraph properties with the list level's indents, and the list label."""
        if not num or not num[0] or num[0] == "0":
            return ppr, None
        ilvl = int(num[1]) if num[1] and num[1].isdigit() else 0
        level = self.numbering.level(num[0], ilvl)
        text = self.numbering.next_label(num[0], ilvl)
        if level is None or text is None:
            return ppr, None
        ppr = merge(ppr, level.ppr) if direct else merge(level.ppr, ppr)
        style = self.sheet.run_style(merge(mark, level.rpr))
        if level.fmt == "bullet":
            # LibreOffice draws a Symbol bullet with OpenSymbol (its recoding of Symbol), whose
            # taller metrics make the line 0.05 pt deeper; other bullets in the text's font.
            symbol = str(level.rpr.get("font", "")).strip().lower() == "symbol"
            style = self.sheet.run_style(merge(merge(mark, level.rpr), {
                "font": "OpenSymbol" if symbol else mark.get("font", "Arial")}))
        return ppr, ListLabel(text, style, level.suffix, level.align, ilvl)

    def inlines(self, parent, rpr: Props, out: list[Inline], extra: list[Block],
                link: str | None, anchor: str | None) -> None:
        """Append the inline content of a paragraph-like element to `out`."""
        for child in parent:
            tag = child.tag
            if tag == _R:
                self.run(child, rpr, out, extra, link, anchor)
            elif tag == _HYPERLINK:
                target = self._link_target(child.get(r("id")))
                self.inlines(child, rpr, out, extra, target or link,
                             child.get(w("anchor")) or anchor)
            elif tag == _FLDSIMPLE:
                self._simple_field(child, rpr, out, extra, link, anchor)
            elif tag in _RECURSE:
                self.inlines(child, rpr, out, extra, link, anchor)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self.inlines(content, rpr, out, extra, link, anchor)
            elif tag == w("bookmarkStart"):
                name = child.get(w("name"), "")
                if name and name != "_GoBack":
                    out.append(Bookmark(name))
            elif tag in (qn("m:oMath"), qn("m:oMathPara")):
                text = "".join(t.text or "" for t in child.iter(qn("m:t")))
                out.append(Text(clean_text(text), self.sheet.run_style(rpr)))
                self.warn("an equation was printed as plain text")

    def _link_target(self, rid: str | None) -> str | None:
        """The external URL of a hyperlink relationship."""
        if not rid:
            return None
        rel = self.part.rels.get(rid)
        return rel.target_ref if rel is not None and rel.is_external else None

    def _simple_field(self, el, rpr, out, extra, link, anchor) -> None:
        """A `w:fldSimple`: dynamic page fields become Field, others keep their cached text."""
        instr = el.get(w("instr"), "")
        kind = field_kind(instr)
        ref = page_ref_target(instr)
        if ref:
            first = el.find(f".//{_T}")
            text = clean_text(first.text or "") if first is not None else ""
            out.append(PageRef(text, self.sheet.run_style(rpr), link, anchor or ref,
                               bookmark=ref))
        elif kind:
            first = el.find(w("r"))
            style = self._run_style(first, rpr) if first is not None else self.sheet.run_style(
                rpr)
            out.append(Field(kind, style))
        else:
            self.inlines(el, rpr, out, extra, link, anchor)

    def _run_style(self, run: etree._Element, rpr: Props) -> RunStyle:
        """Resolved style of a run: paragraph run props → character style → direct."""
        rpr_el = find_child(run, _RPR)
        if rpr_el is None:
            return self.sheet.run_style(rpr)
        char = self.sheet.character_props(val(find_child(rpr_el, _RSTYLE)))
        return self.sheet.run_style(merge(merge(rpr, char),
                                          parse_rpr(rpr_el, self.sheet.theme_fonts)))

    def run(self, run, rpr: Props, out: list[Inline], extra: list[Block], link, anchor) -> None:
        """Append one run's content, tracking complex fields across runs."""
        style, reduced = self.small_caps.split(self._run_style(run, rpr))
        outer, self._reduced = self._reduced, reduced  # a text box in the run reads its own
        for child in run:
            tag = child.tag
            if tag == _FLDCHAR:
                self._fields.char(child.get(w("fldCharType")), style, out)
                continue
            if tag == _INSTRTEXT:
                self._fields.instruction(child.text or "")
                continue
            if self._fields and self._fields.hides():
                continue
            if style.hidden or tag in _SKIP_RUN:
                continue
            if not self._fields:
                self._run_child(child, style, out, extra, link, anchor)
                continue
            field_link = link or self._fields.link()
            text = clean_text(child.text or "") if tag == _T else None
            if not self._fields.page_ref(text, style, field_link, out):
                self._run_child(child, style, out, extra, field_link,
                                anchor or self._fields.anchor())
        self._reduced = outer

    def _run_child(self, child, style: RunStyle, out, extra, link, anchor) -> None:
        """One child of a run: text, tab, break, symbol, picture or chart."""
        tag = child.tag
        if tag == _T:
            text = clean_text(child.text or "")
            if text:
                if self._reduced is not None:  # small capitals
                    out.extend(self.small_caps.texts(text, style, self._reduced, link, anchor))
                else:
                    out.append(Text(text.upper() if style.caps else text, style, link, anchor))
        elif tag == _TAB:
            out.append(Tab(style))
        elif tag == w("br"):
            kind = child.get(w("type"), "textWrapping")
            out.append(PageBreak() if kind in ("page", "column") else LineBreak(style))
        elif tag == w("cr"):
            out.append(LineBreak(style))
        elif tag == w("noBreakHyphen"):
            out.append(Text("-", style, link, anchor))
        elif tag == w("sym"):
            try:
                char = chr(int(child.get(w("char"), "20"), 16))
            except ValueError:
                char = " "
            out.append(Text(bullet_text(char), style, link, anchor))
        elif tag == w("drawing"):
            read_drawing(self, child, style, out, extra)
        elif tag in (w("pict"), w("object")):
            read_vml(self, child, style, out, extra)
        elif tag == qn("mc:AlternateContent"):
            choice = child.find(qn("mc:Choice"))
            branch = choice if choice is not None else child.find(qn("mc:Fallback"))
            for sub in branch if branch is not None else ():
                self._run_child(sub, style, out, extra, link, anchor)
        elif tag in (w("footnoteReference"), w("endnoteReference")):
            mark = self.notes.reference(child, style)
            if mark is not None:
                if tag == w("footnoteReference"):
                    out.append(self.notes.anchor())
                out.append(mark)

    # -- tables -----------------------------------------------------------------------------

    def table_style(self, style_id: str | None) -> TableStyle:
        """Cached merged table style."""
        style = self._table_styles.get(style_id)
        if style is None:
            style = self._table_styles[style_id] = TableStyle(self.sheet, style_id)
        return style

    def table(self, tbl: etree._Element) -> Table:
        """A table with per-cell resolved formatting."""
        return read_table(self, tbl)


def _merge_texts(inlines: list[Inline]) -> list[Inline]:
    """Join adjacent Text pieces that share style and link (fewer pieces to lay out); a
    `PageRef` stays whole, for pagination to rewrite."""
    out: list[Inline] = []
    for item in inlines:
        last = out[-1] if out else None
        if (type(item) is Text and type(last) is Text and last.style is item.style
                and last.link == item.link and last.anchor == item.anchor):
            out[-1] = Text(last.text + item.text, item.style, item.link, item.anchor)
        else:
            out.append(item)
    return out


def _language(document) -> str | None:
    """The document's language: the `w:lang` Word spell-checks its text in (docDefaults',
    else the default paragraph style's), else the Language document property, else the
    settings' `w:themeFontLang`; None when none is set."""
    styles = document.styles.element
    found = [styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}")]
    for style in styles.iterfind(w("style")):
        if style.get(w("type")) == "paragraph" and style.get(w("default")) in ("1", "true"):
            found.append(style.find(f"{w('rPr')}/{w('lang')}"))
            break
    for lang in found:
        if lang is not None and lang.get(w("val")):
            return lang.get(w("val"))
    if document.core_properties.language:
        return document.core_properties.language
    theme = document.settings.element.find(w("themeFontLang"))
    return theme.get(w("val")) or None if theme is not None else None


_HEADING_ROLES = ("H1", "H2", "H3", "H4", "H5", "H6")


def paragraph_role(para: Paragraph, style_name: str) -> str:
    """What a paragraph is in a tagged PDF (see `Paragraph.role`): a heading by its outline
    level (levels below the sixth are H6), a table of contents entry by Word's "toc N"
    styles, a caption by its style, a list item by its label, a figure when it holds only a
    picture or chart, else a plain paragraph."""
    name = style_name.lower()
    if para.props.outline_level is not None:
        return _HEADING_ROLES[min(para.props.outline_level, 5)]
    if name.startswith("toc ") and name[4:].strip().isdigit():
        return "TOCI"
    if name == "caption":
        return "Caption"
    if para.label is not None and para.label.text.strip():
        return "LI"
    objects = [i for i in para.inlines if isinstance(i, InlineObject)]
    if len(objects) == 1 and not para.text.strip():
        return "Figure"
    return "P"


def _compat_mode(settings: etree._Element) -> int:
    """Word compatibility mode from settings.xml (12 = Word 2007 when absent)."""
    for setting in settings.iter(w("compatSetting")):
        if setting.get(w("name")) == "compatibilityMode":
            try:
                return int(setting.get(w("val"), "12"))
            except ValueError:
                return 12
    return 12

