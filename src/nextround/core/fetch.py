"""The product's one way to fetch from the web: the guarded fetcher of ``nextround.intake``
with this installation's settings (``NEXTROUND_FETCH_ALLOW_HOSTS``). Pages and commands that
fetch call this, never the fetcher on its own."""

from __future__ import annotations

from django.conf import settings

from nextround import intake, news


def fetch_document(url: str) -> intake.Document:
    """The page or file at ``url``, read into text; raises ``Invalid`` with the reason."""
    return intake.fetch_url(url, allow_hosts=settings.APP.fetch_allow_hosts)


def fetch_feed(url: str) -> news.Feed:
    """The RSS or Atom feed at ``url``, read; raises ``Invalid`` with the reason."""
    return news.fetch_feed(url, allow_hosts=settings.APP.fetch_allow_hosts)


def fetch_page(url: str) -> news.Page:
    """The news page at ``url``, fetched once and read; raises ``Invalid`` with the reason."""
    return news.fetch_page(url, allow_hosts=settings.APP.fetch_allow_hosts)
