"""The named example queries (``kg/queries/*.rq``): one place, read by ``kg query --name``,
the tests and the web pages alike."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

QUERY_DIR = Path(__file__).resolve().parent / "queries"


@dataclass(frozen=True)
class Example:
    name: str  # file stem, e.g. "01-whom-has-lee-jae-yong-met"
    title: str
    description: str
    sparql: str

    @property
    def number(self) -> int:
        return int(self.name.split("-", 1)[0])


def _header(text: str, key: str) -> str:
    match = re.search(rf"^#\s*{key}:\s*(.+)$", text, re.M)
    return match.group(1).strip() if match else ""


def examples() -> list[Example]:
    return [
        Example(p.stem, _header(t, "title"), _header(t, "description"), t)
        for p in sorted(QUERY_DIR.glob("*.rq"))
        for t in [p.read_text(encoding="utf-8")]
    ]


def example(name: str) -> Example | None:
    """By full name, by number ("4" or "04") or by the name without its number."""
    for ex in examples():
        if name in (ex.name, ex.name.split("-", 1)[1]) or (name.isdigit() and int(name) == ex.number):
            return ex
    return None
