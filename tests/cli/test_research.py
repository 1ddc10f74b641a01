"""`nextround research`, `nextround news add-feed|refresh|add`: JSON, the real fetcher against a
local server, and bad input as one Error line with status 2."""

from __future__ import annotations

import json
from collections.abc import Callable

from nextround.interviews.models import Opportunity
from nextround.research.models import Feed, NewsEntry
from tests.research.conftest import days_ago, rss


def test_research_prints_the_demo_as_json_and_text(
    ok: Callable[..., str], demo: Opportunity
) -> None:
    data = json.loads(ok("research", str(demo.pk), "--json"))
    assert len(data["facts"]) == 5 and len(data["terms"]) == 2
    assert sum(1 for n in data["news"] if not n["stale"]) == 3
    assert data["people"][0]["name"] == "Grace Lindqvist" and data["people"][0]["decision_maker"]
    assert len(data["learned"]["points"]) == 3 and data["learned"]["missing"] == []
    assert "research-company-news" in data["plan"]
    text = ok("research", str(demo.pk))
    assert "Research on Tidewater Freight" in text and "Grace Lindqvist (decision-maker)" in text


def test_news_commands(
    ok: Callable[..., str],
    bad: Callable[..., str],
    opportunity: Opportunity,
    html_site: Callable[[dict[str, str]], str],
) -> None:
    base = html_site({"/feed.xml": rss(("A clinic opens", "https://example.com/n/1", days_ago(1)))})
    said = ok("news", "add-feed", str(opportunity.pk), f"{base}/feed.xml")
    assert "1 new, 0 already kept" in said
    assert "0 new, 1 already kept" in ok("news", "refresh", str(opportunity.pk))
    assert "0 new, 1 already kept" in ok("news", "refresh")
    day = days_ago(2).isoformat()
    said = ok(
        "news", "add", str(opportunity.pk), "--title", "Results", "--date", day, "--text", "Up."
    )
    assert said.startswith("Kept news item") and f"({day})" in said
    assert NewsEntry.objects.count() == 2
    assert "already among the news" in bad(
        "news", "add", str(opportunity.pk), "--title", "Results", "--date", day, "--text", "Up!"
    )
    assert bad("news", "add", str(opportunity.pk), "--date", "1492-01-01", "--text", "x")
    assert "isn't a web address" in bad("news", "add-feed", str(opportunity.pk), "ftp://x")
    assert bad("research", "999999")
    assert Feed.objects.count() == 1


def test_a_failing_feed_is_named_by_the_refresh(
    ok: Callable[..., str], opportunity: Opportunity
) -> None:
    said = ok("news", "add-feed", str(opportunity.pk), "http://127.0.0.1:9/feed.xml")
    assert "failed:" in said and "NEXTROUND_FETCH_ALLOW_HOSTS" in said
