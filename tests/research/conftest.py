"""Fixtures of the research tests: a signed-in client, and feeds served by a real local HTTP
server (``html_site``), dated relative to today."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from email.utils import format_datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone


@pytest.fixture
def client(user: User) -> Client:
    signed_in = Client()  # REMOTE_ADDR 127.0.0.1: local mode signs the local user in
    signed_in.get("/")
    return signed_in


def rss(*items: tuple[str, str, date | None], title: str = "Northwind Health newsroom") -> str:
    """An RSS 2.0 feed of (title, link, day) items; each dated noon UTC that day."""
    rows = []
    for name, link, day in items:
        when = ""
        if day is not None:
            moment = datetime.combine(day, time(12, 0), tzinfo=UTC)
            when = f"<pubDate>{format_datetime(moment)}</pubDate>"
        rows.append(
            f"<item><title>{name}</title><link>{link}</link>{when}"
            f"<description>{name}, in short.</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://example.com/news</link>"
        + "".join(rows)
        + "</channel></rss>"
    )


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)


@pytest.fixture
def feed_site(html_site: Callable[[dict[str, str]], str]) -> str:
    """A local server with a feed of three recent items and one 45 days old at /feed.xml, a
    broken feed at /broken.xml, a web page at /page.html; returns its base address."""
    return html_site(
        {
            "/feed.xml": rss(
                ("Northwind opens a clinic in Evanston", "https://example.com/n/1", days_ago(2)),
                ("Northwind names a new CFO", "https://example.com/n/2", days_ago(9)),
                ("Northwind wins a state contract", "https://example.com/n/3", days_ago(20)),
                ("Northwind's spring results", "https://example.com/n/4", days_ago(45)),
            ),
            "/broken.xml": '<?xml version="1.0"?><rss version="2.0"><channel><title>x</ti',
            "/page.html": "<html><head><title>About us</title></head><body><p>Hi</p></body></html>",
        }
    )
