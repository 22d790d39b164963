"""Write the PDF fidelity corpus: benchmarks/corpus/*.docx and benchmarks/corpus/MANIFEST.md.

    python benchmarks/make_corpus.py [OUTDIR] [--keep-workbooks DIR]

Two kinds of document (see corpus_workbooks.py, corpus_docx.py and corpus_docx_tables.py; what
they say is in corpus_sources.py): docgen reports built with
docgen's API from workbooks written from the example and minimal workbooks, and ordinary Word
files made with python-docx. Every file is made deterministic (fixed zip times and document
dates, nested workbooks too), so running the script again gives the same parts and a test can
check the committed files are what it makes. Regenerate after changing docgen's .docx output
or these scripts; benchmarks/pdf_vs_libreoffice.py compares docgen's PDF of each with
LibreOffice's.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = HERE / "corpus"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

FIXED_TIME = (2019, 11, 21, 0, 0, 0)
FIXED_DATE = "2019-11-21T00:00:00Z"
DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def normalise_zip(data: bytes) -> bytes:
    """The same package with fixed entry times and document dates (nested packages too)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.endswith("core.xml"):
                content = DATES.sub(rb"\g<1>" + FIXED_DATE.encode() + rb"\g<3>", content)
            elif content[:4] == b"PK\x03\x04":
                content = normalise_zip(content)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()


def parts(data: bytes) -> dict[str, bytes]:
    """Every part of a package by name; a nested package's parts as 'outer!inner'."""
    found = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            content = package.read(name)
            if content[:4] == b"PK\x03\x04":
                found.update({f"{name}!{k}": v for k, v in parts(content).items()})
            else:
                found[name] = content
    return found


def docx_builders() -> dict:
    """The python-docx documents: name -> (builder, what it covers)."""
    import corpus_docx
    import corpus_docx_tables

    return {**corpus_docx.BUILDERS, **corpus_docx_tables.BUILDERS}


def documents() -> dict[str, tuple[str, str]]:
    """Every corpus document: name -> (kind, what it covers)."""
    from corpus_workbooks import REPORTS

    found = {name: ("docgen report", spec[3]) for name, spec in REPORTS.items()}
    found.update({name: ("python-docx", spec[1]) for name, spec in docx_builders().items()})
    return found


def make(outdir: Path, keep_workbooks: Path | None = None, only: list[str] | None = None
         ) -> list[Path]:
    """Write the corpus's .docx files (all, or those named) and its manifest in `outdir`."""
    from corpus_workbooks import REPORTS, build_report

    builders = docx_builders()
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="docgen-corpus-") as tmp:
        work = Path(tmp)
        for name in documents():
            if only and name not in only:
                continue
            target = outdir / f"{name}.docx"
            if name in REPORTS:
                build_report(name, work, target, normalise_zip)
                if keep_workbooks:
                    keep_workbooks.mkdir(parents=True, exist_ok=True)
                    shutil.copy(work / f"{name}.xlsx", keep_workbooks)
            else:
                builders[name][0](target)
            target.write_bytes(normalise_zip(target.read_bytes()))
            written.append(target)
    if not only:
        write_manifest(outdir)
    return written


def write_manifest(outdir: Path) -> None:
    """MANIFEST.md: one line per document, what it covers and where its text comes from."""
    lines = ["# PDF fidelity corpus", "",
             "Made by `python benchmarks/make_corpus.py` (do not edit by hand); compared by "
             "`python benchmarks/pdf_vs_libreoffice.py`. Text is the seed report's own, its "
             "published figures, or sentences composed for layout testing and labelled "
             "*Synthetic* in the document.", "",
             "| Document | Kind | Covers |", "|---|---|---|"]
    for name, (kind, covers) in documents().items():
        lines.append(f"| {name}.docx | {kind} | {covers} |")
    (outdir / "MANIFEST.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    """Write the corpus and say what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--keep-workbooks", type=Path, help="also keep the workbooks here")
    parser.add_argument("--only", nargs="*", help="only these documents (no manifest)")
    args = parser.parse_args()
    import logging

    logging.basicConfig(level=logging.ERROR)
    written = make(args.outdir, args.keep_workbooks, args.only)
    total = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} documents ({total / 1e6:.2f} MB) in {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
