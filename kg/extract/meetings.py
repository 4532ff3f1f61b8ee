"""The meetings a sentence tells of: trigger phrases, who took part, when, where, about what."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from kg.dates import DateMention, DateSpan
from kg.extract import lexicon as lx
from kg.articles import slugify
from kg.extract.mentions import Context, Mention, owner_only, resolve_role_reference
from kg.facts import Entity

_T = r"(?:[\w-]+\s+){0,3}?"
_WHEN = r"(?:\s+(?:on|this|last|earlier|later|in)\s+(?-i:[A-Z])[\w-]+(?:\s+(?:morning|afternoon|evening))?)?"
"""A day or place between the noun and its "with": "held talks on Wednesday with", "meetings in Paris with"."""
TRIGGERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rx, re.I))
    for kind, rx in (
        ("plural", rf"\b(?:a\s+series\s+of\s+)?meetings{_WHEN}\s+with\b"),
        ("between", r"\b(?:meeting|talks|summit|dinner|luncheon|conversation|encounter)\s+between\b"),
        ("verb", rf"\b(?:held|had|holds|has|have|hold|having|will\s+hold|to\s+hold)\s+(?:a\s+|an\s+)?(?!(?:video|phone|virtual|telephone)\b){_T}(?:talks|meeting|dinner|lunch|luncheon|breakfast|summit|conversation|discussions?|consultations|chat|coffee|tea|drinks|meal|one-on-one|tete-a-tete|audience|roundtable|round-table|round\s+table){_WHEN}\s+with\b"),
        ("verb", r"\b(?:was|were)\s+(?:granted|given)\s+an?\s+(?:private\s+|royal\s+)?audience\s+with\b|\b(?:exchanged\s+(?:views|ideas|opinions)|caught\s+up)\s+with\b"),
        ("verb", r"\b(?:engaged\s+in|held|had|hold|holding)\s+(?:a\s+|an\s+|their\s+)?(?!(?:video|phone|virtual|telephone)\b)(?:[\w-]+\s+){0,4}?(?:meeting|talks|dinner|summit|consultations|conversation|discussions)\b(?!\s+(?:with|between))"),
        ("verb", r"\b(?:met|meets|meet)\s+(?:separately\s+|privately\s+|again\s+|briefly\s+)?(?:with\b)?|\bmeeting\s+with\b"),
        ("verb", r"\bspen[dt]\s+(?:(?:the|an?|about|some|nearly|almost|around|over|more\s+than|two|three|four|five|several|\d+)\s+){0,3}(?:afternoon|morning|evening|day|hours?|minutes|time)\b(?:[^,.;]{0,60}?)\bwith\b"),
        ("verb", r"\bshared\s+(?:[\w-]+\s+){0,3}?(?:chicken|beer|beers|wine|soju|makgeolli|drinks|coffee|tea|noodles|barbecue|burgers|pizza|sushi)\s+(?:and\s+(?:[\w-]+\s+){0,2})?with\b(?=\s+(?:[\w-]+\s+){0,3}(?-i:[A-Z]))"),
        ("verb", r"\bshared\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:plate|meal|table|bottle|pot|platter|dinner|lunch|breakfast|drink)\b(?:[^,.;]{0,50}?)\bwith\b"),
        ("verb", r"\b(?:was|were)\s+seen\s+(?:chatting|talking|speaking|conversing|laughing|dining)(?:\s+and\s+[a-z]+ing)?\s+with\b"),
        ("group", r"\b(?:was|were)\s+seen\s+(?:chatting|talking|speaking|conversing|laughing|dining)\b(?!\s+(?:and\s+[a-z]+ing\s+)?with)"),
        ("verb", r"\b(?:was|were)\s+(?:given\s+a\s+(?:[\w-]+\s+)?tour\s+of|shown\s+around|taken\s+around|escorted\s+around|walked\s+through)\b"),
        ("verb", r"\bsat\s+down\s+for\s+(?:a\s+|an\s+)?(?:[\w-]+\s+){0,2}?(?:tea|coffee|talks|lunch|dinner|breakfast|drinks|a\s+meal|meal|chat|conversation)\s+with\b"),
        ("verb", r"\b(?:dined|lunched|breakfasted|sat\s+down|shook\s+hands|shakes\s+hands|shaking\s+hands|talked|spoke|conferred|huddled|teamed\s+up)\s+with\b"),
        ("verb", r"\b(?:ate|drank)\s+(?:[\w-]+\s+){1,3}?with\b(?=\s+(?:[\w-]+\s+){0,3}(?-i:[A-Z]))"),
        ("verb", r"\b(?:sit|sits|sitting)\s+down\s+with\b"),
        ("verb", r"\bin\s+(?:a\s+)?(?:[\w-]+\s+)?conversation\s+with\b(?=\s+(?-i:[A-Z]))"),
        ("group", r"\bin\s+(?:a\s+)?(?:[\w-]+\s+)?conversation\b(?!\s+with)"),
        ("verb", r"\b(?:leaders|executives|delegation|chiefs|CEOs|bosses)\s+(?:(?:who|that)\s+(?:will\s+)?)?(?:meeting|meet)\b(?=\s+(?:with\s+)?(?-i:[A-Z]))"),
        ("verb", r"\b(?:played|plays|play|playing)\s+(?:a\s+round\s+of\s+)?(?:golf|tennis|baduk|chess|a\s+game\s+of\s+\w+)\s+with\b"),
        ("verb", r"\btook\b(?=[^.;]{0,60}\bon\s+a\s+(?:[\w-]+\s+){0,2}tour\b)"),
        ("invite", r"\binvited\b(?=[^.;]{0,60}?\bto\s+(?:(?:his|her|their|a|an|the)\s+)?(?:[\w-]+\s+){0,2}(?-i:home|residence|House|Palace|office|dinner|lunch|luncheon|breakfast|banquet)\b)"),
        ("verb", r"\b(?:treated|took)\b(?=[^.;]{0,60}?\bto\s+(?:(?:his|her|their|a|an|the)\s+)?(?:[\w-]+\s+){0,2}(?-i:home|residence|dinner|lunch|luncheon|breakfast|banquet)\b)"),
        ("verb", r"\b(?:visit|visits|visited|visiting)\b(?=\s+(?:the\s+)?(?:(?-i:[A-Z])[\w&.'’-]*\s+){0,3}(?:chairman|chairwoman|chair|ceo|chief\s+executive|president|prime\s+minister|founder|minister|governor|crown\s+prince)\s+(?-i:[A-Z]))"),
        ("verb", r"\bfor\s+(?:[\w-]+\s+){0,2}(?:talks|a\s+meeting|meetings|discussions|dinner|lunch|a\s+dinner|a\s+lunch)\s+with\b"),
        ("verb", r"\bsat\s+(?:next\s+to|beside|alongside)\b|\breunited\s+with\b|\b(?:stood|standing|stands)\s+(?:with|alongside|beside|next\s+to)\b(?=\s+(?-i:[A-Z]))"),
        ("verb", r"\b(?:was|were)\s+(?:spotted|photographed|pictured)\s+(?:together\s+)?with\b"),
        ("group", r"\b(?:toured|visited|inspected)\b(?=[^.;,]{0,60}\btogether\b)|\breunited\b(?!\s+with)"),
        ("group", r"(?<!also\s)\battended\s+(?:a|an)\s+(?!state\b|gala\b|official\b)(?:[\w-]+\s+){0,2}(?:dinner|lunch|luncheon|breakfast|meeting)\b(?!\s+(?:with|of|for|hosted|given|held))"),
        ("verb", r"\b(?:said|says|told\s+reporters|wrote|posted)\s+(?:(?:on\s+\w+|later|shortly|soon|just)\s+)?(?:after|following)\s+(?:meeting|visiting)\b(?=\s+(?:with\s+)?(?-i:[A-Z]))"),
        ("verb", r"\b(?:announced|unveiled|declared)\s+[^.;]{0,60}?\s(?:after|following)\s+(?:meeting|visiting)\b(?=\s+(?:with\s+)?(?-i:[A-Z]))"),
        ("verb", r"(?:(?<=,)|(?<=,\")|(?<=,”)|(?<=,’))\s+(?:(?:hours|days|minutes|shortly|soon|just|a\s+day|the\s+day|(?:one|two|three|four|five)\s+days)\s+)?(?:after|before)\s+(?:meeting|visiting)\b(?=\s+(?:with\s+)?(?-i:[A-Z]))"),
        ("verb", r"\b(?:signed|inked|sign|to\s+sign|will\s+sign)\s+(?:[\w-]+\s+){0,4}?(?:agreement|deal|contract|memorandum|MOU|pact|accord)\s+with\b(?=\s+(?:[\w-]+\s+){0,2}(?-i:[A-Z]))"),
        ("signed", r"\b(?:signed|inked)\b(?!\s+(?:with|by|off|up)\b)(?!\s+(?:an?\s+|the\s+)?(?:open\s+)?(?:letters?|statements?|petitions?|pledges?|declarations?)\b)"),
        ("verb", r"\b(?<!they\s)(?<!both\s)(?<!two\s)(?:discussed|discusses|will\s+discuss)\s+(?!with\b)(?![^.;,()]{0,60}?\b(?:feud|rivalry|dispute|relationship|ties|falling-out|lawsuit|split|spat|conflict)\b)[^.;,()]{2,80}?\bwith\b(?=\s+(?-i:[A-Z])|\s+the\s+[a-z]+\s+(?-i:[A-Z]))"),
        ("verb", r"\b(?:poses|posed|posing|pose)\s+(?:for\s+(?:a\s+)?(?:photos?|pictures?)\s+)?with\b"),
        ("verb", r"(?<!-)\b(?:hosted|hosts|(?:will|to)\s+host|welcomed|received)\b"),
        ("verb", r"\b(?:paid|paying|pays|pay)\s+a\s+(?:courtesy\s+)?(?:call|visit)\s+(?:on|to)\b"),
        ("verb", r"\b(?:to\s+)?hear\s+from\b"),
        ("verb", r"\bjoined\b(?!\s+(?:forces|the|a|an|hands|by)\b)"),
        ("verb", r"\btold\b(?=\s+(?:(?:then-|former\s+)?(?-i:[A-Z])|the\s+(?:president|prime\s+minister|chairman|ceo|crown\s+prince)\b))|\b(?:to\s+)?brief(?:ed|s)?\b(?=\s+(?-i:[A-Z]))"),
        ("group", r"\b(?:gathered|got\s+together|came\s+together|sat\s+together|sat\s+down|huddled|shook\s+hands)\b(?!\s+(?:for\s+[^.;,]{0,40}?\s+)?with\b)"),
        ("discuss", r"\b(?:discussed|talked|conferred|negotiated|spoke|chatted)\b(?!\s+with)"),
        ("verb", r"\b(?:called\s+on|calls\s+on|to\s+call\s+on|was\s+invited\s+to|were\s+invited\s+to|visited\s+with)\b"),
        ("verb", r"\b(?:greeted|greets|greeting|hugged|hugs|embraced)\b"),
        ("verb", r"\b(?:toured|visited|will\s+visit|to\s+visit)\b(?:[^,.;]{0,60}?|[^.;]{0,110}?,\s+)\bwith\b(?=\s+(?:(?-i:[A-Z])|the\s+[a-z]+\s+(?-i:[A-Z])|(?:Vice\s+)?President\s)|\s+(?:[\w-]+\s+){1,3}(?-i:[A-Z])[\w-]+\s+(?-i:[A-Z]))"),
        ("during", r"\b(?:during|at|in)\s+(?:a|an)\s+(?!(?:video|phone|virtual|telephone|online|board|shareholders['’]?|annual|general|cabinet|party|company|staff|town-hall)\b)(?:[\w-]+\s+){0,2}?(?:meeting|dinner|lunch|luncheon|breakfast)\b(?!\s+(?:with|of|between|for|hosted|attended|in\s+which))"),
        ("office", r"\b(?:visited|visiting|visits|walked\s+into|went\s+to|came\s+to|arrived\s+at)\s+the\s+Oval\s+Office\b"),
        ("group", r"\b(?:had|shared|enjoyed|over)\s+(?:a\s+|an\s+)?(?:[\w-]+\s+){0,3}?(?:dinner|lunch|luncheon|breakfast|meal|drinks|beers?|coffee|chimaek|banquet)\b(?!\s+with)"),
        ("noun", r"\b(?:a|an|the|his|her|their|(?-i:[A-Z])[\w-]+(?:'s|’s))\s+(?:[\w-]+\s+){0,3}?(?:meeting|talks|dinner|luncheon|lunch|summit|tete-a-tete|breakfast)\s+with\b"),
        ("verb", r"\b(?:showed|gave|walked|will\s+show|to\s+show)\b(?=[^.;]{0,80}\b(?:around(?!\s+[$€£\d])|a\s+tour|through)\b)"),
        ("verb", r"\battended\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,4}?(?:ceremony|groundbreaking|dinner|lunch|luncheon|meeting|summit|forum|conference|event|opening|launch|reception|roundtable|game|match|concert|show|fair|expo|inauguration)\b[^.;]{0,60}?\bwith\b(?=\s+(?:(?-i:[A-Z])|the\s+[a-z]+\s+(?-i:[A-Z])))"),
    )
)
CLAUSE_BREAK = re.compile(
    r";\s+|,\s+and\s+(?=(?:on|in|at|he|she|they|then|later|earlier|also|the\s+two|it|after|last|next)\b)"
    r"|,\s+(?=(?:the\s+(?:two|three|four|pair)|they|both)\s+had\s+(?:\w+\s+){0,2}met\b)"
    r"|,\s+(?=(?:days|weeks|hours|shortly|just|a\s+day|a\s+week|two\s+days)\s+(?:before|after)\s+(?!(?:meeting|visiting|holding|having|taking)\b))|\s+while\s+|\s+but\s+|,\s+whereas\s+|,\s+before\s+|\s+after\s+which\s+"
)
PURPOSE = re.compile(
    r"\b(?:during|amid|ahead\s+of|as\s+part\s+of|on\s+the\s+sidelines\s+of|to\s+discuss|to\s+share|to\s+explore|to\s+exchange|to\s+talk|to\s+deepen|on\s+ways|about|discussing|according\s+to|to\s+expand|to\s+collaborate|to\s+cooperate|to\s+hear\s+about|as\s+they|where\s+they|, which|,\s+at\s+which|,\s+during\s+which)\b",
    re.I,
)
SEPARATE = re.compile(r"\b(?:separately|as\s+well\s+as|respectively|individually|one-on-one\s+meetings|separate\s+(?:talks|meetings|discussions))\b", re.I)
RECENTLY = re.compile(r"\brecently\b", re.I)
VENUE = re.compile(
    r"\bat\s+(?:the\s+)?(?P<owner>the\s+latter|his|her|their|the\s+(?:[\w.]+\s+){0,2}(?:company|firm|tech\s+giant|giant|group)|[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2}|the\s+[\w-]+\s+(?:founder|CEO|chairman|chief|leader))(?:'s|’s|')\s+"
    r"(?:(?:[A-Z][\w-]*|own|private|official|new)\s+)?(?P<venue>headquarters|head\s+office|offices?|campus|home|residence|guest\s+house|factory|plant|fab|lab|headquarters\s+building)\b"
    r"|\b(?:at|visited|visiting|toured|to)\s+the\s+(?P<venue2>headquarters|offices?|campus|factory|plant)\s+of\s+(?P<owner2>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2})"
)
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|inside|outside|around|across|within|to|visited|visiting|visit|from|toward|towards|throughout)\s+(?:the\s+)?"
    r"(?:(?:[a-z]+ern|central|downtown|suburban|suburbs\s+of|outskirts\s+of|city\s+of|capital|capital\s+of)\s+)?|,\s*(?:(?:[a-z]+ern|central|downtown)\s+)?|\band\s+)$",
    re.I,
)


_STAKE_IN = re.compile(r"\b(?:investments?|invest|investing|stakes?|operations|presence|business|expansion|exports?|sales|jobs|factories|plants?)\s+in\s+(?:the\s+)?$", re.I)


def is_location(sentence: str, mention: Mention, mentions: list[Mention]) -> bool:
    """A place named as where something is ("in Seoul", "Santa Clara, Calif.", "Seoul's Gangnam
    district"), not as an adjective ("US tech giant") or owner ("South Korea's AI")."""
    if mention.via == "venue":
        return True
    after = sentence[mention.end:mention.end + 3]
    before = sentence[max(0, mention.start - 40):mention.start]
    if re.match(r"(?:'s|’s)\s", after):
        nxt = next((m for m in mentions if m.kind == "place" and 0 <= m.start - mention.end <= 4), None)
        return nxt is not None and bool(_LOCATIVE.search(before))
    if re.search(r"(?:'s|’s)\s+$", before):
        prev = next((m for m in mentions if m.kind == "place" and 0 <= mention.start - m.end <= 4), None)
        return prev is not None
    if not _LOCATIVE.search(before) or _STAKE_IN.search(before):
        return False  # "Japanese investment in the U.S.": what was talked about, not where
    if before.rstrip().endswith(",") or re.search(r"\band\s+$", before):
        prev = [m for m in mentions if m.kind == "place" and m.end <= mention.start and mention.start - m.end <= 30]
        return bool(prev)
    return True


NOT_HAPPENED = re.compile(
    r"(?:\b(?:did|does|do|has|have|had|will|would|could|was|were|is|are)\s+(?:not|never)\b|\bnever\b|n't\b|\bno\s+(?:[\w-]+\s+)?$|\bno\s+(?:immediate\s+)?plans?\s+to\s+$|\bhad (?:also |originally |initially |earlier )?been (?:due|supposed|scheduled|set|expected) to\b|\b(?:was|were) supposed to\b|\bhad (?:planned|hoped|wanted) to\b|\b(?:cancell?ed|postponed|called off|scrapped)\b)[^.;]*$",
    re.I,
)
FRONTED = re.compile(r"\s*(?:[\w-]+,?\s+){0,4}?(?:before|after|since|while|when|upon)\s+(?:[a-z]+ing\b[^,]*|[^,]{3,120}?\b(?:toured|visited|arrived|met|left|spoke|said|announced|opened|took\s+office|became)\b[^,]*),", re.I)
"""A phrase before the subject about another event: the people in it are not the subject."""
UNREAL = re.compile(
    r"\b(?:denied|denies|deny|dismissed|declined\s+to\s+(?:confirm|comment\s+on)|refused\s+to\s+confirm|(?:would|could|did)\s+not\s+confirm|unconfirmed"
    r"|no\s+(?:indication|sign|evidence|confirmation)|(?:has|have|had|is|are|was|were)\s+(?:\w+\s+)?yet\s+to"
    r"|(?:postponed|cancell?ed|called\s+off|scrapped|shelved|put\s+off)\s+(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:visit|trip|meeting|talks|tour))\b[^.;]*$",
    re.I,
)
"""Before the verb in its clause: a meeting denied, unconfirmed or not yet held ("denied a report that X had met Y")."""
SOUGHT = re.compile(r"\b(?:(?:seeking|seeks|sought|request(?:s|ed|ing)|ask(?:s|ed|ing)\s+for)\s+(?:(?:a|an|the|his|her|their)\s+)?(?:(?:first|second|new|fresh|private|formal)\s+)?"
                    r"|(?:offered|offers|offering|proposed|proposes|hoped|hopes|wanted|wants|would\s+like)\s+to\s+)$", re.I)
"""Right before the meeting: one sought or asked for is not (yet) one ("is seeking his first meeting with")."""
CALLED_OFF = re.compile(r"[^.;]{0,60}?\b(?:was|were|has\s+been|had\s+been|got)\s+(?:\w+\s+)?(?:called\s+off|cancell?ed|postponed|scrapped|shelved|put\s+off)\b", re.I)
"""After the verb: "the meeting with X was called off"."""
REPORTED_CLAIM = re.compile(r"\b(?:reports?|reported|claims?|claimed|rumou?rs?|rumou?red|speculation)\b", re.I)
DISPROVED = re.compile(r"\b(?:were|was|are|is)\s+(?:\w+\s+)?(?:untrue|false|inaccurate|baseless|groundless|unfounded|fabricated|not\s+true)\b"
                       r"|\b(?:denied|dismissed|refuted|rejected)\s+(?:the|this|that|those|these|such)\s+(?:reports?|claims?|rumou?rs?|accounts?)\b"
                       r"|\bno\s+such\s+(?:meeting|talks|plan|visit)\b|\b(?:had|has|have|was|were)\s+(?:not|n't)\s+been\s+(?:arranged|scheduled|planned|confirmed)\b", re.I)
"""A report of a meeting, then said to be untrue: "reports that X had met Y were untrue"."""
CEREMONY = re.compile(r"\bon\s+(?:the\s+)?stage\b|\b(?:for|at|during)\s+the\s+(?:[\w-]+\s+){0,2}(?:ceremony|inauguration|groundbreaking|ribbon-cutting|unveiling|concert|festival|rally|parade|photo\s+op)\b", re.I)
"""Joining someone on stage or at a ceremony is an appearance, not a meeting."""
KIN_OF = re.compile(r"\b(?:widow|widower|wife|husband|son|daughter|mother|father|brother|sister|grandson|granddaughter|nephew|niece|successor|predecessor)\s+of\s+(?:the\s+)?(?:late\s+|former\s+)?(?:[\w.'’-]+\s+){0,3}$", re.I)
"""A person named only to say whose relative someone is ("the widow of Shinzo Abe")."""
REMOTE = re.compile(r"\bby\s+(?:tele)?phone\b|\bover\s+the\s+phone\b|\bvideo\s*(?:call|link|conference|meeting|chat|summit)\b|\bvirtually\b|\b(?:virtual|online)\s+(?:meeting|talks|summit|call|session)\b|\bphone\s+call\b", re.I)
_REMOTE_BEFORE = re.compile(r"\b(?:video|virtual|online|phone|telephone)\s+$", re.I)
"""The word just before the trigger makes it remote: "a video meeting with"."""
CROWD = re.compile(r"\b(?:more\s+than|over|nearly|some|about|around|roughly)\s+\d+\s+(?:[\w.-]+\s+){0,2}(?:executives|leaders|guests|people|delegates|participants|ceos|founders|entrepreneurs|students|officials|engineers|developers|investors|reporters|journalists)\b|\b(?:dozens|hundreds|scores)\s+of\b", re.I)
HOSTING = re.compile(r"(?i)(?:hosted|hosts|will\s+host|welcomed|received|convened|gathered)\b")
GROUP_NOUN = re.compile(r"\b(?:leaders|executives|names|CEOs|chief executives|guests|heads|bosses|delegation|titans|moguls|founders|chairmen|chiefs)\b", re.I)
SEQUENCE = re.compile(r"\b(?:earlier|later|afterwards|afterward|then|before that|after that|subsequently)\b"
                      r"|\b(?:before|after|following|ahead\s+of)\s+the\s+(?:[\w-]+\s+){0,2}?(?:ceremony|inauguration|event|summit|meeting|talks|dinner|lunch|tour|speech|session|signing)\b", re.I)
"""Told as before or after another event: "Earlier, …", "After the ceremony, …"."""
_MEAL = re.compile(r"\b(?:dinner|lunch|luncheon|breakfast|banquet|meal|supper|dined|dine)\b", re.I)
_TALKS = re.compile(r"\b(?:talks|meeting|met|meet|meets|discussions?|consultations|summit)\b", re.I)


def occasion(trigger: str, rest: str) -> str | None:
    """What kind of get-together a clause tells of: a meal, talks, or not said. Talks and a dinner
    the same day are two meetings even when the dinner had more guests."""
    if _MEAL.search(trigger) or not _TALKS.search(trigger) and _MEAL.search(rest):
        return "meal"
    return "talks" if _TALKS.search(trigger) else None
HERE = re.compile(r"\b(?:here|in\s+the\s+country|to\s+the\s+country)\b", re.I)


@dataclass
class Draft:
    participants: list[str]
    span: DateSpan | None
    explicit: bool
    place: str | None
    topics: list[str]
    status: str
    evidence: list[str]
    background: bool
    host: str | None = None
    paragraph: int = 0
    weak_spans: list[DateSpan] = field(default_factory=list)
    place_weak: bool = False
    """The place was inherited from the narrative, not said of this meeting."""
    occasion: str | None = None
    """"meal" or "talks" when the text says which."""
    sequenced: bool = False
    """Told as before or after another event ("Earlier, …", "then"): never folded into a larger meeting."""
    narrows: bool = True
    """A date inherited from a trip or visit narrows a merged meeting; one from another meeting does not."""


def clauses(sentence: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in CLAUSE_BREAK.finditer(sentence):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(sentence)))
    return bounds


def quoted_speech(sentence: str, pos: int) -> bool:
    """Inside quotation marks ("I've met him before," she said) the verb is someone's words."""
    before, after = sentence[:pos], sentence[pos:]
    curly = before.count("\u201c") > before.count("\u201d") and "\u201d" in after
    straight = before.count('"') % 2 == 1 and '"' in after
    return curly or straight  # an opening quote before the verb and its closing one after


def _quoted(person: str, mentions: list[Mention], sentence: str, lo: int, hi: int) -> bool:
    """A person named as the source of what is said ("…, spokeswoman Ko Min-jung said")."""
    ends = [m.end for m in mentions if m.key == person and lo <= m.start < hi]
    return bool(ends) and all(re.match(r"(?:,[^,]{0,40},)?\s+(?:said|says|told|added|wrote|noted)\b", sentence[e:e + 60]) for e in ends)


def _persons(mentions: list[Mention], lo: int, hi: int) -> list[str]:
    out: list[str] = []
    for m in mentions:
        if m.kind == "person" and lo <= m.start < hi and m.key not in out:
            out.append(m.key)
    return out


class PlaceBook:
    """Place ancestry over reference places and places the article mints."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def parents(self, key: str) -> list[str]:
        ent = self.ctx.facts.entities.get(key)
        if ent is not None and ent.located_in:
            return [ent.located_in]
        known = self.ctx.gazetteer.by_iri.get(key)
        return list(known.parents) if known else []

    def ancestors(self, key: str) -> list[str]:
        seen, frontier = [], [key]
        while frontier:
            nxt = []
            for node in frontier:
                for p in self.parents(node):
                    if p not in seen and p != key:
                        seen.append(p)
                        nxt.append(p)
            frontier = nxt
        return seen

    def depth(self, key: str) -> int:
        return len(self.ancestors(key))

    def compatible(self, a: str | None, b: str | None) -> bool:
        """Whether two places may be where one meeting was; two buildings of one city may (a visit
        moves from the residence to the office), so buildings count as the place they are in."""
        a, b = self._outside(a), self._outside(b)
        if a is None or b is None or a == b or a in self.ancestors(b) or b in self.ancestors(a):
            return True
        # a town the text names without saying where it is may lie in the country the other names
        return any(self._country(x) and not self.ancestors(y) for x, y in ((a, b), (b, a)))

    def _country(self, key: str) -> bool:
        """A country of the reference data, or one the article names that the data does not know."""
        known = self.ctx.gazetteer.by_iri.get(key)
        ent = self.ctx.facts.entities.get(key)
        return bool(known and known.is_country) or bool(known is None and ent is not None and ent.is_country)

    def _outside(self, key: str | None) -> str | None:
        while key is not None and key in self.ctx.venues:
            ent = self.ctx.facts.entities.get(key)
            key = ent.located_in if ent is not None else None
        return key

    def common(self, keys: list[str]) -> str | None:
        """The most specific place holding all of ``keys`` ("Tennessee and Silicon Valley": the US)."""
        best = self.most_specific(keys)
        if best is None:
            return None
        for candidate in [best] + self.ancestors(best):
            if all(k == candidate or candidate in self.ancestors(k) for k in keys):
                return candidate
        return None

    def most_specific(self, keys: list[str]) -> str | None:
        return max(keys, key=lambda k: (self.depth(k), -keys.index(k)), default=None)


def venues(sentence: str, mentions: list[Mention], ctx: Context, subject: str | None) -> list[Mention]:
    """"at Nvidia's headquarters in Santa Clara", "at the latter's home" → a place node of its own."""
    found = []
    for m in VENUE.finditer(sentence):
        owner = (m.group("owner") or m.group("owner2") or "").strip()
        venue = re.sub(r"\s+", " ", (m.group("venue") or m.group("venue2")).lower())
        owner_key = _owner(owner, m.start("owner") if m.group("owner") else m.start("owner2"), mentions, ctx, subject)
        if owner_key is None:
            continue
        owner_ent = ctx.facts.entities[owner_key]
        if owner_ent.kind == "person" and venue not in ("home", "residence"):
            org = next((r.org for r in ctx.roles_of(owner_key) if r.prop in lx.LEADING | {"founderOf"}), None)
            if org is None:
                continue
            owner_ent = ctx.facts.entities[org]
        if owner_ent.kind not in ("person", "org"):
            continue
        label = f"{owner_ent.name}'s {venue}" if owner_ent.kind == "person" else f"{owner_ent.name} {'headquarters' if venue.startswith('headquarters') else venue}"
        place = ctx.entity("place", label)
        city = next((x for x in mentions if x.kind == "place" and x.start >= m.end() and x.start - m.end() < 40 and x.key != place.key), None)
        if city is None:
            city = next((x for x in mentions if x.kind == "place" and 0 < m.start() - x.end < 30), None)
        if city is not None and place.located_in is None:
            place.located_in = city.key
        elif place.located_in is None and owner_ent.kind == "org":
            known = ctx.gazetteer.by_iri.get(owner_ent.key)
            if known and known.hq:
                place.located_in = known.hq
        surface = re.sub(r"^at\s+", "", m.group(0))
        if surface not in place.forms:
            place.forms.append(surface)
        found.append(Mention(m.start(), m.end(), "place", place.key, label, "venue"))
    return found


_VENUE_HEAD = (r"(?:Office|House|Palace|Hotel|Hall|Cent(?:re|er)|Tower|Residence|Room|Castle|Guest\s?house|Villa|Chancellery"
               r"|Resort|Manor|Mansion|Street|Kremlin)")
NAMED_VENUE = re.compile(
    rf"\b(?:at|in|inside|into|outside|to|visited|visiting|toured)\s+(?:the\s+)?"
    rf"(?P<venue>(?:(?:[A-Z][\w'’.-]*\s+){{1,5}}?{_VENUE_HEAD}|Chancellery|Kremlin)(?:\s+(?:hotel|resort|complex)|\s+of\s+the\s+[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*){{0,3}})?)\b(?!['’]s)"
)
"""A named building a meeting was held in: "at the Elysee Palace", "in the Oval Office" (not a common
noun like "the presidential office": that names a different building in every country)."""


def named_venues(sentence: str, mentions: list[Mention], ctx: Context, around: str | None) -> list[Mention]:
    """Buildings as places of their own, inside the place named with them ("the Lotte Palace hotel
    in Seoul"), else the sentence's or the story's place."""
    found = []
    for m in NAMED_VENUE.finditer(sentence):
        label = re.sub(r"\s+", " ", m.group("venue"))
        s, e = m.start("venue"), m.end("venue")
        if any(x.kind in ("person", "org") and s <= x.start and x.end <= e and x.via == "gazetteer" for x in mentions):
            continue  # "at Samsung Electronics House"? an organisation's name, not a building's
        places = [x for x in mentions if x.kind == "place" and x.via != "venue"]
        inner = [x.key for x in places if s <= x.start and x.end <= e]
        near = [x.key for x in places if 0 <= x.start - e <= 30 or 0 <= s - x.end <= 40]
        book = PlaceBook(ctx)
        container = book.most_specific(inner) or book.most_specific(near) or around
        if container is None:
            continue  # a building nobody says where: no place to merge tellings by
        key = f"place:{slugify(label)}--{container.rsplit('/', 1)[-1].split(':')[-1]}"  # one per city
        ent = ctx.facts.entities.get(key)
        if ent is None:
            ent = Entity(key=key, kind="place", name=label, located_in=container)
            ctx.facts.entities[key] = ent
            ctx.venues.add(key)
        if label not in ent.forms:
            ent.forms.append(label)
        found.append(Mention(s, e, "place", key, label, "venue"))
    return found


def _owner(owner: str, pos: int, mentions: list[Mention], ctx: Context, subject: str | None) -> str | None:
    low = owner.lower()
    before = [m for m in mentions if m.end <= pos and m.kind in ("person", "org")]
    if low == "the latter":
        people = [m.key for m in before if m.kind == "person"]
        return people[-1] if people else None
    if low in ("his", "her", "their"):
        return subject
    if low.startswith("the ") and re.search(r"(company|firm|giant|group)$", low):
        country = next((lx.COUNTRY_WORDS[w] for w in lx.COUNTRY_WORDS if w in owner), None)
        for key in reversed(ctx.recent_orgs):
            ent = ctx.facts.entities[key]
            if country is None or _org_country_label(ent.key, ctx) == country:
                return key
        return None
    inside = [m for m in mentions if m.start >= pos and m.end <= pos + len(owner) + 4 and m.kind in ("person", "org")]
    return inside[0].key if inside else None


def _org_country_label(key: str, ctx: Context) -> str | None:
    ent = ctx.facts.entities[key]
    if ent.country:
        c = ctx.facts.entities.get(ent.country)
        return c.name if c else None
    known = ctx.gazetteer.by_iri.get(key)
    if known and known.hq:
        country = ctx.gazetteer.country_of(known.hq)
        return ctx.gazetteer.by_iri[country].label if country else None
    return None


def _head_of_state(ctx: Context, country: str) -> str | None:
    """The president of ``country`` the article speaks of, else whoever "the president" means."""
    for person in reversed(ctx.recent_people):
        for role in ctx.roles_of(person):
            org = ctx.facts.entities.get(role.org)
            if role.prop == "presidentOf" and org is not None and country in org.name:
                return person
    return resolve_role_reference(None, "president", ctx)[0]


def _where_place(sentence: str, located: list[Mention], lo: int, trigger: int) -> str | None:
    """The place a ", where" clause holding the trigger is about: the one named just before it."""
    opening = [m for m in re.finditer(r",\s+where\b", sentence[lo:trigger])]
    if not opening:
        return None
    comma = lo + opening[-1].start()
    return next((m.key for m in reversed(located) if m.end <= comma and comma - m.end <= 2), None)


_ASIDE = re.compile(r",\s+(?:who|whose)\b[^,;]*,")


def _purpose(sentence: str, lo: int, hi: int) -> re.Match[str] | None:
    """Where the object of a meeting verb ends: at a purpose or circumstance ("to discuss", "about"),
    but not at one inside an aside on a person ("with A, who spoke about science, and with B")."""
    asides = [(m.start(), m.end()) for m in _ASIDE.finditer(sentence, lo, hi)]
    return next((m for m in PURPOSE.finditer(sentence, lo, hi) if not any(s < m.start() < e for s, e in asides)), None)


def _span_for(clause_dates: list[DateMention], lo: int, hi: int) -> DateMention | None:
    inside = [d for d in clause_dates if lo <= d.start < hi]
    return inside[0] if inside else None


_ALSO_PRESENT = re.compile(r",\s+with\s+(?P<who>[^,;.]{3,120}?)\s+(?:also\s+)?(?:at\s+the\s+table|present|in\s+attendance|attending|there|joining(?:\s+them)?)\b")
_ALSO_ATTENDED = re.compile(r",\s+which\s+(?P<who>[^,;.]{3,120}?)\s+(?:also\s+)?(?:attended|joined)\b")
UNNAMED_SUBJECT = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+(?:[\w-]+\s+){0,3}?[a-z][\w-]*\s+(?:(?:also|then|later|first|had|has|have)\s+)?$")
"""A clause subject that is a noun phrase naming nobody the article knows ("the Abu Dhabi official")."""


def meetings_in_sentence(
    sentence: str, mentions: list[Mention], dates: list[DateMention], ctx: Context,
    last: Draft | None, narrative: DateSpan | None, narrative_place: str | None, paragraph: int,
    narrative_from_meeting: bool = False, recent: tuple[Draft, ...] = (),
) -> list[Draft]:
    """Every meeting the sentence tells of (a sentence may hold several, in several clauses)."""
    book = PlaceBook(ctx)
    drafts: list[Draft] = []
    subject_of_sentence: str | None = None
    for c_lo, c_hi in clauses(sentence):
        clause = sentence[c_lo:c_hi]
        found: list[tuple[int, int, str]] = []
        for kind, rx in TRIGGERS:
            for m in rx.finditer(clause):
                s, e = c_lo + m.start(), c_lo + m.end()
                if not any(s < fe and fs < e for fs, fe, _ in found):
                    found.append((s, e, kind))
        present = [(m.start(), m.end()) for m in _ALSO_PRESENT.finditer(sentence, c_lo, c_hi)]
        found = [f for f in found if not any(s <= f[0] < e for s, e in present)]  # those at the table are no new meeting
        asides = [(m.start(), m.end()) for m in _ASIDE.finditer(sentence, c_lo, c_hi)]
        found = sorted(f for f in found if not (f[2] == "discuss" and any(s < f[0] < e for s, e in asides)))  # ", who spoke about …,"
        prev_end = c_lo
        last_objects: list[str] = []
        for i, (t_lo, t_hi, kind) in enumerate(found):
            seg_lo = prev_end
            if (NOT_HAPPENED.search(sentence[max(c_lo, t_lo - 40):t_lo]) or UNREAL.search(sentence, c_lo, t_lo) or SOUGHT.search(sentence, c_lo, t_lo)
                    or CALLED_OFF.match(sentence, t_hi, c_hi) or quoted_speech(sentence, t_lo)
                    or (REPORTED_CLAIM.search(sentence, c_lo, t_lo) and DISPROVED.search(sentence, t_hi))
                    or REMOTE.search(sentence, t_lo, c_hi) or _REMOTE_BEFORE.search(sentence, c_lo, t_lo) or CROWD.search(sentence, t_hi, c_hi)):
                prev_end = t_hi
                continue
            honoured = _hosted_event(sentence, mentions, c_lo, t_lo, t_hi, c_hi)
            if honoured is not None:
                prev_end = t_hi
                if len(honoured) >= 2:
                    drafts.append(_event_draft(honoured, sentence, mentions, dates, c_lo, c_hi, ctx, narrative, paragraph))
                continue
            nxt = found[i + 1][0] if i + 1 < len(found) else c_hi
            purpose = _purpose(sentence, t_hi, nxt)
            obj_hi = purpose.start() if purpose else nxt
            subj_region = sentence[prev_end:t_lo]
            subjects = _persons(mentions, prev_end, t_lo)
            subjects = [p for p in subjects if not _only_named(p, mentions, prev_end, t_lo, lambda m: any(s <= m.start < e for s, e in asides))
                        ] or subjects  # "X, who is travelling with Cook, met …"
            subjects = [p for p in subjects if not _only_named(p, mentions, prev_end, t_lo, lambda m: KIN_OF.search(sentence, max(0, m.start - 60), m.start))
                        ] or subjects  # "X, the son of Y, met …"
            fronted = FRONTED.match(sentence, prev_end, t_lo)
            if fronted and _persons(mentions, fronted.end(), t_lo):
                subjects = _persons(mentions, fronted.end(), t_lo)  # "Two days before meeting Modi, Cook dined with X"
            owners = {m.key for m in mentions if m.kind == "person" and prev_end <= m.start < t_lo and owner_only(sentence, m)}
            if set(subjects) - owners:
                subjects = [p for p in subjects if p not in owners or any(  # (a pronoun before the owner is no sign: "as he sought …, Chung's grandfather, X")
                    m.key == p and m.via != "pronoun" and not owner_only(sentence, m) for m in mentions if prev_end <= m.start < t_lo)]
            if i > 0 and subject_of_sentence and set(subjects) <= set(last_objects):
                subjects = [subject_of_sentence]  # "A met B on Thursday after a dinner with C": A dined with C
            owner = next((m.key for m in mentions if m.kind == "person" and m.start == t_lo and kind == "noun"), None)
            if owner is not None:
                subjects = [owner]  # "following Biden's talks with Xi": Biden's, not the clause subject's
            reporting = list(lx.REPORTING.finditer(sentence, prev_end, t_lo)) if owner is None else []
            if reporting:
                after = _persons(mentions, reporting[-1].end(), t_lo)
                subjects = after or subjects
            group_ref = re.search(r"\b(?:(?:the|all) (two|three|four|five)|the pair|both|they|the leaders)\b", subj_region, re.I)
            last_named = max((m.end for m in mentions if m.kind == "person" and prev_end <= m.start < t_lo), default=prev_end)
            if group_ref and (not subjects or prev_end + group_ref.start() >= last_named):
                subjects = _group(group_ref.group(1), mentions, t_lo, last, ctx, recent) or subjects  # "…, when the two sat down"
            if not subjects:
                orgs = [m.key for m in mentions if m.kind == "org" and prev_end <= m.start < t_lo]
                for org in orgs:
                    leader = next((r.person for r in reversed(ctx.facts.roles) if r.org == org and r.prop in lx.LEADING), None)
                    if leader:
                        subjects = [leader]
                        break
            if not subjects and subject_of_sentence:
                subjects = [subject_of_sentence]
            if not subjects and ctx.last_subject and re.search(r"\b(?:his|her)\b", subj_region, re.I):
                subjects = [ctx.last_subject]
            objects = [p for p in _persons(mentions, t_hi, obj_hi) if p not in subjects and not _quoted(p, mentions, sentence, t_hi, obj_hi)
                       and not _aside(p, mentions, sentence, t_hi, obj_hi)]
            joined = re.search(r"\b(?:joined|accompanied)\s+by\b|\b(?:together|along)\s+with\b", sentence[t_hi:c_hi])
            if joined:
                objects += [p for p in _persons(mentions, t_hi + joined.end(), c_hi) if p not in subjects + objects
                            and not _quoted(p, mentions, sentence, t_hi, c_hi)]
            for rx in (_ALSO_ATTENDED, _ALSO_PRESENT):
                also = rx.search(sentence, t_hi, c_hi)
                if also:  # "hosted a lunch for X, which Y and Z also attended"; "…, with Y also at the table"
                    objects += [p for p in _persons(mentions, also.start("who"), also.end("who")) if p not in subjects + objects]
            if re.match(r"(?i)joined|sat\s+(?:next|beside|alongside)", sentence[t_lo:t_hi]) and CEREMONY.search(sentence, t_hi, c_hi):
                prev_end = t_hi
                continue  # "joined them on stage for the ceremony"
            if last is not None and subjects and (
                    re.match(r"(?i)joined\s+(?:the|a|that|their)\s+(?:[\w-]+\s+){0,2}(?:dinner|lunch|luncheon|meeting|talks|breakfast|tour|session)", sentence[t_lo:])
                    or (re.match(r"(?i)joined\s+(?:on|from|for)\s+(?:the|their|his|her)\b", sentence[t_lo:]) and not objects)):  # "… joined on the German side"
                last.participants += [p for p in subjects if p not in last.participants]
                last.evidence += [sentence] if sentence not in last.evidence else []
                prev_end = t_hi
                continue
            last_objects = _persons(mentions, t_hi, nxt)
            if last is not None and re.match(r"\s*(?:them|the group)\b", sentence[t_hi:obj_hi]):
                objects += [p for p in last.participants if p not in subjects + objects]  # "joined them"
            if last is not None and re.search(r"\b(?:her|his|their|the)\s+(?:guests?|visitors?|counterparts?|delegation)\b", sentence[t_hi:obj_hi], re.I):
                objects += [p for p in last.participants if p not in subjects + objects]  # "hosted a lunch for her guest"
            if kind == "during":  # "X addressed him as … during a White House meeting": those before it met
                objects, kind = [], "group"
            if kind == "office":  # "Cook visited the Oval Office": he met the president there
                host = _head_of_state(ctx, "United States")
                objects = [host] if host and host not in subjects else []
                kind = "verb"
            if _MISSED.search(sentence, t_hi) or (re.match(r"(?i)received", sentence[t_lo:t_hi])
                                                  and re.search(r"\b(?:which|that)\s+(?:[\w'’-]+\s+){0,4}$", sentence[c_lo:t_lo])):
                prev_end = t_hi
                continue  # "…, but he could not attend"; "the prize, which Han Kang received"
            if kind == "invite":  # "In 1998, Kim invited Son to the Blue House": it took place; "Trump invited Xi": perhaps not
                if not any(d.start < c_hi and d.span.end <= ctx.published for d in dates):
                    prev_end = t_hi
                    continue
                kind = "verb"
            if kind == "signed":  # "Kim and Nadella signed the partnership": two people, named side by side
                signers = _listed_before(mentions, sentence, prev_end, t_lo)
                if len(signers) < 2:
                    prev_end = t_hi
                    continue
                subjects, objects, kind = signers, [], "group"
            if kind == "discuss" and re.match(r"\s+(?:at|to|before|during|on\s+stage|in\s+a\s+(?:speech|keynote|panel))\b", sentence[t_hi:]):
                prev_end = t_hi
                continue  # "spoke at a session", "talked to reporters": no meeting
            if kind == "discuss":
                # "A and B discussed …" is a meeting; "they discussed …" goes on about one already told
                named = [m.key for m in mentions if m.kind == "person" and prev_end <= m.start < t_lo and m.via not in ("pronoun",)]
                if group_ref or len(set(named)) < 2 or re.search(r"\b(?:they|the two|both)\b", subj_region, re.I):
                    prev_end = t_hi
                    continue
                kind = "group"
            if kind == "between" or (kind == "group" and not objects):
                groups = [subjects + objects] if kind == "group" else [objects if len(objects) >= 2 else subjects + objects]
            elif kind == "plural" or SEPARATE.search(sentence, t_lo, obj_hi) or SEPARATE.search(sentence, t_hi, nxt):
                groups = [subjects + [o] for o in objects]
            elif not subjects and kind == "verb" and UNNAMED_SUBJECT.search(subj_region):
                groups = []  # "the visiting official met A and B": A and B met someone unnamed, not each other
            else:
                groups = [subjects + objects]
            prev_end = t_hi
            if subjects:
                subject_of_sentence = subject_of_sentence or subjects[0]
            pending = (len(subjects) == 1 and not objects and kind in ("verb", "noun")
                       and GROUP_NOUN.search(sentence, t_hi, obj_hi))
            groups = [g for g in groups if len(set(g)) >= 2] or ([list(subjects)] if pending else [])
            if not groups:
                continue  # (a host with guests not yet named opens a meeting the next sentences fill)
            clause_dates = [d for d in dates if c_lo <= d.start < c_hi and not _subordinate(sentence, t_hi, d.start)
                            and not relative_clause(sentence, c_lo, d.start) and not _apposed(sentence, mentions, d.start, t_lo)]
            own_hi = c_hi  # "received A on Oct. 1 and met B in Gyeongju on Oct. 31": the second date and place are B's
            if i + 1 < len(found) and set(_persons(mentions, found[i + 1][1], found[i + 2][0] if i + 2 < len(found) else c_hi)) - set(subjects) - set(objects):
                own_hi = nxt
                clause_dates = [d for d in clause_dates if d.start < own_hi]
            if not clause_dates and _NEAR_IN_TIME.match(sentence, c_lo):
                clause_dates = [d for d in dates if d.end <= c_lo][-1:]  # "…in January 2019, days before X received Musk"
            if kind == "noun" and re.match(r"(?i)the\b", sentence[t_lo:t_hi]):
                clause_dates = []  # "following the meeting with Modi": a meeting already told
            report = [d for d in clause_dates if d.end <= t_lo and any(r.start() >= d.end for r in reporting)]
            if re.search(r",\s*$", sentence[:t_lo]) and re.match(r"(?i)\w+ing\b", sentence[t_lo:t_hi]):
                report = []  # "On Monday, X announced the plan, standing alongside Y": at the announcement
            own = [d for d in clause_dates if d not in report]
            if not (lx.future_at(sentence, max(seg_lo, t_lo - 60), t_hi) or _infinitive_after_future(sentence, c_lo, t_lo, t_hi)):
                own = [d for d in own if d.span.start <= ctx.published]  # a held meeting is not in the future
            future = bool(lx.future_at(sentence, max(seg_lo, t_lo - 60), t_hi)) or _infinitive_after_future(sentence, c_lo, t_lo, t_hi)
            background = bool(lx.BACKGROUND.search(sentence, c_lo, c_hi))
            # one meeting per object when each object has its own date; one per date for one group
            obj_starts = sorted(m.start for m in mentions if m.kind == "person" and m.key in objects and t_hi <= m.start < obj_hi)
            interleaved = len(obj_starts) >= 2 and any(obj_starts[0] < d.start < obj_starts[-1] for d in own)
            by_place = False
            per_object = len(groups) == 1 and len(objects) >= 2 and len(own) >= 2 and kind != "between" and interleaved
            if len(groups) == 1 and len(objects) >= 2 and kind != "between" and not per_object and len(obj_starts) >= 2:
                # "sat down with A in San Francisco and with B in Redmond": each with their own place
                sites = [m for m in mentions if m.kind == "place" and obj_starts[0] < m.start < obj_hi and is_location(sentence, m, mentions)]
                first = [m.key for m in sites if m.start < obj_starts[-1]]
                then = [m.key for m in sites if m.start > obj_starts[-1]]
                per_object = by_place = bool(first and then) and not book.compatible(first[-1], then[-1])
            if per_object:
                groups = [subjects + [o] for o in objects]
            units: list[tuple[list[str], DateMention | None]] = []
            obj_mentions = [m for m in mentions if m.kind == "person" and t_hi <= m.start < obj_hi and m.key in objects]
            for g in groups:
                if per_object or len(groups) > 1:
                    om = next((m for m in obj_mentions if m.key == g[-1]), None)
                    later = [m.start for m in obj_mentions if om and m.start > om.start and m.key != g[-1]]
                    lo = om.end if om else t_hi
                    hi = min(later) if later else c_hi
                    units.append((g, _span_for(own, lo, hi) or (own[0] if own and (by_place or not per_object) else None)))
                elif (len(own) >= 2 and all(d.span.precision == own[0].span.precision for d in own)
                      and re.search(r"\band\b", sentence[own[0].end:own[1].start])
                      and not _ANOTHER_PREDICATE.search(sentence, own[0].end, own[1].start)
                      and not own[0].end <= t_lo < own[1].start):  # "flies there on Monday and meets X the next day": one
                    units += [(g, d) for d in own]
                else:
                    after = [d for d in own if d.start >= t_lo]
                    pool = after or own
                    nested = [d for d in pool if all(d.span.overlaps(x.span) for x in pool)]
                    best = min(nested, key=lambda d: (d.span.end - d.span.start).days) if len(nested) == len(pool) and pool else (pool or [None])[0]
                    units.append((g, best))
            for group, dm in units:
                span, explicit = _date(dm, report, sentence, c_lo, c_hi, narrative, ctx.published, future, background, last)
                gap = _DAYS_APART.search(sentence, max(c_lo, t_lo - 40), t_hi)
                if gap and dm is not None and dm.end <= gap.start() and span is not None and span.precision == "day":
                    shift = timedelta(days=_COUNT.get(gap.group("n").lower(), 1))  # "…on Wednesday, a day after holding talks with X"
                    span = DateSpan(span.start - shift, span.end - shift) if gap.group("dir") == "after" else DateSpan(span.start + shift, span.end + shift)
                borrowed = False  # the date is only a guess from the meeting told before
                if (kind == "group" and re.match(r"(?i)(?:discussed|talked|conferred|negotiated|spoke|chatted)", sentence[t_lo:t_hi])
                        and last is not None and set(group) <= set(last.participants) and dm is None):
                    span, explicit, borrowed = last.span, False, True  # "Samsung said Lee and Chinh discussed …": the meeting just told
                said_then = dm is not None and not quoted_speech(sentence, dm.start) and (
                    dm.start < t_lo or not re.search(r"\bthat\b|,", sentence[t_hi:dm.start]))
                if re.match(r"(?i)told", sentence[t_lo:t_hi]) and last is not None and not said_then:
                    span, explicit, borrowed = last.span, False, True  # "X told Y that …": said at a meeting, most likely the one just told
                status = "planned" if future and (span is None or span.end >= ctx.published) else "held"
                ahead = _STILL_AHEAD.search(sentence, max(0, t_lo - 60), t_lo)
                if ahead and kind == "noun" and (dm is None or dm.start < t_lo):
                    span, explicit, status = None, False, "planned"  # "days before his first summit with Trump": still ahead
                if explicit and span and status == "held" and span.end < ctx.published - timedelta(days=45):
                    background = True  # told as past history, not as the news
                place_lo, place_hi = c_lo, own_hi
                if len(groups) > 1:
                    om = next((m for m in obj_mentions if m.key == group[-1]), None)
                    later = [m.start for m in obj_mentions if om and m.start > om.start and m.key != group[-1]]
                    place_lo, place_hi = (om.end if om else t_hi), (min(later) if later else c_hi)
                located = [m for m in mentions if m.kind == "place" and is_location(sentence, m, mentions)
                           and not _subordinate(sentence, t_hi, m.start)]
                places = [m.key for m in located if place_lo <= m.start < place_hi]
                where = _where_place(sentence, located, place_lo, t_lo)
                if where is not None:  # "arrived in Paris from London, where he met X": London
                    places = [where] + [m.key for m in located if t_lo <= m.start < place_hi]
                if len(groups) > 1:
                    first_obj = min((m.start for m in obj_mentions), default=obj_hi)
                    places += [m.key for m in located if t_hi <= m.start < first_obj or obj_hi <= m.start < c_hi]
                place = book.most_specific(places)
                place_weak = borrowed and place is not None  # "Lee and Chinh discussed investments in Vietnam": a topic's place
                if place is None and re.search(r"\b(?:the|this) country\b", clause):
                    place = ctx.main_country()
                if place is None and not background and (not explicit or HERE.search(clause)):
                    place, place_weak = narrative_place, narrative_place is not None
                topics = list(dict.fromkeys(m.key for m in mentions if m.kind == "technology"))
                host = group[0] if re.match(r"(?i)host", sentence[t_lo:t_hi]) else None
                drafts.append(Draft(
                    participants=_dedupe(group), span=span, explicit=explicit, place=place,
                    topics=_dedupe(topics), status=status, evidence=[sentence], background=background,
                    host=host, paragraph=paragraph, place_weak=place_weak,
                    sequenced=bool(SEQUENCE.search(sentence, max(seg_lo, t_lo - 60), t_hi)), narrows=(explicit or not narrative_from_meeting) and not borrowed,
                    occasion=occasion(sentence[t_lo:t_hi], sentence[t_hi:c_hi]),
                ))
    drafts += _first_since(sentence, mentions, dates, ctx, drafts, last, subject_of_sentence, paragraph)
    drafts += _fronted_meeting(sentence, mentions, dates, ctx, drafts, paragraph)
    return drafts


_FRONTED_MEETING = re.compile(
    r"\s*(?:(?:hours|days|minutes|shortly|soon|just|a\s+day|the\s+day|(?:one|two|three|four|five)\s+days)\s+)?"
    r"(?:after|following|upon)\s+(?:meeting|having\s+met|(?:holding|having)\s+(?:talks|a\s+meeting|lunch|dinner|breakfast)\s+with"
    r"|sitting\s+down\s+with|talks\s+with|(?:his|her|a)\s+meeting\s+with)\s+(?:with\s+)?"
    r"(?P<phrase>[^,]{2,160}?)(?:,\s+(?:where|who|when|which)\b[^,]*)*,\s+", re.I)
"""A sentence opened by a meeting of its subject: "After meeting Son in Tokyo on Monday, Altman flew to Seoul"."""


def _fronted_meeting(sentence: str, mentions: list[Mention], dates: list[DateMention], ctx: Context, here: list[Draft],
                     paragraph: int) -> list[Draft]:
    m = _FRONTED_MEETING.match(sentence)
    if m is None:
        return []
    lo, hi = m.start("phrase"), m.end("phrase")
    met = [p for p in _persons(mentions, lo, hi) if not _aside(p, mentions, sentence, lo, hi)]
    subject = next((x for x in sorted(mentions, key=lambda x: x.start)
                    if x.kind == "person" and m.end() <= x.start <= m.end() + 60 and "," not in sentence[m.end():x.start]), None)
    if subject is None or not met or subject.key in met:
        return []
    people = _dedupe([subject.key] + met)
    if any(set(d.participants) == set(people) for d in here):
        return []
    own = [d for d in dates if lo <= d.start < hi and not d.anchored]
    span = own[0].span if own else None
    status = "planned" if span is not None and span.start > ctx.published else "held"
    return [Draft(participants=people, span=span, explicit=span is not None, place=_place_within(sentence, mentions, lo, hi, ctx),
                  topics=[], status=status, evidence=[sentence], background=False, paragraph=paragraph)]


_FIRST_SINCE = re.compile(
    r"\b(?P<whose>their|his|her|the\s+(?:two|pair)(?:\s+men|\s+women|\s+leaders)?['’]s?)\s+first\s+(?:(?:face-to-face|in-person|official)\s+)?"
    r"(?:meeting|encounter|talks)\s+(?:with\s+(?P<with>[^,;]{2,80}?)\s+)?since\s+(?P<since>[^,;.]{2,80})", re.I)
_EVENT_NAME = re.compile(r"(?:(?:the|a|an|in|at|of|on|last|this)\s+|[A-Z][\w&.-]*\s+|(?:summit|forum|conference|meeting|talks|visit|trip|dinner|"
                         r"ceremony|show|fair|expo|festival|games|session|gathering|roundtable)\s+)*")
"""What may stand between "since" and the date: an event's name ("the Boao Forum in Hainan in"), nothing else."""


_MISSED = re.compile(r"\b(?:could\s+not|couldn't|did\s+not|didn't|was\s+unable\s+to|were\s+unable\s+to)\s+(?:attend|make\s+it|go|join)\b", re.I)
_ANOTHER_PREDICATE = re.compile(r"\band\s+(?:will|would|shall|is|are|was|were|has|have|had|(?!again\b|also\b)[a-z]+(?:ed|es))\b")
"""Between two dates: "… on Wednesday, and will address Congress on Thursday": the second date is another act's."""
_NEAR_IN_TIME = re.compile(r"(?:days|weeks|hours|shortly|just|a\s+day|a\s+week|two\s+days)\s+(?:before|after)\b", re.I)
_DAYS_APART = re.compile(r"\b(?P<n>a|one|two|three|four|five)\s+days?\s+(?P<dir>after|before)\s+\w+ing\b", re.I)
_STILL_AHEAD = re.compile(r"\b(?:days|weeks|hours|shortly|just|a\s+day|a\s+week)?\s*(?:before|ahead\s+of)\s+$", re.I)


def _first_since(sentence: str, mentions: list[Mention], dates: list[DateMention], ctx: Context, here: list[Draft],
                 last: Draft | None, subject: str | None, paragraph: int) -> list[Draft]:
    """"their first meeting since the APEC summit in 2023", "his first encounter with Xi since 2015":
    the pair met then, a meeting of its own in the background. Not "since Moon took office": an
    event, not a meeting of theirs."""
    m = _FIRST_SINCE.search(sentence)
    if m is None:
        return []
    when = next((d for d in dates if m.start("since") <= d.start < m.end("since") and not d.anchored), None)
    if when is None or when.span.end >= ctx.published or not _EVENT_NAME.fullmatch(sentence, m.start("since"), when.start):
        return []  # "since taking office in June", "since Trump's return in January": no meeting of theirs
    if m.group("with"):
        others = _persons(mentions, m.start("with"), m.end("with"))
        owner = subject or ctx.last_subject
        people = [owner] + others if owner and others else []
    else:
        told = here[-1] if here else last
        people = list(told.participants) if told is not None and len(set(told.participants)) == 2 else []
    people = _dedupe([p for p in people if p])
    if len(people) < 2:
        return []
    return [Draft(participants=people, span=when.span, explicit=True, place=None, topics=[], status="held",
                  evidence=[sentence], background=True, paragraph=paragraph)]


_EVENT_NOUN = re.compile(r"\b(?:celebrations?|party|wedding|event|ceremony|conference|summit|festival|gala|reception|forum|expo|roundtable|seminar|symposium|banquet|session|dinner|lunch|luncheon|breakfast)\b[^.;]{0,40}$", re.I)
_HONOUR = re.compile(r"\bhonou?r\b|\bfor\b", re.I)


def _hosted_event(sentence: str, mentions: list[Mention], c_lo: int, t_lo: int, t_hi: int, c_hi: int) -> list[str] | None:
    """"a banquet hosted in Trump's honour by the emir": the host and the guest of honour met;
    "celebrations hosted by X" names only an event's host. None when the verb is not such a participle."""
    if not (re.match(r"(?i)hosted", sentence[t_lo:t_hi]) and _EVENT_NOUN.search(sentence, c_lo, t_lo)):
        return None
    by = re.compile(r"\bby\b").search(sentence, t_hi, min(c_hi, t_hi + 60))
    if by is None:
        return None
    between = sentence[t_hi:by.start()]
    guests = _persons(mentions, t_hi, by.start()) if _HONOUR.search(between) else []
    hosts = _persons(mentions, by.end(), min(c_hi, by.end() + 80))[:1]
    return _dedupe(hosts + guests)


def _event_draft(group: list[str], sentence: str, mentions: list[Mention], dates: list[DateMention], c_lo: int, c_hi: int,
                 ctx: Context, narrative: DateSpan | None, paragraph: int) -> Draft:
    """A meeting told by a participle phrase: the clause's date and place are its own."""
    own = [d for d in dates if c_lo <= d.start < c_hi]
    span, explicit = (own[0].span, True) if own else (narrative, False)
    return Draft(participants=group, span=span, explicit=explicit, place=_place_within(sentence, mentions, c_lo, c_hi, ctx), topics=[],
                 status="held", evidence=[sentence], background=False, host=group[0], paragraph=paragraph)


def _place_within(sentence: str, mentions: list[Mention], lo: int, hi: int, ctx: Context) -> str | None:
    """The most specific place a phrase names as where it happened."""
    places = [m.key for m in mentions if m.kind == "place" and lo <= m.start < hi and is_location(sentence, m, mentions)]
    return PlaceBook(ctx).most_specific(places)


_LIST_GAP = re.compile(r"\s*(?:,\s+and|,|\s+and)\s+(?:[\w&.'’-]+\s+){0,5}?")


def _listed_before(mentions: list[Mention], sentence: str, lo: int, pos: int) -> list[str]:
    """The people listed right before ``pos`` ("Ryu, board member Claudia Nemat and Dowidar signed")."""
    people = [m for m in mentions if m.kind == "person" and lo <= m.start < pos]
    if not people or sentence[people[-1].end:pos].strip():
        return []
    listed = [people[-1]]
    for m in reversed(people[:-1]):
        if not _LIST_GAP.fullmatch(sentence, m.end, listed[0].start):
            break
        listed.insert(0, m)
    return _dedupe([m.key for m in listed])


def _aside(person: str, mentions: list[Mention], sentence: str, lo: int, hi: int) -> bool:
    """A person named in the object only as a relative's anchor ("the widow of Shinzo Abe") or as
    the owner of something ("joined Yoon's business delegation") is not met."""
    return _only_named(person, mentions, lo, hi, lambda m: (
        KIN_OF.search(sentence, max(0, m.start - 60), m.start) or lx.PARENT_BEFORE.search(sentence, max(0, m.start - 80), m.start)
        or re.match(r"(?:'s|’s)\s+(?!(?:home|house|residence|office|estate|club|farm|villa|ranch)\b)[a-z]", sentence[m.end:m.end + 14])
        or re.match(r"\s+(?:summit|administration|era|government|tariffs?|visit|presidency|campaign)\b", sentence[m.end:m.end + 16])
        or re.search(r"\b(?:impressions?|views?|opinions?|assessment|thoughts|praise|criticism|portrait)\s+of\s+$", sentence[max(0, m.start - 30):m.start])
        or re.search(r"\blate\s+(?:[A-Z][\w.-]*\s+){0,3}$", sentence[max(0, m.start - 40):m.start])  # "the late Chairman X"
    ))


def _only_named(person: str, mentions: list[Mention], lo: int, hi: int, test) -> bool:
    """Every time the person is named between ``lo`` and ``hi`` (at least once), ``test`` holds."""
    spots = [m for m in mentions if m.key == person and lo <= m.start < hi]
    return bool(spots) and all(test(m) for m in spots)


def _infinitive_after_future(sentence: str, c_lo: int, t_lo: int, t_hi: int) -> bool:
    """"is scheduled to speak at the summit and hold talks with X": a bare verb joined by "and"
    to a planned one is planned too."""
    return bool(re.match(r"(?i)(?:hold|meet|have|host|sit|dine|call|visit|pay)\b", sentence[t_lo:t_hi])
                and re.search(r"\band\s+(?:then\s+|later\s+|also\s+)?$", sentence[c_lo:t_lo])
                and lx.future_at(sentence, c_lo, t_lo))


_SUBORDINATE = re.compile(r",\s+(?:who|which|whose)\b|\b(?:since|after|before|because|until|once)\s+(?:the\s+|he\s+|she\s+|they\s+|it\s+)?[\w-]+", re.I)


def relative_clause(sentence: str, lo: int, pos: int) -> bool:
    """A date inside ", who arrived on Monday," before the verb."""
    opening = list(re.finditer(r",\s+(?:who|which|whose)\b", sentence[lo:pos]))
    return bool(opening) and "," not in sentence[lo + opening[-1].end():pos]


def _apposed(sentence: str, mentions: list[Mention], pos: int, verb: int) -> bool:
    """A date inside an aside after the subject's name ("Tan, on his first visit since taking
    charge in March, met Modi") dates something else."""
    if pos >= verb:
        return False
    opening = sentence.rfind(",", 0, pos)
    return (opening >= 0 and "," in sentence[pos:verb]
            and any(m.kind == "person" and re.fullmatch(r"\s*", sentence[m.end:opening]) for m in mentions))


def _subordinate(sentence: str, trigger_end: int, pos: int) -> bool:
    """A date after "who …", "since …", "after …" in the meeting's clause dates something else."""
    return pos > trigger_end and bool(_SUBORDINATE.search(sentence, trigger_end, pos) or re.search(r"\b(?:since|until|till)\s*$", sentence[:pos]))


_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5}


def _group(word: str | None, mentions: list[Mention], before: int, last: Draft | None, ctx: Context,
           recent: tuple[Draft, ...] = ()) -> list[str]:
    """"the two", "the three", "they": the people the text last spoke of, as many as it says;
    first those of a meeting just told with that many people."""
    n = _COUNT.get((word or "").lower())
    here = _persons([m for m in mentions if m.end <= before], 0, before)
    if n and len(here) >= n:
        return here[-n:]
    if n is None and len(here) >= 2:
        return here  # "Son and Altman are due in Seoul, where they are expected to meet X"
    told = next((d for d in reversed(recent) if n and len(set(d.participants)) == n), None)
    if told is not None:
        return list(told.participants)
    if last is not None and (n is None or len(set(last.participants)) == n):
        return list(last.participants)
    later = {m.key for m in mentions if m.kind == "person" and m.start >= before and m.via in ("name", "title", "gazetteer")} - set(here)
    earlier = [p for p in ctx.recent_people if p not in later]  # not those the sentence names after the verb
    if n and len(earlier) >= n:
        return earlier[-n:]
    return list(last.participants) if last is not None else []


def _date(dm: DateMention | None, report: list[DateMention], sentence: str, lo: int, hi: int,
          narrative: DateSpan | None, published: date, future: bool, background: bool,
          last: Draft | None = None) -> tuple[DateSpan | None, bool]:
    if dm is not None:
        return dm.span, not dm.anchored or narrative is not None
    if last is not None and last.span and re.search(r"\b(?:that|the same|this)\s+(?:visit|trip|day|evening|night|occasion|tour|stay)\b", sentence[lo:hi], re.I):
        return last.span, last.explicit
    anchor = report[-1].span.end if report else None
    if anchor is not None:
        if RECENTLY.search(sentence, lo, hi):
            start = date(anchor.year, anchor.month, 1) if anchor.day >= 15 else anchor - timedelta(days=30)
            return DateSpan(start, anchor), True
        return DateSpan(date(anchor.year, 1, 1), anchor), True
    if narrative is not None and not background and not (future and narrative.end < published):
        return narrative, False  # (a meeting still to come is not on the past day the story was at)
    return None, False


def _dedupe(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out
