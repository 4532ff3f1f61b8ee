"""Mentions of people, organisations, places and technologies in a sentence, linked to the
entities of the article (``Context``), and the role ties ("Nvidia CEO Jensen Huang") they state."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from kg.articles import slugify
from kg.extract import lexicon as lx
from kg.extract.gazetteer import Gazetteer, Known
from kg.facts import ArticleFacts, Entity, Role

name_key = lx.name_key


@dataclass
class Mention:
    start: int
    end: int
    kind: str
    key: str
    text: str
    via: str = "name"  # name, gazetteer, surname, role, pronoun, group


def _called(form: str, keys: set[str]) -> bool:
    """Whether a person written ``form`` is called by one of ``keys`` alone."""
    initials = "".join(w[0] for w in form.split() if w[0].isalpha()).lower()
    if len(form.split()) >= 3 and initials in keys:
        return True  # MBS
    surname, given = name_key(form)
    if (surname in keys or surname.split()[0] in keys) and given:
        return True  # "Marcos" for Ferdinand Marcos Jr. too
    tokens = form.split()
    if len(tokens) == 3 and tokens[0] in lx.VIETNAMESE_SURNAMES and tokens[-1].lower() in keys:
        return True  # Pham Minh Chinh → Chinh
    if len(tokens) == 2 and surname == tokens[-1].lower() and tokens[0].lower() in keys:
        return True  # Satya Nadella → Satya, Srettha Thavisin → Srettha (once the full name is known)
    return bool(re.search(rf"\s{lx.PARTICLE}\s", form)) and tokens[0].lower() in keys  # Mohammed bin Salman → Mohammed


@dataclass
class Context:
    """Everything known about one article while it is read: entities, recency, narrative."""

    facts: ArticleFacts
    gazetteer: Gazetteer
    published: date
    recent_people: list[str] = field(default_factory=list)
    recent_orgs: list[str] = field(default_factory=list)
    last_subject: str | None = None
    last_met: list[str] = field(default_factory=list)
    """The participants of the last meeting told: "X also met him" means the one they met."""
    guessed: set[tuple[str, str]] = field(default_factory=set)
    """(person, organisation) ties guessed from context ("President X" in an article about Korea)."""
    venues: set[str] = field(default_factory=set)
    """Keys of the buildings named as places ("the Elysee Palace")."""
    titled: dict[str, list[str]] = field(default_factory=dict)
    """Titles a person was introduced with ("President Donald Trump"), even with no organisation
    named: "the president" later refers back to them."""
    country_votes: dict[str, int] = field(default_factory=dict)
    kin: set[str] = field(default_factory=set)
    """People first named as someone's relative ("his father, Lee Kun-hee"): a bare surname means another."""
    former: set[tuple[str, str]] = field(default_factory=set)
    """(person, title) held before ("then-President Moon"): "the president" means a current holder first."""
    owned: dict[str, str] = field(default_factory=dict)
    """Person → the organisation written as theirs ("Apple's Tim Cook"): no role, but "the Apple
    chief executive" later means that person."""

    # -- entities -------------------------------------------------------------------------
    def entity(self, kind: str, name: str, known: Known | None = None) -> Entity:
        if kind == "org" and not known:
            name = re.sub(r",?\s+(?:Inc|Corp|Co|Ltd|LLC|Plc|PLC|AG|SE|S\.A|N\.V)\.?$", "", name).strip()
            known = self.gazetteer.lookup("org", name)
            if known is None and re.fullmatch(r"[A-Z]{2,6}", name):
                same = next((e for e in self.facts.entities.values() if e.kind == "org" and name in (acronym(e.name), *map(acronym, e.forms))), None)
                if same is not None:
                    if name not in same.forms:
                        same.forms.append(name)
                    return same
        key = known.iri if known else f"{kind}:{slugify(name)}"
        if kind == "person" and not known:
            key = self._person_key(name)
        ent = self.facts.entities.get(key)
        if ent is None:
            label = known.label if known else (_korean_order(name) if kind == "person" else name)
            ent = Entity(key=key, kind=kind, name=label, iri=known.iri if known else None)
            if known and known.kind == "org":
                ent.org_type = known.org_type
            elif kind == "org":
                ent.org_type = org_type_of(name)
            self.facts.entities[key] = ent
        elif kind == "person" and not known and len(name.split()) > len(ent.name.split()):
            ent.name = name
        if name not in ent.forms:
            ent.forms.append(name)
        return ent

    def _person_key(self, name: str) -> str:
        known = self.gazetteer.lookup("person", name) or self.gazetteer.person_by_name_key(name)
        if known:
            return known.iri
        surname, given = name_key(name)
        for ent in self.facts.entities.values():
            if ent.kind != "person":
                continue
            for form in ent.forms + [ent.name]:
                s, g = name_key(form)
                if g and given and s in lx.surname_keys(surname) and g == given:
                    return ent.key
        return f"person:{slugify(surname + ' ' + given) if given else slugify(name)}"

    def person_by_surname(self, token: str, unseen: set[str] = frozenset(), titles: Iterable[str] = (),
                          statesman: bool = False) -> str | None:
        """A surname alone ("Huang", "Lee") → the person it most likely means in this article, not
        one of ``unseen`` (introduced only later in the sentence: "Lee …, a role his father, Lee
        Kun-hee, never played")."""
        keys = lx.surname_keys(token)
        candidates = []
        for key in reversed(self.recent_people):
            if key in unseen:
                continue
            ent = self.facts.entities[key]
            if any(_called(f, keys) for f in ent.forms + [ent.name]):
                candidates.append(key)
        if not candidates:
            return None
        candidates = [k for k in candidates if k not in self.kin] or candidates
        wanted = {re.sub(r"\s+", " ", t.lower()) for t in titles}
        if wanted and len(candidates) > 1:  # "President Lee" is the Lee introduced as president
            titled = [k for k in candidates if wanted & set(self.titled.get(k, []))
                      or any(r.person == k and r.title in wanted for r in self.facts.roles)]
            candidates = titled or candidates
        if statesman and len(candidates) > 1:  # "Lee is to hold summit talks with Xi": the president Lee
            governing = [k for k in candidates if any(r.person == k and r.prop in ("presidentOf", "leads")
                                                      and self.facts.entities[r.org].org_type == "GovernmentBody" for r in self.facts.roles)
                         or {"president", "prime minister", "premier", "chancellor"} & set(self.titled.get(k, []))]
            candidates = governing or candidates
        leaders = [k for k in candidates if any(r.person == k and r.prop in lx.LEADING | {"founderOf"} for r in self.facts.roles)]
        titled = [k for k in candidates if any(r.person == k for r in self.facts.roles)]
        # "Trump" goes on meaning the one it already meant after "Ivanka Trump" is introduced
        bare = [k for k in candidates if token in self.facts.entities[k].forms]
        return (leaders or titled or bare or candidates)[0]

    def touch(self, kind: str, key: str) -> None:
        recent = self.recent_people if kind == "person" else self.recent_orgs if kind == "org" else None
        if recent is not None:
            if key in recent:
                recent.remove(key)
            recent.append(key)

    def add_role(self, person: str, org: str, title: str, evidence: str) -> None:
        title = re.sub(r"\s+", " ", title.strip().lower())
        prop = lx.TITLES.get(title, "affiliatedWith")
        role = Role(person=person, org=org, prop=prop, title=title, evidence=evidence)
        if not any((r.person, r.org, r.prop, r.title) == (person, org, prop, title) for r in self.facts.roles):
            self.facts.roles.append(role)

    def drop_contradicted_guesses(self) -> None:
        """A guessed tie gives way to one the text states for the same person and kind of role:
        "U.S. President Joe Biden" elsewhere says whose president "President Joe Biden" is."""
        stated = {(r.person, r.prop) for r in self.facts.roles if (r.person, r.org) not in self.guessed}
        self.facts.roles = [r for r in self.facts.roles if (r.person, r.org) not in self.guessed or (r.person, r.prop) not in stated]

    def roles_of(self, person: str) -> list[Role]:
        return [r for r in self.facts.roles if r.person == person]

    def country(self, name: str) -> Entity:
        known = self.gazetteer.lookup("place", name)
        ent = self.entity("place", name, known)
        ent.is_country = known is None or known.is_country
        return ent

    def count_countries(self, text: str) -> None:
        """Which country the article is about: the one its places lie in most often."""
        for _, _, known in self.gazetteer.find("place", text):
            country = self.gazetteer.country_of(known.iri)
            if country:
                self.country_votes[country] = self.country_votes.get(country, 0) + 1

    def main_country(self) -> str | None:
        if not self.country_votes:
            return None
        return sorted(self.country_votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _korean_order(name: str) -> str:
    """"Young-shub Kim" → "Kim Young-shub": a Korean name is labelled surname first, as Korea writes it."""
    tokens = name.split()
    if len(tokens) == 2 and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", tokens[0]) and tokens[1] in lx.KOREAN_SURNAMES:
        return f"{tokens[1]} {tokens[0]}"
    return name


def acronym(name: str) -> str:
    """"LG Energy Solution" → "LGES", "Taiwan Semiconductor Manufacturing Co." → "TSMC"."""
    parts = [w for w in re.split(r"[\s-]+", name) if w and w[0].isupper()]
    return "".join(w if w.isupper() and len(w) <= 4 else w[0] for w in parts)


def org_type_of(name: str) -> str:
    if lx.GOVERNMENT_WORDS.search(name):
        return "GovernmentBody"
    if lx.NONPROFIT_WORDS.search(name):
        return "Organization"
    if re.search(r"\bGroup\b", name):
        return "BusinessGroup"
    return "Firm"


_PRE = re.compile(
    rf"(?:(?P<org>{lx.ORG_TOKEN}(?:\s+{lx.ORG_TOKEN})*?)(?:\s+\([A-Z][A-Za-z]{{1,5}}\))?(?:'s|’s|')?\s+)?(?:{lx.QUALIFIER}\s+)?"
    rf"(?<!\w)(?P<titles>{lx.TITLE_SEQ})\s+{lx.HONORIFIC}(?P<name>{lx.NAME})"  # not "ta|king South Korean"
)
_LEAD_WORD = r"(?i:co-?founder|founder|chair|chairman|chairwoman|ceo|chief|president|executive|managing)\b"
_POST = re.compile(
    rf"(?P<name>{lx.NAME}),\s+(?:who\s+(?:\w+\s+){{0,2}}(?:as|is)\s+(?:(?:also|still|now)\s+)?)?"
    rf"(?:(?i:the|a|an)\s+(?:(?!{_LEAD_WORD})[\w-]+\s+){{1,4}}?and\s+|(?i:the|a|an)\s+)?(?:{lx.QUALIFIER}\s+)?"
    rf"(?P<titles>{lx.TITLE_SEQ})\s+(?i:of|at)\s+(?P<orgphrase>[^,;()]+?)(?=[,;()]|(?<![A-Z])\.(?:\s|$)|$)"
)
_TITLE_OF_COMMA = re.compile(
    rf"(?:(?P<owner>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){{0,2}})(?:'s|’s)\s+)?(?P<titles>{lx.TITLE})\s+(?:of|for)\s+[A-Z][^,;()]{{2,70}},\s+{lx.HONORIFIC}(?P<name>{lx.NAME})"
)
_DEPARTMENT = (
    r"(?:Affairs|Investment|Transformation|Commerce|Trade|Industry|Industries|Energy|Finance|Defen[cs]e|Railways|"
    r"Communications|Electronics|IT|Technology|Economy|Health|Education|Labou?r|Justice|Interior|Culture|Transport|"
    r"Planning|Development|Innovation|Science|Security|Environment|Agriculture|Infrastructure|Resources|Treasury|"
    r"Startups|SMEs|Enterprises|Unification|Welfare|Fisheries|Oceans|Land|Tourism|Sports)"
)
# "Minister of Digital Transformation Mykhailo Fedorov": the name follows the department's last word
_MINISTRY_TITLE = re.compile(
    rf"\b{lx.TITLE}\s+(?:of|for)\s+(?:(?:the\s+)?(?:[A-Z][\w-]*|and|&)\s*,?\s+)*?{_DEPARTMENT}\s+(?P<name>{lx.NAME_TOKEN}(?:\s+{lx.NAME_TOKEN}){{1,2}})"
)
_PORTFOLIO = re.compile(rf"(?:(?:{_DEPARTMENT}|Foreign|Digital|Home|Communication|Information|Maritime|Housing|Gender|Equality|Family|Veterans)(?:\s+(?:and|&)\s+|\s+|$))+")
_POST_OWNER = re.compile(
    rf"(?P<name>{lx.NAME}),\s+(?P<owner>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){{0,3}})(?:'s|’s)\s+(?:{lx.QUALIFIER}\s+)?(?P<titles>{lx.TITLE_SEQ})\b"
)
_ROLE_VERB = r"(?:co-?founded|founded|chairs|chaired)"
_VERB_TITLE = {"co-founded": "co-founder", "cofounded": "co-founder", "founded": "founder", "chairs": "chair", "chaired": "chair"}
_RELATIVE_ROLE = re.compile(
    rf"(?P<name>{lx.NAME}),\s+who\s+(?:(?:also|still|now)\s+)?(?P<verbs>{_ROLE_VERB}(?:\s+and\s+(?:(?:also|still|now)\s+)?{_ROLE_VERB})*)\s+"
    rf"(?:the\s+)?(?P<org>{lx.ORG_TOKEN}(?:\s+(?:(?:of|for|and)\s+)?{lx.ORG_TOKEN})*)"
)
""""Huang, who co-founded Nvidia in 1993", "Chey, who also chairs the Korea Chamber of Commerce": a role told by a verb."""
_ANAPHOR = r"(?P<anaphor>the\s+(?:company|group|firm|startup|start-up|bank|chipmaker|carmaker|automaker|conglomerate)(?:'s|’s)|[Ii]ts)"
_ANAPHOR_TITLE_NAME = re.compile(
    rf"{_ANAPHOR}\s+(?:{lx.QUALIFIER}\s+)?(?P<titles>{lx.TITLE_SEQ}),?\s+{lx.HONORIFIC}(?P<name>{lx.NAME})"
)
""""received by the company's president and chief executive, Hideto Yamasaki": the organisation just spoken of."""
_NAME_ANAPHOR_TITLE = re.compile(
    rf"(?P<name>{lx.NAME}),\s+(?:who\s+(?:remains|is|was)\s+(?:(?:also|still|now)\s+)?)?{_ANAPHOR}\s+(?:{lx.QUALIFIER}\s+)?(?P<titles>{lx.TITLE_SEQ})\b"
)
""""Mark Zuckerberg, the company's founder and chief executive"; "X, the group's former chairman"."""
_OWNER_TITLE_COMMA = re.compile(
    rf"(?<![\w-])(?P<owner>{lx.ORG_TOKEN}(?:\s+{lx.ORG_TOKEN}){{0,2}})(?:'s|’s)\s+(?:{lx.QUALIFIER}\s+)?(?P<titles>{lx.TITLE_SEQ}),\s+{lx.HONORIFIC}(?P<name>{lx.NAME})"
)
""""Twitter's chief executive, Linda Yaccarino": the owner's title, then the name after a comma."""
_NAMED_ORG = re.compile(rf"(?<![\w-])[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){{0,3}}\s+(?:Company|Corporation|Group|Hub|Labs?|Bank|Holdings|Industries|Motors|Systems|Technologies)\b")
"""An organisation the reference data does not know, named with the noun that makes it one."""
_NAME_THE_ORG_TITLE = re.compile(
    rf"(?P<name>{lx.NAME}),\s+(?:the|a|an)\s+(?:{lx.QUALIFIER}\s+)?(?P<owner>{lx.ORG_TOKEN}(?:\s+{lx.ORG_TOKEN}){{0,2}})\s+(?P<titles>{lx.TITLE_SEQ})\b"
)
""""Elon Musk, the Tesla CEO who …", "Ana Ruiz, the Colombian president": an appositive title."""
_NAME_THE_TITLE = re.compile(
    rf"(?<![\w-])(?P<name>{lx.NAME}),\s+(?:the|a|an)\s+(?:{lx.QUALIFIER}\s+)?(?:[a-z][\w-]*\s+(?:and\s+)?){{0,5}}?(?P<titles>{lx.TITLE_SEQ})"
    rf"(?=\s*[,.;]|\s+(?:of|at|for|in|who|and)\b)"
)
""""Budi Arie Setiadi, the communications and information technology minister, …": a title in lower case after a name."""
_RELATION_NAME = re.compile(
    rf"\b(?:predecessor|successor|counterpart|deputy|spokesperson|spokesman|spokeswoman|aide|adviser|advisor|wife|husband|son|daughter|father|mother|brother|sister)"
    rf",\s+{lx.HONORIFIC}(?P<name>{lx.NAME})(?=\s*,)"
)
""""Pradales's predecessor, Iñigo Urkullu, …": a name set off after the relation it is named by."""
_HYPHENATED_GIVEN = re.compile(
    rf"(?<![\w-])[A-Z][a-z]+-[A-Za-z][a-z]+\s+(?:{'|'.join(sorted(lx.SINITIC_SURNAMES | lx.KOREAN_SURNAMES))})(?![\w-])"
)
""""Lip-Bu Tan", "Young-shub Kim": a hyphenated East Asian given name before its surname."""
_PLURAL_TITLE = re.compile(r"\b(?P<title>chief executives|CEOs|chairmen|chairwomen|co-founders|founders|presidents)\b")
_PLURAL_SINGULAR = {"chief executives": "chief executive", "ceos": "ceo", "chairmen": "chairman", "chairwomen": "chairwoman",
                    "co-founders": "co-founder", "founders": "founder", "presidents": "president"}
_OWNED_NAME = re.compile(rf"(?<![\w-])(?P<owner>{lx.ORG_TOKEN}(?:\s+{lx.ORG_TOKEN}){{0,2}})(?:'s|’s)\s+(?P<name>{lx.NAME})(?=\s*(?:,|;|\)|—|–|-\s|\.|\band\b|$))")
""""the chief executives of four firms: Zentrix's Omar Haddad, Orbitron's Amy Ross …": a plural title shared by a list."""
_BECAME = re.compile(
    rf"(?P<name>{lx.NAME})(?:,\s+(?:the|a|an)\s+[^,;]{{1,80}},)?\s+(?:(?:became|took\s+over\s+as|serves\s+as|served\s+as|remains|remained)|(?:was|has\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:named|appointed|elected|made))"
    rf"\s+(?:(?i:the|a|an)\s+)?(?:{lx.QUALIFIER}\s+)?(?P<titles>{lx.TITLE_SEQ})\s+(?i:of|at)\s+"
    rf"(?:the\s+(?P<anaphor>company|group|firm|conglomerate)\b|(?P<owner>{lx.ORG_TOKEN}(?:\s+(?:of\s+)?{lx.ORG_TOKEN}){{0,3}}))"
)
""""Chung became chairman of the group in 2020", "Ortiz was elected president of Orbitron": a role told by a verb."""
_CO_OWNERS = re.compile(rf"(?P<run>{lx.ORG_TOKEN}(?:\s+{lx.ORG_TOKEN}){{0,2}})\s+(?:and|&)\s+$")
"""The first of two organisations sharing a title before a name: "Tesla and SpaceX chief executive"."""
_HONOURED = re.compile(rf"(?<![\w-])(?:Sheikh|Sheikha|Sir|Dame|Tan Sri|Tun|Datuk|Dato'?|Datin)\s+{lx.HONORIFIC}(?P<name>{lx.NAME})")
""""Sheikh Tahnoun bin Zayed Al Nahyan": a name an honorific introduces, whatever its first name."""
_SURNAME_FIRST = re.compile(
    rf"\b(?:{'|'.join(sorted(lx.VIETNAMESE_SURNAMES | lx.CHINESE_SURNAMES))})(?:\s+[A-Z][a-z]+){{1,2}}\b"
)
_KOREAN = re.compile(rf"\b(?:{'|'.join(sorted(lx.KOREAN_SURNAMES))})\s+[A-Z][a-z]+-[a-z]+\b")
_GIVEN = re.compile(rf"(?<![\w-])(?P<first>{lx.CAP_WORD})\s+(?:[A-Z]\.\s+)?(?P<last>(?:{lx.PARTICLE}\s+)?{lx.NAME_TOKEN}(?:\s+(?!(?:Jr|Sr)\.)(?:{lx.PARTICLE}\s+)?{lx.NAME_TOKEN}){{0,2}}{lx.GENERATION_SUFFIX}?)")
_ROLE_REF = re.compile(
    r"\b(?:the|The)\s+(?:(?P<org>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)?)\s+)?(?:(?i:tech|company)\s+)?"
    r"(?:(?!(?:prime|vice|deputy|chief|first)\b)(?P<dept>[a-z]+)\s+(?=(?:minister|secretary)\b))?"
    r"(?P<title>(?i:vice president|president-elect|executive chairman|executive chair|chairman|chairwoman|chair|chief executive|ceo|co-founder|founder|"
    r"president|prime minister|crown prince|emir|minister|secretary|governor|chancellor|premier|king|leader|chief|boss|head|owner|"
    r"tycoon|mogul|billionaire|founder|commissioner|heir|scion|vice\s+chairman|vice\s+chair|first\s+lady))\b(?!\s+of\b|(?:'s|’s)\s+(?:Office|Residence|Palace|House|Department|Cabinet|Council|Secretariat|Bureau|Mansion|Hall)\b)"
)
_NEW_PLACE = re.compile(r"\b(?:in|at)\s+(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})(?=,\s+[A-Z]|\s+(?:on|last|earlier|this|next|in|to|for|during|and)\b|[.;]|,\s+(?:on|where|and|to|the|a|an)\b)")
_PLACE_END = re.compile(r"\s+(?:on|last|earlier|this|next|in|to|for|during)\b|[.;]|,\s+(?:on|where|to|the|a|an)\b")
ATTRIBUTIVE = re.compile(r"(?i:'s|’s)?\s+(?i:administration|government|era|camp|team|family|campaign|foundation|doctrine|presidency|tariffs?|cabinet|aides?|officials?|policy|policies|group|company|conglomerate|empire|brand|plant|factory)\b|-era\b")
_PRONOUN = re.compile(r"\b(?:he|He|she|She|him)\b")  # possessives name no participant
_COUNTRY_ORG = re.compile(
    rf"(?P<country>{lx.COUNTRY_WORD})\s+(?:[\w-]+\s+){{0,3}}?{lx.COMPANY_NOUN}\s+(?P<org>{lx.ORG_TOKEN}(?:\s+{lx.ORG_TOKEN})*)"
)
_ORG_COUNTRY = re.compile(
    rf"(?P<org>{lx.ORG_TOKEN}(?:\s+{lx.ORG_TOKEN})*),\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}?(?P<country>{lx.COUNTRY_WORD})\s+(?:[\w-]+\s+){{0,3}}?{lx.COMPANY_NOUN}"
)
_PARENT = re.compile(
    rf"(?P<org>{lx.ORG_TOKEN}(?:\s+{lx.ORG_TOKEN})*),\s+(?:the|a|an)\s+(?P<owner>group|company|[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)?)(?:'s|’s)\s+(?:[\w-]+\s+){{0,2}}?(?:unit|subsidiary|affiliate|arm|division)\b"
)


_WON_ELECTION = re.compile(r",\s+who\s+(?:has\s+)?won\s+(?:the\s+|last\s+\w+'s\s+|\w+'s\s+)?(?:presidential\s+)?(?:election|vote|race)\b")
_SUMMIT = re.compile(r"\bsummit\b|\bstate\s+(?:visit|dinner)\b", re.I)
_OWNER_BEFORE = re.compile(rf"(?<![\w-])(?P<owner>{lx.ORG_TOKEN}(?:\s+{lx.ORG_TOKEN}){{0,2}})(?:'s|’s)\s+$")
_KIN_NAME = re.compile(rf"\b(?:his|her)\s+(?:wife|husband|son|daughter|brother|sister),?\s+(?P<given>{lx.CAP_WORD})\b(?!\s*[{lx.UP}])")


def _kin_by_first_name(m: re.Match[str], mentions: list[Mention], ctx: Context, free, add) -> None:
    """"Trump and his wife, Melania": a relative named by first name carries the family name of
    the person just named."""
    if not free(m.start("given"), m.end("given")) or m.group("given") in lx.NOT_NAME:
        return
    before = [x for x in mentions if x.kind == "person" and x.via != "pronoun" and x.end <= m.start()]
    if not before:
        return
    family = ctx.facts.entities[max(before, key=lambda x: x.end).key].name
    surname = next((t for t in family.split() if t.lower() == name_key(family)[0]), None)
    if surname is None or surname == m.group("given"):
        return
    ent = ctx.entity("person", f"{m.group('given')} {surname}")
    add(Mention(m.start("given"), m.end("given"), "person", ent.key, m.group("given"), "name"))


def _each_start(rx: re.Pattern[str], sentence: str) -> list[re.Match[str]]:
    """Matches of ``rx`` tried at every capitalised word, not only after the previous match:
    "House Speaker Paul Ryan" holds the name "Paul Ryan" though "House Speaker Paul" is no name."""
    found: list[re.Match[str]] = []
    for word in re.finditer(rf"(?<![\w-])[{lx.UP}]", sentence):
        if found and word.start() < found[-1].end():
            continue
        prev = re.search(rf"(?<![\w.'’-])([{lx.UP}][\w-]*)\s+$", sentence[:word.start()])
        if prev and not (_title_word(prev.group(1)) or re.fullmatch(r"[A-Z]{1,2}", prev.group(1))):
            continue  # inside a capitalised run ("Lok Kalyan Marg"): only a title may precede a name
        m = rx.match(sentence, word.start())
        if m and m.group("first") in lx.given_names():
            found.append(m)
    return found


_APPOSED = re.compile(rf"(?<![\w-])(?P<first>{lx.CAP_WORD})\s+(?P<last>{lx.CAP_WORD})(?=,\s+(?:the|a|an|his|her|their)\s)")
"""A name with an appositive after it ("Akie Abe, the widow of …"), its first name on no list."""


def _family_name_known(first: str, last: str, ctx: Context) -> bool:
    """"Akie Abe" when an Abe is known: a relative, not that Abe (whose first name differs)."""
    if first in lx.NOT_NAME or _title_word(first) or first in lx.PLACE_STARTS or first in lx.COUNTRY_WORDS:
        return False
    if any(ctx.gazetteer.lookup(k, first) for k in ("org", "place", "technology")):
        return False
    known = [e.name for e in ctx.facts.entities.values() if e.kind == "person"]
    return any(name_key(n)[0] == last.lower() and name_key(n)[1] != first.lower() for n in known)


def _title_word(word: str) -> bool:
    low = word.lower().removesuffix("-elect")
    return word.strip(".") in lx.NOT_NAME or low in lx.TITLES or low.strip(".") in lx.TITLES


_FAMILY_TAIL = re.compile(r"\s+(?:Al|El|al|el|bin|bint|ibn)[\s-][A-Z][a-z]+(?:\s+(?:Al|El|al|el|bin|bint|ibn)[\s-][A-Z][a-z]+)*\b")
"""A family or tribal name written after a name the reference data knows in its short form."""

_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|flew\s+to|travell?ed\s+to|went\s+to|headed\s+to|arrived\s+in|landed\s+in)\s+$", re.I)


def _placed(sentence: str, start: int, end: int) -> bool:
    """"flew to Abu Dhabi", "in De Soto": a new name where a place is expected is no person."""
    return bool(_PLACE_BEFORE.search(sentence[max(0, start - 20):start])) and not re.match(r"(?:'s|’s)", sentence[end:end + 2])


_NOUN_MODIFIED = re.compile(rf"\s+(?:[a-z][\w-]*\s+){{0,2}}?(?:{lx.COMPANY_NOUN[3:-1]}|officials?|authorities|government|emirate|region)\b")
""""Abu Dhabi technology group", "the Abu Dhabi official": a name before such a noun modifies it."""


def _modifier(sentence: str, start: int, end: int) -> bool:
    """"the Abu Dhabi official": a name between "the" and a common noun modifies the noun."""
    return bool(re.search(r"\b[Tt]he\s+$", sentence[max(0, start - 4):start]) and re.match(r"\s+[a-z]{3,}", sentence[end:end + 12]))


def _not_a_person(name: str, sentence: str, end: int, gaz: Gazetteer) -> bool:
    """"Ho Chi Minh City", "General Assembly", "Al Yamamah Palace": a place or body, not a person."""
    tokens = name.split()
    following = re.match(r"\s+([A-Z][\w-]*)", sentence[end:end + 30])
    if tokens[-1] in lx.NOT_PERSON_WORDS or (following and following.group(1) in lx.NOT_PERSON_WORDS):
        return True
    if re.match(r"[\w-]*\s+(?:hotel|resort|building|campus|plant|factory|headquarters|hall|tower|centre|center|complex|stadium)\b", sentence[end:end + 40]):
        return True  # "the Willard InterContinental hotel"
    return len(tokens) > 1 and bool(gaz.lookup("place", name) or gaz.lookup("org", name))


_QUOTES = "\"“”'‘’"


def _quoted_name(sentence: str, start: int, end: int) -> bool:
    """A name standing alone in quotation marks ("addressed him as \"Tim Apple\"") is a nickname or
    a slip, not a person of the story."""
    return start > 0 and sentence[start - 1] in _QUOTES and sentence[end:end + 1] in tuple(_QUOTES)


def _trim_org(run: str, ctx: Context, sentence: str) -> tuple[str, Known | None] | None:
    """An organisation named by a capitalised run: the longest known suffix, else the run less
    the words that never start a name."""
    tokens = run.split()
    for i in range(len(tokens)):
        cand = " ".join(tokens[i:])
        known = ctx.gazetteer.lookup("org", cand)
        if known:
            return cand, known
    while tokens and (tokens[0].strip(".,") in lx.NOT_NAME or tokens[0] in lx.COUNTRY_WORDS):
        tokens = tokens[1:]
    cand = re.sub(r"(?:'s|’s|')$", "", " ".join(tokens)).rstrip(".,")
    if not cand or ctx.gazetteer.lookup("place", cand) or ctx.gazetteer.lookup("person", cand) or ctx.gazetteer.lookup("technology", cand):
        return None
    return cand, None


def _clean_name(name: str) -> str:
    """The name less the words that never belong to one, at either end; a title inside the run
    ("Cabinet Secretary Hirokazu Sato" after "Chief") leaves the name after it."""
    tokens = name.split()
    inner = [i for i, t in enumerate(tokens[:-2]) if t.strip(".") in lx.NOT_NAME]
    if inner and len(tokens) - inner[-1] - 1 >= 2:
        tokens = tokens[inner[-1] + 1:]
    while tokens and tokens[-1].strip(".") in lx.NOT_NAME:
        tokens.pop()
    while tokens and tokens[0].strip(".") in lx.NOT_NAME:
        tokens.pop(0)
    return " ".join(tokens)


def _split_titles(titles: str) -> list[str]:
    titles = re.sub(r"\s*\([A-Z]{2,4}\)", "", titles)
    return [t.strip() for t in re.split(r"\s*(?:,|\band\b|&)\s*", titles) if t.strip()]


def owner_only(sentence: str, mention: Mention) -> bool:
    """The mention is a possessive owner ("Chung's grandfather", "Poe's election"), not the one acting."""
    return re.match(r"(?:'s|’s)\s+[a-z]", sentence[mention.end:mention.end + 4]) is not None


_HEADLINE = re.compile(r"(?:[\W\d]*(?:[A-Z][\w'’.-]*|a|an|the|of|to|in|on|at|for|and|or|as|by|with|from|vs|amid|over)\b)+[^\w.!?]*")
"""A title-case headline: a first name followed by a capitalised word there is no sign of a person."""


def find_mentions(sentence: str, ctx: Context, evidence: str) -> list[Mention]:
    """Every entity mention of a sentence, left to right, registering entities and roles."""
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    def add(m: Mention) -> Mention:
        mentions.append(m)
        taken.append((m.start, m.end))
        ctx.touch(m.kind, m.key)
        return m

    gaz = ctx.gazetteer
    known_before = list(ctx.recent_people)  # a role reference points back at these, most recent first
    # 1. names the reference data knows, longest first
    for kind in ("person", "org", "place", "technology"):
        for s, e, known in gaz.find(kind, sentence):
            if kind == "person" and re.search(r"\b(?:bin|bint|ibn)\s+$", sentence[max(0, s - 6):s]):
                continue  # "Khaled bin Mohamed bin Zayed": the son, named after the known father
            if kind == "person" and re.match(lx.GENERATION_SUFFIX, sentence[e:]):
                continue  # "Donald Trump Jr.": the known father's namesake
            if kind == "person" and (tail := _FAMILY_TAIL.match(sentence, e)):
                e = tail.end()  # "Mohamed bin Zayed Al Nahyan": the known name written in full
            if free(s, e):
                ent = ctx.entity(kind, sentence[s:e], known)
                add(Mention(s, e, kind, ent.key, sentence[s:e], "gazetteer"))

    for m in _NEW_PLACE.finditer(sentence):
        name = m.group("place")
        if not free(m.start("place"), m.end("place")) or any(t in lx.NOT_NAME or t in lx.COUNTRY_WORDS for t in name.split()):
            continue
        if any(gaz.lookup(k, name) for k in ("person", "org", "technology")) or name in lx.given_names():
            continue
        container = next((x for x in mentions if x.kind == "place" and x.start == m.end("place") + 2), None)
        if container is None and not _PLACE_END.match(sentence, m.end("place")):
            continue
        ent = ctx.entity("place", name)
        if container is not None and ent.located_in is None:
            ent.located_in = container.key
        add(Mention(m.start("place"), m.end("place"), "place", ent.key, name, "name"))

    # technologies the taxonomy does not know: "humanoid robots" is known, "delivery robots" is minted
    for m in lx.TECH_PHRASE.finditer(sentence):
        words = m.group("phrase").split()
        while words and words[0].lower() in lx.NOT_TECH_MODIFIER:
            words.pop(0)
        if len(words) < 2 or not free(m.start("phrase"), m.end("phrase")) or any(w.lower() in lx.NOT_TECH_MODIFIER for w in words[:-1]):
            continue
        label = " ".join(words)
        start = m.end("phrase") - len(label)
        ent = ctx.entity("technology", label)
        parent = gaz.lookup("technology", lx.TECH_HEADS[m.group("head")])
        if parent is not None and not ent.broader:
            ent.broader.append(ctx.entity("technology", parent.label, parent).key)
        if "AI" in words[:-1] and (ai := gaz.lookup("technology", "artificial intelligence")):
            key = ctx.entity("technology", ai.label, ai).key
            if key not in ent.broader:
                ent.broader.append(key)
        add(Mention(start, m.end("phrase"), "technology", ent.key, label, "name"))

    def person_at(s: int, e: int, name: str, via: str = "name", titles: Iterable[str] = ()) -> str | None:
        name = _clean_name(name)
        if not name or _not_a_person(name, sentence, s + len(name), gaz):
            return None
        for m in mentions:
            if m.kind == "person" and m.start <= s and e <= m.end + 1:
                return m.key
        if len(name.split()) == 1:
            key = ctx.person_by_surname(name, titles=titles)
            if key and name not in ctx.facts.entities[key].forms:
                ctx.facts.entities[key].forms.append(name)
            if key and free(s, s + len(name)):
                add(Mention(s, s + len(name), "person", key, name, "surname"))
            return key
        start = sentence.find(name, s, e + 1)
        start = s if start < 0 else start
        if _quoted_name(sentence, start, start + len(name)):
            return None
        if not free(start, start + len(name)):
            for m in mentions:
                if m.kind == "person" and m.start <= start < m.end:
                    return m.key
            return None
        ent = ctx.entity("person", name)
        add(Mention(start, start + len(name), "person", ent.key, name, via))
        return ent.key

    def org_at(run: str, pos: int) -> str | None:
        for m in mentions:
            if m.kind == "org" and m.start <= pos < m.end:
                return m.key
        trimmed = _trim_org(run, ctx, sentence)
        if not trimmed:
            return None
        name, known = trimmed
        start = sentence.find(name, pos)
        ent = ctx.entity("org", name, known)
        if start >= 0 and free(start, start + len(name)):
            add(Mention(start, start + len(name), "org", ent.key, name, "name"))
        return ent.key

    # 2. titled people: "Nvidia CEO Jensen Huang", "Jim Keller, CEO of Tenstorrent"
    for m in _PRE.finditer(sentence):
        royal = re.fullmatch(r"(?i)(?:king|queen|emperor|empress|prince|princess|sultan)", m.group("titles").strip())
        if royal and not ctx.gazetteer.lookup("person", m.group("name")):
            name = f"{royal.group(0).title()} {m.group('name')}"
            if not _not_a_person(m.group("name"), sentence, m.end("name"), gaz):
                ent = ctx.entity("person", name)
                if royal.group(0).lower() not in ctx.titled.setdefault(ent.key, []):
                    ctx.titled[ent.key].append(royal.group(0).lower())  # "the king" later
                if free(m.start("titles"), m.end("name")):
                    add(Mention(m.start("titles"), m.end("name"), "person", ent.key, name, "title"))
            continue
        titles = _split_titles(m.group("titles"))
        person = person_at(m.start("name"), m.end("name"), m.group("name"), "title", titles)
        if not person:
            continue
        _honorific_form(sentence[m.end("titles"):m.end("name")], person, ctx)
        known_titles = ctx.titled.setdefault(person, [])
        if not re.search(r"(?i)(?:\bthen-|\bex-|\bformer\s+|\blate\s+)$", sentence[max(0, m.start("titles") - 8):m.start("titles")]):
            known_titles += [t.lower() for t in titles if t.lower() not in known_titles]  # "then-President Moon" is no "the president" now
        else:
            ctx.former.update((person, t.lower()) for t in titles)
        if _WON_ELECTION.match(sentence, m.end()) and "president-elect" not in known_titles:
            known_titles.append("president-elect")  # "Minister X, who won February's presidential election, …"
        portfolio = None
        nationality = (m.group("org") or "").split()[-1:]
        country = _country_named(m.group("org") or "", ctx)
        if nationality and nationality[0] in lx.COUNTRY_WORDS:
            org = _government(ctx, lx.COUNTRY_WORDS[nationality[0]])
        elif country:
            org = _government(ctx, country)
        elif m.group("org") and _PORTFOLIO.fullmatch(m.group("org")) and re.search(r"(?i)(?:minister|secretary)$", titles[0]):
            portfolio = _home_government(ctx, person)  # "Foreign Minister Takeshi Iwaya": a portfolio, not an organisation
            org = portfolio or org_at(m.group("org"), m.start("org"))
        else:
            org = org_at(m.group("org"), m.start("org")) if m.group("org") else None
        guessed = org is None or org == portfolio
        if org is None:
            org = _org_by_context(titles, mentions, m.start(), ctx, person)
        co_owner = None if guessed or country or not m.group("org") else _co_owner(sentence, m.start("org"), mentions, ctx)
        for title in titles:
            if org and title.lower() not in lx.PERSON_ONLY:
                ctx.add_role(person, org, title, evidence)
                if guessed:
                    ctx.guessed.add((person, org))
                if co_owner:
                    ctx.add_role(person, org_at(co_owner[0], co_owner[1]) or org, title, evidence)
    for m in _POST.finditer(sentence):
        person = person_at(m.start("name"), m.end("name"), m.group("name"), "title")
        if not person:
            continue
        phrase, offset = m.group("orgphrase"), m.start("orgphrase")
        phrase = re.split(rf"\s+and\s+(?:the\s+)?(?:{lx.TITLE}|owner)\b", phrase)[0]
        orgs = []
        for part in re.finditer(rf"[^,]+?(?=\s+and\s+(?!{_DEPARTMENT}$)|$)", phrase):  # "of Commerce and Industry" is one name
            inside = [x.key for x in mentions if x.kind == "org" and offset + part.start() <= x.start < offset + part.end()
                      and x.text not in lx.COUNTRY_WORDS]  # "of U.S. data company Palantir": Palantir
            if not inside:
                runs = list(re.finditer(rf"{lx.ORG_TOKEN}(?:\s+(?:{lx.ORG_TOKEN}|of|and(?=\s+{_DEPARTMENT}$)))*", part.group(0)))
                inside = [o for o in [org_at(runs[-1].group(0), offset + part.start() + runs[-1].start())] if o] if runs else []
            orgs += inside
        country = _country_named(phrase, ctx)
        if not orgs and country:
            orgs = [_government(ctx, country)]
        for title in _split_titles(m.group("titles")):
            for org in dict.fromkeys(orgs):
                ctx.add_role(person, org, title, evidence)
    for m in _MINISTRY_TITLE.finditer(sentence):
        if free(m.start("name"), m.end("name")):
            person_at(m.start("name"), m.end("name"), m.group("name"), "title")
    for m in _TITLE_OF_COMMA.finditer(sentence):
        person = person_at(m.start("name"), m.end("name"), m.group("name"), "title")
        country = _country_named(m.group("owner") or "", ctx) or (lx.COUNTRY_WORDS.get(m.group("owner") or "") if m.group("owner") else None)
        if person and country:
            ctx.add_role(person, _government(ctx, country), m.group("titles"), evidence)

    for m in _RELATIVE_ROLE.finditer(sentence):
        person = person_at(m.start("name"), m.end("name"), m.group("name"), "title")
        org = org_at(re.sub(r"\s+(?:of|for|and)$", "", m.group("org")), m.start("org")) if person else None
        for verb in re.findall(_ROLE_VERB, m.group("verbs")) if org else ():
            ctx.add_role(person, org, _VERB_TITLE[verb], evidence)
    for m in _BECAME.finditer(sentence):
        person = next((x.key for x in mentions if x.kind == "person" and x.start <= m.start() < x.end), None)
        unseen = {x.key for x in mentions if x.kind == "person" and x.key not in known_before}  # "X, the son of Y, became"
        person = person or (ctx.person_by_surname(m.group("name"), unseen) if " " not in m.group("name") else None)
        if person is None:
            continue  # only a person already known: "Orbitron became …" names no one
        if m.group("anaphor"):
            org = _anaphoric_org(m.group("anaphor"), sentence, mentions, m.start(), ctx, org_at)
        else:
            country = _country_named(m.group("owner"), ctx)
            org = _government(ctx, country) if country else org_at(m.group("owner"), m.start("owner"))
        for title in _split_titles(m.group("titles")) if org else ():
            if title.lower() not in lx.PERSON_ONLY:
                ctx.add_role(person, org, title, evidence)
    if plural := _PLURAL_TITLE.search(sentence):
        for m in _OWNED_NAME.finditer(sentence, plural.end()):
            if any(x.kind == "person" and x.start <= m.start() < x.end for x in mentions) or ctx.person_by_surname(m.group("owner")):
                continue  # "Trump's Commerce Secretary": a person's, not an organisation's
            person = person_at(m.start("name"), m.end("name"), m.group("name"), "title")
            org = org_at(m.group("owner"), m.start("owner")) if person else None
            if org and ctx.facts.entities[org].kind == "org":
                ctx.add_role(person, org, _PLURAL_SINGULAR[plural.group("title").lower()], evidence)
    # titles whose organisation is an owner ("X, Nvidia's CEO"), an anaphor ("the company's") or an appositive
    for rx in (_POST_OWNER, _ANAPHOR_TITLE_NAME, _NAME_ANAPHOR_TITLE, _OWNER_TITLE_COMMA, _NAME_THE_ORG_TITLE):
        for m in rx.finditer(sentence):
            person = person_at(m.start("name"), m.end("name"), m.group("name"), "title")
            if not person:
                continue
            if "owner" in rx.groupindex:
                country = _country_named(m.group("owner"), ctx)
                org = _government(ctx, country) if country else org_at(m.group("owner"), m.start("owner"))
            else:
                org = _anaphoric_org(m.group("anaphor"), sentence, mentions, m.start(), ctx, org_at)
            for title in _split_titles(m.group("titles")) if org else ():
                if title.lower() not in lx.PERSON_ONLY:
                    ctx.add_role(person, org, title, evidence)

    # 3. untitled names: honoured, Korean, Vietnamese and Chinese names, known first names
    for m in _HONOURED.finditer(sentence):
        if free(m.start("name"), m.end("name")) and len(m.group("name").split()) >= 2:
            if person := person_at(m.start("name"), m.end("name"), m.group("name")):
                _honorific_form(m.group(0), person, ctx)
    for m in _KOREAN.finditer(sentence):
        person_at(m.start(), m.end(), m.group(0))
    for m in _HYPHENATED_GIVEN.finditer(sentence):
        if free(m.start(), m.end()):
            person_at(m.start(), m.end(), m.group(0))
    for m in _RELATION_NAME.finditer(sentence):
        if len(m.group("name").split()) >= 2 and free(m.start("name"), m.end("name")):
            person_at(m.start("name"), m.end("name"), m.group("name"))
    for m in _NAME_THE_TITLE.finditer(sentence):
        if len(m.group("name").split()) >= 2 and free(m.start("name"), m.end("name")) and not gaz.lookup("org", m.group("name")):
            person_at(m.start("name"), m.end("name"), m.group("name"), "title")
    for m in _SURNAME_FIRST.finditer(sentence):
        if free(m.start(), m.end()) and not any(t in lx.NOT_NAME for t in m.group(0).split()[1:]):
            person_at(m.start(), m.end(), m.group(0))
    headline = _HEADLINE.fullmatch(sentence) is not None  # "Handing Trump a Win Before Asia Trip": every word capitalised
    for m in _each_start(_GIVEN, sentence):
        first, last = m.group("first"), m.group("last")
        if (not headline and first not in lx.NOT_NAME and first not in lx.PLACE_STARTS and last not in lx.NOT_NAME and free(m.start(), m.end())
                and not _placed(sentence, m.start(), m.end()) and not _modifier(sentence, m.start(), m.end())
                and not _NOUN_MODIFIED.match(sentence, m.end())):
            full = m.group(0)
            if not (gaz.lookup("org", last.split()[0]) or gaz.lookup("place", last.split()[0]) or gaz.lookup("org", first)):
                person_at(m.start(), m.end(), full)

    for m in _APPOSED.finditer(sentence):
        if m.start() > 0 and free(m.start(), m.end()) and _family_name_known(m.group("first"), m.group("last"), ctx) \
                and not _placed(sentence, m.start(), m.end()):
            person_at(m.start(), m.end(), m.group(0))

    for m in [x for x in mentions if x.kind == "person" and x.via in ("name", "gazetteer", "title")]:
        if m.key not in known_before and lx.KIN_BEFORE.search(sentence, max(0, m.start - 80), m.start):
            ctx.kin.add(m.key)
        if m.via == "title":
            continue
        owner = _OWNER_BEFORE.search(sentence, 0, m.start)
        if owner and not _country_named(owner.group("owner"), ctx) and not ctx.person_by_surname(owner.group("owner")):
            org = org_at(owner.group("owner"), owner.start("owner"))
            if org and ctx.facts.entities[org].kind == "org":
                ctx.owned[m.key] = org

    # 4. references to people already met: surnames, roles, pronouns
    for m in re.finditer(rf"\b(?:{lx.CAP_WORD}(?:-[A-Za-z][a-z]+)?|[A-Z]{{3,4}})\b{lx.GENERATION_SUFFIX}?", sentence):
        if ATTRIBUTIVE.match(sentence, m.end()):
            continue  # "the Biden administration": a name used as an adjective
        if free(m.start(), m.end()) and m.group(0) not in lx.NOT_NAME:
            key = ctx.person_by_surname(m.group(0), {x.key for x in mentions if x.start > m.start() and x.key not in known_before},
                                        statesman=bool(_SUMMIT.search(sentence)))
            if key is None and not re.match(r"\s*(?:'s|’s)?\s*[A-Z]", sentence[m.end():m.end() + 4]):
                known = gaz.person_by_surname(m.group(0))
                if known and not (gaz.lookup("org", m.group(0)) or gaz.lookup("place", m.group(0))):
                    key = ctx.entity("person", known.label, known).key
            if key:
                if m.group(0) not in ctx.facts.entities[key].forms:
                    ctx.facts.entities[key].forms.append(m.group(0))
                add(Mention(m.start(), m.end(), "person", key, m.group(0), "surname"))
    for m in _ROLE_REF.finditer(sentence):
        if not any(x.kind == "person" and m.start() < x.end and x.start < m.end() for x in mentions):
            # a reference points back, not at someone the sentence names after it for the first time
            later = {x.key for x in mentions if x.kind == "person" and x.start > m.start() and (x.via != "surname" or x.key not in known_before)} - {
                x.key for x in mentions if x.kind == "person" and x.start < m.start()}
            earlier = list(dict.fromkeys(x.key for x in sorted(mentions, key=lambda x: x.start) if x.kind == "person" and x.start < m.start()))
            order = [p for p in known_before if p not in earlier] + earlier  # as recent as they were at the reference
            # "the communications minister": the department names the ministry, as an organisation would
            key, org = resolve_role_reference(m.group("org") or m.group("dept"), m.group("title"), ctx, exclude=later, order=order)
            if key:
                mentions.append(Mention(m.start(), m.end(), "person", key, m.group(0), "role"))
                ctx.touch("person", key)
                ctx.touch("org", org)  # "the tech giant" that follows is this one
                _role_from_reference(m, key, mentions, ctx, evidence, org)
    for m in _KIN_NAME.finditer(sentence):
        _kin_by_first_name(m, mentions, ctx, free, add)
    for m in _PRONOUN.finditer(sentence):
        before = [x for x in sorted(mentions, key=lambda x: x.start) if x.kind == "person" and x.end <= m.start()]
        earlier = [x.key for x in before]
        heads = [x.key for x in before if not owner_only(sentence, x)] or earlier
        referent = heads[0] if heads else ctx.last_subject  # the sentence's subject ("Chung's grandfather, X, …": X), else the last one
        subject = _clause_subject(sentence, mentions, m.start())
        if m.group(0) == "him" and referent == subject:
            others = [k for k in earlier if k != subject]
            met = [k for k in ctx.last_met if k not in (subject, ctx.last_subject)]
            if len(met) == 1 and met[0] not in earlier and re.search(r"\balso\b", sentence[:m.start()]):
                others = met  # "Cho (and Seo) also met him": the one the last guest met
            referent = others[-1] if others else _other_referent(ctx, {subject})
        if free(m.start(), m.end()) and referent:
            mentions.append(Mention(m.start(), m.end(), "person", referent, m.group(0), "pronoun"))

    # 5. organisation facts: its short name, country, parent
    for m in mentions:
        short = re.match(r"\s*\((?P<acr>[A-Z][A-Za-z&]{1,6})\)", sentence[m.end:m.end + 12]) if m.kind == "org" else None
        if short and short.group("acr") not in ctx.facts.entities[m.key].forms:  # "Contemporary Amperex Technology Co Ltd (CATL)"
            ctx.facts.entities[m.key].forms.append(short.group("acr"))
    for rx in (_COUNTRY_ORG, _ORG_COUNTRY):
        for m in rx.finditer(sentence):
            org = org_at(m.group("org"), m.start("org"))
            if org and ctx.facts.entities[org].kind == "org":
                ctx.facts.entities[org].country = ctx.country(lx.COUNTRY_WORDS[m.group("country")]).key
    for m in _PARENT.finditer(sentence):
        org = org_at(m.group("org"), m.start("org"))
        owner = m.group("owner")
        if owner in ("group", "company"):
            want = "BusinessGroup" if owner == "group" else None
            parent = next((k for k in reversed(ctx.recent_orgs) if k != org and (want is None or ctx.facts.entities[k].org_type == want)), None)
        else:
            parent = org_at(owner, m.start("owner"))
        if org and parent and org != parent:
            ctx.facts.entities[org].part_of = parent
    return sorted(mentions, key=lambda x: (x.start, x.end))


def _honorific_form(written: str, person: str, ctx: Context) -> None:
    """"Tengku Datuk Seri Utama Zafrul Tengku Abdul Aziz": the name as written with its honorifics
    is how readers know the person too, so it is kept as one of their names."""
    written = re.sub(r"\s+", " ", written).strip()
    ent = ctx.facts.entities.get(person)
    if ent is not None and re.match(lx.HONORIFIC + r"\S", written) and re.match(lx.HONORIFIC, written).end() and written not in ent.forms:
        ent.forms.append(written)


def _clause_subject(sentence: str, mentions: list[Mention], pos: int) -> str | None:
    """The first person named in the clause before ``pos``: "The president addressed him": "him"
    is not the president (an object pronoun never refers to the subject of its own clause)."""
    start = max((m.end() for m in re.finditer(r"[;:]|,\s+(?:and|but|while|when|where|who|which|after|before)\b|\b(?:that|and)\s+(?=(?:he|she)\b)", sentence[:pos])), default=0)
    return next((x.key for x in sorted(mentions, key=lambda x: x.start) if x.kind == "person" and start <= x.start and x.end <= pos), None)


def _other_referent(ctx: Context, excluded: set[str]) -> str | None:
    """The last subject, else the person spoken of most recently, who is not one of ``excluded``."""
    if ctx.last_subject and ctx.last_subject not in excluded:
        return ctx.last_subject
    return next((p for p in reversed(ctx.recent_people) if p not in excluded), None)


def _country_named(run: str, ctx: Context) -> str | None:
    """"Syria's", "Thailand" → the country's label, when the run names a country."""
    name = re.sub(r"(?:'s|’s|')$", "", run.strip())
    known = ctx.gazetteer.lookup("place", name)
    if known and known.is_country:
        return known.label
    if name in lx.COUNTRY_NAMES:
        return name
    return lx.COUNTRY_WORDS.get(name) if name in lx.COUNTRY_WORDS and lx.COUNTRY_WORDS[name] != "European Union" else None


def _government(ctx: Context, country_name: str) -> str:
    """The government body of a country: the reference one, else a new node."""
    country = ctx.country(country_name)
    known = ctx.gazetteer.government_of(country.key)
    if known:
        return ctx.entity("org", known.label, known).key
    ent = ctx.entity("org", f"Government of {country.name}")
    ent.org_type = "GovernmentBody"
    return ent.key


def _governs(org_key: str, country_word: str, ctx: Context) -> bool:
    """Whether the organisation is the government of the country a word names ("UAE", "Korean")."""
    name = _country_named(country_word, ctx)
    country = ctx.gazetteer.lookup("place", name or "")
    known = ctx.gazetteer.government_of(country.iri) if country else None
    ent = ctx.facts.entities[org_key]
    return ent.iri == known.iri if known else ent.name == f"Government of {name}"


def _role_from_reference(m: re.Match[str], person: str, mentions: list[Mention], ctx: Context, evidence: str,
                         resolved: str | None = None) -> None:
    """"the Meta founder" states a role: the person it names founded Meta."""
    title = re.sub(r"\s+", " ", m.group("title").lower())
    country = _country_named(m.group("org") or "", ctx)
    if country and title in ("president", "prime minister", "premier", "chancellor"):
        ctx.add_role(person, _government(ctx, country), title, evidence)  # "the Argentine president"
        return
    if title not in ("founder", "co-founder", "ceo", "chief executive", "chairman", "chairwoman", "executive chairman", "president"):
        return
    org = next((x.key for x in mentions if x.kind == "org" and m.start("org") <= x.start < m.end("org")), resolved) if m.group("org") else None
    if org:
        ctx.add_role(person, org, title, evidence)


def _anaphoric_org(anaphor: str, sentence: str, mentions: list[Mention], pos: int, ctx: Context,
                   org_at: Callable[[str, int], str | None]) -> str | None:
    """"the company's", "its": the one organisation the sentence names before ``pos``; none named,
    the one the article spoke of last (a business group for "the group's"); two or more named,
    no telling which is meant."""
    wanted = "BusinessGroup" if "group" in anaphor.lower() else None

    def fits(key: str) -> bool:
        return ctx.facts.entities[key].org_type != "GovernmentBody" and wanted in (None, ctx.facts.entities[key].org_type)

    named = [m for m in _NAMED_ORG.finditer(sentence, 0, pos) if not any(x.start <= m.start() < x.end for x in mentions)]
    keys = [x.key for x in mentions if x.kind == "org" and x.end <= pos] + [org_at(m.group(0), m.start()) for m in named]
    keys = list(dict.fromkeys(k for k in keys if k and fits(k)))
    if keys:
        return keys[0] if len(keys) == 1 else None
    return next((k for k in reversed(ctx.recent_orgs) if ctx.facts.entities[k].kind == "org" and fits(k)), None)


def _co_owner(sentence: str, pos: int, mentions: list[Mention], ctx: Context) -> tuple[str, int] | None:
    """"Tesla and SpaceX chief executive Elon Musk": the organisation before "and" shares the title,
    when it is one (a known organisation, or an unknown word that names no person or country)."""
    m = _CO_OWNERS.search(sentence[:pos])
    if m is None:
        return None
    run, start = m.group("run"), m.start("run")
    if any(x.kind == "org" and x.start <= start and m.end("run") <= x.end and ctx.facts.entities[x.key].org_type != "GovernmentBody" for x in mentions):
        return run, start
    if any(x.start <= start < x.end for x in mentions) or len(run.split()) > 1 or re.search(r"\bof\s+$", sentence[:start]):
        return None
    if run in lx.NOT_NAME or run in lx.COUNTRY_WORDS or run in lx.given_names() or ctx.person_by_surname(run):
        return None
    return run, start


def _main_government(ctx: Context) -> str | None:
    country = ctx.main_country()
    if country is None:
        return None
    label = ctx.gazetteer.by_iri[country].label if country in ctx.gazetteer.by_iri else ctx.facts.entities[country].name
    return _government(ctx, label)


def _home_government(ctx: Context, person: str | None, mentions: list[Mention] = ()) -> str | None:
    """The government an untold official serves: Korea's for a Korean name in an article that
    places anything in Korea, else that of a seat of government the sentence names ("President
    Donald Trump hosted him at the White House" in a story about the UAE), else that of the
    article's main country."""
    korea = ctx.gazetteer.lookup("place", "South Korea")
    if person and korea and korea.iri in ctx.country_votes and lx.korean_first(ctx.facts.entities[person].name.split()):
        return _government(ctx, korea.label)
    seats = {ctx.gazetteer.country_of(ent.iri) for m in mentions if m.kind == "place"
             and (ent := ctx.facts.entities[m.key]).iri in ctx.gazetteer.by_iri and ctx.gazetteer.by_iri[ent.iri].seat}
    if len(seats) == 1 and None not in seats:
        return _government(ctx, ctx.gazetteer.by_iri[seats.pop()].label)
    return _main_government(ctx)


def _org_by_context(titles: list[str], mentions: list[Mention], pos: int, ctx: Context, person: str | None = None) -> str | None:
    """A title with no organisation: a head of state leads the government of the article's
    country (Korea's, for a Korean name in an article that places anything in Korea, even one
    datelined Washington); a corporate title belongs to the organisation named just before."""
    props = {lx.TITLES.get(t.lower().strip(), "") for t in titles}
    if props & {"presidentOf", "leads"} and not props & {"ceoOf", "chairOf", "founderOf"}:
        return _home_government(ctx, person, mentions)
    if props & {"ceoOf", "chairOf", "founderOf"}:
        before = [m for m in mentions if m.kind == "org" and m.end <= pos]
        return before[-1].key if before else None
    return None


_TITLE_CLASS = {
    "leader": lx.LEADING, "chief": lx.LEADING, "boss": lx.LEADING, "head": lx.LEADING, "owner": lx.LEADING | {"founderOf"},
    "ceo": {"ceoOf"}, "chief executive": {"ceoOf"}, "founder": {"founderOf"}, "co-founder": {"founderOf"},
    "president": {"presidentOf"}, "prime minister": {"leads"}, "crown prince": {"leads"}, "emir": {"leads"},
    "tycoon": lx.LEADING | {"founderOf"}, "mogul": lx.LEADING | {"founderOf"}, "billionaire": lx.LEADING | {"founderOf"},
    "premier": {"leads"}, "chancellor": {"leads"}, "king": {"leads"}, "president-elect": {"presidentOf"},
}


def resolve_role_reference(org_word: str | None, title: str, ctx: Context, exclude: set[str] = frozenset(),
                           order: list[str] | None = None) -> tuple[str | None, str | None]:
    """"the Amazon CEO", "the Samsung leader", "the executive chairman" → a person of the article,
    the most recent one before the sentence (``order``) that fits."""
    recent = ctx.recent_people if order is None else order
    title = re.sub(r"\s+", " ", title.lower())
    wanted = _TITLE_CLASS.get(title, {lx.TITLES.get(title, "")}) - {"affiliatedWith"}  # "the vice president" is no minister
    org_word = (org_word or "").strip()
    national = bool(org_word) and bool(_country_named(org_word, ctx))
    country_word = org_word
    if org_word and (org_word.split()[0] in lx.NOT_NAME - {"AI"} or national):
        org_word = ""  # "the Argentine president": a president of a government

    def org_matches(org_key: str, strict: bool = False) -> bool:
        if national:
            return ctx.facts.entities[org_key].org_type == "GovernmentBody" and (not strict or _governs(org_key, country_word, ctx))
        if not org_word:
            return True
        ent = ctx.facts.entities[org_key]
        if ent.org_type == "GovernmentBody" and _PORTFOLIO.fullmatch(org_word.title()):
            return True  # "the communications minister": a minister of the government
        names = [ent.name] + ent.forms
        return any(n.lower().startswith(org_word.lower()) or org_word.lower() in n.lower().split() for n in names)

    tests = (
        lambda role: role.title == title,  # "the crown prince" is the crown prince, not the emir
        lambda role: role.title.endswith(" " + title),  # "the minister": the housing minister
        lambda role: role.prop in wanted and not title.endswith("-elect"),  # the president-elect is not the president
        lambda role: bool(org_word),  # "the Samsung leader": anyone leading a Samsung organisation
    )
    def holder(test, strict: bool = False) -> tuple[str, str] | None:
        found = []
        for person in reversed(recent):
            if person in exclude:  # a reference points back, not at someone the sentence introduces later
                continue
            for role in ctx.roles_of(person):
                if org_matches(role.org, strict) and test(role):
                    if (person, role.title.lower()) not in ctx.former:
                        return person, role.org
                    found.append((person, role.org))  # "then-President Moon": only if no one holds it now
        return found[0] if found else None

    *exact, anyone = tests
    for strict in (True, False) if national else (False,):  # "the UAE president": the UAE's first, then any government's
        for test in exact:
            if found := holder(test, strict):
                return found
    if org_word:  # "Apple's Tim Cook" … "the Apple chief executive": before anyone else at Apple
        owner = next((p for p in reversed(recent) if p not in exclude and p in ctx.owned and org_matches(ctx.owned[p])), None)
        if owner:
            return owner, ctx.owned[owner]
    if found := holder(anyone):
        return found
    if org_word and not national:  # "Jensen Huang is another regular. When the Nvidia founder …": no one holds a role there yet
        org = next((k for k, e in ctx.facts.entities.items() if e.kind == "org" and org_matches(k)), None)
        latest = [p for p in reversed(recent) if p not in exclude][:2]
        roleless = [p for p in latest if not ctx.roles_of(p) and p not in ctx.kin and ctx.facts.entities[p].iri]  # a known name
        if org and len(roleless) == 1 and not any(r.org == org for r in ctx.facts.roles):
            return roleless[0], org
    if not org_word:  # "President Donald Trump" … "the president-elect": a title with no organisation
        for exact in (True, False):  # one who bears the very title ("president-elect") first
            for person in reversed(recent):
                if national and any(r.prop in wanted and ctx.facts.entities[r.org].org_type != "GovernmentBody" for r in ctx.roles_of(person)):
                    continue  # a company's president is no country's
                if person not in exclude and any(t == title or (not exact and lx.TITLES.get(t) in wanted)
                                                 for t in ctx.titled.get(person, [])):
                    return person, None
    return None, None
