"""Build a fixed set of outputs and print a SHA-256 of each one's content, to show a change
left docgen's behaviour alone.

    python scripts/snapshot_outputs.py [OUTDIR] [--detail] > before.txt
    ... change the code ...
    python scripts/snapshot_outputs.py [OUTDIR] [--detail] > after.txt && diff before.txt after.txt

It runs `python -m docgen` with this checkout's `src/` first on the path (so a copy of the
tree snapshots its own code), builds the example and the minimal workbook with the default and
the restyled template (.docx and PDF), and renders a few of the PDF tests' fixture documents
with `docgen pdf`. A digest covers content only: for a .docx every part's bytes, with the
timestamps of docProps/core.xml and docProps/custom.xml removed (in embedded chart workbooks
too); for a PDF each page's size, content stream, fonts and images, and the document's info and
language without /CreationDate, /ModDate or /ID. `--detail` also prints a digest per part or
page, to find what differs. The properties name the source workbook's SHA-256, so a workbook
that is regenerated changes its reports' digests.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "inputs" / "quarterly-report-2019-11.xlsx"
MINIMAL = ROOT / "examples" / "minimal" / "minimal.xlsx"
RESTYLED = ROOT / "examples" / "restyled" / "template.docx"
TEMPLATES = {"default": None, "restyled": RESTYLED}
FIXTURES = ("long_report", "merged_table", "multilevel_list", "page_numbers", "long_table",
            "nested_table")
TIMESTAMPED_PARTS = ("docProps/core.xml", "docProps/custom.xml")
# An ISO 8601 date-time, as Word and docgen write them in the properties parts.
TIMESTAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?")
VOLATILE_INFO = ("/CreationDate", "/ModDate")
EMBEDDED_PACKAGES = (".xlsx", ".docx")


def docgen(*args: str | os.PathLike[str]) -> None:
    """Run this checkout's `docgen` command; stop the snapshot if it fails."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"),
                                                        os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-m", "docgen", *map(str, args)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")


def build_outputs(outdir: Path) -> list[Path]:
    """Build every output of the snapshot into `outdir`; return them in a fixed order."""
    outputs: list[Path] = []
    for workbook in (EXAMPLE, MINIMAL):
        for name, template in TEMPLATES.items():
            folder = outdir / name
            docgen("build", workbook, "-o", folder, "--pdf",
                   *(["-t", template] if template else []))
            outputs += [folder / f"{workbook.stem}.docx", folder / f"{workbook.stem}.pdf"]
    return outputs + render_fixtures(outdir / "fixtures")


def render_fixtures(folder: Path) -> list[Path]:
    """`docgen pdf` of some of the PDF tests' one-feature documents."""
    sys.path.insert(0, str(ROOT))
    from tests.support import docx_fixtures

    folder.mkdir(parents=True, exist_ok=True)
    outputs = []
    for name in FIXTURES:
        docx_path = getattr(docx_fixtures, name)(folder / f"{name}.docx")
        docgen("pdf", docx_path, "-o", docx_path.with_suffix(".pdf"))
        outputs.append(docx_path.with_suffix(".pdf"))
    return outputs


def docx_parts(path: Path) -> Iterator[tuple[str, bytes]]:
    """(name, content) of each part of a .docx, sorted by name, timestamps removed."""
    with zipfile.ZipFile(path) as archive:
        yield from package_parts(archive)


def package_parts(archive: zipfile.ZipFile) -> Iterator[tuple[str, bytes]]:
    """(name, content) of each part of an OOXML package, sorted by name, timestamps removed.

    An embedded package (a chart's workbook) counts by its own parts, as it has timestamps too.
    """
    for name in sorted(archive.namelist()):
        data = archive.read(name)
        if name in TIMESTAMPED_PARTS:
            data = TIMESTAMP.sub(b"<time>", data)
        elif name.endswith(EMBEDDED_PACKAGES):
            with zipfile.ZipFile(io.BytesIO(data)) as inner:
                data = digest(package_parts(inner)).encode()
        yield name, data


def pdf_parts(path: Path) -> Iterator[tuple[str, bytes]]:
    """(name, content) of a PDF's document info and of each page's content, fonts and images."""
    import pypdf

    reader = pypdf.PdfReader(str(path))
    info = {k: str(v) for k, v in (reader.metadata or {}).items() if k not in VOLATILE_INFO}
    language = reader.trailer["/Root"].get("/Lang")
    yield "info", repr((sorted(info.items()), str(language))).encode()
    for number, page in enumerate(reader.pages, 1):
        contents = page.get_contents()
        yield f"page {number} content", contents.get_data() if contents is not None else b""
        yield f"page {number} size", repr([float(v) for v in page.mediabox]).encode()
        yield f"page {number} fonts", repr(page_fonts(page)).encode()
        yield f"page {number} images", repr(page_images(page)).encode()


def page_fonts(page) -> list[tuple[str, str, str]]:
    """(resource name, base font, digest of the embedded font file) of each font on a page."""
    found = []
    for key, ref in sorted(_resources(page, "/Font").items()):
        font = ref.get_object()
        found.append((key, str(font.get("/BaseFont")), _font_file_digest(font)))
    return found


def _font_file_digest(font) -> str:
    """The digest of a font's embedded program, or "" for a standard font."""
    descriptors = [font.get("/FontDescriptor")]
    for child in font.get("/DescendantFonts", []):
        descriptors.append(child.get_object().get("/FontDescriptor"))
    for descriptor in filter(None, descriptors):
        descriptor = descriptor.get_object()
        for key in ("/FontFile", "/FontFile2", "/FontFile3"):
            if key in descriptor:
                return hashlib.sha256(descriptor[key].get_object().get_data()).hexdigest()
    return ""


def page_images(page) -> list[tuple[str, str]]:
    """(resource name, digest of the data) of each XObject a page draws."""
    return [(key, hashlib.sha256(ref.get_object().get_data()).hexdigest())
            for key, ref in sorted(_resources(page, "/XObject").items())]


def _resources(page, kind: str) -> dict:
    """A page's resources of one kind (/Font, /XObject), empty when it has none."""
    resources = page.get("/Resources")
    found = resources.get_object().get(kind) if resources is not None else None
    return dict(found.get_object()) if found is not None else {}


def content_parts(path: Path) -> Iterator[tuple[str, bytes]]:
    """The parts of an output that its digest covers."""
    return docx_parts(path) if path.suffix == ".docx" else pdf_parts(path)


def digest(parts: Iterator[tuple[str, bytes]], detail: list[str] | None = None) -> str:
    """One SHA-256 over named parts; each part's own digest is added to `detail` if given."""
    whole = hashlib.sha256()
    for name, data in parts:
        part = hashlib.sha256(data).hexdigest()
        whole.update(f"{name}\0{part}\0".encode())
        if detail is not None:
            detail.append(f"    {part}  {name}")
    return whole.hexdigest()


def main(argv: list[str] | None = None) -> None:
    """Build the outputs and print one digest per output (and per part with --detail)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", nargs="?", type=Path, help="where to build (default: a temp "
                        "folder, removed afterwards)")
    parser.add_argument("--detail", action="store_true", help="also print a digest per part")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        outdir = (args.outdir or Path(scratch)).resolve()
        for output in build_outputs(outdir):
            detail: list[str] | None = [] if args.detail else None
            print(f"{digest(content_parts(output), detail)}  {output.relative_to(outdir)}")
            for line in detail or []:
                print(line)


if __name__ == "__main__":
    main()
