"""Benchmark: docgen's PDF engine against LibreOffice, for speed and fidelity.

    python benchmarks/pdf_vs_libreoffice.py [REPORT.docx] [--reps N] [--quick]

Without a .docx it builds the example report from inputs/. Conversions alternate between
(1) docgen's engine in this process, (2) `soffice --headless --convert-to pdf` (a fresh
process each time, as `docgen pdf --engine libreoffice` runs it) and (3) a warm LibreOffice
started once with `--accept` and driven through Python UNO (the system python3 with
python3-uno, run as a subprocess; its own start-up is not counted). Then it compares
docgen's PDF with LibreOffice's: page count, pages with the same words, and the share of
lines that start within 2 pt. A benchmark, not a test: it prints and never fails.
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

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


def main() -> int:
    """Run the benchmark and print a small table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docx", nargs="?", help="a .docx to convert (default: build the example)")
    parser.add_argument("--reps", type=int, default=7, help="conversions per engine")
    parser.add_argument("--quick", action="store_true", help="3 repetitions (for CI)")
    args = parser.parse_args()
    reps = 3 if args.quick else args.reps
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as tmp:
        work = Path(tmp)
        source = Path(args.docx).resolve() if args.docx else build_example(work / "build")
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
    from docgen.pdf.fidelity import compare

    result = compare(str(ours), str(theirs))
    print(f"pages: docgen {result.pages[0]}, LibreOffice {result.pages[1]}; "
          f"word-identical pages {result.identical_pages}/{result.pages[1]}; "
          f"lines within 2 pt {result.lines_close}/{result.lines_total} "
          f"({100 * result.close_share:.1f}%)")


if __name__ == "__main__":
    sys.exit(main())
