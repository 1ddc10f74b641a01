"""Signing in and out, and the error pages for what Django itself refuses (domain errors go
through the middleware; both answer through ``core.web.error_response``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.views.decorators.http import require_POST

from nextround import __version__
from nextround.core.forms import SignInForm
from nextround.core.web import error_response, see_other


class SignInView(auth_views.LoginView):
    """Django's sign-in, answering a successful POST with 303 like every other form; it goes
    to the page asked for, else the dashboard (``LOGIN_REDIRECT_URL``)."""

    template_name = "core/login.html"
    authentication_form = SignInForm

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        super().form_valid(form)
        return see_other(self.get_success_url())


@require_POST
@login_not_required
def sign_out(request: HttpRequest) -> HttpResponse:
    """End the session and go to the sign-in page (a POST: a link or a prefetch cannot sign
    anyone out)."""
    logout(request)
    return see_other("login")


@login_not_required
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, 400, "The request could not be understood.")


@login_not_required
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, 403, "You do not have access to this page.")


@login_not_required
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, 404, "There is nothing at this address.")


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request: its context processors read the session and messages, which
    # may live in the very database that just failed.
    message = "Something went wrong on our side. Nothing you saved before was lost."
    body = loader.render_to_string(
        "core/error.html", {"status": 500, "message": message, "version": __version__}
    )
    return HttpResponse(body, status=500)


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """django-axes answers with this once too many wrong passwords came in a row: what
    happened, and when to try again (each try while paused starts the pause again)."""
    pause = settings.AXES_COOLOFF_TIME
    until = timezone.localtime() + pause
    minutes = round(pause.total_seconds() / 60)
    message = (
        f"Sign-in is paused after {settings.AXES_FAILURE_LIMIT} wrong passwords in a row, for "
        f"this account and for the address they came from. Try again after "
        f"{until:%H:%M} ({minutes} minutes from now)."
    )
    if request.get_preferred_type(["text/html", "application/json"]) == "application/json":
        return JsonResponse({"error": message, "status": 429}, status=429)
    context = {
        "limit": settings.AXES_FAILURE_LIMIT,
        "until": until,
        "minutes": minutes,
    }
    return render(request, "core/locked_out.html", context, status=429)


def client_address(request: HttpRequest) -> str | None:
    """The address a request came from, as django-axes counts it: the connection's own, never a
    header the client wrote."""
    return request.META.get("REMOTE_ADDR") or None
