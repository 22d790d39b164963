"""PDF export through LibreOffice (`soffice --headless --convert-to pdf`)."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..exceptions import ExportError, Problem
from ..files import atomic_output

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 180


def find_soffice() -> str | None:
    """Path of the LibreOffice command (`soffice` or `libreoffice`), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(source: str, target: str) -> list[Problem]:
    """Convert `source` to `target` with a private LibreOffice profile; return warnings (what
    was removed from the copy it was given), each about the .docx by its name."""
    soffice = find_soffice()
    if soffice is None:
        raise ExportError("LibreOffice (soffice) is not installed; use the 'docgen' PDF engine")
    if not os.path.isfile(source):
        raise ExportError(f"cannot read '{source}': no such file")
    from ..template_file import read_template

    # LibreOffice follows external links and fetches remote images: it is given a copy with
    # everything that reaches outside the file removed, and runs with networking cut off.
    cleaned = read_template(source, error=ExportError)
    with tempfile.TemporaryDirectory(prefix="docgen-lo-") as work:
        copy = Path(work, Path(source).stem + ".docx")
        copy.write_bytes(cleaned.data)
        profile = Path(work, "profile").as_uri()
        command = [*_offline(), soffice, f"-env:UserInstallation={profile}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", work, str(copy)]
        try:
            result = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS,
                                    check=False)
        except subprocess.TimeoutExpired as exc:
            raise ExportError(f"LibreOffice took longer than {TIMEOUT_SECONDS} s to convert "
                              f"'{source}'") from exc
        except OSError as exc:
            raise ExportError(f"LibreOffice could not be started: {exc}") from exc
        produced = copy.with_suffix(".pdf")
        if result.returncode != 0 or not produced.exists():
            log.warning("soffice said: %s", result.stderr.decode(errors="replace")[-500:])
            raise ExportError(f"LibreOffice could not convert '{source}' to PDF")
        with atomic_output(target) as tmp:
            try:
                shutil.copyfile(produced, tmp)
            except OSError as exc:
                raise ExportError(f"LibreOffice's PDF of '{source}' could not be read "
                                  f"({exc.strerror or exc})") from None
    return [Problem("warning", p.message, Path(source).name) for p in cleaned.problems]


def _offline() -> list[str]:
    """A prefix that runs a command without network access, where the system offers one
    (`unshare -rn`: a new user and network namespace with no interfaces but loopback)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return []
    probe = subprocess.run([unshare, "-rn", "true"], capture_output=True, check=False)
    return [unshare, "-rn"] if probe.returncode == 0 else []
