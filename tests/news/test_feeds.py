"""Feeds (nextround.news.feeds) served by a real local HTTP server and fetched through the real
guarded fetcher: RSS 0.91, 1.0 and 2.0, Atom, a feed with an XML fault but items, and things that
are not feeds. The feed files are in tests/data/feeds; the expected values below are read off
those files by hand (times converted to UTC by hand, as noted)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from nextround.config import load_settings
from nextround.errors import Invalid
from nextround.news.feeds import NO_FEED_DATE, Feed, fetch_feed, parse_feed
from nextround.news.items import Origin

FEEDS = Path(__file__).resolve().parents[1] / "data" / "feeds"
LOCAL = ("127.0.0.1",)
REFUSED = r"is inside this computer or a private network"

# path -> (file in tests/data/feeds, Content-Type sent)
SERVED = {
    "/rss20.xml": ("rss20.xml", "application/rss+xml; charset=utf-8"),
    "/rss10.rdf": ("rss10.rdf", "application/rdf+xml"),
    "/atom.xml": ("atom.xml", "application/atom+xml"),
    "/rss091.xml": ("rss091.xml", "text/xml"),  # ISO-8859-1, declared only in the XML
    "/as-html.xml": ("rss20.xml", "text/html; charset=utf-8"),  # a server that mislabels it
    "/broken-items.xml": ("broken-items.xml", "application/rss+xml"),
    "/truncated.xml": ("truncated.xml", "application/xml"),
    "/not-a-feed": ("not-a-feed.html", "text/html; charset=utf-8"),
    "/empty-channel.xml": ("empty-channel.xml", "application/rss+xml"),
}


class _Handler(BaseHTTPRequestHandler):
    server: _FeedServer

    def do_GET(self) -> None:
        self.server.hits.append(self.path)
        self.server.accepts.append(self.headers.get("Accept", ""))
        if self.path == "/old-feed":
            self._answer(301, {"Location": "/news/rss20.xml"}, b"")
        elif self.path == "/news/rss20.xml":
            self._answer(200, {"Content-Type": "application/rss+xml"}, _file("rss20.xml"))
        elif self.path == "/empty":
            self._answer(200, {"Content-Type": "application/rss+xml"}, b"")
        elif self.path in SERVED:
            name, kind = SERVED[self.path]
            self._answer(200, {"Content-Type": kind}, _file(name))
        else:
            self._answer(404, {"Content-Type": "text/plain"}, b"Not here")

    def _answer(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _FeedServer(ThreadingHTTPServer):
    hits: list[str]
    accepts: list[str]


def _file(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


@pytest.fixture(scope="module")
def server() -> Iterator[_FeedServer]:
    server = _FeedServer(("127.0.0.1", 0), _Handler)
    server.hits, server.accepts = [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def site(server: _FeedServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def fetch_local(url: str) -> Feed:
    return fetch_feed(url, allow_hosts=LOCAL)


def utc(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_rss_2_0(site: str) -> None:
    feed = fetch_local(f"{site}/rss20.xml")
    assert (feed.title, feed.url, feed.site) == (
        "Harbourline Freight – Newsroom",
        f"{site}/rss20.xml",
        "https://news.harbourline.example/",
    )
    assert feed.problem == ""
    depot, volumes, pledge = feed.items
    assert depot.title == "Harbourline opens a cold-chain depot in Rotterdam"
    # A relative <link> is made absolute against the feed's own address; its tracking
    # parameters stay in the link (the de-duplication key drops them).
    assert depot.link == f"{site}/2026/11/cold-chain-depot-rotterdam?utm_source=rss&utm_medium=feed"
    # Tue, 24 Nov 2026 16:30 +0100 is 15:30 UTC.
    assert depot.published_at == utc(2026, 11, 24, 15, 30)
    assert depot.published_on == date(2026, 11, 24)
    # The description's HTML (<p>, <strong>, <a>) stripped, words not run together.
    assert depot.text == (
        "The depot adds 12,000 pallet places for chilled food and medicines. "
        "It opens to customers in spring 2027."
    )
    assert (depot.origin, depot.source, depot.source_url, depot.note) == (
        Origin.FEED,
        "Harbourline Freight – Newsroom",
        f"{site}/rss20.xml",
        "",
    )
    # Thu, 29 Oct 2026 23:15 -0500 is 04:15 UTC on the 30th: the UTC day is kept.
    assert volumes.published_at == utc(2026, 10, 30, 4, 15)
    assert volumes.published_on == date(2026, 10, 30)
    # No <description>: the text comes from content:encoded, &nbsp; as a space.
    assert (
        volumes.text == "Container volumes rose 8 per cent on the year, led by the Baltic routes."
    )
    # No <pubDate>: no date, and the item says so.
    assert (pledge.published_at, pledge.published_on, pledge.note) == (None, None, NO_FEED_DATE)


def test_rss_1_0(site: str) -> None:
    feed = fetch_local(f"{site}/rss10.rdf")
    assert (feed.title, feed.site) == (
        "Quillmere Labs Engineering Blog",
        "https://blog.quillmere.example/",
    )
    ranking, on_call = feed.items
    assert ranking.link == "https://blog.quillmere.example/posts/ranking-v4"
    # dc:date 2026-11-30T09:00+09:00 is midnight UTC; a bare 2026-11-02 is taken as UTC.
    assert ranking.published_at == utc(2026, 11, 30, 0, 0)
    assert on_call.published_at == utc(2026, 11, 2, 0, 0)
    assert on_call.text == "Two engineers, one week, and a rule about handovers."


def test_atom(site: str) -> None:
    feed = fetch_local(f"{site}/atom.xml")
    # type="html" title: &amp;amp; in the file is &amp; in the HTML, & in the text.
    assert feed.title == "Tidewell Energy & Storage: press releases"
    assert feed.site == "https://www.tidewell.example/press/"
    battery, cfo = feed.items
    # A relative href resolved against the feed's xml:base.
    assert battery.link == "https://www.tidewell.example/press/releases/eastmoor-battery"
    # <published> 07:45 -05:00 (12:45 UTC) wins over <updated> 10:00Z.
    assert battery.published_at == utc(2026, 12, 1, 12, 45)
    assert battery.text == "Installation starts in March."
    # No <published>: <updated> 12:00 +01:00 is 11:00 UTC. XHTML content stands for a summary.
    assert cfo.published_at == utc(2026, 11, 18, 11, 0)
    assert cfo.text == "Priya Anand joins from a grid operator."


def test_rss_0_91_in_latin_1(site: str) -> None:
    feed = fetch_local(f"{site}/rss091.xml")
    assert feed.title == "Café Brandt Roasters"
    (item,) = feed.items
    assert (item.title, item.text) == (
        "Neue Rösterei in Köln",
        "Ab Februar rösten wir auch im Rheinland.",
    )
    assert item.note == NO_FEED_DATE


def test_a_feed_served_as_html_is_read_without_complaint(site: str) -> None:
    feed = fetch_local(f"{site}/as-html.xml")
    assert (len(feed.items), feed.problem) == (3, "")


def test_a_feed_with_an_xml_fault_keeps_its_items(site: str) -> None:
    feed = fetch_local(f"{site}/broken-items.xml")
    # Line 7 holds the bare "&" of "Marrowfield & Partners"; </rss> is missing too.
    assert feed.problem.startswith("2 items were read all the same, but the feed has a fault: ")
    assert "line 7" in feed.problem
    assert [i.title for i in feed.items] == [
        "Marrowfield & Partners merge their payments teams",
        "New branch hours",
    ]
    assert feed.items[1].published_at == utc(2026, 11, 6, 10, 0)


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/truncated.xml", r"its XML breaks at line 3"),
        ("/not-a-feed", r"it is a web page; give the address of its RSS or Atom feed instead"),
        ("/empty", r"it is empty"),
    ],
)
def test_what_is_not_a_feed_says_so(site: str, path: str, reason: str) -> None:
    with pytest.raises(Invalid, match=rf"^{site}{path} is not a feed: {reason}"):
        fetch_local(f"{site}{path}")


def test_a_feed_without_items_is_still_a_feed(site: str) -> None:
    feed = fetch_local(f"{site}/empty-channel.xml")
    assert (feed.title, feed.items, feed.problem) == ("Quiet Company News", (), "")


def test_a_redirect_is_followed_and_links_resolve_against_the_final_address(site: str) -> None:
    feed = fetch_local(f"{site}/old-feed")
    assert feed.url == f"{site}/news/rss20.xml"
    assert feed.items[0].link.startswith(f"{site}/2026/11/cold-chain-depot-rotterdam?")


def test_the_feed_types_are_asked_for(site: str, server: _FeedServer) -> None:
    before = len(server.accepts)
    fetch_local(f"{site}/atom.xml")
    assert server.accepts[before].startswith("application/rss+xml, application/atom+xml")


def test_a_missing_feed_is_reported(site: str) -> None:
    with pytest.raises(Invalid, match=r"^Couldn't fetch .*/gone: the server answered 404"):
        fetch_local(f"{site}/gone")


def test_loopback_is_refused_unless_allowed(site: str, server: _FeedServer) -> None:
    url = f"{site}/rss20.xml?refused"
    with pytest.raises(Invalid, match=REFUSED):
        fetch_feed(url)
    assert "/rss20.xml?refused" not in server.hits  # refused before connecting


def test_the_allow_list_setting_lets_a_local_feed_through(
    site: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEXTROUND_FETCH_ALLOW_HOSTS", "127.0.0.1")
    monkeypatch.setenv("NEXTROUND_DATA_DIR", str(tmp_path))
    settings = load_settings()
    feed = fetch_feed(f"{site}/rss10.rdf", allow_hosts=settings.fetch_allow_hosts)
    assert len(feed.items) == 2


def test_feedparser_opens_nothing_itself(site: str, server: _FeedServer) -> None:
    """An address as the whole text, and an external entity pointing at the server: neither is
    fetched (the server would log the request)."""
    with pytest.raises(Invalid, match=r"is not a feed"):
        parse_feed(f"{site}/rss20.xml?by-feedparser".encode(), "https://feeds.example/x")
    entity = (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY leak SYSTEM "{site}/secret">]>\n'
        '<rss version="2.0"><channel><title>T</title><item><title>A &leak;</title>'
        "<link>https://feeds.example/a</link></item></channel></rss>"
    ).encode()
    feed = parse_feed(entity, "https://feeds.example/x")
    assert [i.link for i in feed.items] == ["https://feeds.example/a"]
    assert "/rss20.xml?by-feedparser" not in server.hits
    assert "/secret" not in server.hits


@pytest.mark.parametrize(
    "data",
    [b"\x00\x01\x02garbage", b'{"items": []}', b"<rss", "\ufeff<rss>".encode("utf-16")],
)
def test_junk_gives_a_message_not_a_crash(data: bytes) -> None:
    with pytest.raises(Invalid, match=r"^https://feeds\.example/x is not a feed: "):
        parse_feed(data, "https://feeds.example/x")


def test_item_links_that_are_not_web_addresses_are_dropped() -> None:
    data = (
        b'<rss version="2.0"><channel><title>T</title>'
        b"<item><title>Script</title><link>javascript:alert(1)</link></item>"
        b"<item><title>Mail</title><link>mailto:press@x.example</link></item>"
        b"</channel></rss>"
    )
    feed = parse_feed(data, "https://feeds.example/x")
    assert [(i.title, i.link) for i in feed.items] == [("Script", ""), ("Mail", "")]


def test_an_item_without_a_title_takes_its_first_sentence() -> None:
    data = (
        b'<rss version="2.0"><channel><title>T</title><item>'
        b"<description>Orders rose again. Margins held.</description>"
        b"</item><item></item></channel></rss>"
    )
    feed = parse_feed(data, "https://feeds.example/x")
    assert [i.title for i in feed.items] == ["Orders rose again."]  # the empty item is left out


def test_a_summary_that_is_an_address_is_kept_as_text() -> None:
    data = (
        b'<rss version="2.0"><channel><title>T</title><item><title>Link</title>'
        b"<description>https://news.example/a?b=1&amp;c=2</description></item></channel></rss>"
    )
    (item,) = parse_feed(data, "https://feeds.example/x").items
    assert item.text == "https://news.example/a?b=1&c=2"
