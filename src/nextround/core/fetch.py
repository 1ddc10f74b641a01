"""The product's one way to fetch from the web: the guarded fetcher of ``nextround.intake``
with this installation's settings (``NEXTROUND_FETCH_ALLOW_HOSTS``). Pages and commands that
fetch call this, never the fetcher on its own."""

from __future__ import annotations

from django.conf import settings

from nextround import intake


def fetch_document(url: str) -> intake.Document:
    """The page or file at ``url``, read into text; raises ``Invalid`` with the reason."""
    return intake.fetch_url(url, allow_hosts=settings.APP.fetch_allow_hosts)
