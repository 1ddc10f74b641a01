"""Partials kept by their content: a partial drawn again for the same data comes from a cache
instead of the template engine (issue 18: the round page spent half its time drawing the same
note partial for every note, on every request).

The key is a digest of everything the partial reads, handed over by the caller, never a
version number: an edit changes the data and with it the key, so nothing stale is ever served,
by this process or another one, and nothing has to be told about edits. Entries no one asks
for again age out of the bounded cache (``FRAGMENTS`` in the settings)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Mapping

from django.core.cache import caches
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

FRAGMENTS = "fragments"  # the cache alias in django_settings.CACHES


def render_cached(
    template_name: str, context: Mapping[str, object], *, state: Hashable
) -> SafeString:
    """``template_name`` drawn with ``context``; ``state`` holds plain values (no model
    instances, whose repr is not their content) covering every value the template reads."""
    return kept((template_name, state), lambda: get_template(template_name).render(dict(context)))


def kept(state: Hashable, draw: Callable[[], str]) -> SafeString:
    """The HTML ``draw`` gives, drawn once for ``state``: plain values covering everything it
    reads. The language and the time zone the dates are drawn in are part of the key."""
    drawn_in = (get_language(), timezone.get_current_timezone_name())
    digest = hashlib.sha256(repr((drawn_in, state)).encode()).hexdigest()
    key = f"fragment:{digest}"
    cache = caches[FRAGMENTS]
    html: str | None = cache.get(key)
    if html is None:
        html = draw()
        cache.set(key, html)
    return mark_safe(html)  # escaped by the template engine when it was drawn
