"""`docgen.template_file`: a template from a stranger read once, bounded, and cleaned of what a
committee report never needs, each removal a warning naming it."""

from __future__ import annotations

import io
import os
import zipfile

import docx
import pytest

from docgen import template_file
from docgen.exceptions import DocumentError, TemplateError
from docgen.template_file import (
    DOCUMENT_CONTENT_TYPE,
    MACRO_CONTENT_TYPE,
    _resolve,
    _source_of,
    clean_template,
    read_template,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _base() -> dict[str, bytes]:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


BASE = _base()


def package(changes: dict[str, bytes | str] | None = None, drop: tuple[str, ...] = ()) -> bytes:
    parts = {**BASE, **{k: v.encode() if isinstance(v, str) else v
                        for k, v in (changes or {}).items()}}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            if name not in drop:
                archive.writestr(name, data)
    return out.getvalue()


def body(xml: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{xml}<w:sectPr/></w:body>'
            "</w:document>")


def relationships(*rels: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
            f'xmlns="{PKG}">{"".join(rels)}</Relationships>')


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def warnings(cleaned) -> list[str]:
    return [str(p) for p in cleaned.problems]


NEVER = ": a committee report never needs it"


def test_a_clean_document_is_given_back_byte_for_byte():
    data = package()
    cleaned = clean_template(data, "t.docx")
    assert cleaned.data is data and cleaned.problems == []


def test_macros_are_removed_and_the_document_declared_plain():
    types = BASE["[Content_Types].xml"].decode().replace(
        DOCUMENT_CONTENT_TYPE, MACRO_CONTENT_TYPE)
    types = types.replace("</Types>", '<Override PartName="/word/vbaProject.bin" ContentType='
                                      '"application/vnd.ms-office.vbaProject"/></Types>')
    cleaned = clean_template(package({"word/vbaProject.bin": b"\0macro",
                                      "[Content_Types].xml": types}), "t.docm")
    assert warnings(cleaned) == [f"t.docm: removed macros (a VBA project) (word/vbaProject.bin)"
                                 f"{NEVER}"]
    parts = parts_of(cleaned.data)
    assert "word/vbaProject.bin" not in parts
    assert MACRO_CONTENT_TYPE.encode() not in parts["[Content_Types].xml"]
    assert DOCUMENT_CONTENT_TYPE.encode() in parts["[Content_Types].xml"]
    assert b"vbaProject" not in parts["[Content_Types].xml"]


def test_an_external_picture_is_unlinked_and_its_reference_dropped():
    rels = BASE["word/_rels/document.xml.rels"].decode().replace("</Relationships>", (
        f'<Relationship Id="rIdX" Type="{R}/image" Target="http://evil.example/p.png" '
        'TargetMode="External"/></Relationships>'))
    document = body('<w:p><w:r><w:drawing><a:blip xmlns:a="urn:a" r:link="rIdX"/></w:drawing>'
                    "</w:r></w:p>")
    cleaned = clean_template(package({"word/_rels/document.xml.rels": rels,
                                      "word/document.xml": document}), "t.docx")
    assert warnings(cleaned) == [
        f"t.docx: removed a link to something outside the file (http://evil.example/p.png){NEVER}"]
    parts = parts_of(cleaned.data)
    assert b"evil.example" not in parts["word/_rels/document.xml.rels"]
    assert b"rIdX" not in parts["word/document.xml"]
    assert b"<a:blip" in parts["word/document.xml"]  # the element stays, unlinked


@pytest.mark.parametrize(("target", "kept"), [
    ("https://www.gov.uk/", True), ("mailto:clerk@example.org", True), ("HTTP://x.org", True),
    ("file:///etc/passwd", False), ("\\\\server\\share\\x.docx", False),
    ("javascript:alert(1)", False)])
def test_only_web_and_mail_hyperlinks_are_kept(target, kept):
    rels = BASE["word/_rels/document.xml.rels"].decode().replace("</Relationships>", (
        f'<Relationship Id="rIdL" Type="{R}/hyperlink" Target="{target}" '
        'TargetMode="External"/></Relationships>'))
    cleaned = clean_template(package({"word/_rels/document.xml.rels": rels}), "t.docx")
    assert (target.encode() in parts_of(cleaned.data)["word/_rels/document.xml.rels"]) is kept
    assert (cleaned.problems == []) is kept


def test_a_charts_embedded_workbook_is_kept_but_an_embedded_package_elsewhere_is_not():
    chart_rels = relationships(f'<Relationship Id="rId1" Type="{R}/package" '
                               'Target="../embeddings/Workbook1.xlsx"/>')
    doc_rels = BASE["word/_rels/document.xml.rels"].decode().replace("</Relationships>", (
        f'<Relationship Id="rIdP" Type="{R}/package" Target="embeddings/other.xlsx"/>'
        "</Relationships>"))
    cleaned = clean_template(package({
        "word/charts/_rels/chart1.xml.rels": chart_rels, "word/charts/chart1.xml": "<c/>",
        "word/embeddings/Workbook1.xlsx": b"PK", "word/embeddings/other.xlsx": b"PK",
        "word/_rels/document.xml.rels": doc_rels}), "t.docx")
    parts = parts_of(cleaned.data)
    assert "word/embeddings/Workbook1.xlsx" in parts
    assert "word/embeddings/other.xlsx" not in parts
    assert warnings(cleaned) == [f"t.docx: removed an embedded package "
                                 f"(word/embeddings/other.xlsx){NEVER}"]


def test_an_alt_chunk_and_its_part_go_with_one_warning():
    rels = BASE["word/_rels/document.xml.rels"].decode().replace("</Relationships>", (
        f'<Relationship Id="rIdC" Type="{R}/aFChunk" Target="chunk.html"/></Relationships>'))
    cleaned = clean_template(package({
        "word/_rels/document.xml.rels": rels, "word/chunk.html": "<html/>",
        "word/document.xml": body('<w:altChunk r:id="rIdC"/><w:p/>')}), "t.docx")
    parts = parts_of(cleaned.data)
    assert "word/chunk.html" not in parts and b"altChunk" not in parts["word/document.xml"]
    assert warnings(cleaned) == [f"t.docx: removed an altChunk (content Word pastes in when "
                                 f"opening) (word/chunk.html){NEVER}"]


def test_a_simple_risky_field_keeps_the_text_it_showed():
    cleaned = clean_template(package({"word/document.xml": body(
        '<w:p><w:fldSimple w:instr=" ddeauto excel x"><w:r><w:t>shown</w:t></w:r>'
        '</w:fldSimple><w:fldSimple w:instr="PAGE"><w:r><w:t>3</w:t></w:r></w:fldSimple>'
        "</w:p>")}), "t.docx")
    document = parts_of(cleaned.data)["word/document.xml"].decode()
    assert "ddeauto" not in document and "<w:t>shown</w:t>" in document
    assert 'w:instr="PAGE"' in document  # harmless fields stay
    assert warnings(cleaned) == [f"t.docx: removed a DDEAUTO field{NEVER}"]


def test_a_complex_risky_field_inside_a_harmless_one_loses_only_its_code_runs():
    runs = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>{code}'
            '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{result}'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    inner = runs.format(code='INCLUDETEXT "c:\\\\x.txt"', result="<w:r><w:t>inner</w:t></w:r>")
    outer = runs.format(code="PAGEREF _Toc1", result=inner)
    cleaned = clean_template(package({"word/document.xml": body(f"<w:p>{outer}</w:p>")}),
                             "t.docx")
    document = parts_of(cleaned.data)["word/document.xml"].decode()
    assert "INCLUDETEXT" not in document and "PAGEREF _Toc1" in document
    assert "<w:t>inner</w:t>" in document  # the text it last showed stays
    assert document.count("w:fldChar ") == 3  # the outer field's begin, separate and end
    assert warnings(cleaned) == [f"t.docx: removed a INCLUDETEXT field{NEVER}"]


def test_an_embedded_object_without_a_relationship_is_removed_with_a_warning():
    cleaned = clean_template(package({"word/document.xml": body(
        "<w:p><w:r><w:object/></w:r></w:p>")}), "t.docx")
    assert b"w:object" not in parts_of(cleaned.data)["word/document.xml"]
    assert warnings(cleaned) == [f"t.docx: removed an embedded object{NEVER}"]


def test_not_a_zip_and_no_document_part():
    with pytest.raises(TemplateError, match="^'t.docx' is not a readable Word document \\("):
        clean_template(b"just text", "t.docx")
    with pytest.raises(TemplateError) as raised:
        clean_template(package(drop=("word/document.xml",)), "t.docx")
    assert str(raised.value) == ("'t.docx' is not a readable Word document (no "
                                 "word/document.xml)")


def test_damaged_xml_names_its_part():
    rels = "<Relationships"
    with pytest.raises(TemplateError, match="^'t.docx' is damaged: its part "
                                            "word/_rels/document.xml.rels is not readable XML"):
        clean_template(package({"word/_rels/document.xml.rels": rels}), "t.docx")


def test_the_limits_each_with_its_sentence(monkeypatch):
    monkeypatch.setattr(template_file, "MAX_TEMPLATE_PARTS", 3)
    with pytest.raises(TemplateError, match=f"^'t.docx' has {len(BASE):,} parts; a Word file "
                                            "has at most 3$"):
        clean_template(package(), "t.docx")
    monkeypatch.setattr(template_file, "MAX_TEMPLATE_PARTS", 1000)
    monkeypatch.setattr(template_file, "MAX_TEMPLATE_UNPACKED_BYTES", 1_000_000)
    with pytest.raises(TemplateError, match="^'t.docx' unpacks to 2 MB; docgen accepts Word "
                                            "files up to 1 MB unpacked$"):
        clean_template(package({"word/media/photo.jpg": os.urandom(1_600_000)}), "t.docx")


def test_a_zip_bomb_is_refused_before_unpacking():
    with pytest.raises(TemplateError, match="^'t.docx' looks like a zip bomb: its part "
                                            "word/media/big.bin unpacks [\\d,]+ times larger"):
        clean_template(package({"word/media/big.bin": b"\0" * 3_000_000}), "t.docx")


def test_too_many_paragraphs(monkeypatch):
    monkeypatch.setattr(template_file, "MAX_TEMPLATE_PARAGRAPHS", 5)
    document = body("<w:p/>" * 3 + "<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 3)
    with pytest.raises(TemplateError) as raised:
        clean_template(package({"word/document.xml": document}), "t.docx")
    assert str(raised.value) == ("'t.docx' has 6 paragraphs; docgen accepts Word files of up "
                                 "to 5")


def test_read_template_names_the_path(tmp_path):
    with pytest.raises(TemplateError) as raised:
        read_template(tmp_path / "gone.docx")
    assert str(raised.value) == f"'{tmp_path / 'gone.docx'}' was not found"
    with pytest.raises(TemplateError, match="is a folder, not a Word file"):
        read_template(tmp_path)


def test_read_template_raises_the_error_asked_for(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_text("text")
    with pytest.raises(DocumentError, match="^'notes.docx' is not a readable Word document"):
        read_template(path, error=DocumentError)


def test_read_template_refuses_a_large_file_before_reading_it(tmp_path, monkeypatch):
    monkeypatch.setattr(template_file, "MAX_TEMPLATE_BYTES", 2_000_000)
    path = tmp_path / "big.docx"
    path.write_bytes(b"\0" * 3_000_000)
    with pytest.raises(TemplateError) as raised:
        read_template(path)
    assert str(raised.value) == f"'{path}' is 3 MB; docgen accepts Word files up to 2 MB"


def test_read_template_never_opens_the_file_for_writing(tmp_path, monkeypatch):
    import builtins

    path = tmp_path / "t.docx"
    path.write_bytes(package())
    modes = []
    real_open = builtins.open

    def spy(file, mode="r", *args, **kwargs):
        if str(file) == str(path):
            modes.append(mode)
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    assert read_template(path).data == path.read_bytes()
    assert modes == ["rb"]


@pytest.mark.parametrize(("rels", "source"), [
    ("word/_rels/document.xml.rels", "word/document.xml"),
    ("_rels/.rels", ""),
    ("word/charts/_rels/chart1.xml.rels", "word/charts/chart1.xml")])
def test_the_part_a_relationships_part_belongs_to(rels, source):
    assert _source_of(rels) == source


@pytest.mark.parametrize(("source", "target", "part"), [
    ("word/document.xml", "media/image1.png", "word/media/image1.png"),
    ("word/charts/chart1.xml", "../embeddings/Workbook1.xlsx", "word/embeddings/Workbook1.xlsx"),
    ("word/document.xml", "/customXml/item1.xml", "customXml/item1.xml"),
    ("", "word/document.xml", "word/document.xml"),
    ("word/document.xml", "./styles.xml", "word/styles.xml"),
    ("word/document.xml", "../../../../x", "x")])
def test_relationship_targets_resolve_to_part_names(source, target, part):
    assert _resolve(source, target) == part
