"""The "What do you already know about us?" answer (nextround.dossier.learned)."""

from __future__ import annotations

from datetime import date

from nextround.dossier.learned import MISSING, FactPoint, HeardPoint, learned_answer
from nextround.news import NewsItem, Origin

TODAY = date(2026, 3, 31)


def news(title: str, day: date) -> NewsItem:
    return NewsItem(
        title=title, text="", origin=Origin.PASTED, source="Boston Globe", published_on=day
    )


FACTS = [
    FactPoint("challenges", "Scanner data has gaps.", "Job posting, 2 Mar 2026"),
    FactPoint("customers", "About 400 regional shippers.", "Company site, 1 Mar 2026"),
    FactPoint("what", "Moves refrigerated and dry cargo.", "Company site, 1 Mar 2026"),
    FactPoint("values", "Answers every applicant.", "said by Maya Okafor in round 1", heard=True),
]


def test_one_point_of_each_kind() -> None:
    answer = learned_answer(
        facts=FACTS,
        news=[
            news("Old launch", date(2026, 2, 28)),
            news("New terminal in Lynn", date(2026, 3, 20)),
        ],
        heard=[HeardPoint("New data warehouse.", "noted in round 1")],
        today=TODAY,
    )
    # Business: "what" comes before "customers" whatever the order given. News: 28 Feb is 31
    # days old on 31 Mar, so stale; 20 Mar is the one. Round: the heard fact before the note.
    assert [(p.origin, p.text, p.source) for p in answer.points] == [
        ("business", "Moves refrigerated and dry cargo.", "Company site, 1 Mar 2026"),
        ("news", "Recent news: New terminal in Lynn", "Boston Globe, 20 Mar 2026"),
        ("round", "Answers every applicant.", "said by Maya Okafor in round 1"),
    ]
    assert answer.missing == ()
    assert answer.question == "What do you already know about us?"


def test_a_missing_kind_is_filled_from_the_other_facts() -> None:
    answer = learned_answer(facts=FACTS[:3], news=[], heard=[], today=TODAY)
    # No news, nothing heard: business "what", then the challenge, then "customers".
    assert [p.text for p in answer.points] == [
        "Moves refrigerated and dry cargo.",
        "Scanner data has gaps.",
        "About 400 regional shippers.",
    ]
    assert answer.missing == ()


def test_thin_research_says_what_to_add() -> None:
    answer = learned_answer(
        facts=[], news=[], heard=[HeardPoint("A note.", "noted in round 1")], today=TODAY
    )
    assert len(answer.points) == 1
    assert answer.missing == (MISSING["business"], MISSING["news"])
