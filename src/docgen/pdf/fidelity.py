"""Compare two PDFs of the same document (docgen's and LibreOffice's): pages, words, lines.

Used by the fidelity tests and the benchmark; needs pdfplumber (the `test` extra).
"""

from __future__ import annotations

import difflib
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


def _clean(text: str) -> str:
    """A word without bullet symbols (LibreOffice writes U+F0B7, docgen U+2022)."""
    return "".join(ch for ch in text if not ("\ue000" <= ch <= "\uf8ff" or ch in "\u2022\u25aa"))


def read_pages(path: str) -> list[PageText]:
    """Words of every page and its lines, placed by baseline (font-independent)."""
    import pdfplumber

    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            words = []
            for word in page.extract_words(keep_blank_chars=False, use_text_flow=False,
                                           return_chars=True):
                text = _clean(word["text"])
                if text:
                    baseline = page.height - word["chars"][0]["matrix"][5]
                    words.append((round(baseline, 2), word["x0"], text))
            lines: list[list[tuple[float, float, str]]] = []
            for word in sorted(words):
                if lines and abs(lines[-1][0][0] - word[0]) < 1.5:
                    lines[-1].append(word)
                else:
                    lines.append([word])
            out.append(PageText(
                [w[2] for w in words],
                [(ln[0][0], min(w[1] for w in ln), " ".join(w[2] for w in sorted(
                    ln, key=lambda w: w[1]))) for ln in lines]))
    return out


def compare(ours: str, reference: str, tolerance: float = 2.0) -> Fidelity:
    """Compare `ours` against `reference`: page count, word-identical pages, line starts."""
    a, b = read_pages(ours), read_pages(reference)
    identical = sum(1 for pa, pb in zip(a, b, strict=False)
                    if "".join(pa.words) == "".join(pb.words))
    total = close = 0
    for pa, pb in zip(a, b, strict=False):
        matcher = difflib.SequenceMatcher(None, [t for _, _, t in pa.lines],
                                          [t for _, _, t in pb.lines], autojunk=False)
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                top_a, left_a, _ = pa.lines[block.a + k]
                top_b, left_b, _ = pb.lines[block.b + k]
                close += abs(top_a - top_b) <= tolerance and abs(left_a - left_b) <= tolerance
        total += max(len(pa.lines), len(pb.lines))
    total += sum(len(p.lines) for p in (a[len(b):] if len(a) > len(b) else b[len(a):]))
    return Fidelity((len(a), len(b)), identical, total, close)
