"""Whole pages kept per account and version stamp (issue 18: the round page is opened again and
again, and drawing it is most of its cost).

A page is kept under everything it is drawn from: the address, the account and how it signed
in, the account's version stamp and everyone's (``core.stamps``, renewed by every write), the
language, the time zone and the minute on the clock (a page shows times relative to now, so
its clock reads to the minute), and the mode. Nothing is ever told about edits: an edit renews
the stamp, the key changes, and the old page ages out of the bounded cache (``PAGES`` in the
settings).

Two things are never kept: the CSRF token, which belongs to the browser (the kept page holds a
placeholder, and each answer gets the browser's own token), and a page drawn while a message
waits to be shown once (``django.contrib.messages``): such a request draws the page afresh and
keeps nothing."""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from nextround import __version__
from nextround.core import stamps
from nextround.core.web import owner_of

PAGES = "pages"  # the cache alias in django_settings.CACHES
TOKEN_SLOT = "csrf-token-of-this-browser"  # where the kept page had the token
TOKEN_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

View = Callable[..., HttpResponse]


def page_key(request: HttpRequest) -> str:
    """Everything the page is drawn from besides its records, and the stamp of the records."""
    owner = owner_of(request)
    minute = timezone.now().replace(second=0, microsecond=0)
    parts = (
        request.get_full_path(),
        owner.pk,
        SESSION_KEY in request.session,  # the menu offers "Sign out" to a password session
        stamps.current(owner.pk),
        get_language(),
        timezone.get_current_timezone_name(),
        minute.isoformat(),
        settings.APP.local_mode,
        __version__,
    )
    return "page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def without_token(html: str) -> str | None:
    """The page with the CSRF token of its forms' hidden inputs replaced by the slot, wherever
    it shows; None when the page cannot be kept that way (two tokens, or the slot's own text
    already in it, which the answer would replace)."""
    tokens = set(TOKEN_INPUT.findall(html))
    if len(tokens) > 1 or TOKEN_SLOT in html:
        return None
    return html.replace(tokens.pop(), TOKEN_SLOT) if tokens else html


def _keepable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
    )


def cached_page(view: View) -> View:
    """Serve the view's 200 HTML answer from the cache while nothing it shows has changed."""

    @functools.wraps(view)
    def serve(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "GET" or len(get_messages(request)):
            # Only a GET is kept; a message is shown once, on this drawing of the page.
            return view(request, *args, **kwargs)
        key = page_key(request)
        kept: str | None = caches[PAGES].get(key)
        if kept is None:
            response = view(request, *args, **kwargs)
            if _keepable(response):
                kept = without_token(response.content.decode(response.charset))
                if kept is not None:
                    caches[PAGES].set(key, kept)
            return response
        return HttpResponse(kept.replace(TOKEN_SLOT, get_token(request)))

    return serve
