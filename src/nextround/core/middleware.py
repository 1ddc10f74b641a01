"""Local single-user sign-in, and the one place domain errors become pages."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse

from nextround.config import is_loopback
from nextround.core.services import local_user
from nextround.core.web import error_response
from nextround.errors import NextroundError

# Marks a session this middleware signed in: it has no password to sign out of, and would be
# signed in again at once, so the pages offer no sign-out button.
SIGNED_IN_BY_LOOPBACK = "nextround_loopback"


class LocalUserMiddleware:
    """Signs the local user in, but only while the server is bound to a loopback address and
    the request really comes from this machine. On a shared server, accounts sign in normally."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.APP.local_mode
            and not request.user.is_authenticated
            and is_loopback(request.META.get("REMOTE_ADDR", ""))
        ):
            login(request, local_user(), backend="django.contrib.auth.backends.ModelBackend")
            request.session[SIGNED_IN_BY_LOOPBACK] = True
        return self.get_response(request)


class DomainErrorMiddleware:
    """Answers a NotFound, Invalid or Conflict raised by a service with its status and message."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, NextroundError):
            return None
        return error_response(request, exception.status, exception.message)
