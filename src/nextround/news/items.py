"""One news item, whatever it came from (a feed, a saved or fetched page, pasted text); the key
that tells two items about the same article apart; merging new items into kept ones; staleness.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, date, datetime
from enum import StrEnum
from urllib.parse import parse_qsl, urlencode, urlsplit

import msgspec

from nextround.errors import Invalid
from nextround.timeutil import check_date

#: Days after which an item is stale (day 30 is still fresh, day 31 is stale).
STALE_AFTER_DAYS = 30
#: Characters of text kept for a feed item's summary.
SUMMARY_CHARS = 1_000
#: Characters of text an item may hold: a page's main text is cut there, pasted text refused.
TEXT_CHARS = 20_000
#: Characters of a title.
TITLE_CHARS = 300
#: Characters of an address.
URL_CHARS = 2_000

NO_DATE = "No date: type the day it was published, so it can be kept in order and aged."


class Origin(StrEnum):
    FEED = "feed"
    PAGE = "page"
    PASTED = "pasted"


class NewsItem(msgspec.Struct, frozen=True, kw_only=True):
    """A dated piece of news about the company, with where it came from.

    ``published_on`` is the day it came out (for a feed, the UTC day of ``published_at``);
    None when the source gives none, and then ``note`` says so. ``published_at`` is the aware
    UTC time a feed gives; pages and pasted items have a day only. ``link`` is the article's own
    address, ``source``/``source_url`` the feed, site or person it came from.
    """

    title: str
    text: str
    origin: Origin
    source: str
    source_url: str = ""
    link: str = ""
    published_on: date | None = None
    published_at: datetime | None = None
    note: str = ""


class Merged(msgspec.Struct, frozen=True):
    """The kept items with the new ones after them, and which of the new ones were added."""

    items: tuple[NewsItem, ...]
    added: tuple[NewsItem, ...]
    duplicates: int


def pasted_item(
    text: str,
    published_on: date,
    *,
    title: str = "",
    source: str = "",
    source_url: str = "",
) -> NewsItem:
    """A news item the candidate pasted: its text and the day it was published, with the name
    and address of where it came from when they have them. Without a title the first sentence
    stands for one."""
    body = tidy_text(text)
    if not body:
        raise Invalid("Paste the news text.", {"text": ["Paste the news text."]})
    if len(body) > TEXT_CHARS:
        message = (
            f"The pasted text has {len(body):,} characters; keep the part about the company, "
            f"up to {TEXT_CHARS:,}."
        )
        raise Invalid(message, {"text": [message]})
    try:
        check_date(published_on)
    except Invalid as exc:
        raise Invalid(exc.message, {"published_on": [exc.message]}) from exc
    address = source_url.strip()
    if address:
        address = check_link(address, field="source_url")
    heading = " ".join(title.split())
    if len(heading) > TITLE_CHARS:
        message = f"A title has at most {TITLE_CHARS} characters."
        raise Invalid(message, {"title": [message]})
    name = " ".join(source.split()) or (urlsplit(address).hostname or "" if address else "")
    return NewsItem(
        title=heading or first_sentence(body),
        text=body,
        origin=Origin.PASTED,
        source=name or "pasted",
        source_url=address,
        link=address,
        published_on=published_on,
    )


def check_link(url: str, *, field: str) -> str:
    """An http(s) address, stripped; anything else is refused with a message for ``field``."""
    address = url.strip()
    message = ""
    try:
        parts = urlsplit(address)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        message = f"{address} isn't a web address; give one starting with https:// or http://."
    elif len(address) > URL_CHARS:
        message = f"A web address has at most {URL_CHARS:,} characters."
    if message:
        raise Invalid(message, {field: [message]})
    return address


# Query parameters that say who sent the reader, not which article it is.
_TRACKING_PREFIXES = ("utm_", "mc_", "_hs", "pk_", "mtm_", "hsa_")
_TRACKING_NAMES = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mkt_tok",
        "ref", "ref_src", "ref_url", "referrer", "source", "cmpid", "cid", "spm", "share",
        "at_medium", "at_campaign", "oly_enc_id", "oly_anon_id", "vero_id", "__s", "s_cid",
    }
)  # fmt: skip
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normal_link(url: str) -> str:
    """An address written one way: scheme and ``www.`` left out (the same article over http and
    https, with and without www), host in lower case, default port, fragment, trailing slash and
    tracking parameters (``utm_*``, ``fbclid``, ``ref``…) dropped, the other parameters sorted.
    An address that isn't http(s) comes back stripped, as it was."""
    address = url.strip()
    try:
        parts = urlsplit(address)
        port = parts.port
    except ValueError:
        return address
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return address
    host = parts.hostname.rstrip(".").removeprefix("www.")
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path).rstrip("/")
    query = sorted(
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(key)
    )
    return f"{host}{path}" + (f"?{urlencode(query)}" if query else "")


def _is_tracking(key: str) -> bool:
    name = key.lower()
    return name in _TRACKING_NAMES or name.startswith(_TRACKING_PREFIXES)


def normal_title(title: str) -> str:
    """A title compared without case, accents, punctuation or spacing."""
    decomposed = unicodedata.normalize("NFKD", title.casefold())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", letters).split())


def dedupe_key(item: NewsItem) -> str:
    """The key two copies of one article share: its normalised link, or without a link its
    normalised title and day (an undated item without a link matches only on its title)."""
    if item.link:
        return f"link:{normal_link(item.link)}"
    day = item.published_on.isoformat() if item.published_on else "undated"
    return f"title:{day}:{normal_title(item.title)}"


def _title_key(item: NewsItem) -> str | None:
    title = normal_title(item.title)
    if not title:
        return None
    day = item.published_on.isoformat() if item.published_on else "undated"
    return f"title:{day}:{title}"


def merge(existing: Iterable[NewsItem], new: Iterable[NewsItem]) -> Merged:
    """The kept items, then the new ones that aren't already there (nor earlier in ``new``).

    Two items are the same article when their links are the same once normalised; when one of
    them has no link (a pasted item, a feed entry without one), when their titles and days are.
    Two items with different links are different articles, whatever their titles. A kept item
    is never replaced: the candidate may have corrected it.
    """
    kept = list(existing)
    links: set[str] = set()
    titles_linked: set[str] = set()  # title keys of items with a link
    titles_unlinked: set[str] = set()  # title keys of items without one

    def remember(item: NewsItem) -> None:
        title = _title_key(item)
        if item.link:
            links.add(normal_link(item.link))
            if title:
                titles_linked.add(title)
        elif title:
            titles_unlinked.add(title)

    def seen(item: NewsItem) -> bool:
        title = _title_key(item)
        if item.link:
            return normal_link(item.link) in links or title in titles_unlinked
        return title is not None and (title in titles_unlinked or title in titles_linked)

    for item in kept:
        remember(item)
    added: list[NewsItem] = []
    duplicates = 0
    for item in new:
        if seen(item):
            duplicates += 1
            continue
        remember(item)
        added.append(item)
    return Merged(items=(*kept, *added), added=tuple(added), duplicates=duplicates)


def age_in_days(item: NewsItem, today: date) -> int | None:
    """Whole days from the item's day to ``today`` (negative for a day ahead); None undated."""
    if item.published_on is None:
        return None
    return (today - item.published_on).days


def is_stale(item: NewsItem, today: date, *, days: int = STALE_AFTER_DAYS) -> bool:
    """Older than ``days`` days on ``today``: an item of 1 March is fresh on 31 March and stale on
    1 April. An undated item can't be aged and is never stale (its note asks for the date)."""
    age = age_in_days(item, today)
    return age is not None and age > days


def recent(
    items: Iterable[NewsItem], today: date, *, days: int = STALE_AFTER_DAYS
) -> list[NewsItem]:
    """The dated items that are not stale on ``today``, newest first (by time where a feed gave
    one, else by day); a day ahead of ``today`` (a feed's UTC day, an announced date) counts."""
    fresh = [item for item in items if item.published_on is not None]
    fresh = [item for item in fresh if not is_stale(item, today, days=days)]
    return sorted(fresh, key=_when, reverse=True)  # stable: equal days keep their order


def _when(item: NewsItem) -> tuple[date, datetime]:
    assert item.published_on is not None
    return (item.published_on, item.published_at or _NO_TIME)


_NO_TIME = datetime.min.replace(tzinfo=UTC)


def tidy_text(text: str) -> str:
    """Lines kept, each one's spacing collapsed, blank lines between paragraphs kept once; no
    null characters or halves of surrogate pairs."""
    cleaned = text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
    lines = [" ".join(line.split()) for line in cleaned.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def first_sentence(text: str, limit: int = 120) -> str:
    """The text's first sentence (or its start, cut at a word), to stand for a missing title."""
    line = " ".join(text.split())
    match = re.match(r"(.+?[.!?])(\s|$)", line)
    sentence = match.group(1) if match else line
    return shorten(sentence, limit)


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word with an ellipsis when it had to be cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…"
