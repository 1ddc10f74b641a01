"""Company news the candidate keeps: items from RSS and Atom feeds (feedparser), from a saved
or once-fetched web page (trafilatura), or pasted with a date; one ``NewsItem`` for all three,
a de-duplication key, merging, and staleness after 30 days. Every fetch goes through the guarded
fetcher of ``nextround.intake``; neither library opens anything itself. Plain Python, no Django.
"""

from nextround.news.feeds import Feed, fetch_feed, parse_feed
from nextround.news.items import (
    STALE_AFTER_DAYS,
    Merged,
    NewsItem,
    Origin,
    dedupe_key,
    is_stale,
    merge,
    pasted_item,
    recent,
)
from nextround.news.pages import Page, fetch_page, load_page, page_item, read_page

__all__ = [
    "STALE_AFTER_DAYS",
    "Feed",
    "Merged",
    "NewsItem",
    "Origin",
    "Page",
    "dedupe_key",
    "fetch_feed",
    "fetch_page",
    "is_stale",
    "load_page",
    "merge",
    "page_item",
    "parse_feed",
    "pasted_item",
    "read_page",
    "recent",
]
