"""The extractor on text it has no reference data for: phrasing, names, dates, places, status."""

from __future__ import annotations

from datetime import date

import pytest

from kg.articles import Article
from kg.extract import extract_article
from kg.extract.gazetteer import Gazetteer

EMPTY = Gazetteer()


def read(body: str, published: date = date(2025, 10, 31)):
    facts = extract_article(Article("t", "T", published, "S", body), EMPTY)

    def name(key):
        return facts.entities[key].name

    meetings = [
        (frozenset(name(p) for p in m.participants), str(m.span), m.status, name(m.place) if m.place else None)
        for m in facts.meetings
    ]
    roles = {(name(r.person), r.prop, name(r.org)) for r in facts.roles}
    return facts, meetings, roles


def test_titled_people_and_new_organisations():
    _, meetings, roles = read(
        "Hyundai Motor Group Executive Chair Euisun Chung met with Tenstorrent CEO Jim Keller in Seoul on Thursday."
    )
    assert ("Euisun Chung", "chairOf", "Hyundai Motor Group") in roles
    assert ("Jim Keller", "ceoOf", "Tenstorrent") in roles
    assert meetings == [(frozenset({"Euisun Chung", "Jim Keller"}), "2025-10-30", "held", None)]


def test_post_name_titles_and_surname_references():
    _, meetings, roles = read(
        "Jensen Huang, founder and CEO of Nvidia, arrived on Monday. "
        "Huang later had dinner with Chung Eui-sun, chairman of Hyundai Motor Group, on Thursday."
    )
    assert {("Jensen Huang", "founderOf", "Nvidia"), ("Jensen Huang", "ceoOf", "Nvidia"), ("Chung Eui-sun", "chairOf", "Hyundai Motor Group")} <= roles
    assert meetings == [(frozenset({"Jensen Huang", "Chung Eui-sun"}), "2025-10-30", "held", None)]


def test_group_meeting_is_one_meeting():
    _, meetings, _ = read("Acme CEO Jane Roe met with Globex CEO John Poe and Initech CEO Bill Lumbergh on Tuesday.")
    assert meetings == [(frozenset({"Jane Roe", "John Poe", "Bill Lumbergh"}), "2025-10-28", "held", None)]


def test_separately_and_as_well_as_make_separate_meetings():
    _, meetings, _ = read(
        "Acme CEO Jane Roe met with Globex CEO John Poe as well as Initech CEO Bill Lumbergh last month."
    )
    assert sorted(meetings, key=str) == sorted([
        (frozenset({"Jane Roe", "John Poe"}), "2025-09", "held", None),
        (frozenset({"Jane Roe", "Bill Lumbergh"}), "2025-09", "held", None),
    ], key=str)


def test_planned_meeting_next_week():
    _, meetings, _ = read("Globex CEO John Poe will meet Acme CEO Jane Roe next week.", date(2024, 2, 21))
    assert meetings == [(frozenset({"John Poe", "Jane Roe"}), "2024", "planned", None)]
    facts, _, _ = read("Globex CEO John Poe will meet Acme CEO Jane Roe next week.", date(2024, 2, 21))
    assert (facts.meetings[0].span.start, facts.meetings[0].span.end) == (date(2024, 2, 26), date(2024, 3, 3))


def test_background_meeting_and_the_two():
    facts, meetings, _ = read(
        "Acme CEO Jane Roe met with Globex CEO John Poe on Monday. The two had previously met in 2019."
    )
    assert (frozenset({"Jane Roe", "John Poe"}), "2019", "held", None) in meetings
    assert any(m.background for m in facts.meetings)


def test_a_quote_and_a_mention_are_not_meetings():
    _, meetings, _ = read(
        '"AI is the biggest topic," said Kim Dae-jong, a professor at Sejong University. '
        "Acme CEO Jane Roe announced a new chip on Monday."
    )
    assert meetings == []


def test_repeated_caption_is_one_meeting():
    body = (
        "Acme CEO Jane Roe, left, poses with Globex CEO John Poe in Berlin, June 3.\n\n"
        "Acme CEO Jane Roe, left, poses with Globex CEO John Poe in Berlin, June 3.\n\n"
        "Roe met with Poe on June 3 to discuss batteries."
    )
    _, meetings, _ = read(body, date(2025, 6, 10))
    assert [m[:2] for m in meetings] == [(frozenset({"Jane Roe", "John Poe"}), "2025-06-03")]


def test_role_reference_resolves_within_the_article():
    _, meetings, _ = read(
        "Amazon CEO Andy Jassy spoke on Monday. Acme Chairman Lee Jae-hoon met with the Amazon CEO in Seattle on Tuesday."
    )
    assert meetings[0][0] == frozenset({"Andy Jassy", "Lee Jae-hoon"})


@pytest.mark.parametrize("body", ["", "   ", "Lorem ipsum.", "<html><body><p>Hi</p></body></html>", "\x00\x01\x02 binary",
                                  "Kim, Lee, Park, Choi, Jung, Kang, Cho, Yoon.", "삼성전자 이재용 회장이 저커버그를 만났다."])
def test_odd_text_gives_facts_or_nothing_never_a_crash(body):
    facts, meetings, _ = read(body or " ")
    assert meetings == []


@pytest.fixture(scope="module")
def reference():
    from kg.build import Background
    from kg.settings import Settings

    return Background.load(Settings()).gazetteer


@pytest.mark.parametrize(
    "body, people, when, status, place",
    [
        ("Nvidia CEO Jensen Huang hosted Hyundai Motor Group Executive Chair Euisun Chung at a dinner in Santa Clara on Tuesday.",
         {"Jensen Huang", "Chung Eui-sun"}, "2025-10-28", "held", "Santa Clara"),
        ("Jay Y. Lee, chairman of Samsung Electronics, sat down with Apple CEO Tim Cook in Cupertino last month to discuss smartphones.",
         {"Lee Jae-yong", "Tim Cook"}, "2025-09", "held", "Cupertino"),
        ("Vietnamese Prime Minister Pham Minh Chinh received Apple CEO Tim Cook in Hanoi on Monday.",
         {"Pham Minh Chinh", "Tim Cook"}, "2025-10-27", "held", "Hanoi"),
        ("Tim Cook paid a courtesy call on Indonesian President Joko Widodo at the presidential palace in Jakarta on Wednesday.",
         {"Tim Cook", "Joko Widodo"}, "2025-10-29", "held", "Jakarta"),
        ("A meeting between Microsoft CEO Satya Nadella and Indian Prime Minister Narendra Modi took place in New Delhi on Tuesday.",
         {"Satya Nadella", "Narendra Modi"}, "2025-10-28", "held", "New Delhi"),
        ("Google CEO Sundar Pichai will meet Japanese Prime Minister Fumio Kishida in Tokyo next week to discuss AI.",
         {"Sundar Pichai", "Fumio Kishida"}, "2025-11", "planned", "Tokyo"),
        ("Tesla CEO Elon Musk shook hands with Italian Prime Minister Giorgia Meloni in Rome on Friday.",
         {"Elon Musk", "Giorgia Meloni"}, "2025-10-31", "held", "Rome"),
        ("Nvidia CEO Jensen Huang, Samsung Electronics Chairman Lee Jae-yong and Hyundai Motor Group Chairman Chung Eui-sun had chimaek at a restaurant in Seoul on Thursday.",
         {"Jensen Huang", "Lee Jae-yong", "Chung Eui-sun"}, "2025-10-30", "held", "Seoul"),
    ],
)
def test_phrasings_with_reference_names(reference, body, people, when, status, place):
    facts = extract_article(Article("t", "T", date(2025, 10, 31), "S", body), reference)
    (m,) = facts.meetings
    name = lambda k: facts.entities[k].name  # noqa: E731
    assert ({name(p) for p in m.participants}, str(m.span), m.status, name(m.place)) == (people, when, status, place)


def test_titles_of_state_lead_their_government(reference):
    facts = extract_article(Article("t", "T", date(2025, 10, 31), "S",
                                    "Indonesian President Joko Widodo met Apple CEO Tim Cook in Jakarta on Wednesday."), reference)
    roles = {(facts.entities[r.person].name, r.prop, facts.entities[r.org].name) for r in facts.roles}
    assert ("Joko Widodo", "presidentOf", "Government of Indonesia") in roles


@pytest.mark.parametrize(
    "body, expected",
    [
        # negation and unrealised plans are not meetings
        ("Acme CEO Jane Roe was in Berlin on Tuesday, but Globex CEO John Poe did not meet her.", []),
        ("Acme CEO Jane Roe had been due to meet Globex CEO John Poe in Paris, but the trip was postponed.", []),
        ("An official said no meeting between Acme CEO Jane Roe and Globex CEO John Poe had been scheduled.", []),
        # words inside quotation marks are someone's speech
        ('"I met Globex CEO John Poe years ago," Acme CEO Jane Roe said on Tuesday.', []),
        # attendees added to the meeting just told, and a role reference that points back
        ("Acme CEO Jane Roe met Globex CEO John Poe in Berlin on Tuesday. The Acme chief was accompanied by Initech CEO Bill Lumbergh.",
         [{"Jane Roe", "John Poe", "Bill Lumbergh"}]),
        ("Acme CEO Jane Roe hosted a dinner for Globex CEO John Poe on Tuesday. Initech CEO Bill Lumbergh joined the dinner.",
         [{"Jane Roe", "John Poe", "Bill Lumbergh"}]),
        # a second verb in the clause keeps the sentence's subject
        ("Acme CEO Jane Roe met Globex CEO John Poe on Thursday after a dinner with Initech CEO Bill Lumbergh on Wednesday.",
         [{"Jane Roe", "John Poe"}, {"Jane Roe", "Bill Lumbergh"}]),
    ],
)
def test_what_is_and_is_not_a_meeting(body, expected):
    facts, meetings, _ = read(body)
    assert sorted(sorted(m[0]) for m in meetings) == sorted(sorted(e) for e in expected)


def test_dateline_date_is_not_the_meeting_date(reference):
    facts = extract_article(Article("t", "T", date(2024, 6, 7), "S",
                                    "TAIPEI, June 7 (Wire) - Acme CEO Jane Roe sat down with Globex CEO John Poe on Thursday."), reference)
    (m,) = facts.meetings
    assert str(m.span) == "2024-06-06" and facts.entities[m.place].name == "Taipei"
