"""A synthetic corpus of news articles about tech-industry meetings, with its ground truth.

Why synthetic: the benchmark needs 5 to 5,000 articles of the kind meetgraph reads, and only
a handful of real ones exist in the repository. The generator writes articles in the contract
format (``title``, ``date``, ``source``, optional ``author``, a blank line, the body) with the
features that make the pipeline work hard at scale:

- people with Korean, Western, Japanese and Indian names, introduced with their roles in the ways
  news copy does ("Hanbit Robotics CEO Park Ji-hoon", "Laura Bennett, chairman of Kestrel AI",
  "Priya Sharma, Vayu Networks' chief executive"), then referred to by surname;
- the well-known people, firms, places and technologies of ``data/reference`` (so they link and
  the ten example queries have answers that grow with the corpus), plus new ones that get minted;
- several meetings per article, told in varied phrasings (met with, hosted, held talks, a meeting
  between, had dinner, received, will meet next week, had previously met in 2019), with dates
  relative to the publication date ("on Tuesday", "last month", "next week") or explicit;
- people and meetings shared between articles: a meeting is reported again by later articles, a
  meeting announced as planned is later reported as held, so identity resolution has to merge.

Everything is drawn from ``random.Random(seed)``: the same size and seed give the same bytes.

Besides the articles, ``write`` saves ``truth.json`` (every distinct meeting: participants, true
date interval, place, topics, which articles tell of it) and ``gold.json`` in ``kg eval``'s format,
and an extra article for ``kg add`` under ``add/``. ``score`` compares a built graph with the truth:
meetings found (same participant set, overlapping dates) versus generated.

    python -m bench.corpus --size 50 --out bench/out/corpus-50 [--check]
"""

from __future__ import annotations

import argparse
import json
import itertools
import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

SIZES = (5, 50, 500, 5000)
EPOCH = date(2024, 1, 1)
"""The corpus starts here; a larger corpus spans more days so articles per day stay realistic."""

# -- Pools -----------------------------------------------------------------------------------------
# Places: (name, country). The first group are in data/reference/places.ttl and link; the second
# are not, so the extractor mints them.
REFERENCE_PLACES = [
    ("Seoul", "South Korea"), ("Seoul", "South Korea"), ("Seoul", "South Korea"), ("Busan", "South Korea"),
    ("Suwon", "South Korea"), ("Incheon", "South Korea"), ("Pangyo", "South Korea"), ("Yeouido", "South Korea"),
    ("San Francisco", "United States"), ("Santa Clara", "United States"), ("San Jose", "United States"),
    ("Seattle", "United States"), ("Las Vegas", "United States"), ("Washington, D.C.", "United States"),
    ("New York City", "United States"), ("Austin", "United States"), ("Menlo Park", "United States"),
    ("Tokyo", "Japan"), ("Osaka", "Japan"), ("Taipei", "Taiwan"), ("Hsinchu", "Taiwan"),
    ("Beijing", "China"), ("Shanghai", "China"), ("New Delhi", "India"), ("Bengaluru", "India"),
    ("Hanoi", "Vietnam"), ("London", "United Kingdom"), ("Paris", "France"), ("Berlin", "Germany"),
    ("Toronto", "Canada"), ("Davos", "Switzerland"),
]
NEW_PLACES = [
    ("Daejeon", "South Korea"), ("Gwangju", "South Korea"), ("Kyoto", "Japan"), ("Nagoya", "Japan"),
    ("Munich", "Germany"), ("Hyderabad", "India"), ("Pune", "India"), ("Dublin", "Ireland"),
    ("Stockholm", "Sweden"), ("Abu Dhabi", "United Arab Emirates"), ("Kuala Lumpur", "Malaysia"),
]
COUNTRY_ADJECTIVE = {
    "South Korea": "South Korean", "United States": "U.S.", "Japan": "Japanese", "India": "Indian",
    "Germany": "German", "Taiwan": "Taiwanese", "United Kingdom": "British", "France": "French",
}
HQ_CITY = {"South Korea": "Seoul", "United States": "San Jose", "Japan": "Tokyo", "India": "Bengaluru",
           "Germany": "Munich", "Taiwan": "Taipei", "United Kingdom": "London", "France": "Paris"}

REFERENCE_TECH = [
    "artificial intelligence", "AI", "generative AI", "large language models", "AI chips", "semiconductors",
    "HBM", "high-bandwidth memory", "memory chips", "DRAM", "foundry", "GPUs", "data centers", "cloud computing",
    "6G", "5G", "extended reality", "XR headsets", "smartphones", "robotics", "humanoid robots",
    "autonomous driving", "electric vehicles", "batteries", "quantum computing", "sovereign AI",
    "AI infrastructure", "system semiconductors", "OLED", "displays", "metaverse",
]
NEW_TECH = [
    "silicon photonics", "edge computing", "digital twins", "solid-state batteries", "satellite internet",
    "chiplet packaging", "neuromorphic computing", "AI agents", "small modular reactors", "smart factories",
]

# Well-known people of data/reference/people.ttl with the role and firm they hold in real life
# (roles are never in the reference data: they come from the text, as here).
# (name, short reference, firm, title variants)
FAMOUS = [
    ("Lee Jae-yong", "Lee Jae-yong", "Samsung Electronics", ("Executive Chairman", "executive chairman")),
    ("Chey Tae-won", "Chey", "SK Group", ("Chairman", "chairman")),
    ("Koo Kwang-mo", "Koo", "LG Group", ("Chairman", "chairman")),
    ("Chung Eui-sun", "Chung", "Hyundai Motor Group", ("Executive Chair", "executive chair")),
    ("Choi Soo-yeon", "Choi Soo-yeon", "Naver", ("CEO", "chief executive")),
    ("Mark Zuckerberg", "Zuckerberg", "Meta", ("CEO", "chief executive")),
    ("Jensen Huang", "Huang", "Nvidia", ("CEO", "chief executive")),
    ("Sam Altman", "Altman", "OpenAI", ("CEO", "chief executive")),
    ("Satya Nadella", "Nadella", "Microsoft", ("CEO", "chief executive")),
    ("Andy Jassy", "Jassy", "Amazon", ("CEO", "chief executive")),
    ("Cristiano Amon", "Amon", "Qualcomm", ("CEO", "chief executive")),
    ("Pat Gelsinger", "Gelsinger", "Intel", ("CEO", "chief executive")),
    ("Jim Keller", "Keller", "Tenstorrent", ("CEO", "chief executive")),
    ("Masayoshi Son", "Masayoshi Son", "SoftBank Group", ("Chairman", "chairman")),
    ("Tim Cook", "Cook", "Apple", ("CEO", "chief executive")),
    ("Sundar Pichai", "Pichai", "Google", ("CEO", "chief executive")),
]
FAMOUS_COUNTRY = {"Samsung Electronics": "South Korea", "SK Group": "South Korea", "LG Group": "South Korea",
                  "Hyundai Motor Group": "South Korea", "Naver": "South Korea", "SoftBank Group": "Japan"}

KOREAN_SURNAMES = ["Kim", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo",
                   "Shin", "Kwon", "Hwang", "Ahn", "Song", "Yoo", "Hong", "Moon", "Bae", "Baek", "Nam", "Noh"]
KOREAN_GIVEN = ["Min-jun", "Seo-yeon", "Ji-hoon", "Hyun-woo", "Eun-ji", "Sung-min", "Dong-hyun", "Ye-jin",
                "Jae-won", "Young-ho", "Soo-jin", "Tae-hyun", "Kyung-soo", "Hye-won", "Sang-woo", "Jin-ho",
                "Mi-kyung", "Seung-hwan", "Ha-eun", "Joon-young", "Yoon-seo", "Chang-min", "Da-eun", "Woo-jin",
                "Ki-tae", "Hyo-jin", "Byung-chul", "Su-bin", "Jong-hyun", "Eun-woo", "In-sook", "Gyu-ri", "Hae-won",
                "Sung-ho", "Ji-yeon", "Kwang-soo", "Myung-hee", "Dae-sung", "Na-young", "Won-seok"]
WESTERN_GIVEN = ["James", "Laura", "Michael", "Sarah", "David", "Emily", "Robert", "Jennifer", "Thomas", "Rachel",
                 "Daniel", "Karen", "Brian", "Megan", "Kevin", "Julia", "Steven", "Anna", "Peter", "Claire",
                 "Richard", "Helen", "Andrew", "Nicole", "Christopher", "Olivia", "Matthew", "Rebecca",
                 "Jonathan", "Catherine", "Gregory", "Patricia", "Victoria", "Samuel", "Natalie", "Benjamin"]
WESTERN_SURNAMES = ["Bennett", "Carter", "Hughes", "Morgan", "Foster", "Reynolds", "Sullivan", "Parker",
                    "Brooks", "Hayes", "Coleman", "Fischer", "Walsh", "Barnes", "Porter", "Grant", "Lawson",
                    "Whitman", "Dalton", "Mercer", "Holloway", "Brennan", "Sinclair", "Harrington", "Kessler",
                    "Thornton", "Caldwell", "Pearson", "Lindqvist", "Okafor", "Vasquez", "Novak", "Hartmann"]
JAPANESE_GIVEN = ["Hiroshi", "Takeshi", "Kenji", "Yuko", "Akira", "Naoko", "Satoshi", "Haruki", "Emi",
                  "Daisuke", "Yoshiro", "Keiko", "Tomoko", "Ryota", "Shinji", "Mariko", "Takumi", "Ayumi", "Kazuo"]
JAPANESE_SURNAMES = ["Tanaka", "Suzuki", "Watanabe", "Yamamoto", "Nakamura", "Kobayashi", "Kato", "Yoshida",
                     "Yamada", "Sasaki", "Matsumoto", "Inoue", "Hayashi", "Shimizu", "Morita", "Ishikawa", "Okada"]
INDIAN_GIVEN = ["Priya", "Rahul", "Anil", "Sunita", "Vikram", "Arjun", "Kavita", "Rajesh", "Deepa", "Sanjay",
                "Nandini", "Ravi", "Meera", "Karthik", "Aditya", "Lakshmi", "Rohan", "Ananya", "Suresh"]
INDIAN_SURNAMES = ["Sharma", "Patel", "Iyer", "Reddy", "Nair", "Gupta", "Menon", "Rao", "Banerjee", "Kapoor",
                   "Mehta", "Krishnan", "Desai", "Joshi", "Chatterjee", "Pillai", "Bhatt"]

FIRM_PREFIX = {
    "South Korea": ["Hanbit", "Daehan", "Sejin", "Mirae", "Hanul", "Saehan", "Dongbang", "Gaon"],
    "United States": ["Kestrel", "Arcadia", "Northwind", "Bluefin", "Redwood", "Summit", "Granite", "Cobalt"],
    "Japan": ["Sakura", "Hoshino", "Fujimori", "Kaede"],
    "India": ["Vayu", "Indus", "Sarvam", "Tejas"],
    "Germany": ["Rheinwerk", "Isar"],
    "Taiwan": ["Formosa", "Jade"],
    "United Kingdom": ["Thames", "Albion"],
}
FIRM_SUFFIX = ["Semiconductor", "Robotics", "Systems", "Electronics", "AI", "Networks", "Energy", "Mobility",
               "Labs", "Technologies", "Cloud", "Materials", "Devices", "Photonics"]
FIRM_KIND = {"Semiconductor": "chipmaker", "Robotics": "robot maker", "Electronics": "electronics maker",
             "AI": "AI startup", "Networks": "telecom equipment maker", "Energy": "battery maker",
             "Mobility": "carmaker", "Cloud": "cloud provider", "Photonics": "chip designer"}
TITLES = [("CEO", "chief executive"), ("Chairman", "chairman"), ("President", "president"),
          ("CEO", "chief executive"), ("founder and CEO", "founder and chief executive"),
          ("Vice Chairman", "vice chairman"), ("CEO", "chief executive")]
NATIONALITY_WEIGHTS = [("South Korea", 0.40), ("United States", 0.30), ("Japan", 0.12), ("India", 0.10),
                       ("Germany", 0.03), ("Taiwan", 0.03), ("United Kingdom", 0.02)]

SOURCES = ["Meridian Wire", "The Korea Herald Desk", "Pacific Tech Daily", "Global Business Post", "Seoul Economic Review"]
AUTHORS = ["Baek Ji-won", "Laura Chen", "Tran Minh Anh", "David Ortiz", "Kim Hye-jin", "Asha Pillai", None]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


# -- The world: people, firms, meetings ----------------------------------------------------------
@dataclass(frozen=True)
class Person:
    name: str
    short: str
    """How later sentences of an article refer to the person (the surname, or the full name for
    Korean names, whose surnames are shared by millions)."""
    firm: str
    title: str
    """Title as a prefix: "CEO" in "Acme CEO Jane Roe"."""
    title_lower: str
    """Title as a noun: "chief executive" in "Jane Roe, chief executive of Acme"."""
    country: str
    famous: bool = False


@dataclass
class Event:
    """One real meeting of the synthetic world, however many articles tell of it."""

    id: int
    participants: tuple[str, ...]
    start: date
    end: date
    """The true date interval: one day, or a year for a meeting only ever recalled by its year."""
    place: str | None
    topics: tuple[str, ...]
    planned_in: list[str] = field(default_factory=list)
    reported_in: list[str] = field(default_factory=list)
    recalled: bool = False

    def to_json(self) -> dict:
        return {"id": self.id, "participants": list(self.participants), "start": self.start.isoformat(),
                "end": self.end.isoformat(), "place": self.place, "topics": list(self.topics),
                "planned_in": self.planned_in, "reported_in": self.reported_in, "recalled": self.recalled}


@dataclass
class Told:
    """One telling of an event in one article: what ``kg eval``'s gold needs."""

    event: Event
    status: str  # held | planned
    date_text: str  # gold "date": YYYY-MM-DD, YYYY-MM or YYYY
    date_range: tuple[str, str] | None
    sentence: str
    background: bool = False


@dataclass
class GeneratedArticle:
    file: str
    published: date
    text: str
    told: list[Told]
    people: dict[str, list[str]]


@dataclass
class Corpus:
    seed: int
    size: int
    articles: list[GeneratedArticle]
    events: list[Event]
    people: dict[str, Person]
    extra: GeneratedArticle
    """One more article, not in the corpus, for timing ``kg add``."""


def _listed(items: list[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _the(country: str) -> str:
    """ "the United States", "Japan": the article English wants before some country names."""
    return f"the {country}" if country.startswith("United") else country


def _ordinal_day(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}"


class _World:
    """The cast and the meetings, drawn from one seeded generator."""

    def __init__(self, size: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.size = size
        self.people: dict[str, Person] = {}
        self.events: list[Event] = []
        self.by_pair: dict[frozenset[str], list[Event]] = {}
        self.recalled: dict[tuple[frozenset[str], int], Event] = {}
        self.firms: dict[str, str] = {}  # firm -> country
        for name, short, firm, (title, title_lower) in FAMOUS:
            country = FAMOUS_COUNTRY.get(firm, "United States")
            self.people[name] = Person(name, short, firm, title, title_lower, country, famous=True)
            self.firms[firm] = country
        # The cast grows with the corpus up to what the name pools hold without repeats (about a
        # third of them): beyond that, people recur more often, as a beat's cast does.
        self._mint_cast(min(max(24, int(size * 1.3)), self._name_space() // 3))
        self.analysts = self._analysts(60)
        self.cast = list(self.people.values())
        # Heavier weights for the famous: they recur across articles, as they do in the news.
        self.cum_weights = list(itertools.accumulate(6.0 if p.famous else 1.0 for p in self.cast))
        self.window: list[Event] = []
        """Meetings dated near the article being written (articles are written in date order)."""

    def _mint_cast(self, count: int) -> None:
        rng = self.rng
        used_names = set(self.people)
        n_firms = max(12, count // 3)
        firms: list[tuple[str, str]] = []
        seen_firms: set[str] = set(self.firms)
        while len(firms) < n_firms:
            country = self._country()
            prefix = rng.choice(FIRM_PREFIX[country])
            name = f"{prefix} {rng.choice(FIRM_SUFFIX)}"
            if name in seen_firms:
                if len(seen_firms) > 8 * len(FIRM_SUFFIX):
                    break
                continue
            seen_firms.add(name)
            firms.append((name, country))
            self.firms[name] = country
        by_country: dict[str, list[str]] = {}
        for name, country in firms:
            by_country.setdefault(country, []).append(name)
        attempts = 0
        while len(self.people) < count + len(FAMOUS) and attempts < count * 50:
            attempts += 1
            country = self._country()
            given, family, korean = self._name(country)
            name = f"{family} {given}" if korean else f"{given} {family}"
            if name in used_names:
                continue
            used_names.add(name)
            firm = rng.choice(by_country.get(country) or [f for f, _ in firms])
            title, title_lower = rng.choice(TITLES)
            short = name if korean else family
            self.people[name] = Person(name, short, firm, title, title_lower, self.firms[firm])

    @staticmethod
    def _name_space() -> int:
        return (len(KOREAN_GIVEN) * len(KOREAN_SURNAMES) + len(WESTERN_GIVEN) * len(WESTERN_SURNAMES)
                + len(JAPANESE_GIVEN) * len(JAPANESE_SURNAMES) + len(INDIAN_GIVEN) * len(INDIAN_SURNAMES))

    def _analysts(self, count: int) -> list[str]:
        """Analysts quoted by the articles: a pool of their own, nobody of the cast."""
        out: list[str] = []
        for _ in range(count * 50):
            given, family, korean = self._name(self._country())
            name = f"{family} {given}" if korean else f"{given} {family}"
            if name not in self.people and name not in out:
                out.append(name)
            if len(out) == count:
                break
        return out

    def _country(self) -> str:
        r, acc = self.rng.random(), 0.0
        for country, w in NATIONALITY_WEIGHTS:
            acc += w
            if r < acc:
                return country
        return NATIONALITY_WEIGHTS[0][0]

    def _name(self, country: str) -> tuple[str, str, bool]:
        rng = self.rng
        if country == "South Korea":
            return rng.choice(KOREAN_GIVEN), rng.choice(KOREAN_SURNAMES), True
        if country == "Japan":
            return rng.choice(JAPANESE_GIVEN), rng.choice(JAPANESE_SURNAMES), False
        if country == "India":
            return rng.choice(INDIAN_GIVEN), rng.choice(INDIAN_SURNAMES), False
        return rng.choice(WESTERN_GIVEN), rng.choice(WESTERN_SURNAMES), False

    def pick_people(self, k: int, avoid_shorts: set[str] = frozenset()) -> list[Person]:
        """``k`` people of different firms whose short names clash with none already in the
        article (two Bennetts in one article would make "Bennett" ambiguous to any reader)."""
        chosen: list[Person] = []
        shorts = set(avoid_shorts)
        while len(chosen) < k:
            p = self.rng.choices(self.cast, cum_weights=self.cum_weights)[0]
            if p in chosen or p.short in shorts or p.firm in {c.firm for c in chosen}:
                continue
            chosen.append(p)
            shorts.add(p.short)
        return chosen

    def analyst(self) -> str:
        """A name for a quoted analyst: nobody of the cast, so quoting them is never a meeting."""
        return self.rng.choice(self.analysts)

    def advance(self, today: date) -> None:
        """Forget meetings too old to be re-reported (keeps generation linear in the size)."""
        self.window = [e for e in self.window if (today - e.start).days <= 45]

    def place(self) -> str:
        pool = REFERENCE_PLACES if self.rng.random() < 0.8 else NEW_PLACES
        return self.rng.choice(pool)[0]

    def topics(self) -> tuple[str, ...]:
        k = self.rng.choice([1, 1, 2, 2, 3])
        out: list[str] = []
        while len(out) < k:
            t = self.rng.choice(REFERENCE_TECH) if self.rng.random() < 0.85 else self.rng.choice(NEW_TECH)
            if t not in out:
                out.append(t)
        return tuple(out)

    def new_event(self, people: list[Person], when: date, place: str | None) -> Event | None:
        """A new meeting, unless the same people already meet within 45 days (which identity
        resolution would rightly merge into one, so the truth would count two for one)."""
        key = frozenset(p.name for p in people)
        for other in self.by_pair.get(key, []):
            if abs((other.start - when).days) <= 45:
                return None
        event = Event(len(self.events), tuple(sorted(key)), when, when, place, self.topics())
        self.events.append(event)
        self.window.append(event)
        self.by_pair.setdefault(key, []).append(event)
        return event

    def recalled_event(self, names: tuple[str, ...], year: int) -> Event:
        key = (frozenset(names), year)
        if key not in self.recalled:
            event = Event(len(self.events), tuple(sorted(names)), date(year, 1, 1), date(year, 12, 31), None, (),
                          recalled=True)
            self.events.append(event)
            self.recalled[key] = event
        return self.recalled[key]


# -- Articles --------------------------------------------------------------------------------------
class _Writer:
    """One article: keeps who has been introduced, so the first mention carries the role."""

    def __init__(self, world: _World, published: date, file: str) -> None:
        self.world = world
        self.rng = world.rng
        self.published = published
        self.file = file
        self.introduced: set[str] = set()
        self.aliases: dict[str, list[str]] = {}
        self.told: list[Told] = []
        self.paragraphs: list[str] = []

    # people -------------------------------------------------------------------------------------
    def ref(self, p: Person, start_of_sentence: bool = False) -> str:
        """First mention: name with role, in one of four shapes; later: the short form."""
        if p.name in self.introduced:
            form = p.short
        else:
            self.introduced.add(p.name)
            shape = self.rng.random()
            if shape < 0.55 or start_of_sentence:
                form = f"{p.firm} {p.title} {p.name}"
            elif shape < 0.75:
                form = f"{p.name}, {p.title_lower} of {p.firm},"
            elif shape < 0.9:
                form = f"{p.name}, {_possessive(p.firm)} {p.title_lower},"
            else:
                form = f"{p.name}, the {p.title_lower} of {p.firm},"
        self.aliases.setdefault(p.name, [])
        for alias in (form.rstrip(","), p.name, p.short):
            if alias not in self.aliases[p.name]:
                self.aliases[p.name].append(alias)
        return form

    @staticmethod
    def _tidy(sentence: str) -> str:
        """Commas of appositions that meet punctuation ("Roe, CEO of Acme, in Seoul" is right,
        "Roe, CEO of Acme,." is not)."""
        sentence = re.sub(r",([.;:])", r"\1", sentence)
        sentence = re.sub(r",,", ",", sentence)
        return sentence[0].upper() + sentence[1:]

    def shorts(self) -> set[str]:
        """Short names of everyone this article has named so far."""
        return {self.world.people[n].short for n in self.introduced}

    # dates --------------------------------------------------------------------------------------
    def held_when(self, d: date) -> tuple[str, str, tuple[str, str] | None]:
        """A phrase for a past day, the gold date, and a gold range when the phrase is coarse."""
        gap = (self.published - d).days
        r = self.rng.random()
        if 1 <= gap <= 6 and r < 0.6:
            return f"on {WEEKDAYS[d.weekday()]}", d.isoformat(), None
        first_of_this = self.published.replace(day=1)
        last_month_start = (first_of_this - timedelta(days=1)).replace(day=1)
        if last_month_start <= d < first_of_this and r < 0.8:
            return "last month", f"{d.year:04d}-{d.month:02d}", None
        if d.year == self.published.year:
            return f"on {_ordinal_day(d)}", d.isoformat(), None
        return f"on {_ordinal_day(d)}, {d.year}", d.isoformat(), None

    def planned_when(self, d: date) -> tuple[str, str, tuple[str, str] | None]:
        gap = (d - self.published).days
        monday_next = self.published + timedelta(days=7 - self.published.weekday())
        if monday_next <= d < monday_next + timedelta(days=7) and self.rng.random() < 0.5:
            sunday = monday_next + timedelta(days=6)
            return "next week", d.isoformat(), (monday_next.isoformat(), sunday.isoformat())
        if 1 <= gap <= 6 and self.rng.random() < 0.5:
            return f"on {WEEKDAYS[d.weekday()]}", d.isoformat(), None
        if d.year == self.published.year:
            return f"on {_ordinal_day(d)}", d.isoformat(), None
        return f"on {_ordinal_day(d)}, {d.year}", d.isoformat(), None

    # sentences ----------------------------------------------------------------------------------
    def _setting(
        self, event: Event, when_of: Callable[[date], tuple[str, str, tuple[str, str] | None]]
    ) -> tuple[list[Person], str, str, tuple[str, str] | None, str, str]:
        """The participants in a random order, then when, where and about what, as a sentence tells them."""
        people = [self.world.people[n] for n in event.participants]
        self.rng.shuffle(people)
        when, gold_date, gold_range = when_of(event.start)
        where = f" in {event.place}" if event.place else ""
        return people, when, gold_date, gold_range, where, _listed(list(event.topics))

    def held(self, event: Event) -> str:
        people, when, gold_date, gold_range, where, topics = self._setting(event, self.held_when)
        # Shapes are built lazily: a person's first mention (with the role) must be the one printed.
        if len(people) >= 3:
            a, rest = people[0], people[1:]

            def others() -> str:
                return _listed([self.ref(p) for p in rest])

            shapes = [
                lambda: f"{self.ref(a, True)} hosted {others()}{where} {when}, where they discussed {topics}.",
                lambda: f"{self.ref(a, True)} met with {others()}{where} {when} to discuss {topics}.",
                lambda: f"A meeting between {self.ref(a)}, {others()} took place{where} {when}, focusing on {topics}.",
            ]
        else:
            a, b = people
            shapes = [
                lambda: f"{self.ref(a, True)} met with {self.ref(b)}{where} {when} to discuss {topics}.",
                lambda: f"{self.ref(a, True)} met {self.ref(b)}{where} {when}, and the two talked about cooperation in {topics}.",
                lambda: f"{when[0].upper() + when[1:]}, {self.ref(a)} held talks with {self.ref(b)}{where} on {topics}.",
                lambda: f"A meeting between {self.ref(a)} and {self.ref(b)} took place{where} {when}, focusing on {topics}.",
                lambda: f"{self.ref(a, True)} had dinner with {self.ref(b)}{where} {when}, discussing {topics}.",
                lambda: f"{self.ref(a, True)} hosted {self.ref(b)}{where} {when} for talks on {topics}.",
                lambda: f"{self.ref(a, True)} sat down with {self.ref(b)}{where} {when} to discuss {topics}.",
            ]
        return self._tell(Told(event, "held", gold_date, gold_range, self._tidy(self.rng.choice(shapes)())), event.reported_in)

    def planned(self, event: Event) -> str:
        people, when, gold_date, gold_range, where, topics = self._setting(event, self.planned_when)
        if len(people) >= 3:
            shapes = [lambda: f"{self.ref(people[0], True)} will meet {_listed([self.ref(p) for p in people[1:]])}"
                              f"{where} {when} to discuss {topics}, according to people familiar with the plans."]
        else:
            a, b = people
            shapes = [
                lambda: f"{self.ref(a, True)} will meet {self.ref(b)}{where} {when} to discuss {topics}, according to people familiar with the matter.",
                lambda: f"{self.ref(a, True)} is scheduled to meet {self.ref(b)}{where} {when} for talks on {topics}.",
                lambda: f"{self.ref(a, True)} plans to meet {self.ref(b)}{where} {when} to discuss {topics}, the company said.",
            ]
        return self._tell(Told(event, "planned", gold_date, gold_range, self._tidy(self.rng.choice(shapes)())), event.planned_in)

    def recalled(self, event: Event, pair_in_focus: bool) -> str:
        year = event.start.year
        if pair_in_focus:
            sentence = self.rng.choice([
                f"The two had previously met in {year}.",
                f"The two first met in {year}, according to a person familiar with the relationship.",
            ])
        else:
            a, b = (self.world.people[n] for n in event.participants)
            sentence = self._tidy(f"{self.ref(a, True)} and {self.ref(b)} had previously met in {year}.")
        return self._tell(Told(event, "held", str(year), None, sentence, background=True), event.reported_in)

    def _tell(self, told: Told, articles: list[str]) -> str:
        """Record a telling for the gold, and this article among those that report (or plan) it."""
        self.told.append(told)
        if self.file not in articles:
            articles.append(self.file)
        return told.sentence

    def filler(self, people: list[Person]) -> str:
        """Sentences without a meeting: what a real article wraps its news in."""
        rng = self.rng
        p = rng.choice(people)
        firm = p.firm
        tech = rng.choice(REFERENCE_TECH)
        country = self.world.firms.get(firm, "United States")
        options = [
            f"Shares of {firm} rose {rng.randint(1, 49) / 10:.1f} percent in early trading after the news.",
            f"{firm} has been expanding its investment in {tech} as competition for customers intensifies.",
            f"\"We see this as a long-term partnership,\" {p.short} said in a statement released by {firm}.",
            f"Industry officials said the talks reflected growing demand for {tech} across {_the(country)}.",
            "Analysts said the two companies could announce a supply agreement later this year.",
            f"{firm} did not disclose the financial terms of any agreement.",
        ]
        if rng.random() < 0.25:
            # an analyst quoted, not meeting anyone: a test of precision
            analyst = self.world.analyst()
            if analyst.split()[-1] in self.shorts() or analyst.split()[0] in self.shorts():
                return rng.choice(options)
            self.aliases.setdefault(analyst, [analyst])
            house = rng.choice(["Hanmi Securities", "Crestline Research", "Mirae Insight", "Orbit Capital"])
            return rng.choice([
                f"\"Partnerships in {tech} are now a matter of survival,\" said {analyst}, a senior analyst at {house}.",
                f"{analyst}, an analyst at {house}, said the talks showed how much {firm} depends on {tech}.",
                f"\"Nobody wants to be left behind in {tech},\" said {analyst}, who covers the sector for {house}.",
            ])
        return rng.choice(options)

    def render(self, title: str, source: str, author: str | None, dateline: str) -> str:
        head = [f"title: {title}", f"date: {self.published.isoformat()}", f"source: {source}"]
        if author:
            head.append(f"author: {author}")
        body = list(self.paragraphs)
        body[0] = f"{dateline}, {_ordinal_day(self.published)} ({source}) - {body[0]}"
        return "\n".join(head) + "\n\n" + "\n\n".join(body) + "\n"


def _publication_dates(size: int, rng: random.Random) -> list[date]:
    """Dates spread over a span that grows with the corpus (~2 articles a day at 5,000)."""
    span = max(21, int(size * 0.5))
    return sorted(EPOCH + timedelta(days=rng.randrange(span)) for _ in range(size))


def _article(world: _World, published: date, file: str, fresh_only: bool = False) -> GeneratedArticle:
    """One article; ``fresh_only`` tells only new meetings (the ``kg add`` article, so that it
    exercises the incremental path the README describes rather than a merge)."""
    rng = world.rng
    world.advance(published)
    w = _Writer(world, published, file)
    slots = rng.choice([2, 3, 3, 4, 5])
    main_people: list[Person] = []
    for slot in range(slots):
        sentences: list[str] = []
        roll = rng.random()
        # 1) a planned meeting announced earlier whose day has passed: report it held
        told_here = {id(t.event) for t in w.told}
        clash = lambda e: any(world.people[n].short in w.shorts() and n not in w.introduced for n in e.participants)
        due = [e for e in world.window if e.planned_in and not e.reported_in and e.start < published
               and (published - e.start).days <= 20 and id(e) not in told_here and not clash(e)]
        recent = [e for e in world.window if e.reported_in and 0 < (published - e.start).days <= 40
                  and id(e) not in told_here and not clash(e)] if not fresh_only else []
        if due and roll < 0.35 and not fresh_only:
            event = rng.choice(due)
            sentences.append(w.held(event))
        elif recent and roll < 0.55:
            # 2) a meeting other articles told of: reported again, so the graph must merge it
            event = rng.choice(recent)
            sentences.append(w.held(event))
        else:
            k = 3 if rng.random() < 0.2 else 2
            people = world.pick_people(k, avoid_shorts=w.shorts())
            planned = rng.random() < 0.18
            when = published + timedelta(days=rng.randint(2, 12)) if planned else published - timedelta(days=rng.choice([1, 2, 3, 4, 5, 6, 9, 14, 20, 30, 45]))
            place = world.place() if rng.random() < 0.9 else None
            event = world.new_event(people, when, place)
            if event is None:
                continue
            sentences.append(w.planned(event) if planned else w.held(event))
            if not planned and k == 2 and rng.random() < 0.15:
                year = rng.choice([2017, 2018, 2019, 2020, 2021, 2022])
                sentences.append(w.recalled(world.recalled_event(event.participants, year), pair_in_focus=True))
        main_people.extend(world.people[n] for n in (w.told[-1].event.participants if w.told else ()))
        if main_people:
            sentences.append(w.filler(main_people))
            if rng.random() < 0.5:
                sentences.append(w.filler(main_people))
        w.paragraphs.append(" ".join(sentences))
    if not w.told:  # every slot collided with an existing meeting: tell a recalled one instead
        a, b = world.pick_people(2, avoid_shorts=w.shorts())
        year = rng.choice([2018, 2019, 2020])
        w.paragraphs.append(w.recalled(world.recalled_event((a.name, b.name), year), pair_in_focus=False))
    first = w.told[0].event
    lead = [world.people[n] for n in first.participants]
    verb = "to meet" if w.told[0].status == "planned" else "meets"
    title = f"{lead[0].firm} chief {verb} {lead[1].firm} leader" + (f" in {first.place}" if first.place else "")
    dateline = (first.place or HQ_CITY.get(lead[0].country, "SEOUL")).upper()
    text = w.render(title, rng.choice(SOURCES), rng.choice(AUTHORS), dateline)
    return GeneratedArticle(file, published, text, w.told, w.aliases)


def generate(size: int, seed: int = 6) -> Corpus:
    """``size`` articles plus one for ``kg add``, and the truth, from ``seed``: deterministic."""
    world = _World(size, seed)
    dates = _publication_dates(size + 1, world.rng)
    articles = [
        _article(world, d, f"{i:05d}_synthetic_{d.isoformat()}.txt") for i, d in enumerate(dates[:-1])
    ]
    # The kg add article: published last, one new meeting of people the graph may already know.
    last = dates[-1] + timedelta(days=1)
    extra = _article(world, last, f"{size:05d}_synthetic_added_{last.isoformat()}.txt", fresh_only=True)
    return Corpus(seed, size, articles, world.events, world.people, extra)


# -- Output ----------------------------------------------------------------------------------------
def _gold_article(a: GeneratedArticle) -> dict:
    meetings = []
    for t in a.told:
        m: dict = {"participants": list(t.event.participants),
                   "aliases": {n: a.people.get(n, [n]) for n in t.event.participants},
                   "date": t.date_text, "place": [t.event.place] if t.event.place else [],
                   "topics": list(t.event.topics), "status": t.status, "evidence": [t.sentence]}
        if t.date_range:
            m["date_range"] = list(t.date_range)
        if t.background:
            m["background"] = True
        meetings.append(m)
    return {"id": a.file.split("_", 1)[0], "file": a.file, "inferred_publication_date": a.published.isoformat(),
            "people": a.people, "meetings": meetings, "roles": []}


def write(corpus: Corpus, out: Path) -> Path:
    """Write ``out/articles/*.txt``, ``out/add/*.txt``, ``out/truth.json`` and ``out/gold.json``.

    The folder is emptied first so that a smaller corpus never keeps a larger one's files.
    """
    out = Path(out)
    articles_dir, add_dir = out / "articles", out / "add"
    for d in (articles_dir, add_dir):
        d.mkdir(parents=True, exist_ok=True)
        for old in d.glob("*.txt"):
            old.unlink()
    for a in corpus.articles:
        (articles_dir / a.file).write_text(a.text, encoding="utf-8")
    (add_dir / corpus.extra.file).write_text(corpus.extra.text, encoding="utf-8")
    in_corpus = {a.file for a in corpus.articles}
    events = [e for e in corpus.events if set(e.reported_in + e.planned_in) & in_corpus]
    truth = {"seed": corpus.seed, "size": corpus.size, "articles": len(corpus.articles),
             "meetings": [dict(e.to_json(), reported_in=[f for f in e.reported_in if f in in_corpus],
                               planned_in=[f for f in e.planned_in if f in in_corpus]) for e in events],
             "tellings": sum(len(a.told) for a in corpus.articles),
             "added_article": corpus.extra.file}
    (out / "truth.json").write_text(json.dumps(truth, indent=1), encoding="utf-8")
    gold = {"schema_version": 1, "note": f"Generated by bench.corpus (size {corpus.size}, seed {corpus.seed}).",
            "articles": [_gold_article(a) for a in corpus.articles]}
    (out / "gold.json").write_text(json.dumps(gold, indent=1), encoding="utf-8")
    return out


def ensure(size: int, seed: int, root: Path) -> Path:
    """The corpus folder for (size, seed) under ``root``, generated unless already there."""
    out = Path(root) / f"corpus-{size}-seed{seed}"
    truth = out / "truth.json"
    if truth.is_file() and len(list((out / "articles").glob("*.txt"))) == size:
        return out
    return write(generate(size, seed), out)


# -- Scoring a built graph against the truth -----------------------------------------------------------
def _norm(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", folded).strip()


_MEETINGS = """PREFIX mg: <https://w3id.org/meetgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?m ?start ?end ?name WHERE {
  ?m a mg:Meeting ; mg:startDate ?start ; mg:endDate ?end ; mg:participant ?p .
  ?p rdfs:label ?name .
}"""


def score(corpus_dir: Path, data_dir: Path) -> dict:
    """Meetings of the built graph in ``data_dir`` against ``corpus_dir/truth.json``.

    A generated meeting is found when the graph holds a meeting with the same participants (by
    label) whose date interval overlaps the true one; each graph meeting is used once. Returns the
    counts and recall/precision, so the report can say how much of the load is real meetings.
    """
    import pyoxigraph as ox

    truth = json.loads((Path(corpus_dir) / "truth.json").read_text(encoding="utf-8"))
    store = ox.Store.read_only(str(Path(data_dir) / "store"))
    graph: dict[str, dict] = {}
    for row in store.query(_MEETINGS):
        m = graph.setdefault(row["m"].value, {"start": date.fromisoformat(row["start"].value[:10]),
                                              "end": date.fromisoformat(row["end"].value[:10]), "names": set()})
        m["names"].add(_norm(row["name"].value))
    by_names: dict[frozenset[str], list[dict]] = {}
    for m in graph.values():
        by_names.setdefault(frozenset(m["names"]), []).append(m)
    found = 0
    used: set[int] = set()
    for e in truth["meetings"]:
        lo, hi = date.fromisoformat(e["start"]), date.fromisoformat(e["end"])
        for m in by_names.get(frozenset(_norm(n) for n in e["participants"]), []):
            if id(m) not in used and m["start"] <= hi and lo <= m["end"]:
                used.add(id(m))
                found += 1
                break
    generated = len(truth["meetings"])
    unmatched = [f"{sorted(m['names'])} {m['start']}/{m['end']}" for m in graph.values() if id(m) not in used]
    return {"generated": generated, "found": found, "in_graph": len(graph), "unmatched_examples": unmatched[:5],
            "recall": found / generated if generated else 1.0,
            "precision": found / len(graph) if graph else 1.0,
            "tellings": truth["tellings"]}


def main(argv: list[str] | None = None) -> None:
    """``python -m bench.corpus``: write a corpus, optionally build it and score the extraction."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=50)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--out", type=Path, default=None, help="folder [default: bench/out/corpus-SIZE-seedSEED]")
    parser.add_argument("--check", action="store_true", help="run `kg build` on it and report meetings found vs generated")
    args = parser.parse_args(argv)
    out = args.out or Path(__file__).resolve().parent / "out" / f"corpus-{args.size}-seed{args.seed}"
    write(generate(args.size, args.seed), out)
    truth = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    print(f"{out}: {truth['articles']} articles, {len(truth['meetings'])} distinct meetings, {truth['tellings']} tellings")
    if args.check:
        import os
        import subprocess
        import sys

        data_dir = out.parent / f"kg-{out.name}"
        env = dict(os.environ, KG_DATA_DIR=str(data_dir))
        kg = Path(sys.executable).with_name("kg")
        subprocess.run([str(kg), "build", "--articles", str(out / "articles")], env=env, check=True)
        s = score(out, data_dir)
        print(f"meetings found {s['found']} of {s['generated']} generated (recall {s['recall']:.1%}); "
              f"{s['in_graph']} meetings in the graph (precision {s['precision']:.1%})")
        for line in s["unmatched_examples"]:
            print(f"  not generated: {line}")


if __name__ == "__main__":
    main()
