"""Word lists the rules are made of: titles, triggers, name parts, country adjectives."""

from __future__ import annotations

import os
import pickle
import re
from functools import lru_cache
from pathlib import Path

# title (lower case) → property of the role tie
TITLES: dict[str, str] = {
    "executive chairman": "chairOf", "executive chairwoman": "chairOf", "executive chair": "chairOf",
    "honorary chairman": "affiliatedWith", "vice chairman": "affiliatedWith", "vice chair": "affiliatedWith",
    "chairman": "chairOf", "chairwoman": "chairOf", "chairperson": "chairOf", "chair": "chairOf",
    "chief executive officer": "ceoOf", "chief executive": "ceoOf", "group ceo": "ceoOf", "ceo": "ceoOf",
    "co-founder": "founderOf", "cofounder": "founderOf", "founder": "founderOf",
    "vice president": "affiliatedWith", "executive vice president": "affiliatedWith",
    "president": "presidentOf", "prime minister": "leads", "premier": "leads", "chancellor": "leads",
    "governor": "leads", "mayor": "leads", "king": "leads", "emperor": "leads",
    "judge": "affiliatedWith", "county judge": "affiliatedWith", "county executive": "leads",
    "chief technology officer": "affiliatedWith", "chief operating officer": "affiliatedWith",
    "chief financial officer": "affiliatedWith", "cto": "affiliatedWith", "coo": "affiliatedWith",
    "cfo": "affiliatedWith", "global investment officer": "affiliatedWith", "chief investment officer": "affiliatedWith",
    "managing director": "affiliatedWith", "director": "affiliatedWith", "minister": "affiliatedWith",
    "head": "leads", "chief": "leads", "boss": "leads", "leader": "leads", "owner": "leads",
    "professor": "affiliatedWith", "executive": "affiliatedWith", "senior vice president": "affiliatedWith",
    "pm": "leads", "king": "leads", "queen": "leads", "emperor": "leads", "crown prince": "leads", "emir": "leads", "chief minister": "leads", "general secretary": "leads", "sultan": "leads", "deputy prime minister": "affiliatedWith",
    "vice premier": "affiliatedWith", "secretary": "affiliatedWith", "commerce secretary": "affiliatedWith",
    "treasury secretary": "affiliatedWith", "secretary of state": "affiliatedWith", "senator": "affiliatedWith",
    "ambassador": "affiliatedWith", "chief of staff": "affiliatedWith", "spokesperson": "affiliatedWith",
    "spokesman": "affiliatedWith", "spokeswoman": "affiliatedWith", "analyst": "affiliatedWith",
    "economist": "affiliatedWith", "singer": "affiliatedWith", "actor": "affiliatedWith", "actress": "affiliatedWith",
    "physicist": "affiliatedWith", "scientist": "affiliatedWith", "researcher": "affiliatedWith", "investor": "affiliatedWith",
    "billionaire": "affiliatedWith", "entrepreneur": "affiliatedWith", "chief scientist": "affiliatedWith",
    "gov.": "leads", "lieutenant governor": "affiliatedWith", "speaker": "affiliatedWith", "commissioner": "affiliatedWith",
    "chief content officer": "affiliatedWith", "chief product officer": "affiliatedWith", "chief marketing officer": "affiliatedWith",
    "chief strategy officer": "affiliatedWith", "chief digital officer": "affiliatedWith", "chief information officer": "affiliatedWith",
    "chief data officer": "affiliatedWith", "chief legal officer": "affiliatedWith", "chief commercial officer": "affiliatedWith",
    "chief people officer": "affiliatedWith", "chief ai officer": "affiliatedWith", "chief business officer": "affiliatedWith",
    "minister of state": "affiliatedWith", "director of national intelligence": "affiliatedWith",
    "secretary of commerce": "affiliatedWith", "secretary of defense": "affiliatedWith", "secretary of energy": "affiliatedWith",
    "secretary of the treasury": "affiliatedWith", "attorney general": "affiliatedWith", "trade representative": "affiliatedWith", "secretary-general": "leads", "secretary general": "leads",
    "director-general": "leads", "director general": "leads",
    "first lady": "affiliatedWith", "first gentleman": "affiliatedWith", "adviser": "affiliatedWith", "advisor": "affiliatedWith",
    "astrophysicist": "affiliatedWith", "essayist": "affiliatedWith", "author": "affiliatedWith", "novelist": "affiliatedWith",
    "writer": "affiliatedWith", "historian": "affiliatedWith", "philosopher": "affiliatedWith", "journalist": "affiliatedWith",
    "activist": "affiliatedWith", "astronaut": "affiliatedWith", "musician": "affiliatedWith", "filmmaker": "affiliatedWith",
}
# Titles that say who someone is but tie them to no organisation when none is named.
PERSON_ONLY = {"singer", "actor", "actress", "physicist", "scientist", "researcher", "investor", "billionaire",
               "entrepreneur", "analyst", "economist", "first lady", "first gentleman", "astrophysicist", "essayist",
               "author", "novelist", "writer", "historian", "philosopher", "journalist", "activist", "astronaut",
               "musician", "filmmaker"}
LEADING = {"ceoOf", "chairOf", "presidentOf", "leads"}
# titles that name a person only in a role reference ("the Samsung leader"), never before a name
REFERENCE_ONLY = {"head", "leader", "owner", "executive"}
_TITLE_ALT = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(TITLES, key=len, reverse=True) if t not in REFERENCE_ONLY)
TITLE = rf"(?i:(?:{_TITLE_ALT})(?:-elect)?)"  # "Governor-elect Katie Hobbs" too
TITLE_SEQ = rf"{TITLE}(?:\s*(?:,|and|&)\s*{TITLE})*(?:\s+\([A-Z]{{2,4}}\))?"
QUALIFIER = r"(?i:former|late|then-|then|current|new|incoming|outgoing|acting|interim)"

# Letters of names, accents included ("Sánchez", "Łukasz"): upper and lower case classes.
UP = "A-ZÀ-ÖØ-ÞĀ-Ž"
LOW = "a-zß-öø-ÿā-ž"
CAP_WORD = rf"[{UP}][{LOW}]+"
NAME_TOKEN = (
    rf"(?:[A-Z]{{1,2}}(?=\s[A-Z][a-z])|(?:Mc|Mac|Le|La|De|Di|Du)[A-Z][a-z]+|O['’][A-Z][a-z]+|(?:al|el)-[A-Z][a-z]+|(?:de|di|da|du|le|la|van|von)[A-Z][a-z]+"
    rf"|{CAP_WORD}(?:-[{UP}{LOW}][{LOW}]*|['’][{UP}{LOW}][{LOW}]+)*|(?:[A-Z]\.){{1,3}})"  # "Chan-o-cha", "O'Neil""
)
PARTICLE = r"(?:bin|bint|ibn|[Aa]l|[Ee]l|van|von|de|der|den|da|di|du|dos|le|la)"
HONORIFIC = r"(?:(?:Datuk|Dato'?|Datin|Seri|Sri|Utama|Tan Sri|Tun|Tengku|Sheikh|Sir|Dame|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|H\.E\.)\s+)*"
NAME = rf"{NAME_TOKEN}(?:\s+(?:{PARTICLE}\s+){{0,2}}{NAME_TOKEN}){{0,3}}(?:\s+(?:{PARTICLE}\s+){{1,2}}[a-z]{{3,}}\b)?(?:\s+(?:[IVX]{{1,4}}|Jr\.|Sr\.)(?![\w]))?"
# Words that make a capitalised run a place or an organisation, never a person.
NOT_PERSON_WORDS = set(
    "City Province County Prefecture State Street Road Avenue Boulevard Square Palace Airport Station "
    "Valley Island Islands Assembly Council Institute University College School Securities Bank Capital "
    "Group Holdings Partners Ventures Foundation Fund Center Centre Tower Towers Building Plaza Quarter District "
    "Office Ministry Department Summit Forum Conference Expo Awards Club Hotel Resort Museum "
    "Gardens Stadium Arena Campus Lab Labs Motors Motor Electronics Systems Technologies Technology Semiconductor "
    "Semiconductors Corporation Company Inc Corp Ltd LLC Association Agency Commission Party Republic Kingdom Union "
    "Nations Times News Journal Herald Daily Review Magazine Room Chamber Garden Castle Cathedral Temple Church "
    "AG SE GmbH KGaA plc PLC NV SpA Oyj ASA Limited Engineering Shipbuilding Industries Airlines Airways "
    "Exhibition Fairgrounds Pavilion Fira Via "
    "Pro Pros Ultra".split()  # product lines ("Mac Pro"), never a surname
)
ORG_TOKEN = r"(?:(?!(?:Vice|Deputy|Executive|Senior|Former|Acting|Interim|Crown|Prime)\b)[A-Z][\w&.+-]*|hynix|&)"

# Capitalised words that never belong to a name.
NOT_NAME = set(
    "The A An In On At Of For From By With And But Or As If When While After Before Since During Also "
    "Additionally Meanwhile However Earlier Later Then Now Today Yesterday Tomorrow Previously Last Next "
    "This That These Those His Her Their Its It He She They We I You Our My Your Both Each Every "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec "
    "President Chairman Chairwoman Chair CEO Chief Executive Founder Vice Prime Minister Professor Mr Ms Mrs Dr "
    "Group Inc Corp Co Ltd Company Electronics University Office Government Seoul Korea Korean US U.S. "
    "American Chinese Japanese AI According Courtesy Photo Captured Analysts Sources Officials "
    "Datuk Dato Seri Sheikh Sir Dame Crown Prince Emir King Queen Sultan Deputy Secretary Senator Governor Mayor "
    "Gov Lieutenant Speaker Commissioner Tengku Tun Utama".split()
)

# Surnames written first whose bearer is called by the last name ("Pham Minh Chinh" → "Chinh").
VIETNAMESE_SURNAMES = set("Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly Trinh Dinh Mai Truong".split())
CHINESE_SURNAMES = set("Wang Li Zhang Liu Chen Yang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang Xie Tang Xi Wen Deng".split())
# Taiwanese, Hong Kong and Singaporean spellings, written after a hyphenated given name ("Lip-Bu Tan")
SINITIC_SURNAMES = CHINESE_SURNAMES | set("Tan Chang Tsai Huang Lai Wei Chiang Hsu Cheng Chan Wong Lam Leung Ng Lee Lim Teo Goh Ong Koh Shih Tsao Kuo Chou Hou".split())

# First words of place names that are also given names ("San Jose", "Santa Clara").
PLACE_STARTS = set("San Santa Los Las New Fort Saint St Port Mount North South East West Silicon Hong Kuala Palo Mountain Lake".split())

KOREAN_SURNAMES = set(
    "Kim Lee Park Choi Chey Jung Chung Jeong Kang Cho Jo Yoon Yun Jang Chang Lim Im Han Oh Seo Suh Shin "
    "Kwon Hwang Ahn Song Yoo Yu Hong Jeon Chun Ko Koh Go Moon Mun Yang Son Bae Baek Paik Heo Huh Nam Noh Roh "
    "Ha Kwak Sung Cha Joo Woo Min Ryu Na Jin Ji Um Chae Won Bang Pyo Byun Koo Gu Ku Yeo Tak Do Hyun "
    "Whang Hur Rhee Gwak Pyun Sohn Shim Eom Ryoo Seong Hahn Yeom Jun Kyung Kye Suk Seok Lew Yi Kong Chu Choo Ok Pi".split()
)
SURNAME_VARIANTS = [
    {"ko", "koh", "go"}, {"lee", "yi", "rhee"}, {"park", "pak", "bak"}, {"choi", "choe"},
    {"chung", "jung", "jeong"}, {"shin", "sin"}, {"cho", "jo"}, {"yoon", "yun"}, {"lim", "im"},
    {"koo", "gu", "ku"}, {"huh", "heo"}, {"roh", "noh"}, {"suh", "seo"}, {"baek", "paik"},
]

COUNTRY_WORDS: dict[str, str] = {
    "U.S.": "United States", "US": "United States", "American": "United States", "America's": "United States",
    "Korean": "South Korea", "South Korean": "South Korea", "Korea's": "South Korea", "S.Korean": "South Korea",
    "Japanese": "Japan", "Japan's": "Japan", "Chinese": "China", "China's": "China", "Taiwanese": "Taiwan",
    "Taiwan's": "Taiwan", "German": "Germany", "French": "France", "British": "United Kingdom", "UK": "United Kingdom",
    "Indian": "India", "India's": "India", "Dutch": "Netherlands", "Israeli": "Israel", "Canadian": "Canada",
    "Vietnamese": "Vietnam", "Saudi": "Saudi Arabia", "Emirati": "United Arab Emirates", "Singaporean": "Singapore",
    "European": "European Union", "Swedish": "Sweden", "Finnish": "Finland", "Swiss": "Switzerland",
    "Italian": "Italy", "Spanish": "Spain", "Australian": "Australia", "Brazilian": "Brazil", "Indonesian": "Indonesia",
    "Turkish": "Turkey", "Syrian": "Syria", "Qatari": "Qatar", "Thai": "Thailand", "Malaysian": "Malaysia",
    "Russian": "Russia", "Mexican": "Mexico", "Polish": "Poland", "Egyptian": "Egypt", "Nigerian": "Nigeria",
    "Kenyan": "Kenya", "Filipino": "Philippines", "Philippine": "Philippines", "Pakistani": "Pakistan",
    "Ukrainian": "Ukraine", "Greek": "Greece", "Irish": "Ireland", "Belgian": "Belgium", "Austrian": "Austria",
    "Danish": "Denmark", "Norwegian": "Norway", "Portuguese": "Portugal", "Argentine": "Argentina",
    "Chilean": "Chile", "Colombian": "Colombia", "Peruvian": "Peru", "South African": "South Africa",
    "Mongolian": "Mongolia", "Kazakh": "Kazakhstan", "Uzbek": "Uzbekistan", "Bangladeshi": "Bangladesh",
    "Sri Lankan": "Sri Lanka", "Cambodian": "Cambodia", "Hungarian": "Hungary", "Czech": "Czech Republic",
    "Romanian": "Romania", "Estonian": "Estonia", "Jordanian": "Jordan", "Moroccan": "Morocco", "Ethiopian": "Ethiopia",
}
COUNTRY_NAMES = set(COUNTRY_WORDS.values()) - {"European Union"} | set(
    "Turkey Syria Qatar Thailand Malaysia Russia Mexico Poland Egypt Nigeria Kenya Philippines Pakistan Ukraine "
    "Greece Ireland Belgium Austria Denmark Norway Portugal Argentina Chile Colombia Peru Mongolia Kazakhstan "
    "Bangladesh Cambodia Hungary Romania Estonia Jordan Morocco Ethiopia Kuwait Bahrain Oman Iran Iraq Lebanon "
    "Laos Myanmar Nepal Brunei".split()
) | {"Saudi Arabia", "United Arab Emirates", "New Zealand", "Sri Lanka", "Czech Republic", "South Africa"}
COUNTRY_WORD = "|".join(re.escape(w) for w in sorted(COUNTRY_WORDS, key=len, reverse=True))
COMPANY_NOUN = r"(?:company|firm|startup|start-up|maker|chipmaker|carmaker|automaker|giant|group|conglomerate|operator|platform|unit|developer|provider|manufacturer|designer|player|portal)"

GOVERNMENT_WORDS = re.compile(r"\b(Ministry|Government|Office|Commission|Agency|Council|Parliament|Assembly|Department|Senate|Congress|Cabinet|Bureau)\b")
NONPROFIT_WORDS = re.compile(r"\b(University|Institute|College|School|Foundation|Association|Academy|Forum|Society)\b")

# Verbs whose date is when something was said or posted, not when the meeting was.
REPORTING = re.compile(r"\b(said|says|posted|uploaded|announced|reported|confirmed|told|shared|disclosed|revealed|wrote)\b", re.I)
FUTURE = re.compile(r"\b(will|would|shall|set to|poised to|plans? to(?=\s+(?-i:[a-z]))|planning to|expected to|scheduled to|slated to|is to|are to|requested a meeting|upcoming|could|(?-i:may)|might|to meet|expect\s+(?-i:[A-Z])[\w-]+\s+to|(?:is|are)\s+due)\b", re.I)
"""Words of a plan. "May" is a month, not the modal; "sources expect Lee to", not "he expects Samsung to"."""
_PAST_PURPOSE = re.compile(r"\b(?:was|were|went|came|flew|travell?ed|drove|driven|arrived|headed|returned|stopped|moved|crossed|visited|dropped\s+by)\b[^.;]{0,60}$", re.I)


def future_at(text: str, lo: int = 0, hi: int | None = None) -> bool:
    """Whether ``text[lo:hi]`` speaks of the future. "To meet" after a past verb is a purpose
    ("was driven to Cambridge on Monday to meet the board"), not a plan."""
    for m in FUTURE.finditer(text, lo, len(text) if hi is None else hi):
        if m.group(0).lower() == "to meet" and _PAST_PURPOSE.search(text, max(0, m.start() - 80), m.start()):
            continue
        if m.group(0).lower() in ("would", "could", "might") and _SAID_THAT.search(text, max(0, m.start() - 40), m.start()):
            continue  # "Altman said it would be hopeless": reported speech, not a plan
        return True
    return False


_SAID_THAT = re.compile(r"\b(?:said|told\s+\w+|warned|added|noted|argued|wrote)\s+(?:[\w'’-]+\s+){0,5}$", re.I)


BACKGROUND = re.compile(r"\b(previously|had (?:previously |earlier |first |last )?met|the last time|first met|earlier met|last met|in the past|back in|once met|had a meeting|had held|have met|has met|officially met)\b", re.I)


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """First names (a 40k-name list shipped by gender-guesser), to spot people the text does not title."""
    import gender_guesser.detector as detector  # a name list, loaded once and only when needed

    # parsing the list takes about a second: the result is kept in the user's cache folder
    source = Path(detector.__file__).with_name("data") / "nam_dict.txt"
    try:
        stamp = f"{source.stat().st_size}-{source.stat().st_mtime_ns}"
    except OSError:
        stamp = "unknown"
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "meetgraph" / f"given-names-{stamp}.pickle"
    try:
        with open(cache, "rb") as f:
            return frozenset(pickle.load(f))
    except (OSError, pickle.UnpicklingError, EOFError, ValueError):
        pass
    names = frozenset(detector.Detector(case_sensitive=True).names)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        with open(partial, "wb") as f:
            pickle.dump(sorted(names), f, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(cache)
    except OSError:
        pass  # a read-only home: parse again next time
    return names


GENERATION = {"Jr", "Sr", "II", "III", "IV"}
GENERATION_SUFFIX = r"(?:\s+(?:Jr\.|Sr\.|II|III|IV)(?![\w]))"  # "Donald Trump Jr.", "Trump Jr."


def surname_keys(surname: str) -> set[str]:
    s = re.sub(r"\.$", "", surname.lower())
    for group in SURNAME_VARIANTS:
        if s in group:
            return set(group)
    return {s}


def korean_first(tokens: list[str]) -> bool:
    """A Korean name written surname first: "Lee Jae-yong", "Yoon Suk Yeol"."""
    return len(tokens) >= 2 and tokens[0] in KOREAN_SURNAMES and ("-" in tokens[-1] or len(tokens) == 3)


def name_key(name: str) -> tuple[str, str]:
    """(surname, given names) in lower case, whichever order the name is written in."""
    tokens = [t.strip(".") for t in name.replace("’", "'").split() if t.strip(".")]
    if len(tokens) >= 2 and tokens[-1] in GENERATION:
        tokens[-2:] = [f"{tokens[-2]} {tokens[-1]}"]  # "Trump Jr." is a surname of its own
    if not tokens:
        return "", ""
    korean_order = korean_first(tokens) or (len(tokens) == 3 and tokens[0] in VIETNAMESE_SURNAMES)
    if korean_order or len(tokens) == 1:
        surname, given = tokens[0], tokens[1:]
    else:
        surname, given = tokens[-1], tokens[:-1]
    return surname.lower(), "".join(given).replace("-", "").lower()


# Head nouns of technology phrases the taxonomy may not know, with the known concept above them.
TECH_HEADS: dict[str, str] = {
    "chips": "semiconductors", "chip": "semiconductors", "processors": "semiconductors", "packaging": "semiconductors",
    "wafers": "semiconductors", "lithography": "semiconductors", "robots": "robotics", "robot": "robotics",
    "vehicles": "automotive technology", "cars": "automotive technology", "batteries": "batteries",
    "networks": "telecommunications", "satellites": "telecommunications", "computing": "information and communications technology",
    "software": "information and communications technology", "models": "artificial intelligence", "agents": "artificial intelligence",
    "devices": "smart devices", "displays": "displays", "drones": "robotics",
}
TECH_PHRASE = re.compile(
    r"\b(?P<phrase>(?:(?:AI|[A-Z]{2,5}|\d+(?:nm|G)|[a-z][a-z-]{2,})\s+){1,2}(?P<head>"
    + "|".join(sorted(TECH_HEADS, key=len, reverse=True)) + r"))\b"
)
NOT_TECH_MODIFIER = set(
    "the and with for from into about their its his her our new more most other such these those some many all any "
    "every next future own several two three four key major global local domestic foreign korean american chinese "
    "japanese its companies company's firms on in of to at by as or than including like".split()
)

def _kin_before(spouses: bool) -> re.Pattern[str]:
    """A relative named in passing, before the name: "the death of his father, Samsung Chairman ",
    "the eldest son of Hanwha Chairman "; with ``spouses`` also "his wife, " and "the widow of "."""
    spouse = "|wife|husband" if spouses else ""
    widow = "|widow" if spouses else ""
    return re.compile(
        rf"(?:\b(?:his|her|their)|[A-Z][\w-]*['’]s)\s+(?:late\s+)?(?:father|mother|son|daughter{spouse}|brother|sister|grandfather|grandmother|uncle|aunt)"
        r"\s*,?\s+(?:the\s+)?(?:late\s+)?(?:(?:former\s+)?[A-Z][\w.&-]*\s+|(?:founder|co-founder|founding|honorary|chairman|chair|chief)\s+){0,5}$"
        rf"|\b(?:eldest\s+|youngest\s+|second\s+|only\s+)?(?:son|daughter|grandson|granddaughter|nephew|niece{widow})\s+of\s+"
        r"(?:the\s+)?(?:late\s+)?(?:[\w.&'’-]+\s+){0,4}$"
    )


KIN_BEFORE = _kin_before(spouses=True)
PARENT_BEFORE = _kin_before(spouses=False)
"""A parent or child named in passing; a spouse named beside someone ("met Trump and his wife,
Melania") is usually there too."""
