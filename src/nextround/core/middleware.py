"""Local single-user sign-in, the Content-Security-Policy header, and the one place domain
errors become pages."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from nextround.config import is_loopback
from nextround.core.services import local_user
from nextround.core.web import error_response
from nextround.errors import NextroundError


class LocalUserMiddleware:
    """Signs the local user in, but only while the server is bound to a loopback address and
    the request really comes from this machine. On a shared server, accounts sign in normally.

    The local user is put on the request, not into a session: a request without a cookie (a
    first visit, a script, curl) leaves no session row behind. Someone signed in with a
    password keeps their own session."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.APP.local_mode
            and not request.user.is_authenticated
            and is_loopback(request.META.get("REMOTE_ADDR", ""))
        ):
            request.user = local_user()
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Sends ``settings.CONTENT_SECURITY_POLICY`` with every response that has none of its own:
    no inline script or style runs, nothing is loaded from another origin."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


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
