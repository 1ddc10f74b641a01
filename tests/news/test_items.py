"""News items (nextround.news.items): pasted items, the de-duplication key, merging and
staleness, on hand-made cases whose answers are worked out in the comments."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from nextround.errors import Invalid
from nextround.news.items import (
    TEXT_CHARS,
    NewsItem,
    Origin,
    dedupe_key,
    is_stale,
    merge,
    normal_link,
    normal_title,
    pasted_item,
    recent,
)


def item(
    title: str,
    day: date | None,
    link: str = "",
    *,
    at: datetime | None = None,
    origin: Origin = Origin.FEED,
) -> NewsItem:
    return NewsItem(
        title=title,
        text="",
        origin=origin,
        source="Harbourline Freight – Newsroom",
        link=link,
        published_on=day,
        published_at=at,
    )


@pytest.mark.parametrize(
    ("url", "normal"),
    [
        # scheme, www., host case, fragment, trailing slash and utm_*/fbclid dropped
        (
            "https://www.Harbourline.example/news/depot/?utm_source=rss#top",
            "harbourline.example/news/depot",
        ),
        ("http://harbourline.example/news/depot?fbclid=abc", "harbourline.example/news/depot"),
        # the article's own parameters stay, sorted
        ("https://x.example/a?page=2&id=7&utm_medium=feed", "x.example/a?id=7&page=2"),
        # default port dropped, another kept; doubled slashes folded
        ("https://x.example:443//a//b", "x.example/a/b"),
        ("http://x.example:8080/a", "x.example:8080/a"),
        ("https://x.example/a?ref=homepage&gclid=1&mc_cid=2&_hsenc=3", "x.example/a"),
        # not a web address: left as it was
        ("mailto:press@x.example", "mailto:press@x.example"),
    ],
)
def test_normal_link(url: str, normal: str) -> None:
    assert normal_link(url) == normal


def test_normal_title_ignores_case_accents_punctuation_and_spacing() -> None:
    assert normal_title("  Café  Brandt: NEW roastery!  ") == normal_title(
        "cafe brandt new roastery"
    )
    assert normal_title("Q3 volumes up 8%") == "q3 volumes up 8"


def test_dedupe_key() -> None:
    day = date(2026, 11, 24)
    assert dedupe_key(item("Depot", day, "https://www.x.example/depot/?utm_source=rss")) == (
        "link:x.example/depot"
    )
    assert dedupe_key(item("Depot opens!", day)) == "title:2026-11-24:depot opens"
    assert dedupe_key(item("Depot opens", None)) == "title:undated:depot opens"


DEPOT_DAY = date(2026, 11, 24)
DEPOT = item("Harbourline opens a depot", DEPOT_DAY, "https://news.x.example/depot")


def test_the_same_link_with_tracking_parameters_is_a_duplicate() -> None:
    again = item(
        "Harbourline opens a new depot",
        DEPOT_DAY,
        "http://www.news.x.example/depot/?utm_source=mail",
    )
    merged = merge([DEPOT], [again])
    assert (merged.items, merged.added, merged.duplicates) == ((DEPOT,), (), 1)


def test_a_pasted_copy_without_a_link_matches_on_title_and_day() -> None:
    pasted = pasted_item("Harbourline opens a depot.", DEPOT_DAY, title="Harbourline Opens a Depot")
    assert merge([DEPOT], [pasted]).duplicates == 1
    # ...and the other way round: the feed's copy arriving after the pasted one.
    assert merge([pasted], [DEPOT]).duplicates == 1


def test_same_title_on_another_day_is_another_item() -> None:
    pasted = pasted_item("Text.", date(2026, 11, 25), title="Harbourline opens a depot")
    assert merge([DEPOT], [pasted]).added == (pasted,)


def test_different_links_are_different_articles_whatever_their_titles() -> None:
    weekly_1 = item("Weekly update", DEPOT_DAY, "https://x.example/weekly/1")
    weekly_2 = item("Weekly update", DEPOT_DAY, "https://x.example/weekly/2")
    assert merge([weekly_1], [weekly_2]).added == (weekly_2,)


def test_duplicates_among_the_new_items_and_order() -> None:
    a = item("A", date(2026, 11, 1), "https://x.example/a")
    b = item("B", date(2026, 11, 2), "https://x.example/b")
    b_again = item("B again", date(2026, 11, 2), "https://x.example/b#comments")
    c = item("C", None)
    c_again = item("c.", None)
    merged = merge([a], [b, b_again, c, c_again, a])
    # kept first, then new in their order; b_again, c_again and a are the three duplicates
    assert merged.items == (a, b, c)
    assert (merged.added, merged.duplicates) == ((b, c), 3)


def test_a_kept_item_is_never_replaced() -> None:
    corrected = NewsItem(
        title="Harbourline opens a depot (corrected)",
        text="Edited by the candidate.",
        origin=Origin.FEED,
        source="Harbourline",
        link="https://news.x.example/depot",
        published_on=DEPOT_DAY,
    )
    assert merge([corrected], [DEPOT]).items == (corrected,)


def test_staleness_after_thirty_days() -> None:
    march_1 = item("Old", date(2026, 3, 1))
    # March has 31 days: 31 March is day 30 after 1 March (fresh), 1 April day 31 (stale).
    assert not is_stale(march_1, date(2026, 3, 31))
    assert is_stale(march_1, date(2026, 4, 1))
    assert not is_stale(item("Undated", None), date(2030, 1, 1))
    assert not is_stale(march_1, date(2026, 3, 10), days=9)
    assert is_stale(march_1, date(2026, 3, 11), days=9)


def test_recent_is_the_fresh_dated_items_newest_first() -> None:
    today = date(2026, 12, 6)
    stale = item("31 days old", date(2026, 11, 5))
    edge = item("30 days old", date(2026, 11, 6))
    undated = item("No date", None)
    morning = item("Morning", date(2026, 12, 1), at=datetime(2026, 12, 1, 8, 0, tzinfo=UTC))
    evening = item("Evening", date(2026, 12, 1), at=datetime(2026, 12, 1, 19, 0, tzinfo=UTC))
    day_only = item("Day only", date(2026, 12, 1))
    ahead = item("Tomorrow in UTC", date(2026, 12, 7))
    found = recent([stale, edge, undated, morning, day_only, evening, ahead], today)
    assert [i.title for i in found] == [
        "Tomorrow in UTC",
        "Evening",
        "Morning",
        "Day only",
        "30 days old",
    ]
    assert [i.title for i in recent([edge, morning], today, days=7)] == ["Morning"]


def test_pasted_item() -> None:
    news = pasted_item(
        "  Harbourline   opens a depot in Rotterdam.  It adds 12,000 pallet places."
        "\r\n\r\n\r\nMore later. ",
        date(2026, 11, 24),
        source_url=" https://news.harbourline.example/depot ",
    )
    assert (
        news.text
        == "Harbourline opens a depot in Rotterdam. It adds 12,000 pallet places.\n\nMore later."
    )
    assert news.title == "Harbourline opens a depot in Rotterdam."  # its first sentence
    assert (news.origin, news.source, news.link, news.published_on, news.note) == (
        Origin.PASTED,
        "news.harbourline.example",  # the address's host stands for a missing name
        "https://news.harbourline.example/depot",
        date(2026, 11, 24),
        "",
    )
    named = pasted_item("Text of it.", date(2026, 11, 24), title=" Depot ", source="Maya Okafor")
    assert (named.title, named.source, named.link) == ("Depot", "Maya Okafor", "")
    assert pasted_item("Text of it.", date(2026, 11, 24)).source == "pasted"


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"text": "  \n "}, "text", r"^Paste the news text\.$"),
        ({"text": "x" * (TEXT_CHARS + 1)}, "text", r"^The pasted text has 20,001 characters"),
        ({"published_on": date(2101, 1, 1)}, "published_on", r"^2101-01-01 is out of range"),
        ({"source_url": "ftp://x.example/a"}, "source_url", r"isn't a web address"),
        ({"source_url": "javascript:alert(1)"}, "source_url", r"isn't a web address"),
        ({"title": "t" * 301}, "title", r"^A title has at most 300 characters\.$"),
    ],
)
def test_pasted_item_refusals(kwargs: dict[str, object], field: str, message: str) -> None:
    arguments: dict[str, object] = {"text": "Text of it.", "published_on": date(2026, 11, 24)}
    arguments.update(kwargs)
    with pytest.raises(Invalid, match=message) as refused:
        pasted_item(**arguments)  # type: ignore[arg-type]
    assert list(refused.value.field_errors) == [field]
