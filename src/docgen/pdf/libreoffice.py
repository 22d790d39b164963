"""PDF export through LibreOffice (`soffice --headless --convert-to pdf`)."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..exceptions import ExportError
from ..files import atomic_output

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 180


def find_soffice() -> str | None:
    """Path of the LibreOffice command (`soffice` or `libreoffice`), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(source: str, target: str) -> list[str]:
    """Convert `source` to `target` with a private LibreOffice profile; return warnings."""
    soffice = find_soffice()
    if soffice is None:
        raise ExportError("LibreOffice (soffice) is not installed; use the 'docgen' PDF engine")
    if not os.path.isfile(source):
        raise ExportError(f"cannot read '{source}': no such file")
    with tempfile.TemporaryDirectory(prefix="docgen-lo-") as work:
        profile = Path(work, "profile").as_uri()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", work, os.path.abspath(source)]
        try:
            result = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS,
                                    check=False)
        except subprocess.TimeoutExpired as exc:
            raise ExportError(f"LibreOffice took longer than {TIMEOUT_SECONDS} s to convert "
                              f"'{source}'") from exc
        except OSError as exc:
            raise ExportError(f"LibreOffice could not be started: {exc}") from exc
        produced = Path(work, Path(source).stem + ".pdf")
        if result.returncode != 0 or not produced.exists():
            log.warning("soffice said: %s", result.stderr.decode(errors="replace")[-500:])
            raise ExportError(f"LibreOffice could not convert '{source}' to PDF")
        with atomic_output(target) as tmp:
            shutil.copyfile(produced, tmp)
    return []
