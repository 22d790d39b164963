"""Compare two PDFs of the same document (docgen's and LibreOffice's): pages, words, lines.

Used by the fidelity tests and the benchmark; needs pdfplumber (the `test` extra).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass
class PageText:
    """Words of one page and its lines as (top, left, text)."""

    words: list[str]
    lines: list[tuple[float, float, str]]


@dataclass
class Fidelity:
    """How closely two PDFs agree."""

    pages: tuple[int, int]
    identical_pages: int
    lines_total: int
    lines_close: int

    @property
    def same_page_count(self) -> bool:
        """True when both PDFs have the same number of pages."""
        return self.pages[0] == self.pages[1]

    @property
    def all_pages_identical(self) -> bool:
        """True when every page holds the same words in both PDFs."""
        return self.same_page_count and self.identical_pages == self.pages[0]

    @property
    def close_share(self) -> float:
        """Share of matched lines whose start lies within the tolerance."""
        return self.lines_close / self.lines_total if self.lines_total else 1.0


def read_pages(path: str) -> list[PageText]:
    """Words and lines of every page of a PDF."""
    import pdfplumber

    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
            lines: list[list[dict]] = []
            for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
                if lines and abs(lines[-1][0]["top"] - word["top"]) < 1.5:
                    lines[-1].append(word)
                else:
                    lines.append([word])
            out.append(PageText(
                [w["text"] for w in words],
                [(ln[0]["top"], min(w["x0"] for w in ln),
                  " ".join(w["text"] for w in sorted(ln, key=lambda w: w["x0"])))
                 for ln in lines]))
    return out


def compare(ours: str, reference: str, tolerance: float = 2.0) -> Fidelity:
    """Compare `ours` against `reference`: page count, word-identical pages, line starts."""
    a, b = read_pages(ours), read_pages(reference)
    identical = sum(1 for pa, pb in zip(a, b, strict=False)
                    if "".join(pa.words) == "".join(pb.words))
    total = close = 0
    for pa, pb in zip(a, b, strict=False):
        lines_b = {text: (top, left) for top, left, text in pb.lines}
        for top, left, text in pa.lines:
            if text in lines_b:
                total += 1
                tb, lb = lines_b[text]
                if abs(top - tb) <= tolerance and abs(left - lb) <= tolerance:
                    close += 1
        total += max(len(pb.lines) - len(pa.lines), 0)
    return Fidelity((len(a), len(b)), identical, total, close)
