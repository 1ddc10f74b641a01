"""Dashboard, first-start welcome, sign-in and the friendly error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import timezone
from django.views.decorators.http import require_POST

from nextround import __version__, timeutil
from nextround.core.web import owner_of
from nextround.interviews import demo, selectors
from nextround.prep import selectors as prep_selectors


def dashboard(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    board = selectors.dashboard(owner=owner_of(request), now=now, today=timezone.localdate(now))
    if board.is_empty:
        return render(request, "core/welcome.html")
    countdown = timeutil.countdown(board.next_round.starts_at, now) if board.next_round else None
    plans = prep_selectors.upcoming_plans(rounds=board.upcoming, now=now)
    due = [(rp.round, row) for rp in plans for row in rp.due_today(now)]
    return render(
        request,
        "core/dashboard.html",
        {
            "board": board,
            "countdown": countdown,
            "next_ready": plans[0].readiness if plans else None,
            "later": [(rp.round, rp.readiness) for rp in plans[1:]],
            "due_today": sorted(due, key=lambda pair: pair[1].item.due_at),
        },
    )


@require_POST
def load_demo(request: HttpRequest) -> HttpResponse:
    opportunity, _created = demo.demo_load(owner=owner_of(request), now=timezone.now())
    return redirect("opportunity_detail", pk=opportunity.pk, permanent=False)


def _error(request: HttpRequest, status: int, message: str) -> HttpResponse:
    return render(request, "core/error.html", {"status": status, "message": message}, status=status)


@login_not_required
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, "The request could not be understood.")


@login_not_required
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, "You do not have access to this page.")


@login_not_required
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, "There is nothing at this address.")


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request: its context processors read the session and messages, which
    # may live in the very database that just failed.
    message = "Something went wrong on our side. Nothing you saved before was lost."
    body = loader.render_to_string(
        "core/error.html", {"status": 500, "message": message, "version": __version__}
    )
    return HttpResponse(body, status=500)
