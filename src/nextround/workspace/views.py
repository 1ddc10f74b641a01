"""The pages that gather every app: the dashboard (or the welcome page of an empty workspace),
the round page composed of the apps' cards, the demo, and export and import of everything."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from nextround import timeutil
from nextround.core.pagecache import cached_page
from nextround.core.web import owner_of, page, see_other, submit
from nextround.followup import board as followup_board
from nextround.followup import cards as followup_cards
from nextround.interviews import cards as interview_cards
from nextround.interviews import selectors
from nextround.money import cards as money_cards
from nextround.money import selectors as money_selectors
from nextround.prep import cards as prep_cards
from nextround.prep import selectors as prep_selectors
from nextround.research import jobs as research_jobs
from nextround.stories import cards as story_cards
from nextround.workspace import demo, services, transfer
from nextround.workspace.forms import DeleteAccountForm, ImportForm

# Each app's contribution to the round page, in the order the page reads; the template lays
# them out.
ROUND_CARDS = (
    interview_cards.round_card,
    prep_cards.round_card,
    story_cards.round_card,
    followup_cards.round_card,
    money_cards.round_card,
)


@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    research_jobs.queue_if_due(owner_of(request), timezone.now())  # the feeds' daily refresh
    return _dashboard_page(request)


@cached_page
def _dashboard_page(request: HttpRequest) -> HttpResponse:
    """The dashboard, kept while nothing on it changes: the page most often opened."""
    now = timezone.now()
    board = selectors.dashboard(owner=owner_of(request), now=now, today=timezone.localdate(now))
    if board.is_empty:
        return render(request, "workspace/welcome.html")
    countdown = timeutil.countdown(board.next_round.starts_at, now) if board.next_round else None
    plans = prep_selectors.upcoming_plans(rounds=board.upcoming, now=now)
    due = [(rp.round, row) for rp in plans for row in rp.due_today(now)]
    return render(
        request,
        "workspace/dashboard.html",
        {
            "board": board,
            "countdown": countdown,
            "next_ready": plans[0].readiness if plans else None,
            "later": [(rp.round, rp.readiness) for rp in plans[1:]],
            "due_today": sorted(due, key=lambda pair: pair[1].item.due_at),
            "after": followup_board.dashboard_followups(owner=owner_of(request), now=now),
            "deadlines": money_selectors.deadlines(
                owner=owner_of(request), today=timezone.localdate(now)
            ),
        },
    )


@require_POST
def load_demo(request: HttpRequest) -> HttpResponse:
    opportunity, _created = demo.demo_load(owner=owner_of(request), now=timezone.now())
    return redirect("opportunity_detail", pk=opportunity.pk, permanent=False)


@require_safe
@cached_page
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = selectors.round_page_get(owner=owner_of(request), pk=pk)
    carry = selectors.carry_forward(round_=round_)
    now = timezone.now()
    context: dict[str, object] = {"round": round_}
    for card in ROUND_CARDS:
        context.update(card(round_=round_, carry=carry, now=now))
    return render(request, "workspace/round_detail.html", context)


@require_safe
def workspace_export(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    document = transfer.workspace_export(owner=owner_of(request), now=now)
    response = HttpResponse(
        json.dumps(document, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="nextround-{now:%Y-%m-%d}.json"'
    return response


@require_http_methods(["GET", "POST"])
def workspace_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        report = submit(
            form,
            lambda: transfer.workspace_import(
                owner=owner_of(request),
                document=transfer.parse_document(form.cleaned_data["file"].read()),
            ),
        )
        if report:
            messages.success(request, report.summary())
            return see_other("opportunity_list")
    return page(request, "workspace/workspace_import.html", {"form": form}, form)


@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    """Delete the signed-in account and everything in it, after the user name is typed (and,
    for an account that signs in with one, the password)."""
    owner = owner_of(request)
    form = DeleteAccountForm(
        request.POST or None, user=owner, ask_password=owner.has_usable_password()
    )
    if request.method == "POST" and form.is_valid():
        services.account_delete(owner=owner)
        logout(request)
        messages.success(request, "The account and everything in it are deleted.")
        return see_other("dashboard")
    return page(request, "workspace/account_delete.html", {"form": form}, form)
