"""Compare two PDFs of the same document (docgen's and LibreOffice's): pages, words, lines.

A page has the same words as the reference's when it holds the same words the same number of
times, in whatever order the PDF lists them (charts' labels come in drawing order). Lines are
matched by their text (spaces and the length of tab leaders aside), page by page; a matched
line is *close* when its baseline and start lie within `tolerance` of the reference's, and *on
its baseline* when its baseline alone lies within `baseline_tolerance` (1 pt: the issue's
measure). Lines with no match (a different line break, or moved to another page) count
against both. Used by the fidelity tests and benchmarks/pdf_vs_libreoffice.py; needs
pdfplumber (the `test` extra).
"""

from __future__ import annotations

import difflib
import logging
import re
from dataclasses import dataclass, field

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
    lines_baseline: int = 0
    lines_matched: int = 0
    # (page number from 1, text, our baseline minus the reference's) of matched lines off
    # their baseline, and (page, "ours" or "reference", text) of lines with no match.
    moved: list[tuple[int, str, float]] = field(default_factory=list)
    unmatched: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def same_page_count(self) -> bool:
        """True when both PDFs have the same number of pages."""
        return self.pages[0] == self.pages[1]

    @property
    def all_pages_identical(self) -> bool:
        """True when every page holds the same words in both PDFs (in any order)."""
        return self.same_page_count and self.identical_pages == self.pages[0]

    @property
    def close_share(self) -> float:
        """Share of matched lines whose start lies within the tolerance."""
        return self.lines_close / self.lines_total if self.lines_total else 1.0

    @property
    def baseline_share(self) -> float:
        """Share of lines on the reference's baseline (within `baseline_tolerance`)."""
        return self.lines_baseline / self.lines_total if self.lines_total else 1.0


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


def compare(ours: str, reference: str, tolerance: float = 2.0,
            baseline_tolerance: float = 1.0) -> Fidelity:
    """Compare `ours` against `reference`: page count, word-identical pages, lines close
    (baseline and start within `tolerance`) and on their baseline (within
    `baseline_tolerance`)."""
    return compare_pages(read_pages(ours), read_pages(reference), tolerance, baseline_tolerance)


def compare_pages(a: list[PageText], b: list[PageText], tolerance: float = 2.0,
                  baseline_tolerance: float = 1.0) -> Fidelity:
    """`compare` on pages already read (ours `a`, the reference `b`)."""
    identical = sum(1 for pa, pb in zip(a, b, strict=False)
                    if sorted(pa.words) == sorted(pb.words))
    result = Fidelity((len(a), len(b)), identical, 0, 0)
    for number, (pa, pb) in enumerate(zip(a, b, strict=False), start=1):
        _compare_page(number, pa, pb, tolerance, baseline_tolerance, result)
    for number, page in enumerate(a[len(b):], start=len(b) + 1):
        result.unmatched += [(number, "ours", text) for _, _, text in page.lines]
        result.lines_total += len(page.lines)
    for number, page in enumerate(b[len(a):], start=len(a) + 1):
        result.unmatched += [(number, "reference", text) for _, _, text in page.lines]
        result.lines_total += len(page.lines)
    return result


LEADER = re.compile(r"\s*[.\u2026\u00b7_-]{3,}\s*")


def _key(text: str) -> str:
    """What pairs a line with the reference's: its text without spaces, a tab leader (a run
    of dots, rules or hyphens, however long) as one mark. Where words break and which page
    they are on still decide; how a PDF spaces words and fills leaders does not (the page's
    words still show a leader of another length)."""
    return "".join(LEADER.sub("\u2026", text).split())


def _compare_page(number: int, pa: PageText, pb: PageText, tolerance: float,
                  baseline_tolerance: float, result: Fidelity) -> None:
    """Match one page's lines by text and count them into `result`."""
    matcher = difflib.SequenceMatcher(None, [_key(t) for _, _, t in pa.lines],
                                      [_key(t) for _, _, t in pb.lines], autojunk=False)
    seen_a, seen_b = set(), set()
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            seen_a.add(block.a + k)
            seen_b.add(block.b + k)
            top_a, left_a, text = pa.lines[block.a + k]
            top_b, left_b, _ = pb.lines[block.b + k]
            result.lines_matched += 1
            result.lines_close += (abs(top_a - top_b) <= tolerance
                                   and abs(left_a - left_b) <= tolerance)
            if abs(top_a - top_b) <= baseline_tolerance:
                result.lines_baseline += 1
            else:
                result.moved.append((number, text, round(top_a - top_b, 2)))
    result.unmatched += [(number, "ours", t) for i, (_, _, t) in enumerate(pa.lines)
                         if i not in seen_a]
    result.unmatched += [(number, "reference", t) for i, (_, _, t) in enumerate(pb.lines)
                         if i not in seen_b]
    result.lines_total += max(len(pa.lines), len(pb.lines))
