"""Look at a query's text before any engine sees it: refuse what must never run, learn its form.

Why lexical, and why so careful: pyoxigraph evaluates ``SERVICE <url>`` by fetching the URL (an SSRF
hole on a public endpoint) and cannot be told not to. Its parser is a scannerless PEG that matches
keywords without a word boundary (``trueSERVICE<http://…>{}`` and ``SERVICEex:x{}`` both call out),
and it reads ``<`` as an IRI or as "less than" depending on context. So this scanner

* follows the SPARQL 1.1 terminals exactly (strings, IRIs, comments, variables, prefixed names,
  blank nodes, numbers, language tags), so that what it skips as "not code" is what the parser
  skips too;
* treats every run of letters it reads as code as suspect: ``service`` anywhere inside a bare word,
  a prefix or a language tag is refused, not only a whole word;
* where ``<`` could be either an IRI or an operator (after a value, right inside parentheses, the
  only place SPARQL holds expressions) and the two readings would realign differently (the IRI
  holds ``'`` or ``#``), scans both readings.

It errs towards refusing: a prefix named ``service:`` is refused; ``?service``, ``ex:service``,
``<http://x/service>`` and ``"SERVICE"`` are fine. Workers are also cut off from the network where
the OS allows it (see ``service.executor``); this screen is what gives the client a clear message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.errors import QueryError

MAX_NESTING = 200
"""Deeper brackets overflow the parser's stack (pyoxigraph 0.5 crashes near 4,000 braces)."""

UPDATE_KEYWORDS = ("insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with")
QUERY_FORMS = ("select", "ask", "construct", "describe")
_GLUED = ("data", "where", "silent", "graph", "default", "named", "all")


class UpdateRefused(QueryError):
    """A SPARQL Update reached the read-only endpoint (answered 403)."""


# SPARQL 1.1 grammar terminals, section 19.8.
_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_U = _BASE + "_"
_CHARS = _U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PREFIX = rf"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
_LOCAL = rf"(?:[{_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"

_TOKEN = re.compile(
    "|".join(
        (
            r"(?P<ws>[ \t\r\n]+)",
            r"(?P<comment>#[^\r\n]*)",
            r"(?P<string>'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''|\"\"\"(?:(?:\"|\"\")?(?:[^\"\\]|\\.))*\"\"\""
            r"|'(?:[^'\\\r\n]|\\.)*'|\"(?:[^\"\\\r\n]|\\.)*\")",
            rf"(?P<iri><(?:[^<>\"{{}}|^`\\\x00-\x20]|{_UCHAR})*>)",
            rf"(?P<var>[?$][{_U}0-9][{_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*)",
            rf"(?P<bnode>_:[{_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?)",
            rf"(?P<pname>(?P<prefix>(?:{_PREFIX})?):(?:{_LOCAL})?)",
            r"(?P<number>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)",
            rf"(?P<word>[{_CHARS}]+)",
            r"(?P<langtag>@[A-Za-z0-9\-]+)",
            r"(?P<punct>.)",
        )
    ),
    re.DOTALL,
)

_VALUE_KINDS = frozenset({"var", "iri", "pname", "string", "number", "word", "langtag", "bnode"})
"""Tokens after which ``<`` may be the less-than operator."""


@dataclass
class Screened:
    """What the screen learnt: the query form and the prefixes it declares."""

    form: str | None = None
    """``select``, ``ask``, ``construct`` or ``describe``; None when the text names none."""
    prefixes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Reading:
    """One way of reading the text from a position on, as the parser might."""

    pos: int
    brackets: str
    """The open brackets, innermost last: ``<`` can be "less than" only right inside ``(``."""
    prev: str
    primary: bool


def _contains_service(text: str) -> bool:
    return "service" in text.lower()


def screen(query: str) -> Screened:
    """Refuse SERVICE, LOAD, updates and over-deep nesting; return what the query is.

    Raises ``QueryError`` (400) or ``UpdateRefused`` (403) with a message a person can act on.
    """
    result = Screened()
    words: list[str] = []  # code words of the primary reading, in order, to find the form
    if _calls_service(query, result, words):
        raise QueryError(
            "SERVICE is not allowed: this endpoint never fetches other endpoints or URLs "
            "(federated queries are refused)"
        )
    _check_form(result, words)
    return result


def _calls_service(query: str, result: Screened, words: list[str]) -> bool:
    """Scan every reading the parser might make; True if any could hold the SERVICE keyword.

    The first (primary) reading takes every ``<…>`` as an IRI; it alone feeds ``result``. Other
    readings start where ``<`` may be an operator and stop where they rejoin a state seen before.
    """
    budget = 3 * len(query) + 10_000
    seen: set[tuple[int, str, bool]] = set()  # states read, once there are other readings
    pending = [_Reading(0, "", "start", True)]
    prefix_state: list[str] = []
    while pending:
        reading = pending.pop()
        pos, brackets, prev = reading.pos, reading.brackets, reading.prev
        while pos < len(query):
            if pending or not reading.primary:
                key = (pos, brackets, prev in _VALUE_KINDS)
                if key in seen and not reading.primary:
                    break
                seen.add(key)
            budget -= 1
            if budget < 0:  # pathological text: give up precision, stay safe
                return _contains_service(query)
            match = _TOKEN.match(query, pos)
            assert match is not None  # the last alternative matches any character
            kind, text = match.lastgroup or "punct", match.group()
            if query[pos : pos + 7].lower() == "service":
                return True
            if kind in ("word", "langtag") and _contains_service(text):
                return True
            if kind == "pname" and _contains_service(match.group("prefix") or ""):
                return True
            if (
                kind == "iri"
                and brackets.endswith("(")
                and prev in _VALUE_KINDS
                and ("'" in text or "#" in text)
            ):
                # The parser may read this '<' as "less than" and what follows as code.
                pending.append(_Reading(pos + 1, brackets, "punct", False))
            if kind == "punct" and text in "{([":
                brackets += text
                if len(brackets) > MAX_NESTING and reading.primary:
                    raise QueryError(f"the query is nested more than {MAX_NESTING} levels deep")
            elif kind == "punct" and text in "})]":
                brackets = brackets[:-1]
            if reading.primary:
                _learn(result, kind, text, match, words, prefix_state)
            if kind not in ("ws", "comment"):
                prev = kind
            pos = match.end()
    return False


def _learn(
    result: Screened, kind: str, text: str, match: re.Match, words: list[str], state: list[str]
) -> None:
    """Note the words (for the form) and PREFIX declarations of the primary reading."""
    if kind == "word":
        lowered = text.lower()
        words.append(lowered)
        state[:] = ["prefix"] if lowered == "prefix" else []
    elif kind == "pname" and state == ["prefix"]:
        state[:] = ["prefix", match.group("prefix") or ""]
    elif kind == "iri" and len(state) == 2:
        result.prefixes[state[1]] = text[1:-1]
        state.clear()
    elif kind not in ("ws", "comment"):
        state.clear()


def _is_keyword(word: str, keyword: str) -> bool:
    """``word`` is ``keyword``, alone or glued to the next keyword as the parser allows."""
    return word == keyword or (word.startswith(keyword) and word[len(keyword) :].startswith(_GLUED))


def _check_form(result: Screened, words: list[str]) -> None:
    """Find the first keyword after the prologue; refuse LOAD and every other update."""
    if any(_is_keyword(word, "load") for word in words):
        raise QueryError("LOAD is not allowed: this endpoint is read-only and never fetches URLs")
    for word in words:
        if word in ("prefix", "base", "version"):
            continue
        for keyword in UPDATE_KEYWORDS:
            if _is_keyword(word, keyword):
                raise UpdateRefused(
                    f"SPARQL Update ({keyword.upper()}) is not allowed: this endpoint is read-only"
                )
        for form in QUERY_FORMS:
            if word.startswith(form):
                result.form = form
                return
        return
