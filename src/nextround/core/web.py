"""Small helpers every view uses: run a form through a service, redirect after POST, and answer
an error as a page or, to a script that asked for JSON, as JSON."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from nextround.errors import Invalid

T = TypeVar("T")


def submit(form: forms.BaseForm, action: Callable[[], T]) -> T | None:
    """Validate the form, then call the service; a service's Invalid becomes form errors."""
    if not form.is_valid():
        return None
    try:
        return action()
    except Invalid as exc:
        if not exc.field_errors:
            form.add_error(None, exc.message)
        for field, messages in exc.field_errors.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
        return None


def page(
    request: HttpRequest, template: str, context: dict[str, object], *forms_: object
) -> HttpResponse:
    """Render; a form that came back with errors answers 400 so scripts can tell."""
    failed = any(getattr(f, "errors", None) for f in forms_)
    return render(request, template, context, status=400 if failed else 200)


def see_other(to: str, *args: Any, **kwargs: Any) -> HttpResponseRedirect:
    """303 See Other: the browser follows with GET, so a reload never re-posts a form."""
    response = HttpResponseRedirect(resolve_url(to, *args, **kwargs))
    response.status_code = 303
    return response


def safe_next(request: HttpRequest, target: str) -> str:
    """``target`` (a form's ``next``) when it is an address on this site, else "": a form
    must never send the browser somewhere another site chose."""
    safe = (
        target.startswith("/")
        and target.isprintable()
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    )
    return target if safe else ""


def owner_of(request: HttpRequest) -> User:
    """The signed-in account; the login-required middleware lets no one else reach a view."""
    user = request.user
    if not isinstance(user, User):  # pragma: no cover - guarded by LoginRequiredMiddleware
        raise PermissionError("Sign in first.")
    return user


def error_response(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """The one way an error reaches the user: the friendly page, or ``{"error", "status"}`` to a
    request that prefers JSON (the practice page's status poll), so a script can stop."""
    if request.get_preferred_type(["text/html", "application/json"]) == "application/json":
        return JsonResponse({"error": message, "status": status}, status=status)
    return render(request, "core/error.html", {"status": status, "message": message}, status=status)
