"""Resolve the date expressions of news text against the publication date.

A resolved date is an interval ``[start, end]`` of days the event can fall on; its lexical form is
the most precise calendar unit (day, month or year) that holds the whole interval, so that a
meeting "next week" that straddles two months is ``"2024"`` with the exact week as its bounds.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# Order matters: the most specific pattern first; matches never overlap.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rx, re.IGNORECASE if kind not in ("days_from", "month_rel", "month_day", "day_month", "month_year", "month") else 0))
    for kind, rx in (
        ("days_from", r"\bfor\s+(?P<n>two|three|four|five|six|seven|ten|\d+)\s+days\s+(?:from|starting(?:\s+on)?)\s+" + _MONTH + r"\s+(?P<day>\d{1,2})\b(?:,?\s+" + _YEAR + r")?"),
        ("iso", r"\b(?P<iso>(?:19|20)\d\d-\d\d-\d\d)\b"),
        ("month_day", _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+" + _YEAR + r")?"),
        ("day_month", r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+" + _YEAR + r")?"),
        ("month_year", r"\b" + _MONTH + r",?\s+(?:of\s+)?" + _YEAR + r"\b"),
        ("month_rel", r"\b" + _MONTH + r"\s+(?:of\s+)?(?P<rel_year>last|this|next)\s+year\b"),
        ("nth", r"\bon\s+the\s+(?P<day>\d{1,2})(?:st|nd|rd|th)\b"),
        ("month", r"\b(?i:in|early|late|mid|since|during|until|by|this|last|next|of|from)[\s-]+(?:(?i:early|late|mid)[\s-]+)?" + _MONTH + r"(?![\w-])"),
        ("weekday", r"\b(?P<which>last|next|this|on|earlier on|late on)?\s*" + _WEEKDAY + r"(?P<part>\s+(?:morning|afternoon|evening|night))?\b"),
        ("relative", r"\b(?P<rel>the previous day|the day before|a day later|a day earlier|the day after|two days later|two days earlier|hours later|the following day|the next day|the same day|earlier that day|earlier in the day|later in the day|later that day|that day|yesterday|today|tomorrow|tonight|this week|last week|next week|earlier this week|later this week|this month|last month|next month|earlier this month|later this month|this year|last year|next year|earlier this year|later this year|a week ago|a month ago|a year ago|two years ago|three years ago)\b"),
        ("that_year", r"\b(?:that|the\s+same)\s+year\b"),
        ("elapsed", r"\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>later|earlier|afterwards?|after\s+that|before\s+that|ago)\b"),
        ("season_year", r"\b(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+of\s+" + _YEAR + r"\b"),
        ("season", r"\b(?P<which>last|this|next)\s+(?P<season>spring|summer|autumn|fall|winter)\b"),
        ("year", r"\b" + _YEAR + r"\b"),
    )
)

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

# A bare number before a month (e.g. "2 June") is a day only when plausible.
_ANCHORED = {"the previous day", "the day before", "the following day", "the next day", "the same day",
             "a day later", "a day earlier", "the day after", "two days later", "two days earlier", "hours later",
             "earlier that day", "earlier in the day", "later in the day", "later that day", "that day"}


@dataclass(frozen=True, order=True)
class DateSpan:
    start: date
    end: date

    @property
    def precision(self) -> str:
        if self.start == self.end:
            return "day"
        if (self.start.year, self.start.month) == (self.end.year, self.end.month):
            return "month"
        return "year" if self.start.year == self.end.year else "years"

    @property
    def lexical(self) -> str:
        """The most precise ``xsd:date`` / ``xsd:gYearMonth`` / ``xsd:gYear`` holding the span."""
        p = self.precision
        if p == "day":
            return self.start.isoformat()
        if p == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return f"{self.start.year:04d}"

    @property
    def datatype(self) -> str:
        return {"day": "date", "month": "gYearMonth"}.get(self.precision, "gYear")

    def overlaps(self, other: "DateSpan") -> bool:
        return self.start <= other.end and other.start <= self.end

    def intersect(self, other: "DateSpan") -> "DateSpan":
        return DateSpan(max(self.start, other.start), min(self.end, other.end))

    def __str__(self) -> str:
        return self.lexical if self.precision != "years" else f"{self.start}/{self.end}"


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    end: int
    span: DateSpan
    anchored: bool = False
    """Relative to another event ("the previous day"), not to the publication date."""


def day(d: date) -> DateSpan:
    return DateSpan(d, d)


def month(year: int, m: int) -> DateSpan:
    return DateSpan(date(year, m, 1), date(year, m, calendar.monthrange(year, m)[1]))


def year(y: int) -> DateSpan:
    return DateSpan(date(y, 1, 1), date(y, 12, 31))


def week(d: date) -> DateSpan:
    monday = d - timedelta(days=d.weekday())
    return DateSpan(monday, monday + timedelta(days=6))


def _pick_year(m: int, d: int | None, published: date, tense: str) -> int:
    """A month (and day) without a year: the nearest one on the side of publication the tense says."""
    y = published.year
    probe = date(y, m, min(d or 1, calendar.monthrange(y, m)[1]))
    if tense == "future":
        end = date(y, m, calendar.monthrange(y, m)[1])
        return y + 1 if end < published and (published - end).days > 60 else y
    if d is None:
        return y - 1 if probe > published else y
    return y - 1 if probe > published + timedelta(days=7) else y


def resolve(kind: str, match: re.Match[str], published: date, tense: str = "past", anchor: date | None = None,
            story: DateSpan | None = None, told_year: int | None = None) -> DateSpan | None:
    g = match.groupdict()
    try:
        if kind == "elapsed":
            return _elapsed(g, published, story or (day(anchor) if anchor else None))
        if kind == "season_year":
            return _season(g["season"].lower(), int(g["year"]))
        if kind == "season":  # "last spring": the latest one over; "this summer": this year's; "next winter"
            which, name = g["which"].lower(), g["season"].lower()
            if which == "this":
                return _season(name, published.year)
            y = published.year
            while which == "last" and _season(name, y).end >= published:
                y -= 1
            while which == "next" and _season(name, y).start <= published:
                y += 1
            return _season(name, y)
        if kind == "that_year":  # "signed that year": the year the text last told of
            return year(told_year) if told_year else None
        if kind == "iso":
            return day(date.fromisoformat(g["iso"]))
        if kind == "days_from":
            m, d = MONTHS[g["month"].lower().rstrip(".")], int(g["day"])
            y = int(g["year"]) if g.get("year") else _pick_year(m, d, published, tense)
            n = _NUMBERS.get(g["n"].lower()) or int(g["n"])
            return DateSpan(date(y, m, d), date(y, m, d) + timedelta(days=n - 1))
        if kind in ("month_day", "day_month"):
            m, d = MONTHS[g["month"].lower().rstrip(".")], int(g["day"])
            y = int(g["year"]) if g.get("year") else _pick_year(m, d, published, tense)
            return day(date(y, m, d))
        if kind == "month_rel":
            shift = {"last": -1, "this": 0, "next": 1}[g["rel_year"].lower()]
            return month(published.year + shift, MONTHS[g["month"].lower().rstrip(".")])
        if kind == "nth":
            d = int(g["day"])
            m_, y_ = published.month, published.year
            if tense == "future" and d < published.day:
                m_, y_ = (1, y_ + 1) if m_ == 12 else (m_ + 1, y_)
            elif tense != "future" and d > published.day:
                m_, y_ = (12, y_ - 1) if m_ == 1 else (m_ - 1, y_)
            return day(date(y_, m_, d))
        if kind == "month_year":
            return month(int(g["year"]), MONTHS[g["month"].lower().rstrip(".")])
        if kind == "month":
            m = MONTHS[g["month"].lower().rstrip(".")]
            lead = match.group(0).split()[0].lower()
            if lead == "last":
                y = published.year if m < published.month else published.year - 1
            elif lead == "next":
                y = published.year if m > published.month else published.year + 1
            else:
                y = _pick_year(m, None, published, tense)
            return month(y, m)
        if kind == "weekday":
            wd = WEEKDAYS[g["weekday"].lower()]
            which = (g.get("which") or "").lower()
            base = published  # weekdays name the week of publication, whatever the narrative
            if which == "next" or (tense == "future" and which != "last"):
                delta = (wd - base.weekday()) % 7
                if which == "next" and delta == 0:
                    delta = 7
                return day(base + timedelta(days=delta))
            delta = (base.weekday() - wd) % 7
            if which == "last" and delta == 0:
                delta = 7
            return day(base - timedelta(days=delta))
        if kind == "relative":
            rel = g["rel"].lower()
            if rel in _SHIFTED and story is not None and story.precision == "day" and (anchor is None or story.start < anchor):
                anchor = story.start  # "Hours later": after the last day told, even a recalled one (not a later day of report)
            return _relative(rel, published, anchor)
        if kind == "year":
            return year(int(g["year"]))
    except (ValueError, KeyError):
        return None
    return None


_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _season(name: str, y: int) -> DateSpan:
    """Northern seasons by month: spring March–May, summer June–August, autumn September–November,
    winter December to February."""
    first = _SEASON_START[name]
    end = month(y + 1, 2).end if first == 12 else month(y, first + 2).end
    return DateSpan(date(y, first, 1), end)


def _elapsed(g: dict[str, str], published: date, story: DateSpan | None) -> DateSpan | None:
    """"Three months later", "two weeks earlier": counted from the last date the story told (none
    told: no date); "five years ago": from publication. As precise as the unit counted in."""
    n = _NUMBERS.get(g["n"].lower()) or int(g["n"])
    unit, direction = g["unit"].lower(), g["dir"].lower()
    base = day(published) if direction == "ago" else story
    if base is None:
        return None
    sign = -1 if direction in ("earlier", "before that", "ago") else 1
    shift = relativedelta(**{f"{unit}s": sign * n})
    start, end = base.start + shift, base.end + shift
    if unit == "month":
        return DateSpan(month(start.year, start.month).start, month(end.year, end.month).end)
    if unit == "year":
        return DateSpan(date(start.year, 1, 1), date(end.year, 12, 31))
    if unit == "week" and base.precision == "day":
        return week(start)
    return DateSpan(start, end)


_SHIFT = {"the previous day": -1, "the day before": -1, "the following day": 1, "the next day": 1, "a day later": 1,
          "the day after": 1, "a day earlier": -1, "two days later": 2, "two days earlier": -2}
_SHIFTED = set(_SHIFT) | {"hours later"}
"""Counted on from a day; the other anchored phrases ("that day", "later in the day") are the day itself."""


def _relative(rel: str, published: date, anchor: date | None) -> DateSpan | None:
    if rel in _ANCHORED:
        base = anchor or published
        return day(base + timedelta(days=_SHIFT.get(rel, 0)))
    p = published
    table = {
        "yesterday": lambda: day(p - timedelta(days=1)),
        "today": lambda: day(p),
        "tonight": lambda: day(p),
        "tomorrow": lambda: day(p + timedelta(days=1)),
        "this week": lambda: week(p),
        "last week": lambda: week(p - timedelta(days=7)),
        "next week": lambda: week(p + timedelta(days=7)),
        "earlier this week": lambda: DateSpan(week(p).start, max(week(p).start, p - timedelta(days=1))),
        "later this week": lambda: DateSpan(min(p + timedelta(days=1), week(p).end), week(p).end),
        "this month": lambda: month(p.year, p.month),
        "earlier this month": lambda: DateSpan(date(p.year, p.month, 1), p),
        "later this month": lambda: DateSpan(p, month(p.year, p.month).end),
        "last month": lambda: month(*(lambda d: (d.year, d.month))(p - relativedelta(months=1))),
        "next month": lambda: month(*(lambda d: (d.year, d.month))(p + relativedelta(months=1))),
        "this year": lambda: year(p.year),
        "earlier this year": lambda: DateSpan(date(p.year, 1, 1), p),
        "later this year": lambda: DateSpan(p, date(p.year, 12, 31)),
        "last year": lambda: year(p.year - 1),
        "next year": lambda: year(p.year + 1),
        "a week ago": lambda: week(p - timedelta(days=7)),
        "a month ago": lambda: month(*(lambda d: (d.year, d.month))(p - relativedelta(months=1))),
        "a year ago": lambda: year(p.year - 1),
        "two years ago": lambda: year(p.year - 2),
        "three years ago": lambda: year(p.year - 3),
    }
    return table[rel]() if rel in table else None


def find_dates(text: str, published: date, tense: str = "past", anchor: date | None = None,
               story: DateSpan | None = None, told_year: int | None = None) -> list[DateMention]:
    """Every date expression in ``text``, resolved; overlapping matches keep the most specific.
    ``anchor`` is the day the narrative is at ("the following day"), ``story`` the last day or
    month the text told ("three months later"), ``told_year`` the year of the last date it told
    ("that year")."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            s, e = match.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "weekday" and not (match.group("which") or "").strip() and not _weekday_ok(text, s):
                continue
            span = resolve(kind, match, published, tense, anchor, story, told_year)
            if span is None:
                continue
            taken.append((s, e))
            anchored = (kind == "relative" and match.group("rel").lower() in _ANCHORED
                        or kind == "elapsed" and match.group("dir").lower() != "ago")
            found.append(DateMention(match.group(0).strip(), s, e, span, anchored))
    return _anchor_within(sorted(found, key=lambda m: m.start), text)


def _anchor_within(found: list[DateMention], text: str) -> list[DateMention]:
    """"flies to Madrid on Wednesday and meets him the following day": the day after the
    Wednesday the same sentence names, not after the day the narrative had reached."""
    out: list[DateMention] = []
    for m in found:
        before = [d for d in out if not d.anchored and d.span.precision == "day" and ";" not in text[d.end:m.start]]
        rel = m.text.lower()
        if m.anchored and rel in _ANCHORED and before:
            m = DateMention(m.text, m.start, m.end, _relative(rel, before[-1].span.start, before[-1].span.start))  # as explicit as its anchor
        out.append(m)
    return out


def _weekday_ok(text: str, start: int) -> bool:
    """A bare weekday is a date only after a preposition or at a clause start ("on Tuesday")."""
    before = text[max(0, start - 12):start].lower()
    return bool(re.search(r"(?:\bon|\bby|\buntil|\bfrom|\bsince|,|^)\s*$", before)) or start == 0


def publication_span(published: date) -> DateSpan:
    return day(published)
