"""Reading a Word template that may come from a stranger: bounded, read-only, and cleaned.

`read_template` reads the file once (never opening it for writing), checks what the zip
declares before anything is unpacked (size, parts, paragraphs), and removes what a committee
report never needs and an attacker would use, each with a warning naming it:

- macros (`vbaProject.bin`) and ActiveX controls;
- an attached template (Word's remote-template route for macro injection);
- embedded OLE objects and packages;
- `altChunk` parts (HTML, RTF or another document pasted in by Word at open time);
- relationships to anything outside the file (external or `file://` images, links to local
  files), except web and e-mail hyperlinks;
- fields that fetch or run something when the document is opened or updated
  (`INCLUDEPICTURE`, `INCLUDETEXT`, `DDE`, `DDEAUTO`, `LINK`, `IMPORT`), kept as their last
  shown text.

The cleaned bytes are what docgen renders, so a report never carries them, and neither does
the copy LibreOffice is given with `--pdf-engine libreoffice`.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .exceptions import DocgenError, Problem, TemplateError
from .ooxml.ns import R_NS, W
from .ooxml.package import DOCUMENT_PART

MAX_TEMPLATE_BYTES = 20_000_000
"""The largest template file accepted."""

MAX_TEMPLATE_UNPACKED_BYTES = 60_000_000
"""The largest total size of a template's parts once unzipped, as the zip declares them."""

MAX_TEMPLATE_PARTS = 1_000
"""The most parts a template may have."""

MAX_TEMPLATE_PARAGRAPHS = 20_000
"""The most paragraphs a template's body, headers and footers may hold together."""

MAX_COMPRESSION_RATIO = 200
"""The largest unzipped-to-zipped ratio of one part larger than 1 MB (zip bombs)."""

SAFE_LINK = re.compile(r"(https?|mailto):", re.IGNORECASE)
RISKY_FIELD = re.compile(r"^\s*(INCLUDEPICTURE|INCLUDETEXT|DDEAUTO|DDE|LINK|IMPORT)\b",
                         re.IGNORECASE)
STRIPPED_PARTS = {
    "vbaproject": "macros (a VBA project)",
    "vbadata": "macros (a VBA project)",
    "activex": "an ActiveX control",
}
RISKY_RELATIONSHIPS = {
    "/attachedTemplate": "an attached template",
    "/aFChunk": "an altChunk (content Word pastes in when opening)",
    "/oleObject": "an embedded OLE object",
    "/package": "an embedded package",
    "/control": "an ActiveX control",
    "/vbaProject": "macros (a VBA project)",
}
MACRO_CONTENT_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"
DOCUMENT_CONTENT_TYPE = ("application/vnd.openxmlformats-officedocument.wordprocessingml."
                         "document.main+xml")
_XML_PART = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes|settings)\.xml")
_PARAGRAPH = re.compile(rb"<w:p[ >/]")
_RISKY_XML = re.compile(rb"altChunk|<w:object|attachedTemplate|INCLUDEPICTURE|INCLUDETEXT|DDE"
                        rb"|LINK |IMPORT ", re.IGNORECASE)
"""A cheap look for anything `_drop_elements` or `_neutralise_fields` would change."""


@dataclass
class TemplateFile:
    """A template's bytes as docgen will render them, and what was removed on the way."""

    data: bytes
    problems: list[Problem] = field(default_factory=list)


def read_template(path: str | Path, *, error: type[DocgenError] = TemplateError
                  ) -> TemplateFile:
    """The template (or any .docx) at `path`, bounded and cleaned; `error` (`TemplateError`
    unless told) with one sentence when it cannot be used."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_TEMPLATE_BYTES:
            raise error(f"'{path}' is {size / 1e6:.0f} MB; docgen accepts Word files up to "
                        f"{MAX_TEMPLATE_BYTES / 1e6:.0f} MB")
        with open(path, "rb") as handle:  # read-only: a build never writes its template
            data = handle.read(MAX_TEMPLATE_BYTES + 1)
    except FileNotFoundError:
        raise error(f"'{path}' was not found") from None
    except IsADirectoryError:
        raise error(f"'{path}' is a folder, not a Word file") from None
    except OSError as exc:
        raise error(f"'{path}' cannot be read ({exc.strerror})") from None
    try:
        return clean_template(data, path.name)
    except TemplateError as exc:
        raise error(str(exc)) from None


def clean_template(data: bytes, name: str) -> TemplateFile:
    """`data` (a .docx) checked against the limits and with risky content removed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise TemplateError(f"'{name}' is not a readable Word document ({exc})") from None
    _check_declared_sizes(entries, name)
    names = {entry.filename for entry in entries}
    if DOCUMENT_PART not in names:
        raise TemplateError(f"'{name}' is not a readable Word document (no {DOCUMENT_PART})")
    cleaner = _Cleaner(archive, data, name)
    return TemplateFile(cleaner.clean(), cleaner.problems)


def _check_declared_sizes(entries: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse a template whose zip declares too much, before anything is unpacked."""
    if len(entries) > MAX_TEMPLATE_PARTS:
        raise TemplateError(f"'{name}' has {len(entries):,} parts; a Word file has at most "
                            f"{MAX_TEMPLATE_PARTS:,}")
    total = sum(entry.file_size for entry in entries)
    if total > MAX_TEMPLATE_UNPACKED_BYTES:
        raise TemplateError(f"'{name}' unpacks to {total / 1e6:.0f} MB; docgen accepts Word files "
                            f"up to {MAX_TEMPLATE_UNPACKED_BYTES / 1e6:.0f} MB unpacked")
    for entry in entries:
        if entry.file_size > 1_000_000 and entry.file_size > MAX_COMPRESSION_RATIO * max(
                entry.compress_size, 1):
            raise TemplateError(f"'{name}' looks like a zip bomb: its part {entry.filename} "
                                f"unpacks {entry.file_size // max(entry.compress_size, 1):,} "
                                "times larger than it is stored")


class _Cleaner:
    """Rewrites a template's zip without the parts, relationships and elements listed above."""

    def __init__(self, archive: zipfile.ZipFile, data: bytes, name: str):
        self.archive = archive
        self.data = data
        self.name = name
        self.problems: list[Problem] = []
        self.removed_parts: set[str] = set()
        self.removed_ids: dict[str, set[str]] = {}  # source part -> relationship ids removed
        self.paragraphs = 0

    def clean(self) -> bytes:
        """The cleaned .docx (the original bytes' parts, rewritten only where needed)."""
        parts = {entry.filename: entry for entry in self.archive.infolist()}
        for part in parts:
            kind = next((label for key, label in STRIPPED_PARTS.items()
                         if key in part.lower()), None)
            if kind is not None:
                self._remove_part(part, kind)
        rewritten: dict[str, bytes] = {}
        for part in parts:
            if part.endswith(".rels") and part not in self.removed_parts:
                rewritten[part] = self._clean_relationships(part)
        for part in parts:
            if _XML_PART.fullmatch(part) and part not in self.removed_parts:
                rewritten[part] = self._clean_xml(part)
        if self.paragraphs > MAX_TEMPLATE_PARAGRAPHS:
            raise TemplateError(f"'{self.name}' has {self.paragraphs:,} paragraphs; docgen "
                                f"accepts Word files of up to {MAX_TEMPLATE_PARAGRAPHS:,}")
        if "[Content_Types].xml" in parts:
            rewritten["[Content_Types].xml"] = self._clean_content_types()
        if not self.removed_parts and all(data is None for data in rewritten.values()):
            return self.data
        return self._write(parts, rewritten)

    # -- parts and relationships ----------------------------------------------------------

    def _remove_part(self, part: str, kind: str) -> None:
        if part not in self.removed_parts:
            self.removed_parts.add(part)
            self._warn(f"removed {kind} ({part})")

    def _clean_relationships(self, rels_part: str) -> bytes | None:
        """The relationships part without risky relationships (None: nothing removed)."""
        from lxml import etree

        data = self.archive.read(rels_part)
        root = _parse(data, self.name, rels_part)
        source = _source_of(rels_part)
        removed = self.removed_ids.setdefault(source, set())
        for rel in list(root):
            kind = rel.get("Type", "")
            target = rel.get("Target", "")
            reason = next((label for key, label in RISKY_RELATIONSHIPS.items()
                           if kind.endswith(key)), None)
            if kind.endswith("/package") and source.startswith("word/charts/"):
                reason = None  # a chart's data: the workbook Word edits the chart in
            external = rel.get("TargetMode") == "External"
            if reason is None and external and not (
                    kind.endswith("/hyperlink") and SAFE_LINK.match(target.strip())):
                reason = f"a link to something outside the file ({target[:80]})"
            if reason is None:
                if _resolve(source, target) in self.removed_parts:
                    reason = "a reference to a removed part"
                else:
                    continue
            root.remove(rel)
            removed.add(rel.get("Id", ""))
            if not external:
                self._remove_part(_resolve(source, target), reason)
            elif reason != "a reference to a removed part":
                self._warn(f"removed {reason}")
        if not removed:
            return None
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def _clean_content_types(self) -> bytes | None:
        """The content types without removed parts, a macro document declared as a plain one
        (None: unchanged)."""
        from lxml import etree

        data = self.archive.read("[Content_Types].xml")
        root = _parse(data, self.name, "[Content_Types].xml")
        changed = False
        for override in list(root):
            part = override.get("PartName", "").lstrip("/")
            if part and part in self.removed_parts:
                root.remove(override)
                changed = True
            elif override.get("ContentType") == MACRO_CONTENT_TYPE:
                override.set("ContentType", DOCUMENT_CONTENT_TYPE)
                changed = True
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                              standalone=True) if changed else None

    # -- the document's XML ---------------------------------------------------------------

    def _clean_xml(self, part: str) -> bytes | None:
        """A body, header, footer or settings part without risky elements (None: unchanged)."""
        from lxml import etree

        data = self.archive.read(part)
        self.paragraphs += len(_PARAGRAPH.findall(data))
        if self.paragraphs > MAX_TEMPLATE_PARAGRAPHS:
            return None  # refused by clean() once counted
        removed_ids = self.removed_ids.get(part, set())
        if not removed_ids and not _RISKY_XML.search(data):
            return None
        root = _parse(data, self.name, part)
        changed = _drop_elements(root, removed_ids, self._warn)
        changed |= _neutralise_fields(root, self._warn)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                              standalone=True) if changed else None

    def _warn(self, message: str) -> None:
        self.problems.append(Problem("warning", f"{message}: a committee report never needs "
                                     "it", self.name))

    def _write(self, parts: dict[str, zipfile.ZipInfo], rewritten: dict[str, bytes | None]
               ) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for part, entry in parts.items():
                if part not in self.removed_parts:
                    data = rewritten.get(part)
                    target.writestr(entry, self.archive.read(part) if data is None else data,
                                    compress_type=zipfile.ZIP_DEFLATED)
        return out.getvalue()


def _parse(data: bytes, name: str, part: str):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise TemplateError(f"'{name}' is damaged: its part {part} is not readable XML "
                            f"({exc})") from None


def _source_of(rels_part: str) -> str:
    """word/_rels/document.xml.rels → word/document.xml; _rels/.rels → ''."""
    folder, _, file = rels_part.rpartition("_rels/")
    return folder + file.removesuffix(".rels")


def _resolve(source: str, target: str) -> str:
    """A relationship's target as a part name in the zip."""
    if target.startswith("/"):
        return target.lstrip("/")
    parts = source.rsplit("/", 1)[0].split("/") if "/" in source else []
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _drop_elements(root, removed_ids: set[str], warn) -> bool:
    """Remove altChunks, OLE objects, the attached-template setting, and references to
    relationships that were removed."""
    changed = False
    for tag, label in (("altChunk", "an altChunk"), ("object", "an embedded object"),
                       ("attachedTemplate", "an attached template")):
        for element in list(root.iter(f"{W}{tag}")):
            element.getparent().remove(element)
            changed = True
            if not removed_ids:  # otherwise its relationship's removal said so already
                warn(f"removed {label}")
    for element in root.iter():
        for attribute in (f"{{{R_NS}}}id", f"{{{R_NS}}}link", f"{{{R_NS}}}embed"):
            if element.get(attribute) in removed_ids:
                del element.attrib[attribute]
                changed = True
    return changed


def _neutralise_fields(root, warn) -> bool:
    """Replace risky fields by the text they last showed."""
    changed = False
    for simple in list(root.iter(f"{W}fldSimple")):
        if RISKY_FIELD.match(simple.get(f"{W}instr", "")):
            warn(f"removed a {simple.get(f'{W}instr').split()[0].upper()} field")
            for child in list(simple):
                simple.addprevious(child)
            simple.getparent().remove(simple)
            changed = True
    for paragraph in root.iter(f"{W}p"):
        changed |= _neutralise_complex_fields(paragraph, warn)
    return changed


def _neutralise_complex_fields(paragraph, warn) -> bool:
    """In one paragraph, drop a risky field's code runs (begin … separate, end), keeping the
    runs of its result."""
    runs = [r for r in paragraph.iter(f"{W}r")]
    stack: list[dict] = []
    doomed = []
    for run in runs:
        char = run.find(f"{W}fldChar")
        kind = char.get(f"{W}fldCharType") if char is not None else None
        if kind == "begin":
            stack.append({"runs": [run], "code": "", "in_code": True})
        elif stack and kind == "separate":
            stack[-1]["runs"].append(run)
            stack[-1]["in_code"] = False
        elif stack and kind == "end":
            field_ = stack.pop()
            field_["runs"].append(run)
            if RISKY_FIELD.match(field_["code"]):
                warn(f"removed a {field_['code'].split()[0].upper()} field")
                doomed += field_["runs"]
        elif stack and stack[-1]["in_code"]:
            stack[-1]["runs"].append(run)
            stack[-1]["code"] += "".join(t.text or "" for t in run.iter(f"{W}instrText"))
    for run in doomed:
        if run.getparent() is not None:
            run.getparent().remove(run)
    return bool(doomed)
