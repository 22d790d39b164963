"""The report's document properties: core (title, author, …), custom (provenance) and language.

What Word shows under File > Properties, what a screen reader and Word's proofing take the
text's language from, and where the PDF engine finds its /Title and /Lang.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import TYPE_CHECKING

from lxml import etree

from .ooxml.ns import CP_NS, qn

if TYPE_CHECKING:
    from .model import Report

# Provenance keys (from `api.provenance`) and their names under File > Properties > Custom.
CUSTOM_PROPERTIES = {
    "source_workbook": "Source workbook",
    "source_sha256": "Source workbook SHA-256",
    "docgen_version": "docgen version",
}
CORE_PROPERTIES_NS = CP_NS


def set_properties(document, report: Report, extra: dict) -> None:
    """Title, subject, author, keywords, created and language from the workbook; provenance
    (source workbook, its SHA-256, docgen's version) as custom document properties."""
    with _core_properties_prefix():
        core = document.core_properties
        s = report.settings
        core.title = s.title
        core.subject = s.subject or f"{s.report_to} {s.meeting_date_text}".strip()
        core.author = s.author or s.organisation
        core.last_modified_by = s.author or s.organisation
        core.keywords = s.keywords
        core.language = s.language
        core.category = "Committee report"
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
        core.created = core.modified = now
        core.revision = 1
        if extra.get("comments"):
            core.comments = extra["comments"]
    set_custom_properties(document, {CUSTOM_PROPERTIES[key]: str(value)
                                     for key, value in extra.items() if key in CUSTOM_PROPERTIES})
    set_language(document, report.settings.language)


def set_language(document, language: str) -> None:
    """Mark the document's text as `language` (docDefaults' w:lang), for Word's proofing and
    screen readers; the PDF takes its /Lang from it."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = etree.Element(qn("w:docDefaults"))
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = etree.Element(qn("w:rPrDefault"))
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = etree.SubElement(rpr_default, qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = etree.Element(qn("w:lang"))
        _insert_before_any(rpr, lang, _AFTER_LANG)
    lang.set(qn("w:val"), language)


_AFTER_LANG = tuple(qn(f"w:{name}") for name in ("eastAsianLayout", "specVanish", "oMath",
                                                 "rPrChange"))
"""What follows w:lang in a run's properties (CT_RPr, ECMA-376 Part 1, 17.3.2.28)."""


def _insert_before_any(parent, child, successors: tuple[str, ...]) -> None:
    """Put `child` under `parent` before its first element named in `successors`, or last:
    its place in the schema's sequence, which Word checks."""
    following = next((el for el in parent if el.tag in successors), None)
    if following is None:
        parent.append(child)
    else:
        following.addprevious(child)


def set_custom_properties(document, properties: dict[str, str]) -> None:
    """Write text properties to docProps/custom.xml (Word's File > Properties > Custom)."""
    from docxcompose.properties import CustomProperties

    custom = CustomProperties(document)
    for name, value in properties.items():
        custom[name] = value


@contextlib.contextmanager
def _core_properties_prefix():
    """Point python-docx's 'cp' prefix at the core-properties namespace while in use.

    docxcompose (imported by docxtpl) rebinds 'cp' to the custom-properties namespace, which
    made python-docx write keywords, category, revision and last-modified-by as stray elements
    Word ignores.
    """
    from docx.oxml.ns import nsmap

    before = nsmap.get("cp")
    nsmap["cp"] = CORE_PROPERTIES_NS
    try:
        yield
    finally:
        if before is not None:
            nsmap["cp"] = before
