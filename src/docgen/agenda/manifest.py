"""The pack's manifest, `<agenda>-manifest.json`, for a committee management system: the
meeting, each item with its papers, exempt paragraph and pack pages, and the SHA-256 of every
output (and of every input, so a paper can be matched to what was published)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .model import Agenda

SCHEMA = "docgen-agenda-pack/1"


def sha256(path: Path) -> str:
    """The SHA-256 of a file, in hex."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def manifest(agenda: Agenda, items: list[dict], outputs: list[dict]) -> dict:
    """The manifest as plain data: `items` and `outputs` as `describe_item`/`describe_output`
    made them."""
    from ..version import __version__

    meeting = agenda.meeting
    return {
        "schema": SCHEMA,
        "generator": f"docgen {__version__}",
        "meeting": {
            "title": meeting.title,
            "committee": meeting.committee,
            "date": meeting.date.isoformat() if meeting.date else None,
            "time": meeting.time,
            "venue": meeting.venue,
            "chair": meeting.chair,
            "clerk": meeting.clerk,
            "contact": meeting.contact,
        },
        "agenda": {"file": agenda.path.name, "sha256": sha256(agenda.path)},
        "items": items,
        "outputs": outputs,
    }


def describe_output(path: Path, outdir: Path, role: str, pages: int | None = None) -> dict:
    """One output file: its name relative to the output folder, role, size and SHA-256."""
    entry = {"file": path.relative_to(outdir).as_posix(), "role": role,
             "bytes": path.stat().st_size, "sha256": sha256(path)}
    if pages is not None:
        entry["pages"] = pages
    return entry


def write_manifest(data: dict, target: Path) -> None:
    """Write the manifest as indented UTF-8 JSON."""
    target.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
