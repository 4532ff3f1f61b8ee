"""Article body → clean paragraphs of sentences (web boilerplate, repeated captions dropped)."""

from __future__ import annotations

import re
from functools import lru_cache

import pysbd

_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
_END = re.compile(r"""[.!?]["'”’)]*\s*$""")
_BYLINE = re.compile(r"^(?:By|Photo by|Reporting by|Edited by)\s+[A-Z]", re.I)
_BOILER = re.compile(
    r"(share button|font-size|all rights reserved|copyright|subscribe|newsletter|cookie|"
    r"sign up|log in|related articles|top \d+ stories|disclaimer|comments?$|views?\d*\s*\d* comments)",
    re.I,
)


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def normalise(text: str) -> str:
    """Whitespace-normalised text, the form evidence is stored in."""
    return re.sub(r"\s+", " ", text).strip()


def is_prose(line: str) -> bool:
    """A line worth reading: a sentence or more, not a menu, button, byline or headline."""
    words = _WORD.findall(line)
    if len(words) < 4 or _BYLINE.match(line) or _BOILER.search(line) and len(words) < 25:
        return False
    letters = sum(c.isalpha() for c in line)
    if letters < 0.5 * len(line.strip()):
        return False
    return bool(_END.search(line)) or len(words) >= 12


_NOT_AN_END = re.compile(r"\b(?:Inc|Corp|Co|Ltd|Jr|Sr|St|Mr|Ms|Mrs|Dr|No|Gen|Gov|Sen|Rep|Dept|Univ|Calif|Bros|Plc)\.$")


def _rejoin(sentences: list[str]) -> list[str]:
    """Undo splits after abbreviations that never end a sentence here ("Apple Inc. CEO Tim Cook")."""
    out: list[str] = []
    for s in sentences:
        if out and _NOT_AN_END.search(out[-1]):
            out[-1] = f"{out[-1]} {s}"
        else:
            out.append(s)
    return out


def paragraphs(body: str) -> list[list[str]]:
    """Paragraphs of sentences; a paragraph repeated word for word (a photo caption) is kept once."""
    seen: set[str] = set()
    result: list[list[str]] = []
    for raw in re.split(r"\n\s*\n|\n", body):
        line = normalise(raw)
        if not line or not is_prose(line) or line in seen:
            continue
        seen.add(line)
        sentences = _rejoin([normalise(s) for s in _segmenter().segment(line)])
        sentences = [s for s in sentences if len(_WORD.findall(s)) >= 3]
        if sentences:
            result.append(sentences)
    return result
