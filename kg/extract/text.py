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


_PLACE_DAY = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2},\s+(?:next\s+|last\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:\s+and\s+\w+day)?\.$")
"""A newsletter's dateline sentence, "Jerusalem, Monday.": where and when the items after it happen."""
_BULLET = re.compile(r"^[-•*–]\s+\S")
_SUMMARY_HEADING = re.compile(
    r"^(?:key\s+(?:points|takeaways|facts)|highlights|at\s+a\s+glance|in\s+brief|summary|what\s+we\s+know(?:\s+so\s+far)?|the\s+latest|main\s+points|takeaways)\s*:?$",
    re.I,
)


def _summary_point(line: str, before_prose: bool, under_summary: bool) -> bool:
    """A bulleted point of the article's own summary (under "Key points", or the deck between the
    headline and the body) states the news in headline style, without a full stop; bullets after
    the body ("Related articles") are other stories and stay out."""
    return bool(_BULLET.match(line)) and (before_prose or under_summary) and len(_WORD.findall(line)) >= 5


def paragraphs(body: str) -> list[list[str]]:
    """Paragraphs of sentences; a paragraph repeated word for word (a photo caption) is kept once."""
    seen: set[str] = set()
    result: list[list[str]] = []
    before_prose, under_summary = True, False
    for raw in re.split(r"\n\s*\n|\n", body):
        line = normalise(raw)
        if not line:
            continue
        if _SUMMARY_HEADING.match(line):
            under_summary = True
            continue
        point = _summary_point(line, before_prose, under_summary)
        under_summary = under_summary and bool(_BULLET.match(line))
        prose = is_prose(line)
        before_prose = before_prose and not (prose and not _BULLET.match(line))
        if not (prose or point) or line in seen:
            continue
        seen.add(line)
        sentences = _rejoin([normalise(s) for s in _segmenter().segment(line)])
        sentences = [s for s in sentences if len(_WORD.findall(s)) >= 3 or _PLACE_DAY.match(s)]
        if sentences:
            result.append(sentences)
    return result
