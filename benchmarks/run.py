"""Benchmark: how fast docgen is, stage by stage, beside the anchors that bound it.

    python benchmarks/run.py [--reps N] [--quick] [--no-libreoffice] [--batch N]

It times, as medians over repeated warm runs in this process, each stage (read workbook,
build model, render .docx, export PDF) and the whole `docgen.build(pdf=True)` for the example
report (inputs/) and for a generated large report (benchmarks/large_workbook.py: synthetic
data, about 80 pages). Beside them, in the same run and on the same content:

- the floor of making a .docx: copying the template's zip entries into a new zip;
- bare docxtpl: rendering the template with a prepared context (docgen's own context and
  narrative body, built beforehand), which docgen's render stage should cost no more than
  1.5x of;
- LibreOffice: `soffice --convert-to pdf` (a new process each time) and a warm instance
  driven through UNO (benchmarks/pdf_vs_libreoffice.py), skipped with a note without soffice.

Then new processes: `docgen build --pdf` of the example and `docgen --help` (cold commands),
the peak memory of building the large report, and a batch of copies of the example built with
`docgen.build_many`. A benchmark, not a test: it prints a table and never fails on speed.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

EXAMPLE = ROOT / "inputs" / "quarterly-report-2019-11.xlsx"
STAGES = ("read workbook", "build model", "render .docx", "export PDF")
WHOLE = "whole: build(pdf=True)"
TARGETS = {  # name: (limit, unit)
    "example .docx + PDF, warm process": (0.2, "s"),
    "docgen build --pdf, cold": (0.6, "s"),
    "docgen --help, cold": (0.25, "s"),
    "render .docx / bare docxtpl": (1.5, "x"),
    "large report .docx + PDF, warm": (2.0, "s"),
    "large report peak memory": (300, "MB"),
    "100 copies of the example, 2 cores": (15.0, "s"),
}


@dataclass
class Case:
    """One report under test: its workbook, page count and the timings collected."""

    name: str
    workbook: Path
    pages: int = 0
    times: dict[str, list[float]] = field(default_factory=dict)

    def add(self, row: str, seconds: float) -> None:
        """Record one timing for a row."""
        self.times.setdefault(row, []).append(seconds)

    def median(self, row: str) -> float | None:
        """The median of a row's timings, or None when it was not measured."""
        values = self.times.get(row)
        return statistics.median(values) if values else None


def timed(func: Callable[[], object]) -> tuple[float, object]:
    """Seconds a call took, and what it returned.

    Garbage left by the previous timing is collected first, so that each call starts from
    the same heap instead of paying for its predecessor (the collector stays on while timing,
    as it is for any caller of the API).
    """
    gc.collect()
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def count_pages(pdf: Path) -> int:
    """The page count of a PDF written by reportlab (page objects are not compressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


# --- the stages and the whole, warm, in this process ----------------------------------------


def run_stages(case: Case, out: Path) -> None:
    """Time each stage once, then the whole build once."""
    from docgen.api import build, default_template, provenance
    from docgen.pdf import export_pdf
    from docgen.render import render_docx
    from docgen.report import build_report
    from docgen.workbook import load_workbook

    out.mkdir(parents=True, exist_ok=True)
    docx, pdf = out / f"{case.name}-stages.docx", out / f"{case.name}-stages.pdf"
    seconds, book = timed(lambda: load_workbook(case.workbook))
    case.add("read workbook", seconds)
    seconds, (report, _) = timed(lambda: build_report(book))
    case.add("build model", seconds)
    template = default_template()
    seconds, _ = timed(lambda: render_docx(report, template, docx,
                                           properties=provenance(case.workbook)))
    case.add("render .docx", seconds)
    seconds, _ = timed(lambda: export_pdf(docx, pdf))
    case.add("export PDF", seconds)
    seconds, result = timed(lambda: build(case.workbook, outdir=out / case.name, pdf=True))
    case.add(WHOLE, seconds)
    case.pages = count_pages(result.pdf)


# --- anchors --------------------------------------------------------------------------------


def copy_template_zip(template: Path, target: Path) -> None:
    """The floor of producing a .docx: every entry of the template copied to a new zip."""
    with zipfile.ZipFile(template) as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dest:
        for info in source.infolist():
            dest.writestr(info, source.read(info.filename))


class BareDocxtpl:
    """docxtpl alone rendering the template with a context prepared beforehand by docgen.

    The context is `render.template_context(report)` and the narrative body that docgen's
    `add_blocks` built once, kept as XML (with the chart parts it relates to), so each run is
    only docxtpl's own work: load the template, render the Jinja, save.
    """

    def __init__(self, workbook: Path):
        from docxtpl import DocxTemplate
        from markupsafe import Markup

        from docgen.api import default_template, read_report
        from docgen.narrative import add_blocks
        from docgen.render import template_context

        self.template = default_template()
        report, _ = read_report(workbook)
        prepared = DocxTemplate(self.template)
        prepared.init_docx()
        known = set(prepared.docx.part.rels)
        body = prepared.new_subdoc()
        add_blocks(body.subdocx, report)
        rels = prepared.docx.part.rels
        self.parts = [(rels[r].reltype, rels[r].target_part) for r in rels if r not in known]
        self.context = template_context(report)
        self.context["body"] = Markup(body._get_xml())

    def render(self, target: Path) -> None:
        """One bare docxtpl render of the prepared context to `target`."""
        from docxtpl import DocxTemplate

        tpl = DocxTemplate(self.template)
        tpl.init_docx()
        for reltype, part in self.parts:  # the same rIds as when the body was built
            tpl.docx.part.relate_to(part, reltype)
        tpl.render(self.context, autoescape=True)
        tpl.save(target)


def run_anchors(case: Case, bare: BareDocxtpl, out: Path) -> None:
    """Time the floor, bare docxtpl and docgen's render stage, alternately."""
    from docgen.api import default_template, provenance, read_report
    from docgen.render import render_docx

    report, _ = read_report(case.workbook)
    seconds, _ = timed(lambda: copy_template_zip(default_template(), out / "floor.docx"))
    case.add("floor: copy template zip", seconds)
    seconds, _ = timed(lambda: bare.render(out / f"{case.name}-bare.docx"))
    case.add("bare docxtpl, same content", seconds)
    seconds, _ = timed(lambda: render_docx(report, default_template(),
                                           out / f"{case.name}-render.docx",
                                           properties=provenance(case.workbook)))
    case.add("render .docx (beside bare)", seconds)


def run_libreoffice(cases: list[Case], out: Path, reps: int) -> str:
    """soffice cold and warm on each case's .docx; returns a note when skipped."""
    from pdf_vs_libreoffice import WarmOffice, time_soffice, uno_available

    if shutil.which("soffice") is None:
        return "skipped: soffice is not on PATH"
    warm = WarmOffice(out) if uno_available() else None
    profile, lo_dir = out / "soffice-profile", out / "lo"
    lo_dir.mkdir(exist_ok=True)
    try:
        for case in cases:
            docx = out / case.name / f"{case.workbook.stem}.docx"
            time_soffice(docx, lo_dir, profile)  # the first run creates the profile
            if warm is not None:
                warm.convert(docx, lo_dir / "warm.pdf")  # waits for start-up
            for _ in range(reps):
                case.add("soffice --convert-to pdf", time_soffice(docx, lo_dir, profile))
                if warm is not None:
                    case.add("LibreOffice warm (UNO)", warm.convert(docx, lo_dir / "warm.pdf"))
    finally:
        if warm is not None:
            warm.close()
    return "" if warm is not None else "warm row skipped: python3-uno is not importable"


# --- new processes --------------------------------------------------------------------------


def docgen_command() -> list[str]:
    """The installed `docgen` script, or `python -m docgen` from this tree."""
    script = shutil.which("docgen")
    return [script] if script else [sys.executable, "-m", "docgen"]


def run_commands(case: Case, out: Path, reps: int) -> str:
    """`docgen build --pdf` of the example and `docgen --help`, each a new process.

    "Cold" is a new Python process, as every run after the first since installing: one
    untimed run of each command first writes docgen's bytecode (pip compiles an installed
    package's at install time; an editable install's is written on its first run) and
    brings the files into the OS cache. PYTHONDONTWRITEBYTECODE is dropped for that reason:
    with it set, every run would compile docgen's modules again (about 0.1 s here).
    Returns a note when a command failed (its timings are then left out).
    """
    command = docgen_command()
    runs = {"docgen build --pdf (cold)": [*command, "build", str(case.workbook), "--pdf", "-o",
                                          str(out / "cold")],
            "docgen --help (cold)": [*command, "--help"]}
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for rep in range(reps + 1):
        for row, args in runs.items():
            seconds, done = timed(lambda args=args: subprocess.run(args, capture_output=True,
                                                                   text=True, env=env))
            if done.returncode != 0:
                return f"{row} failed: {(done.stderr or done.stdout).strip()[-300:]}"
            if rep:  # the first round only warms up
                case.add(row, seconds)
    return ""


PEAK_MEMORY = """
import resource, sys
import docgen
docgen.build(sys.argv[1], outdir=sys.argv[2], pdf=True)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_memory_mb(workbook: Path, out: Path) -> float:
    """Peak resident memory (MB) of a new process building `workbook` with its PDF."""
    result = subprocess.run([sys.executable, "-c", PEAK_MEMORY, str(workbook), str(out)],
                            check=True, capture_output=True, text=True)
    return int(result.stdout.split()[-1]) / 1024  # ru_maxrss is in KiB on Linux


def run_batch(copies: int, out: Path) -> tuple[float, str]:
    """Seconds for `docgen.build_many` of `copies` copies of the example with PDFs."""
    import docgen

    if not hasattr(docgen, "build_many"):
        return 0.0, "skipped: this docgen has no build_many"
    folder = out / "batch-in"
    folder.mkdir()
    books = []
    for i in range(copies):
        books.append(folder / f"report-{i:03d}.xlsx")
        shutil.copy(EXAMPLE, books[-1])
    seconds, items = timed(lambda: docgen.build_many(books, outdir=out / "batch-out", pdf=True))
    failed = [item for item in items if not item.ok]
    return seconds, f"{len(items) - len(failed)} built, {len(failed)} failed"


# --- the report -----------------------------------------------------------------------------


def fmt(value: float | None, unit: str = "s") -> str:
    """A cell of the table: seconds with 3 decimals, or '-'."""
    if value is None:
        return "-"
    return f"{value:.3f}" if unit == "s" else f"{value:.0f}"


def print_table(cases: list[Case], reps: int, notes: list[str], extra: dict[str, float],
                batch: tuple[int, float, str] | None) -> None:
    """The table of medians, the per-page cost, the ratios and the targets."""
    example, large = cases
    width = 40
    print(f"docgen benchmark: python {platform.python_version()}, {os.cpu_count()} cores, "
          f"{reps} repetitions (medians, seconds)")
    print(f"{'':{width}} {'example':>10} {'large':>10}")
    print(f"{'pages':{width}} {example.pages:>10} {large.pages:>10}")
    rows = [*STAGES, WHOLE, "per page", "", "anchors", "floor: copy template zip",
            "bare docxtpl, same content", "render .docx (beside bare)",
            "soffice --convert-to pdf", "LibreOffice warm (UNO)", "", "new processes",
            "docgen build --pdf (cold)", "docgen --help (cold)"]
    for row in rows:
        if row in ("", "anchors", "new processes"):
            print(row)
            continue
        if row == "per page":
            values = [c.median(WHOLE) / c.pages if c.pages else None for c in cases]
        else:
            values = [c.median(row) for c in cases]
        print(f"{'  ' + row:{width}} {fmt(values[0]):>10} {fmt(values[1]):>10}")
    print(f"{'  peak memory, large report (MB)':{width}} {'':>10} "
          f"{fmt(extra.get('memory'), 'MB'):>10}")
    if batch:
        copies, seconds, summary = batch
        shown = f"{seconds:.2f}" if seconds else "-"
        print(f"  batch: {copies} copies of the example, .docx + PDF: {shown} s ({summary})")
    for note in filter(None, notes):
        print(f"note: {note}")
    print_ratios(example, large)
    print_targets(example, large, extra, batch)


def ratio(a: float | None, b: float | None) -> str:
    """a / b as '1.23x', or '-'."""
    return f"{a / b:.2f}x" if a and b else "-"


def print_ratios(example: Case, large: Case) -> None:
    """How docgen compares with each anchor."""
    print("ratios")
    for case in (example, large):
        render, bare = case.median("render .docx (beside bare)"), case.median(
            "bare docxtpl, same content")
        pdf = case.median("export PDF")
        print(f"  {case.name}: render / bare docxtpl {ratio(render, bare)}, "
              f"render / floor {ratio(render, case.median('floor: copy template zip'))}, "
              f"PDF / soffice cold {ratio(pdf, case.median('soffice --convert-to pdf'))}, "
              f"PDF / LibreOffice warm {ratio(pdf, case.median('LibreOffice warm (UNO)'))}")
    if example.pages and large.pages:
        per = [c.median(WHOLE) / c.pages for c in (example, large)]
        print(f"  per page: large / example {per[1] / per[0]:.2f}x "
              f"({large.pages / example.pages:.1f}x the pages)")


def print_targets(example: Case, large: Case, extra: dict[str, float],
                  batch: tuple[int, float, str] | None) -> None:
    """Each target with the measured figure and whether it is met."""
    ratios = [case.median("render .docx (beside bare)") / case.median("bare docxtpl, same content")
              for case in (example, large)
              if case.median("render .docx (beside bare)") and case.median(
                  "bare docxtpl, same content")]
    measured = {
        "example .docx + PDF, warm process": example.median(WHOLE),
        "docgen build --pdf, cold": example.median("docgen build --pdf (cold)"),
        "docgen --help, cold": example.median("docgen --help (cold)"),
        # The larger of the two reports' ratios: the target holds for any content.
        "render .docx / bare docxtpl": max(ratios) if ratios else None,
        "large report .docx + PDF, warm": large.median(WHOLE),
        "large report peak memory": extra.get("memory"),
        "100 copies of the example, 2 cores": (batch[1] if batch and batch[0] == 100
                                               and batch[1] else None),
    }
    print("targets")
    for name, (limit, unit) in TARGETS.items():
        value = measured[name]
        if value is None:
            print(f"  {name:40} <= {limit:g} {unit:3} not measured")
            continue
        verdict = "met" if value <= limit else "MISSED"
        shown = f"{value:.2f}" if unit != "MB" else f"{value:.0f}"
        print(f"  {name:40} <= {limit:g} {unit:3} {shown:>8}  {verdict}")


def main() -> int:
    """Run everything and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=7, help="repetitions of each timing")
    parser.add_argument("--quick", action="store_true",
                        help="3 repetitions, 1 for the large report, a batch of 4 (for CI)")
    parser.add_argument("--no-libreoffice", action="store_true",
                        help="skip the LibreOffice rows")
    parser.add_argument("--batch", type=int, default=None,
                        help="copies of the example in the batch row (default 100; 0 skips)")
    args = parser.parse_args()
    reps = 3 if args.quick else args.reps
    large_reps = 1 if args.quick else max(3, reps // 2)
    copies = args.batch if args.batch is not None else (4 if args.quick else 100)
    from large_workbook import write_large_workbook

    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as tmp:
        out = Path(tmp)
        example = Case("example", EXAMPLE)
        large = Case("large", write_large_workbook(out / "large-synthetic.xlsx"))
        run_stages(example, out / "warm-up")  # imports, font and style caches: not counted
        example.times.clear()
        for case, count in ((example, reps), (large, large_reps)):
            bare = BareDocxtpl(case.workbook)
            bare.render(out / "warm-up.docx")
            for _ in range(count):
                run_stages(case, out)
                run_anchors(case, bare, out)
        if args.no_libreoffice:
            notes.append("LibreOffice rows skipped (--no-libreoffice)")
        else:
            note = run_libreoffice([example, large], out, large_reps)
            if note:
                notes.append(note)
        notes.append(run_commands(example, out, reps))
        if importlib.util.find_spec("numpy") is not None:
            notes.append("numpy is installed here: openpyxl imports it, about 0.08 s of every "
                         "cold command (a venv made by the README's first command has none)")
        extra = {"memory": peak_memory_mb(large.workbook, out / "memory")}
        batch = (copies, *run_batch(copies, out)) if copies else None
        print_table([example, large], reps, notes, extra, batch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
