"""Money pages: an opportunity's money (range, band, walk-away, target and ask, start date,
number notes, warnings, its offers' talking points), the budget with the notice period, the
offers side by side with the chart, an offer's form, and the US wage tables."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from nextround.core.web import owner_of, page, see_other, submit
from nextround.errors import Invalid
from nextround.interviews import selectors as interview_selectors
from nextround.interviews.models import Opportunity
from nextround.money import selectors, services
from nextround.money.forms import (
    BudgetForm,
    MarketEntryForm,
    NoticeForm,
    OfferForm,
    WagesForm,
)
from nextround.money.models import OfferStatus
from nextround.pay import wages as pay_wages


def _opportunity(request: HttpRequest, pk: int) -> Opportunity:
    return interview_selectors.opportunity_get(owner=owner_of(request), pk=pk)


# --- an opportunity's money ---------------------------------------------------------------------


def _money_page(
    request: HttpRequest, opportunity: Opportunity, entry_form: MarketEntryForm | None = None
) -> HttpResponse:
    today = timezone.localdate()
    view = selectors.money_view(opportunity=opportunity, today=today)
    entry_form = entry_form or MarketEntryForm(initial={"currency": view.market.currency})
    return page(
        request,
        "money/money.html",
        {
            "opportunity": opportunity,
            "view": view,
            "entry_form": entry_form,
            "wages_available": pay_wages.available(),
        },
        entry_form,
    )


@require_safe
def money(request: HttpRequest, pk: int) -> HttpResponse:
    return _money_page(request, _opportunity(request, pk))


@require_POST
def market_entry_add(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    form = MarketEntryForm(request.POST)
    if submit(
        form,
        lambda: services.market_entry_add(opportunity=opportunity, fields=form.cleaned_data),
    ):
        messages.success(request, "Range added.")
        return see_other(reverse("money", args=[opportunity.pk]) + "#market")
    return _money_page(request, opportunity, form)


@require_POST
def market_entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.entry_get(owner=owner_of(request), pk=pk)
    opportunity = entry.opportunity
    services.market_entry_delete(entry=entry)
    messages.success(request, f"The range from {entry.source} is removed.")
    return see_other(reverse("money", args=[opportunity.pk]) + "#market")


# --- the budget and the notice period -----------------------------------------------------------


def _budget_page(
    request: HttpRequest,
    budget_form: BudgetForm | None = None,
    notice_form: NoticeForm | None = None,
) -> HttpResponse:
    owner = owner_of(request)
    view = selectors.budget_view(owner=owner)
    notice = selectors.notice_view(owner=owner, today=timezone.localdate())
    budget_form = budget_form or BudgetForm(instance=view.budget)
    notice_form = notice_form or NoticeForm(
        instance=notice.notice, initial={"country": notice.country, "region": notice.region}
    )
    return page(
        request,
        "money/budget.html",
        {"view": view, "notice": notice, "form": budget_form, "notice_form": notice_form},
        budget_form,
        notice_form,
    )


@require_http_methods(["GET", "POST"])
def budget(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _budget_page(request)
    owner = owner_of(request)
    form = BudgetForm(request.POST, instance=selectors.budget_view(owner=owner).budget)
    if submit(form, lambda: services.budget_save(owner=owner, changes=form.cleaned_data)):
        messages.success(request, "Budget saved.")
        return see_other(reverse("budget") + "#walk-away")
    return _budget_page(request, budget_form=form)


@require_POST
def notice(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    current = selectors.notice_view(owner=owner, today=timezone.localdate()).notice
    form = NoticeForm(request.POST, instance=current)
    if submit(form, lambda: services.notice_save(owner=owner, changes=form.cleaned_data)):
        messages.success(request, "Notice period saved.")
        return see_other(reverse("budget") + "#notice")
    return _budget_page(request, notice_form=form)


# --- offers -------------------------------------------------------------------------------------


@require_safe
def offers(request: HttpRequest) -> HttpResponse:
    view = selectors.offers_view(owner=owner_of(request), today=timezone.localdate())
    return page(request, "money/offers.html", {"view": view})


def _offer_form_page(request: HttpRequest, form: OfferForm, title: str, back: str) -> HttpResponse:
    return page(
        request, "money/offer_form.html", {"form": form, "title": title, "back": back}, form
    )


@require_http_methods(["GET", "POST"])
def offer_create(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    form = OfferForm(
        request.POST or None,
        initial={"name": opportunity.company, "currency": _currency(request)},
    )
    if (
        request.method == "POST"
        and submit(
            form,
            lambda: services.offer_save(
                owner=opportunity.owner, opportunity=opportunity, fields=form.cleaned_data
            ),
        )
        is not None
    ):
        messages.success(request, "Offer saved.")
        return see_other("offers")
    back = reverse("money", args=[opportunity.pk])
    return _offer_form_page(request, form, f"An offer from {opportunity.company}", back)


def _currency(request: HttpRequest) -> str:
    return selectors.budget_view(owner=owner_of(request)).currency


@require_http_methods(["GET", "POST"])
def current_job(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    job = selectors.current_job(owner=owner)
    initial = None if job else {"name": "Current job", "currency": _currency(request)}
    form = OfferForm(request.POST or None, instance=job, initial=initial, current=True)
    if (
        request.method == "POST"
        and submit(
            form,
            lambda: services.offer_save(
                owner=owner, offer=job, fields={**form.cleaned_data, "status": OfferStatus.CURRENT}
            ),
        )
        is not None
    ):
        messages.success(request, "Your current job is saved as the baseline.")
        return see_other("offers")
    return _offer_form_page(request, form, "Your current job", reverse("offers"))


@require_http_methods(["GET", "POST"])
def offer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    offer = selectors.offer_get(owner=owner, pk=pk)
    form = OfferForm(request.POST or None, instance=offer, current=offer.is_current)
    if (
        request.method == "POST"
        and submit(
            form, lambda: services.offer_save(owner=owner, offer=offer, fields=form.cleaned_data)
        )
        is not None
    ):
        messages.success(request, "Offer saved.")
        return see_other("offers")
    return _offer_form_page(request, form, f"Edit: {offer.name}", reverse("offers"))


@require_POST
def offer_delete(request: HttpRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_get(owner=owner_of(request), pk=pk)
    services.offer_delete(offer=offer)
    messages.success(request, f"{offer.name} is removed.")
    return see_other("offers")


# --- the wage tables ----------------------------------------------------------------------------


@require_safe
def wages(request: HttpRequest) -> HttpResponse:
    """Search the BLS tables (the ``wages`` extra): occupations matching the title, and the
    percentiles of the first in the area."""
    available = pay_wages.available()
    form = WagesForm(request.GET or None)
    found: dict[str, object] = {}
    if available and request.GET and form.is_valid():
        try:
            occupations = pay_wages.search_occupations(form.cleaned_data["title"])
            if not occupations:
                form.add_error("title", "No occupation matches; try fewer or other words.")
            else:
                area = form.cleaned_data["area"] or "national"
                found = {
                    "occupations": occupations,
                    "wages": pay_wages.wages(occupations[0].soc, area),
                }
        except Invalid as error:
            form.add_error(None, error.message)
    return page(
        request,
        "money/wages.html",
        {"form": form, "available": available, "install": pay_wages.EXTRA, **found},
        form,
    )
