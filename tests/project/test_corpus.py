"""The PDF fidelity corpus (benchmarks/corpus/) is what benchmarks/make_corpus.py makes, and the
fidelity benchmark runs over it (never a timing assertion)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from tests.support import ROOT, needs_soffice

BENCHMARKS = ROOT / "benchmarks"
CORPUS = BENCHMARKS / "corpus"


def package_parts(path):
    """Every part of a .docx (nested packages' parts too), by name."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from make_corpus import parts
    finally:
        sys.path.remove(str(BENCHMARKS))
    return parts(path.read_bytes())


def test_corpus_has_at_least_30_documents_of_both_kinds_and_stays_small():
    documents = sorted(CORPUS.glob("*.docx"))
    assert len(documents) >= 30
    names = [d.stem for d in documents]
    assert sum(n.startswith("docgen-") for n in names) >= 10
    assert sum(n.startswith("docx-") for n in names) >= 15
    assert sum(d.stat().st_size for d in documents) < 5_000_000
    manifest = (CORPUS / "MANIFEST.md").read_text(encoding="utf-8")
    for name in names:
        assert f"| {name}.docx |" in manifest


def test_corpus_documents_cover_the_fonts_and_features_asked_for():
    text = {d.stem: package_parts(d)["word/document.xml"].decode() for d in
            CORPUS.glob("docx-*.docx")}
    styles = " ".join(package_parts(d)["word/styles.xml"].decode()
                      for d in CORPUS.glob("docx-*.docx"))
    for font in ("Calibri", "Times New Roman", "Arial", "Arial Narrow", "Cambria", "Georgia",
                 "Verdana"):
        assert f'w:ascii="{font}"' in styles, font
    everything = " ".join(text.values())
    for feature in ("<w:ins ", "<w:del ", "<w:smallCaps/>", "<w:pBdr>", 'w:val="right"',
                    "<w:footnoteReference ", "<w:gridSpan ", "<w:vMerge", 'w:orient="landscape"',
                    '<w:jc w:val="both"/>', "<w:drawing>", "<w:cantSplit/>", "<w:tblHeader/>"):
        assert feature in everything, feature
    assert "https://example.org/a/very/long/path" in text["docx-urls-narrow"]


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_corpus_script_is_deterministic_and_matches_the_committed_files(tmp_path):
    result = subprocess.run([sys.executable, str(BENCHMARKS / "make_corpus.py"), str(tmp_path)],
                            capture_output=True, text=True, timeout=280, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    made = sorted(p.name for p in tmp_path.glob("*.docx"))
    assert made == sorted(p.name for p in CORPUS.glob("*.docx"))
    stale = [name for name in made
             if package_parts(tmp_path / name) != package_parts(CORPUS / name)]
    assert not stale, f"run `python benchmarks/make_corpus.py` to update: {stale}"
    assert (tmp_path / "MANIFEST.md").read_text() == (CORPUS / "MANIFEST.md").read_text()


@pytest.mark.slow
@pytest.mark.libreoffice
@needs_soffice
@pytest.mark.timeout(400)
def test_quick_fidelity_benchmark_runs_on_two_documents(tmp_path):
    out = tmp_path / "rows.json"
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "pdf_vs_libreoffice.py"), "--quick",
         "docgen-minimal", "docx-footnotes", "--cache", str(tmp_path / "cache"),
         "--json", str(out)], capture_output=True, text=True, timeout=380, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    rows = json.loads(out.read_text())
    assert [r["name"] for r in rows] == ["docgen-minimal", "docx-footnotes"]
    for row in rows:
        assert "error" not in row, row
        assert row["pages"][0] >= 1 and row["pages"][1] >= 1
        assert 0 <= row["same_words"] <= min(row["pages"])
        assert 0 < row["baseline"] <= row["matched"] <= row["lines"]
        assert row["soffice_s"] > 0 and row["docgen_s"] > 0
    lines = sum(r["lines"] for r in rows)
    baseline = sum(r["baseline"] for r in rows)
    assert f"lines within 1 pt          {baseline}/{lines}" in result.stdout
    assert "page counts equal" in result.stdout
    for name in ("docgen-minimal", "docx-footnotes"):
        assert name in result.stdout
    # References are cached by the .docx's SHA-256: a second run converts nothing.
    cached = sorted((tmp_path / "cache").rglob("*.pdf"))
    assert len(cached) == 2
    again = subprocess.run(
        [sys.executable, str(BENCHMARKS / "pdf_vs_libreoffice.py"), "--quick",
         "docgen-minimal", "--cache", str(tmp_path / "cache")], capture_output=True, text=True,
        timeout=200, cwd=ROOT)
    assert again.returncode == 0, again.stderr
    assert sorted((tmp_path / "cache").rglob("*.pdf")) == cached
    assert [p.stat().st_mtime_ns for p in cached] == [p.stat().st_mtime_ns for p in
                                                      sorted((tmp_path / "cache").rglob("*.pdf"))]
