"""Benchmark: docgen's PDF engine against LibreOffice, for fidelity and speed.

    python benchmarks/pdf_vs_libreoffice.py [NAME | FILE.docx ...] [--quick] [--reps N]
        [--retime] [--show N] [--json OUT.json] [--cache DIR]
    python benchmarks/pdf_vs_libreoffice.py --speed [REPORT.docx] [--reps N] [--quick]

The first form is the fidelity benchmark over the corpus (benchmarks/corpus/*.docx, made by
benchmarks/make_corpus.py; or the documents named): for each document, docgen's PDF against
LibreOffice 7.4's (`soffice --convert-to pdf`, cached by the .docx's SHA-256, see
reference_cache.py), printing page counts, pages with the same words, lines whose baseline is
within 1 pt of LibreOffice's, and seconds per page of each engine, then the totals. soffice's
time is the one taken when the reference was made (`--retime` converts again to time it);
docgen's is the median of `--reps` conversions in this process (`--quick`: one, after an
untimed first conversion of the first document). `--show N` prints, per document, the first
N lines that differ. A benchmark, not a test: it prints and never fails.

The second form is the speed comparison on one document (default: the example report built
from inputs/): docgen in this process, a fresh `soffice --convert-to pdf` each time (as
`docgen pdf --engine libreoffice` runs it) and a warm LibreOffice started once with
`--accept` and driven through Python UNO (the system python3 with python3-uno, run as a
subprocess; its own start-up is not counted).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = HERE / "corpus"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

SYSTEM_PYTHON = "/usr/bin/python3"
UNO_CLIENT = r'''
import json, sys, time
import uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p

port, source, target = int(sys.argv[1]), sys.argv[2], sys.argv[3]
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext(
    "com.sun.star.bridge.UnoUrlResolver", local)
for _ in range(300):
    try:
        ctx = resolver.resolve(
            "uno:socket,host=127.0.0.1,port=%d;urp;StarOffice.ComponentContext" % port)
        break
    except Exception:
        time.sleep(0.1)
else:
    sys.exit("could not connect to LibreOffice")
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
start = time.perf_counter()
doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                   (prop("Hidden", True),))
doc.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", "writer_pdf_Export"),))
doc.close(True)
print(json.dumps(time.perf_counter() - start))
'''


def build_example(out: Path) -> Path:
    """Build the example report's .docx with docgen."""
    import docgen

    result = docgen.build(ROOT / "inputs" / "quarterly-report-2019-11.xlsx", outdir=out)
    return Path(result.docx)


def time_docgen(source: Path, target: Path) -> float:
    """Seconds for docgen's engine (in process)."""
    from docgen.pdf import export_pdf

    start = time.perf_counter()
    export_pdf(source, target)
    return time.perf_counter() - start


def time_soffice(source: Path, outdir: Path, profile: Path) -> float:
    """Seconds for one `soffice --convert-to pdf` process."""
    start = time.perf_counter()
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(outdir), str(source)],
                   check=True, capture_output=True)
    return time.perf_counter() - start


def free_port() -> int:
    """An unused local TCP port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def uno_available() -> bool:
    """True when the system python3 can import uno."""
    if not os.path.exists(SYSTEM_PYTHON):
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


class WarmOffice:
    """A LibreOffice listening on a socket, converting through a UNO client subprocess."""

    def __init__(self, work: Path):
        self.port = free_port()
        self.client = work / "uno_client.py"
        self.client.write_text(UNO_CLIENT)
        profile = (work / "warm-profile").as_uri()
        self.process = subprocess.Popen(
            ["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
             "--nologo", f"--accept=socket,host=127.0.0.1,port={self.port};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    def convert(self, source: Path, target: Path) -> float:
        """Seconds LibreOffice spent loading and exporting (client start-up excluded)."""
        result = subprocess.run([SYSTEM_PYTHON, str(self.client), str(self.port), str(source),
                                 str(target)], check=True, capture_output=True, text=True,
                                timeout=300)
        return float(json.loads(result.stdout.strip().splitlines()[-1]))

    def close(self) -> None:
        """Stop the LibreOffice process group this benchmark started."""
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)


def speed(docx: str | None, reps: int) -> int:
    """The three-engine speed comparison on one document, with its fidelity."""
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as tmp:
        work = Path(tmp)
        source = Path(docx).resolve() if docx else build_example(work / "build")
        ours, lo_dir = work / "ours.pdf", work / "lo"
        lo_dir.mkdir()
        have_soffice = shutil.which("soffice") is not None
        warm = WarmOffice(work) if have_soffice and uno_available() else None
        time_docgen(source, ours)  # first call: imports and font caches, reported apart
        cold_start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[2]);"
                        "from docgen.pdf import export_pdf; export_pdf(sys.argv[1], sys.argv[3])",
                        str(source), str(ROOT / "src"), str(work / "cold.pdf")], check=True)
        cold = time.perf_counter() - cold_start
        times: dict[str, list[float]] = {"docgen": [], "soffice --convert-to": [],
                                         "LibreOffice warm (UNO)": []}
        profile = work / "cli-profile"
        if have_soffice:
            time_soffice(source, lo_dir, profile)  # creates the profile once
        try:
            if warm is not None:
                warm.convert(source, work / "warm.pdf")  # waits for start-up, warms caches
            for _ in range(reps):
                times["docgen"].append(time_docgen(source, ours))
                if have_soffice:
                    times["soffice --convert-to"].append(time_soffice(source, lo_dir, profile))
                if warm is not None:
                    times["LibreOffice warm (UNO)"].append(warm.convert(source,
                                                                        work / "warm.pdf"))
        finally:
            if warm is not None:
                warm.close()
        report(source, times, cold, ours, lo_dir / (source.stem + ".pdf"), have_soffice, warm)
    return 0


def report(source, times, cold, ours, theirs, have_soffice, warm) -> None:
    """Print medians, ratios and fidelity."""
    print(f"document: {source.name}   repetitions: {len(times['docgen'])}")
    base = statistics.median(times["docgen"])
    print(f"{'engine':28} {'median s':>9} {'vs docgen':>10}")
    print(f"{'docgen (new process, cold)':28} {cold:9.3f} {cold / base:9.1f}x")
    for name, values in times.items():
        if values:
            median = statistics.median(values)
            print(f"{name:28} {median:9.3f} {median / base:9.1f}x")
        else:
            why = "no soffice" if not have_soffice else "python3-uno not importable"
            print(f"{name:28} {'skipped':>9}  ({why})")
    if not have_soffice:
        return
    result = fidelity().compare(str(ours), str(theirs))
    print(f"pages: docgen {result.pages[0]}, LibreOffice {result.pages[1]}; "
          f"word-identical pages {result.identical_pages}/{result.pages[1]}; "
          f"lines on LibreOffice's baseline (1 pt) {result.lines_baseline}/{result.lines_total} "
          f"({100 * result.baseline_share:.1f}%)")


# --- the fidelity corpus --------------------------------------------------------------------


def corpus_documents(names: list[str]) -> list[Path]:
    """The corpus's .docx files, or those named (corpus names or paths)."""
    if not names:
        return sorted(CORPUS.glob("*.docx"))
    found = []
    for name in names:
        path = Path(name) if name.endswith(".docx") else CORPUS / f"{name}.docx"
        if not path.exists():
            raise SystemExit(f"no such document: {path}")
        found.append(path.resolve())
    return found


def fidelity():
    """This tree's docgen/pdf/fidelity.py, also when `--src` runs another tree's engine."""
    import importlib.util

    if "corpus_fidelity" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "corpus_fidelity", ROOT / "src" / "docgen" / "pdf" / "fidelity.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["corpus_fidelity"] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules["corpus_fidelity"]


def measure(docx: Path, work: Path, cache, reps: int, retime: bool) -> dict:
    """One document's row: docgen's PDF against the cached reference, and the timings."""
    from docgen.exceptions import DocgenError
    from docgen.pdf import export_pdf

    compare = fidelity().compare
    reference, record = cache.get(docx, retime=retime)
    ours = work / f"{docx.stem}.pdf"
    row = {"name": docx.stem, "soffice_s": record["seconds"], "reference_made": record["made"]}
    try:
        times, warnings = [], []
        for _ in range(reps):
            start = time.perf_counter()
            warnings = export_pdf(docx, ours)
            times.append(time.perf_counter() - start)
    except DocgenError as exc:
        row["error"] = str(exc)
        return row
    result = compare(str(ours), str(reference))
    row.update(docgen_s=statistics.median(times), warnings=[w.message for w in warnings],
               pages=list(result.pages), same_words=result.identical_pages,
               lines=result.lines_total, baseline=result.lines_baseline,
               matched=result.lines_matched, moved=result.moved, unmatched=result.unmatched)
    return row


def corpus(args) -> int:
    """The fidelity benchmark over the corpus: a row per document, then the totals."""
    import logging

    from reference_cache import DEFAULT_CACHE, ReferenceCache

    logging.basicConfig(level=logging.ERROR)  # the engine's warnings are counted, not logged
    if shutil.which("soffice") is None:
        print("soffice is not on PATH: no references, no fidelity benchmark")
        return 0
    documents = corpus_documents(args.documents)
    cache = ReferenceCache(Path(args.cache) if args.cache else DEFAULT_CACHE)
    reps = 1 if args.quick else (args.reps or 3)
    rows = []
    with tempfile.TemporaryDirectory(prefix="docgen-fidelity-") as tmp:
        import docgen
        from docgen.pdf import export_pdf

        print(f"engine: {Path(docgen.__file__).parent}   references: {cache.dir}")

        export_pdf(documents[0], Path(tmp) / "warm.pdf")  # imports and font caches
        try:
            for docx in documents:
                rows.append(measure(docx, Path(tmp), cache, reps, args.retime))
                print_row(rows[-1], show=args.show)
        finally:
            cache.close()
    print_totals(rows)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1, ensure_ascii=False))
    return 0


HEADER = (f"{'document':30} {'pages':>7} {'same words':>10} {'lines within 1 pt':>20} "
          f"{'off':>4} {'unmatched':>9} {'s/page docgen':>13} {'soffice':>8} {'ratio':>6}")


def print_row(row: dict, show: int = 0) -> None:
    """One document's figures (the header before the first)."""
    if not getattr(print_row, "started", False):
        print(HEADER)
        print_row.started = True
    if "error" in row:
        print(f"{row['name']:30} docgen failed: {row['error']}")
        return
    ours, theirs = row["pages"]
    share = 100 * row["baseline"] / row["lines"] if row["lines"] else 100.0
    unmatched = sum(1 for _, side, _ in row["unmatched"] if side == "reference")
    docgen_pp, soffice_pp = row["docgen_s"] / max(ours, 1), row["soffice_s"] / max(theirs, 1)
    print(f"{row['name']:30} {ours:>3}/{theirs:<3} {row['same_words']:>4}/{theirs:<5} "
          f"{row['baseline']:>5}/{row['lines']:<5} {share:6.1f}% {len(row['moved']):>4} "
          f"{unmatched:>9} {docgen_pp:13.4f} {soffice_pp:8.3f} "
          f"{docgen_pp / soffice_pp:5.2f}x")
    for page, text, dy in row["moved"][:show]:
        print(f"    p{page} off {dy:+.1f} pt: {text[:80]}")
    for page, side, text in row["unmatched"][:show]:
        print(f"    p{page} only in {side}: {text[:80]}")


def print_totals(rows: list[dict]) -> None:
    """The corpus's totals against the goals (every page count equal, >= 99% of lines)."""
    done = [r for r in rows if "error" not in r]
    equal = sum(1 for r in done if r["pages"][0] == r["pages"][1])
    reference_pages = sum(r["pages"][1] for r in done)
    same = sum(r["same_words"] for r in done)
    lines, baseline = sum(r["lines"] for r in done), sum(r["baseline"] for r in done)
    docgen_s, soffice_s = sum(r["docgen_s"] for r in done), sum(r["soffice_s"] for r in done)
    our_pages = sum(r["pages"][0] for r in done)
    print(f"\ntotal over {len(rows)} documents ({len(rows) - len(done)} failed):")
    print(f"  page counts equal          {equal}/{len(rows)}   (goal: all)")
    print(f"  pages with the same words  {same}/{reference_pages} "
          f"({100 * same / max(reference_pages, 1):.1f}%)")
    print(f"  lines within 1 pt          {baseline}/{lines} ({100 * baseline / max(lines, 1):.1f}%)"
          f"   (goal: >= 99%)")
    if done:
        docgen_pp, soffice_pp = docgen_s / max(our_pages, 1), soffice_s / max(reference_pages, 1)
        print(f"  seconds per page           docgen {docgen_pp:.4f}, soffice --convert-to "
              f"{soffice_pp:.3f}: {docgen_pp / soffice_pp:.3f}x "
              f"({soffice_pp / docgen_pp:.0f} times faster)")


def main() -> int:
    """The fidelity benchmark over the corpus, or (--speed) the speed comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("documents", nargs="*", help="corpus names or .docx files "
                        "(default: the whole corpus; with --speed, one .docx)")
    parser.add_argument("--speed", action="store_true", help="the three-engine speed table")
    parser.add_argument("--reps", type=int, help="conversions per document (default 3; "
                        "--speed: per engine, default 7)")
    parser.add_argument("--quick", action="store_true", help="one docgen conversion each "
                        "(--speed: 3 repetitions)")
    parser.add_argument("--retime", action="store_true", help="convert with soffice again to "
                        "time it, even when a reference is cached")
    parser.add_argument("--show", type=int, default=0, metavar="N",
                        help="print the first N differing lines of each document")
    parser.add_argument("--json", help="also write every row (with the differing lines) here")
    parser.add_argument("--cache", help="the references' cache folder")
    parser.add_argument("--src", help="run the engine of another docgen source tree (its "
                        "src/ folder, e.g. from `git archive`), to measure a baseline")
    args = parser.parse_args()
    if args.src:
        sys.path.insert(0, str(Path(args.src).resolve()))
    if args.speed:
        reps = 3 if args.quick else (args.reps or 7)
        return speed(args.documents[0] if args.documents else None, reps)
    return corpus(args)


if __name__ == "__main__":
    sys.exit(main())
