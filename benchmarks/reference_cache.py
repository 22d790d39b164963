"""LibreOffice's PDFs of .docx files, cached by content so unchanged documents are converted
once.

A reference lives at CACHE/<environment>/<SHA-256 of the .docx>.pdf, beside a .json with the
seconds `soffice --convert-to pdf` took and when. <environment> is a digest of LibreOffice's
version and the installed fonts (`fc-list`), so installing a font (Carlito, Caladea) or
another LibreOffice makes new references instead of reusing ones made with other fonts.
CACHE is $DOCGEN_REFERENCE_CACHE, else ~/.cache/docgen/libreoffice-pdf.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from functools import lru_cache
from pathlib import Path

DEFAULT_CACHE = Path(os.environ.get("DOCGEN_REFERENCE_CACHE")
                     or Path.home() / ".cache" / "docgen" / "libreoffice-pdf")


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@lru_cache(maxsize=1)
def environment() -> str:
    """A short digest of LibreOffice's version and the fonts fontconfig lists."""
    version = subprocess.run(["soffice", "--version"], capture_output=True, text=True,
                             check=False).stdout.strip()
    fonts = subprocess.run(["fc-list", "--format", "%{family}|%{style}|%{file}\n"],
                           capture_output=True, text=True, check=False).stdout
    digest = hashlib.sha256((version + "\n" + "\n".join(sorted(fonts.splitlines())))
                            .encode()).hexdigest()
    return digest[:16]


class ReferenceCache:
    """LibreOffice's PDF of each .docx, converted on first use (a private profile, made once
    per run and warmed up before any conversion is timed)."""

    def __init__(self, root: Path = DEFAULT_CACHE):
        self.dir = root / environment()
        self.dir.mkdir(parents=True, exist_ok=True)
        self._work: tempfile.TemporaryDirectory | None = None

    def paths(self, docx: Path) -> tuple[Path, Path]:
        """Where the reference PDF and its timing record of `docx` live."""
        key = sha256(docx)
        return self.dir / f"{key}.pdf", self.dir / f"{key}.json"

    def has(self, docx: Path) -> bool:
        """True when a reference of exactly these bytes is cached."""
        pdf, record = self.paths(docx)
        return pdf.exists() and record.exists()

    def get(self, docx: Path, *, retime: bool = False) -> tuple[Path, dict]:
        """The reference PDF of `docx` and its record ({"seconds", "made", "name"}),
        converting when it is missing or `retime` asks for a fresh timing."""
        pdf, record = self.paths(docx)
        if retime or not (pdf.exists() and record.exists()):
            seconds, produced = self._convert(docx)
            info = {"seconds": seconds, "name": docx.name,
                    "made": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
            self._store(produced, pdf)
            tmp = record.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(info))
            tmp.replace(record)
        return pdf, json.loads(record.read_text())

    def _store(self, produced: Path, target: Path) -> None:
        """Move a fresh PDF into the cache atomically (other runs may read it meanwhile)."""
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        shutil.copyfile(produced, tmp)
        tmp.replace(target)

    def _profile(self, first: Path) -> Path:
        """This run's output folder; on first use its LibreOffice profile is made and warmed
        up by an untimed conversion (of the minimal report, or of `first`)."""
        if self._work is None:
            self._work = tempfile.TemporaryDirectory(prefix="docgen-reference-")
            work = Path(self._work.name)
            (work / "out").mkdir()
            warm = Path(__file__).parent / "corpus" / "docgen-minimal.docx"
            self._run(warm if warm.exists() else first, work)
        return Path(self._work.name) / "out"

    def _run(self, docx: Path, work: Path) -> float:
        """Seconds for one `soffice --convert-to pdf` of `docx` into work/out."""
        start = time.perf_counter()
        subprocess.run(["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}",
                        "--headless", "--norestore", "--convert-to", "pdf", "--outdir",
                        str(work / "out"), str(docx)], check=True, capture_output=True,
                       timeout=300)
        return time.perf_counter() - start

    def _convert(self, docx: Path) -> tuple[float, Path]:
        """Convert `docx`; return the seconds it took and the PDF made."""
        out = self._profile(docx)
        seconds = self._run(docx, out.parent)
        return seconds, out / f"{docx.stem}.pdf"

    def close(self) -> None:
        """Remove this run's profile."""
        if self._work is not None:
            self._work.cleanup()
            self._work = None
