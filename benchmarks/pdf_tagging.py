"""Benchmark: the cost of the tagged PDF (issue 17), as a ratio against untagged output.

    python benchmarks/pdf_tagging.py [REPORT.docx ...] [--reps N]

For each document (default: the example report built from inputs/, and examples/council),
docgen's engine renders it tagged and untagged in turn, `--reps` times each (default 8), and
the CPU time (`time.process_time`, which other jobs on the machine disturb less than the
clock) of each is printed with the median ratio. A benchmark, not a test: it prints and never
fails. Target: tagged ≤ 1.15× untagged.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))


def build(workbook: Path, out: Path, template: Path | None = None) -> Path:
    """Build a workbook's .docx (no PDF)."""
    import docgen

    kwargs = {"template": template} if template else {}
    return docgen.build(workbook, outdir=out, **kwargs).docx


def measure(docx: Path, reps: int, work: Path) -> tuple[float, float]:
    """(untagged, tagged) median CPU seconds of rendering `docx`."""
    from docgen.pdf.document import render_docx_to_pdf

    render_docx_to_pdf(str(docx), str(work / "warm.pdf"))  # imports and caches, untimed
    times: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(reps):
        for tagged in (False, True):
            start = time.process_time()
            render_docx_to_pdf(str(docx), str(work / f"{tagged}.pdf"), tagged=tagged)
            times[tagged].append(time.process_time() - start)
    return statistics.median(times[False]), statistics.median(times[True])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("documents", nargs="*", help=".docx files (default: the examples)")
    parser.add_argument("--reps", type=int, default=8, help="renders of each kind")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        documents = [Path(d) for d in args.documents] or [
            build(ROOT / "inputs" / "quarterly-report-2019-11.xlsx", work / "example"),
            build(ROOT / "examples" / "council" / "council.xlsx", work / "council",
                  ROOT / "examples" / "council" / "template.docx")]
        print(f"{'document':<36} {'untagged':>9} {'tagged':>9} {'ratio':>6}")
        for docx in documents:
            plain, tagged = measure(docx, args.reps, work)
            print(f"{docx.name:<36} {plain:>8.3f}s {tagged:>8.3f}s {tagged / plain:>5.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
