"""The tagged PDF's own objects (`docgen.pdf.tagged_pdf`): catalog marks, parent tree,
language from the document, title display and XMP metadata claiming PDF/UA-1."""

from __future__ import annotations

import pikepdf
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from tests.support import docx_fixtures as fx

from docgen.pdf import export_pdf
from docgen.pdf.document import render_docx_to_pdf


def test_catalog_marks_title_and_metadata(render):
    pdf, _ = render(fx.headings)
    with pikepdf.open(pdf) as doc:
        root = doc.Root
        assert bool(root.MarkInfo.Marked) is True
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        meta = doc.open_metadata()
        assert meta["dc:title"] == "Performance report"
        assert meta["dc:creator"] == ["Committee clerk"]
        assert meta["pdfuaid:part"] == "1"
        tree = root.StructTreeRoot
        nums = tree.ParentTree.Nums
        keys = [int(k) for k in nums[::2]]
        assert keys == list(range(len(doc.pages)))
        assert [int(p.StructParents) for p in doc.pages] == keys
        assert int(tree.ParentTreeNextKey) == len(doc.pages)
        # Each MCID's element is a structure element whose type opened the sequence.
        marks = nums[1]
        assert all(isinstance(m, pikepdf.Dictionary) and m.Type == pikepdf.Name.StructElem
                   for m in marks)


def test_untagged_output_has_none_of_it(tmp_path):
    source = fx.headings(tmp_path / "h.docx")
    render_docx_to_pdf(str(source), str(tmp_path / "h.pdf"), tagged=False)
    with pikepdf.open(tmp_path / "h.pdf") as doc:
        assert "/StructTreeRoot" not in doc.Root
        assert "/MarkInfo" not in doc.Root


def _language_document(where: str, code: str):
    d = fx.arial_document()
    d.add_paragraph("Adroddiad chwarterol")
    styles = d.styles.element
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    lang = defaults.find(qn("w:lang"))
    if lang is not None:
        defaults.remove(lang)
    if where == "normal":
        normal = d.styles["Normal"].element.get_or_add_rPr()
        element = OxmlElement("w:lang")
        element.set(qn("w:val"), code)
        normal.append(element)
    elif where == "settings":
        element = d.settings.element.find(qn("w:themeFontLang"))
        if element is None:
            element = OxmlElement("w:themeFontLang")
            d.settings.element.append(element)
        element.set(qn("w:val"), code)
    else:
        theme = d.settings.element.find(qn("w:themeFontLang"))
        if theme is not None:
            d.settings.element.remove(theme)
    return d


@pytest.mark.parametrize("where", ["normal", "settings"])
def test_the_language_comes_from_the_default_style_or_the_settings(tmp_path, where):
    d = _language_document(where, "cy-GB")
    pdf = tmp_path / "cy.pdf"
    export_pdf(fx.save(d, tmp_path / "cy.docx"), pdf)
    with pikepdf.open(pdf) as doc:
        assert str(doc.Root.Lang) == "cy-GB"
        assert set(doc.open_metadata()["dc:language"]) == {"cy-GB"}


def test_a_document_without_a_language_gets_none_invented(tmp_path):
    d = _language_document("nowhere", "")
    d.core_properties.language = ""
    pdf = tmp_path / "none.pdf"
    export_pdf(fx.save(d, tmp_path / "none.docx"), pdf)
    with pikepdf.open(pdf) as doc:
        assert "/Lang" not in doc.Root


def test_the_metadata_escapes_what_the_document_says():
    from lxml import etree

    from docgen.pdf.model import DocumentModel
    from docgen.pdf.tagged_pdf import xmp_packet

    doc = DocumentModel([], title="R&D <costs> \"2026\"", author="Clerk & Co", language="cy-GB")
    packet = xmp_packet(doc)
    root = etree.fromstring(packet.split("?>", 1)[1].rsplit("<?xpacket", 1)[0].encode())
    ns = {"dc": "http://purl.org/dc/elements/1.1/", "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
          "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
    assert root.findtext(".//dc:title/rdf:Alt/rdf:li", namespaces=ns) == "R&D <costs> \"2026\""
    assert root.findtext(".//dc:creator/rdf:Seq/rdf:li", namespaces=ns) == "Clerk & Co"
    assert root.findtext(".//pdfuaid:part", namespaces=ns) == "1"


def test_drawing_a_report_imports_no_network_modules():
    """xml.sax.saxutils, for one escape, brought urllib, http and ssl along (~50 ms of every
    process that draws a PDF): a build imports none of them."""
    import subprocess
    import sys

    from tests.support import EXAMPLE

    code = ("import sys, tempfile; from pathlib import Path; from docgen import pipeline; "
            f"pipeline.build(Path({str(EXAMPLE)!r}), outdir=Path(tempfile.mkdtemp()), pdf=True); "
            "print(sorted(m for m in ('ssl', 'http.client', 'urllib.request', 'xml.sax.saxutils')"
            " if m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "[]"
