"""Read one article: sentences in order, keeping the narrative (who is talked about, when, where)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from kg.articles import Article
from kg.dates import DateMention, DateSpan, find_dates
from kg.extract import lexicon as lx
from kg.extract.gazetteer import Gazetteer
from kg.extract.meetings import (CROWD, Draft, PlaceBook, is_location, meetings_in_sentence, named_venues, quoted_speech,
                                 relative_clause, venues)
from kg.extract.mentions import Context, find_mentions
from kg.extract.text import paragraphs
from kg.facts import ArticleFacts, Meeting

DATELINE = re.compile(r"^(?P<city>[A-Z][A-Z .'-]{2,30}?)(?:,\s*[^-–—:]{0,40})?\s*(?:\([^)]{0,30}\))?\s*[-–—:]+\s+")
VISIT = re.compile(r"\b(?:visit(?:ed|ing|s)?|trip|tour|arriv(?:ed|es|al)|travel(?:l?ed)?|landed)\b", re.I)
REFERS_TO_MEETING = re.compile(r"\b(?:the|this|that|such a|their|the two|during the)\s+(?:[\w-]+\s+){0,2}?(?:meeting|talks|discussions?|dinner|luncheon|lunch|summit|gathering|encounter)\b|\b(?:they|the two|the three|the four|all three|both|the leaders)\b", re.I)
TOOK_PLACE = re.compile(r"\b(?:meeting|talks|dinner|luncheon|summit|gathering)\b.{0,40}\b(?:took place|was held|were held|happened)\b", re.I)
DISCUSS = re.compile(r"\b(?:discuss\w*|talk\w*|focus\w*|shar\w+|exchang\w+|explor\w+|cooperat\w+|collaborat\w+|partnership|asked|stressed|pointed out|expressed|said)\b", re.I)


def extract_article(article: Article, gazetteer: Gazetteer) -> ArticleFacts:
    """Text in, facts out: every person, organisation, role and meeting the article states."""
    facts = ArticleFacts(article=article.slug, published=article.date)
    ctx = Context(facts=facts, gazetteer=gazetteer, published=article.date)
    book = PlaceBook(ctx)
    ctx.count_countries(article.body)
    drafts: list[Draft] = []
    narrative: DateSpan | None = None
    narrative_place: str | None = None
    filed_in: str | None = None  # the dateline's city: where the report was filed, not always where things happened
    from_meeting = False
    story: DateSpan | None = None  # the last day or month the text told, for "three months later"
    told_year: int | None = None  # the year of the last date it told, for "that year"
    on_meeting = False  # the sentence before went on about a meeting (so "Also present was X" is about it)
    for p_index, sentences in enumerate(paragraphs(article.body)):
        for s_index, sentence in enumerate(sentences):
            dateline = DATELINE.match(sentence) if p_index <= 1 and s_index == 0 else None
            if dateline:
                city = gazetteer.lookup("place", dateline.group("city").title().replace("Ha Noi", "Hanoi"))
                if city is not None and narrative_place is None:
                    narrative_place = filed_in = ctx.entity("place", city.label, city).key
            mentions = find_mentions(sentence, ctx, sentence)
            subject = _subject(sentence, [m for m in mentions if m.via != "pronoun"]) or ctx.last_subject
            mentions = sorted(mentions + venues(sentence, mentions, ctx, subject)
                              + named_venues(sentence, mentions, ctx, narrative_place if narrative_place != filed_in else None),
                              key=lambda m: (m.start, m.end))
            tense = "future" if lx.future_at(sentence) else "past"
            anchor = narrative.end if narrative and narrative.precision == "day" else None
            dates = _dates(sentence, article.date, tense, anchor, story, told_year)
            if dateline:
                dates = [d for d in dates if d.start >= dateline.end()]
            last = drafts[-1] if drafts else None
            new = meetings_in_sentence(sentence, mentions, dates, ctx, last, narrative, narrative_place, p_index, from_meeting,
                                       tuple(drafts[-4:]))
            if new:
                for d in new:
                    if dateline and d.place is None and narrative_place:
                        d.place, d.place_weak = narrative_place, True  # the dateline's city
                drafts += new
                on_meeting = True
            elif last is not None:
                main = next(d for d in drafts if d.evidence[0] == last.evidence[0])  # "A met B, hours after meeting C": A and B's
                grown = _more_people(sentence, mentions, main, on_meeting)
                on_meeting = _attach(sentence, mentions, [d for d in dates if not d.anchored], drafts, book) or grown
            # the narrative moves on with explicit, current dates and places
            if VISIT.search(sentence):
                places = [m.key for m in mentions if m.kind == "place" and m.via != "venue" and is_location(sentence, m, mentions)]
                best = book.common(places)
                if best and not (len(set(places)) == 1 and narrative_place and best in book.ancestors(narrative_place)):
                    narrative_place = best
            main_dates = [d for d in dates if not relative_clause(sentence, 0, d.start)]  # "X, who returned last month, …": still the story's day
            current = [d for d in main_dates if not d.anchored and not lx.BACKGROUND.search(sentence) and not quoted_speech(sentence, d.start)
                       and d.span.end >= article.date - timedelta(days=45) and not _reported(sentence, d.end)
                       and (tense == "future" or d.span.start <= article.date or re.match(r"(?i)(?:next|tomorrow|later\s+this)\b", d.text))]
            if new and any(d.explicit and not d.background and d.span for d in new):
                narrative = next(d.span for d in new if d.explicit and not d.background and d.span)
                from_meeting = True
            elif current:  # the most precise: "on Thursday …, the second time this year" is at Thursday
                narrative = min(reversed(current), key=lambda d: (d.span.end - d.span.start).days).span
                from_meeting = False
            told = [d.span for d in main_dates if d.span.precision in ("day", "month") and d.span.start <= article.date]
            story = told[-1] if told else story
            years = [d.span.start.year for d in dates if d.span.start.year == d.span.end.year and d.span.start <= article.date]
            told_year = years[-1] if years else told_year
            persons = [m.key for m in mentions if m.kind == "person" and m.via != "pronoun"]  # "him" names no new subject
            if new:
                ctx.last_subject = new[0].participants[0]
                ctx.last_met = list(dict.fromkeys(new[-1].participants))
            elif persons and not _PRONOUN_FIRST.match(sentence[:min(m.start for m in mentions if m.kind == "person" and m.via != "pronoun")]):
                ctx.last_subject = _subject(sentence, [m for m in mentions if m.via != "pronoun"]) or persons[0]  # "It would be his first … with Xi": still his
    facts.meetings = [_finish(d, article.date) for d in _merge(drafts, book) if len(set(d.participants)) >= 2]
    ctx.drop_contradicted_guesses()
    return facts


def _subject(sentence: str, mentions) -> str | None:
    """The person a sentence is about: the first one named, passing over owners ("After Trump's
    victory, Cook moved quickly": Cook) unless nobody else is named."""
    persons = [m for m in mentions if m.kind == "person"]
    free = [m for m in persons if not re.match(r"(?:'s|’s)\s", sentence[m.end:m.end + 3])]
    return (free or persons)[0].key if persons else None


_CLAUSE_EDGE = re.compile(r";|,\s+(?:where|which|who|when|while|but|whereas|as)\b|\s+(?:while|but|whereas)\s+")


def _dates(sentence: str, published: date, tense: str, anchor: date | None, story: DateSpan | None = None,
           told_year: int | None = None) -> list[DateMention]:
    """Dates resolved by the tense of their own clause: in "on Monday inaugurated the plant, where
    the firms will build jets", Monday is past though the sentence also speaks of the future."""
    past = find_dates(sentence, published, "past", anchor, story, told_year)
    if tense == "past":
        return past
    future = find_dates(sentence, published, "future", anchor, story, told_year)
    if [(d.start, d.end) for d in past] != [(d.start, d.end) for d in future]:
        return future
    return [f if lx.future_at(sentence, *_clause_around(sentence, f.start, f.end)) else p for p, f in zip(past, future)]


def _clause_around(sentence: str, start: int, end: int) -> tuple[int, int]:
    edges = [(m.start(), m.end()) for m in _CLAUSE_EDGE.finditer(sentence)]
    lo = max((e for s, e in edges if e <= start), default=0)
    hi = min((s for s, e in edges if s >= end), default=len(sentence))
    return lo, hi


MEETING_WORD = re.compile(r"\s*(?:in\s+)?(?:the|that|their)?\s*\b(?:meeting|talks|dinner|lunch|luncheon|session|roundtable|discussions?|gathering|table)\b", re.I)
OTHER_EVENT = re.compile(r"\s*(?:the|a|an)\s+(?:[\w-]+\s+){0,2}(?:ceremony|inauguration|groundbreaking|ribbon-cutting|event|celebrations?|conference|forum|summit|festival|concert|launch|opening|speech|parade|rally)\b", re.I)
JOINED_BY = re.compile(r"\b(?:was|were)\s+(?:also\s+)?(?:waiting|there|present)\s+with\s+(?:them|him|her)\b|\b(?:came|arrived)\s+(?:along\s+)?with\b|\b(?:travell?ed|flew|drove|came)\s+(?:[\w-]+\s+){0,4}?with\s+(?:him|her|them)\b|\balso\s+(?:joining|accompanying)\s+(?:the|them|him|her|their)\b(?:\s+[\w-]+){0,2}?\s+(?:were|was)\b|\bsat\s+(?:[^,.;]{0,40}?\s)?(?:alongside|next\s+to|beside)\b|\b(?:attended|joined|accompanied)\s+by\b|\baccompanied\s+(?=(?-i:[A-Z])[\w-]+\s*,\s+(?:while|as|and)\b)|\b(?:guests|attendees|participants|invitees|visitors)\s+(?:included|were)\b|\bamong\s+(?:the\s+)?(?:[\w-]+\s+){0,3}(?:guests|attendees|participants|visitors|those\s+(?:present|attending|at\s+the\s+(?:meeting|talks|dinner|lunch|luncheon|table|roundtable)))\b|\b(?:were|was)\s+(?:also\s+)?among\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:leaders|executives|chiefs|ceos|heads|bosses)\s+(?:at\s+the\s+(?:table|meeting|lunch|luncheon|dinner|talks|roundtable)|present|in\s+attendance)\b|\b(?:they|those\s+present|the\s+(?:guests|executives|attendees))\s+included\b|\b(?:also\s+)?(?:present|at the table|in attendance|attending)\s+(?:were|was)\b|\b(?:were|was)\s+also\s+(?:present|there|in attendance)\b|\balso\s+(?:took part|joined|attended|sat in)\b|\b(?:was|were)\s+seen\s+(?:entering|arriving\s+at|going\s+into)\s+[^.;]{0,80}?\bfor(?=\s+the\s+(?:meeting|talks|dinner|lunch|luncheon|session|gathering)\b)|\b(?:is|are|was|were)\s+(?:also\s+)?(?:expected|scheduled|set|due)\s+to\s+(?:also\s+)?join\s+(?:them|him|her)\b|\bwill\s+also\s+join\s+(?:them|him|her)\b|\battended\s+(?:the|that|this)\s+(?:[\w-]+\s+){0,2}(?:meeting|dinner|lunch|luncheon|breakfast|talks|session|roundtable|gathering)\b|\b(?:to|will|would|is\s+set\s+to)\s+(?:also\s+)?(?:join|attend|take\s+part\s+in|sit\s+in\s+on)\s+(?:the|that|their)\s+(?:[\w-]+\s+){0,2}(?:dinner|lunch|luncheon|meeting|talks|breakfast|discussions?|session)\b|\b(?:who\s+)?(?:also\s+)?took\s+part\s+in\s+(?:the|their|that)\s+(?:[\w-]+\s+)?(?:talks|meeting|discussions?|dinner|lunch)\b|\bjoined\s+(?:the|that|their)\s+(?:[\w-]+\s+){0,2}(?:dinner|lunch|luncheon|meeting|talks|breakfast|tour|session|gathering)\b", re.I)


_PRONOUN_FIRST = re.compile(r".*\b(?:he|she|his|her)\b", re.I | re.S)
_INCLUDING = re.compile(r"\b(?:including|among\s+them|such\s+as)\b")
_SOURCE = re.compile(r",?\s+(?:according\s+to|(?:he|she|they|it)\s+said|said|says|told\s+reporters)\b")
_EVENT_BEFORE = re.compile(r"\b(?:ceremony|event|launch|inauguration|groundbreaking|opening|celebrations?|conference|forum|concert|festival|speech|rally|parade|unveiling)\s*,?\s*(?:(?:was|were)\s+)?$", re.I)


_DOUBT = re.compile(r"\b(?:(?:was|is)\s+not\s+(?:clear|known|confirmed)|(?:was|is|remained|remains)\s+unclear)\s+(?:whether|if)\b", re.I)


def _more_people(sentence: str, mentions, last: Draft, on_meeting: bool) -> bool:
    """"The meeting was also attended by X", "Also present was X" right after a meeting is told:
    X took part in it. Not a crowd ("attended by 500 guests") nor another event ("also attended the
    ceremony")."""
    doubt = _DOUBT.search(sentence)
    if doubt:  # "It was not clear whether X attended the meeting": X, told before to be with them, is not counted
        doubted = {m.key for m in mentions if m.kind == "person" and m.start >= doubt.end()}
        kept = [p for p in last.participants if p not in doubted]
        if len(set(kept)) >= 2:
            last.participants[:] = kept
        return False
    match = JOINED_BY.search(sentence)
    if not match or re.search(r"\b(?:not|never|whether|unclear)\b|n't\b", sentence[:match.end()], re.I) or quoted_speech(sentence, match.start()):
        return False  # "was not among the guests"; "'X came with a message,' said Y'
    crowd = CROWD.search(sentence)
    named = _INCLUDING.search(sentence, match.end())  # "attended by about 40 people, including A, B and C"
    if named and crowd:  # …of the event just told, named the same ("the roundtable")
        noun = MEETING_WORD.search(sentence[:match.end()])
        told = " ".join(last.evidence).lower()
        named = named if noun and (re.search(rf"\b{re.escape(noun.group(0).split()[-1].lower())}\b", told)
                                   or re.match(r"\s*(?:in\s+)?the\b", noun.group(0))) else None  # "attended the meeting": the one told
    if (crowd and not named) or OTHER_EVENT.match(sentence, match.end()):
        return False
    before = [m.key for m in mentions if m.kind == "person" and m.end <= match.start()]
    about_meeting = MEETING_WORD.search(sentence[:match.start()]) or MEETING_WORD.match(sentence, match.end())
    if not (about_meeting or on_meeting):
        return False  # "He was accompanied by X" after a sentence about a store opening
    passive = re.match(r"(?i)(?:attended|joined|accompanied)\s+by", match.group(0))
    if passive and (not (about_meeting or set(before) & set(last.participants)) or _EVENT_BEFORE.search(sentence, 0, match.start())):
        return False  # "the ceremony was attended by …", "in a ceremony attended by …": another event
    source = _SOURCE.search(sentence, match.end())  # "…, according to spokesperson X": not at the table
    stop = source.start() if source else len(sentence)
    first = named.end() if named and crowd else match.start()
    people = [m.key for m in mentions if m.kind == "person" and m.via != "pronoun" and first <= m.start < stop] + before
    last.participants += [p for p in dict.fromkeys(people) if p not in last.participants]
    last.evidence += [sentence] if sentence not in last.evidence else []
    return True


def _reported(sentence: str, pos: int) -> bool:
    return bool(lx.REPORTING.match(sentence[pos:pos + 12].lstrip(", ")))


def _attach(sentence: str, mentions, dates, drafts: list[Draft], book: PlaceBook) -> bool:
    """A sentence that goes on about a recent meeting adds its topics (and venue) to it; true when
    the sentence is about that meeting."""
    people = {m.key for m in mentions if m.kind == "person"}
    recent = list(reversed(drafts[-6:]))
    if not lx.BACKGROUND.search(sentence):  # the news itself before recalled meetings
        recent = [d for d in recent if not d.background] + [d for d in recent if d.background]
    if dates:
        dated = [d for d in recent if d.span and any(d.span.overlaps(x.span) for x in dates)]
        recent = dated + [d for d in recent if d not in dated]
    overlap = max((len(people & set(d.participants)) for d in recent), default=0)
    target = next((d for d in recent if overlap and len(people & set(d.participants)) == overlap), None)
    if target is None and REFERS_TO_MEETING.search(sentence):
        target = recent[0]
    if target is None:
        return False
    topics = [m.key for m in mentions if m.kind == "technology"]
    if topics and (DISCUSS.search(sentence) or REFERS_TO_MEETING.search(sentence)):
        target.topics += [t for t in dict.fromkeys(topics) if t not in target.topics]
    if TOOK_PLACE.search(sentence):
        places = [m.key for m in mentions if m.kind == "place" and is_location(sentence, m, mentions)]
        best = book.most_specific(places)
        if best and book.compatible(best, target.place):
            target.place = book.most_specific([p for p in (best, target.place) if p])
    return bool(REFERS_TO_MEETING.search(sentence) or DISCUSS.search(sentence) or TOOK_PLACE.search(sentence))


def _compatible(a: Draft, b: Draft, book: PlaceBook) -> bool:
    pa, pb = set(a.participants), set(b.participants)
    if a.status != b.status:
        return False
    if a.background != b.background and not (not a.explicit and a.background or not b.explicit and b.background):
        return False  # a recalled meeting stays apart, unless the recall gives no date of its own
    if pa != pb and not ((pa <= pb or pb <= pa) and (not a.explicit or not b.explicit or _nested(a.span, b.span))):
        return False
    if pa != pb and (a.sequenced or b.sequenced):
        return False
    if pa != pb and a.occasion and b.occasion and a.occasion != b.occasion:
        return False  # talks, then a dinner with the spouses: two meetings
    if (pa != pb and a.span and b.span and (a.explicit or b.explicit) and (a.explicit or a.narrows) and (b.explicit or b.narrows)
            and not a.span.overlaps(b.span)):
        return False  # a dated pair and a larger group on another day are two meetings
    if a.span and b.span and a.explicit and b.explicit and not a.span.overlaps(b.span):
        return False
    return a.place_weak or b.place_weak or book.compatible(a.place, b.place)


def _nested(a: DateSpan | None, b: DateSpan | None) -> bool:
    """One date holds the other ("this year" and "on June 6"): they may tell of one day."""
    return a == b or a is not None and b is not None and a.intersect(b) in (a, b) and a.overlaps(b)


def _merge(drafts: list[Draft], book: PlaceBook) -> list[Draft]:
    """One meeting told twice in an article (caption and body, or body twice) is one meeting."""
    merged: list[Draft] = []
    for draft in drafts:
        target = next((m for m in merged if _compatible(m, draft, book)), None)
        if target is None:
            merged.append(draft)
            continue
        target.participants += [p for p in draft.participants if p not in target.participants]
        narrowing = [d for d in (target, draft) if d.span and (d.explicit or d.narrows)]
        spans = [d.span for d in narrowing] + target.weak_spans
        explicit_spans = [s for d in (target, draft) if d.explicit and d.span for s in [d.span]]
        target.weak_spans += [d.span for d in (target, draft) if not d.explicit and d.narrows and d.span]
        target.span = _intersection(spans) or _intersection(explicit_spans) or target.span or draft.span
        target.explicit = target.explicit or draft.explicit
        firm = [d.place for d in (target, draft) if d.place and not d.place_weak]
        if firm and not book.compatible(*(firm + firm)[:2]):
            firm = firm[:1]
        target.place = book.most_specific(firm) or target.place or draft.place
        target.place_weak = not firm and (target.place_weak or draft.place_weak)
        target.topics += [t for t in draft.topics if t not in target.topics]
        target.evidence += [e for e in draft.evidence if e not in target.evidence]
        target.status = "held" if "held" in (target.status, draft.status) else "planned"
        target.background = target.background and draft.background
        target.host = target.host or draft.host
        target.occasion = target.occasion or draft.occasion
    return merged


def _intersection(spans: list[DateSpan]) -> DateSpan | None:
    if not spans:
        return None
    out = spans[0]
    for s in spans[1:]:
        if not out.overlaps(s):
            return None
        out = out.intersect(s)
    return out


def _finish(d: Draft, published: date) -> Meeting:
    span = d.span
    if span is None:
        span = DateSpan(date(published.year, 1, 1), published) if d.status == "held" else DateSpan(published, date(published.year, 12, 31))
    if d.status == "held" and span.start <= published < span.end:
        span = DateSpan(span.start, published)
    if d.status == "planned" and span.start < published <= span.end:
        span = DateSpan(published, span.end)
    return Meeting(
        participants=sorted(d.participants), span=span, date_explicit=d.explicit, place=d.place,
        topics=d.topics, status=d.status, evidence=d.evidence, background=d.background, host=d.host,
    )
