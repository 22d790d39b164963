"""The words docgen writes itself, in the report's language (Settings: *Language*).

Welsh public bodies publish in Welsh as well as English; a report with *Language* `cy-GB`
gets Welsh words for its changes, trends, target statuses and dates, and the document (its
styles, properties and PDF) is marked as Welsh so that spell-checkers and screen readers use
the right language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DEFAULT_LANGUAGE = "en-GB"


@dataclass(frozen=True)
class Words:
    """Every word or abbreviation docgen puts in a report, in one language."""

    code: str
    increase: str
    decrease: str
    no_change: str
    up: str
    down: str
    unchanged: str
    not_available: str
    met: str
    not_met: str
    no_target: str
    point: str
    points: str
    minutes: str
    seconds: str
    hours: str
    months: tuple[str, ...]

    def direction(self, direction: str | None) -> str:
        """'increase', 'decrease' or 'no change' in this language (n/a for None)."""
        return {"increase": self.increase, "decrease": self.decrease,
                "no change": self.no_change}.get(direction or "", self.not_available)

    def trend(self, direction: str | None) -> str:
        """'up', 'down' or 'unchanged' for a direction, in this language."""
        return {"increase": self.up, "decrease": self.down,
                "no change": self.unchanged}.get(direction or "", self.not_available)

    def status(self, status: str) -> str:
        """A target status ('met', 'not met', 'no target', 'n/a') in this language."""
        return {"met": self.met, "not met": self.not_met, "no target": self.no_target}.get(
            status, self.not_available)

    def long_date(self, value: dt.date | None) -> str:
        """The committee-report date: '21st November 2019'; in Welsh '21 Tachwedd 2019'."""
        if value is None:
            return ""
        month = self.months[value.month - 1]
        if self.code == DEFAULT_LANGUAGE:
            return f"{_ordinal(value.day)} {month} {value.year}"
        return f"{value.day} {month} {value.year}"


ENGLISH = Words(
    code="en-GB", increase="increase", decrease="decrease", no_change="no change", up="up",
    down="down", unchanged="unchanged", not_available="n/a", met="met", not_met="not met",
    no_target="no target", point="pt", points="pts", minutes="min", seconds="sec",
    hours="hrs",
    months=("January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"),
)

WELSH = Words(
    code="cy-GB", increase="cynnydd", decrease="gostyngiad", no_change="dim newid",
    up="i fyny", down="i lawr", unchanged="heb newid", not_available="amh.",
    met="wedi'i gyrraedd", not_met="heb ei gyrraedd", no_target="dim targed", point="pwynt",
    points="pwynt", minutes="mun", seconds="eil", hours="awr",
    months=("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst",
            "Medi", "Hydref", "Tachwedd", "Rhagfyr"),
)

LANGUAGES = {words.code.lower(): words for words in (ENGLISH, WELSH)}
"""The languages docgen writes, by their code in lower case."""


def words_for(code: str | None) -> Words:
    """The words of language `code` ('en-GB', 'cy-GB', any case); English when unknown."""
    return LANGUAGES.get((code or DEFAULT_LANGUAGE).lower(), ENGLISH)


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"
