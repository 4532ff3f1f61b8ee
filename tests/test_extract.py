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


@pytest.mark.parametrize(
    "body, expected",
    [
        # denied, unconfirmed, not yet held, called off: no meeting
        ("Globex on Friday denied a report in a trade weekly that Acme CEO Jane Roe had met Globex CEO John Poe in Oslo.", []),
        ("Acme declined to confirm reports that Acme CEO Jane Roe had also met Globex CEO John Poe.", []),
        ("Acme CEO Jane Roe and Globex CEO John Poe were both at the gala. There was no sign that Roe and Poe spoke.", []),
        ("Acme CEO Jane Roe has yet to meet Globex CEO John Poe.", []),
        ("Acme CEO Jane Roe had originally been due to meet Globex CEO John Poe on Sunday.", []),
        ("Acme CEO Jane Roe arrived in Oslo on Monday. The meeting with Globex CEO John Poe was called off on Tuesday.", []),
        # passive tours and being seen together
        ("Acme CEO Jane Roe was given a tour of the plant by Globex CEO John Poe and Globex CTO Ann Lee on Monday.",
         [{"Jane Roe", "John Poe", "Ann Lee"}]),
        ("Acme CEO Jane Roe and Initech CEO Bill Lumbergh arrived in Oslo on Monday. "
         "The two executives were shown around the yard by Globex CEO John Poe.",
         [{"Jane Roe", "Bill Lumbergh", "John Poe"}]),
        ("At the gala, Acme CEO Jane Roe was seen chatting and laughing with Globex CEO John Poe.", [{"Jane Roe", "John Poe"}]),
        # a banquet given in someone's honour: host and guest of honour met
        ("Acme CEO Jane Roe met Globex CEO John Poe on Monday at a banquet hosted in Poe's honour by Initech CEO Bill Lumbergh.",
         [{"Jane Roe", "John Poe"}, {"John Poe", "Bill Lumbergh"}]),
        # joining someone on stage is an appearance; joining someone's delegation is not a meeting with them
        ("Acme CEO Jane Roe met Globex CEO John Poe on Monday. Initech CEO Bill Lumbergh joined them on stage for the ceremony.",
         [{"Jane Roe", "John Poe"}]),
        ("In Oslo, Acme CEO Jane Roe joined Globex CEO John Poe's trade delegation.", []),
        # the relative a guest is named by is no guest
        ("Acme CEO Jane Roe hosted Mia Lund, the widow of former Globex chairman Karl Lund, for dinner on Sunday.",
         [{"Jane Roe", "Mia Lund"}]),
        # people told to be with those who met, in the next sentence; not a crowd, not another event
        ("Acme CEO Jane Roe was received by Globex CEO John Poe on Monday. Globex chairman Ann Lee was waiting with them.",
         [{"Jane Roe", "John Poe", "Ann Lee"}]),
        ("Acme CEO Jane Roe met Globex CEO John Poe on Monday. Roe came with Acme CTO Ann Lee.",
         [{"Jane Roe", "John Poe", "Ann Lee"}]),
        ("Acme CEO Jane Roe toured the mill with Globex CEO John Poe. Also joining the tour was Deputy Mayor Tom Hale.",
         [{"Jane Roe", "John Poe", "Tom Hale"}]),
        ("Acme CEO Jane Roe met Globex CEO John Poe on Monday. Poe later opened a shop in Bergen. He was accompanied by Ann Lee.",
         [{"Jane Roe", "John Poe"}]),
        ("Acme CEO Jane Roe met Globex CEO John Poe on Monday. The ribbon-cutting was attended by more than 300 guests, including Ann Lee.",
         [{"Jane Roe", "John Poe"}]),
        # a phrase about another event before the subject names no subject
        ("Two days before meeting Globex CEO John Poe, Acme CEO Jane Roe shared a plate of tapas with actor Kim Vale in Madrid.",
         [{"Jane Roe", "Kim Vale"}]),
        # "the two" after a name, in a clause of their own
        ("Acme CEO Jane Roe met Globex CEO John Poe on Monday. Roe's meeting with Poe was their first since 2019, when the two sat down in Rome.",
         [{"Jane Roe", "John Poe"}, {"Jane Roe", "John Poe"}]),
    ],
)
def test_more_of_what_is_and_is_not_a_meeting(body, expected):
    facts, meetings, _ = read(body)
    assert sorted(sorted(m[0]) for m in meetings) == sorted(sorted(e) for e in expected)


def test_names_with_accents_apostrophes_and_ministries():
    facts, meetings, _ = read(
        "Prime Minister Ana Gómez met Acme CEO Liam O'Connor in Lisbon on Monday. "
        "Minister of Digital Affairs Tomas Berg also attended the meeting."
    )
    assert [m[0] for m in meetings] == [frozenset({"Ana Gómez", "Liam O'Connor", "Tomas Berg"})]


def test_untitled_name_after_a_title_word_and_no_person_where_a_place_is():
    facts, meetings, _ = read(
        "House Speaker Karen Holt met Acme CEO Jane Roe on Tuesday. Roe then flew to Abu Dhabi, where she held talks with Globex CEO John Poe."
    )
    people = {e.name for e in facts.entities.values() if e.kind == "person"}
    assert "Karen Holt" in people and not any("Abu" in p for p in people)
    assert sorted(sorted(m[0]) for m in meetings) == [["Jane Roe", "John Poe"], ["Jane Roe", "Karen Holt"]]


def test_a_bare_verb_after_a_planned_one_is_planned():
    _, meetings, _ = read("On Friday, Acme CEO Jane Roe is scheduled to speak at the forum in Oslo and hold talks with Globex CEO John Poe.")
    assert [m[:3] for m in meetings] == [(frozenset({"Jane Roe", "John Poe"}), "2025-10-31", "planned")]


def test_held_talks_and_summits_without_with():
    _, meetings, _ = read("Acme CEO Jane Roe arrived on Monday. The following day, Roe and Globex CEO John Poe held their first summit in Oslo.")
    assert [(m[0], m[1]) for m in meetings] == [(frozenset({"Jane Roe", "John Poe"}), "2025-10-28")]


@pytest.mark.parametrize(
    "body, when",
    [
        # the future of a relative clause does not make the main clause's weekday future
        ("Acme CEO Jane Roe met Globex CEO John Poe on Monday in Oslo, where their firms will build a plant.", "2025-10-27"),
        # "to meet" after a past verb is a purpose, not a plan
        ("Acme CEO Jane Roe was driven to Oslo on Monday to meet Globex CEO John Poe.", "2025-10-27"),
        # "since Friday" dates the stay, not the meeting
        ("Acme CEO Jane Roe ended her trip on Thursday with a meeting with Globex CEO John Poe at the hotel, where she had stayed since Monday.",
         "2025-10-30"),
    ],
)
def test_which_date_is_the_meetings(body, when):
    _, meetings, _ = read(body)
    assert [(m[1], m[2]) for m in meetings] == [(when, "held")]


def test_role_references_are_not_ministers_or_offices():
    facts, meetings, _ = read(
        "U.S. Vice President Tom Hale arrived in Oslo on Monday with Trade Secretary Ann Lee. "
        "The vice president is expected to meet Globex CEO John Poe at the Prime Minister's Office on Friday."
    )
    assert [(m[0], m[2]) for m in meetings] == [(frozenset({"Tom Hale", "John Poe"}), "planned")]


def test_a_relative_named_by_first_name_takes_the_family_name():
    facts, meetings, _ = read("On Sunday, Globex CEO John Poe and his wife, Maria, hosted Acme CEO Jane Roe for dinner in Oslo.")
    assert [m[0] for m in meetings] == [frozenset({"John Poe", "Maria Poe", "Jane Roe"})]
