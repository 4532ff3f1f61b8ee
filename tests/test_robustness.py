"""Any text through the extractor gives facts or nothing, never a crash (property-based)."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings, strategies as st

from kg.articles import Article, parse_article
from kg.errors import ArticleError
from kg.extract import extract_article
from kg.extract.gazetteer import Gazetteer

EMPTY = Gazetteer()
WORDS = ["met", "with", "CEO", "Chairman", "President", "Lee", "Jae-yong", "Samsung", "Nvidia", "in", "Seoul", "on",
         "Tuesday", "last", "month", "the", "two", "and", "had", "dinner", "will", "meet", "next", "week", ",", ".",
         "Jensen", "Huang", "Kim", "talks", "between", "hosted", "joined", "posed", "June", "11", "2019", "he", "they"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_unicode_text(body):
    facts = extract_article(Article("x", "T", date(2024, 1, 1), "S", body or " "), EMPTY)
    for m in facts.meetings:
        assert len(set(m.participants)) >= 2 and m.span.start <= m.span.end and m.evidence


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join), st.dates(date(1990, 1, 1), date(2030, 12, 31)))
def test_meeting_shaped_word_salad(body, published):
    facts = extract_article(Article("x", "T", published, "S", body), EMPTY)
    for m in facts.meetings:
        assert len(set(m.participants)) >= 2 and m.span.start <= m.span.end
        assert all(p in facts.entities for p in m.participants)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_article_parser_raises_only_article_errors(text):
    try:
        parse_article(text, "fuzz.txt")
    except ArticleError as error:
        assert str(error).startswith("fuzz.txt")


def test_very_long_article_is_read():
    body = ("Acme CEO Jane Roe met with Globex CEO John Poe in Berlin on Tuesday. " * 400) + "\n"
    facts = extract_article(Article("x", "T", date(2024, 3, 1), "S", body), EMPTY)
    assert len(facts.meetings) == 1
