"""Writes of the money app: the budget sheet and its tax settings, the notice period, market
range entries and offers (the current job among them). Each is checked by the model's rules
and then by the pure package that will work on it, so what is saved can always be computed."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from itertools import groupby

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from nextround.core.services import claim, save_validated
from nextround.errors import Invalid
from nextround.interviews.models import ACTIVE_STAGES, Opportunity, Round
from nextround.money import convert, selectors
from nextround.money.models import Budget, MarketEntry, Notice, Offer, OfferStatus
from nextround.pay import budget as pay_budget
from nextround.pay import notice as pay_notice
from nextround.pay.tax import net_of
from nextround.pay.text import amount_text
from nextround.prep import services as prep

BUDGET_FIELDS = frozenset(
    f.name for f in Budget._meta.get_fields() if f.concrete and f.name not in ("id", "owner")
) - {"updated_at"}
NOTICE_FIELDS = frozenset({"text", "given_on", "holiday_left", "break_days", "country", "region"})
ENTRY_FIELDS = frozenset(
    {"source", "address", "on", "period", "currency", "p10", "low", "median", "high", "p90", "note"}
)
OFFER_FIELDS = frozenset(
    f.name
    for f in Offer._meta.get_fields()
    if f.concrete and f.name not in ("id", "owner", "opportunity", "created_at")
)


# The final round's plan items the money pages settle (playbook/data/checklist.toml).
WALK_AWAY_ITEM = "budget-walk-away"
START_ITEM = "notice-and-start"
RANGE_ITEM = "pay-range"


def _apply(instance: object, changes: Mapping[str, object], allowed: frozenset[str]) -> None:
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise Invalid(f"Unknown field {unknown[0]!r}.")
    for name, value in changes.items():
        setattr(instance, name, value.strip() if isinstance(value, str) else value)


def check_budget(budget: Budget) -> None:
    """The sheet and the tax settings as ``pay`` reads them, or Invalid naming the field."""
    try:
        pay_budget.budget(budget.amounts())
        net_of(0, convert.tax_settings(budget))
    except Invalid as error:
        raise convert.renamed(error) from None
    if budget.margin_percent and budget.margin_amount:
        message = "Give the margin as a percent or as an amount, not both."
        raise Invalid(message, {"margin_percent": [message], "margin_amount": []})
    if not 0 <= budget.margin_percent <= 100:
        message = "The margin must be between 0 % and 100 %."
        raise Invalid(message, {"margin_percent": [message]})


@transaction.atomic
def budget_save(
    *, owner: User, changes: Mapping[str, object], now: datetime | None = None
) -> Budget:
    """Save the budget sheet and tax settings; fields not named keep what they had."""
    budget = claim(
        Budget, unique={"owner": owner}, defaults={"country": convert.default_tax_country()}
    )
    _apply(budget, changes, BUDGET_FIELDS)
    budget.flat_currency = budget.flat_currency.upper()
    budget.updated_at = now or timezone.now()
    save_validated(budget, what="budget")
    check_budget(budget)  # raising rolls the save back
    plan_tick(owner=owner, now=now)
    return budget


def budget_set_amounts(*, owner: User, amounts: Mapping[str, Decimal]) -> Budget:
    """Set some of the monthly amounts by category key (``housing=1800``)."""
    try:
        pay_budget.budget(amounts)
    except Invalid as error:
        raise convert.renamed(error) from None
    return budget_save(owner=owner, changes=dict(amounts))


@transaction.atomic
def notice_save(
    *, owner: User, changes: Mapping[str, object], now: datetime | None = None
) -> Notice:
    """Save the notice period; it must read as a notice (``pay.notice.parse_notice``) and
    give a start date in the country chosen."""
    notice = claim(Notice, unique={"owner": owner}, defaults={"text": ""})
    _apply(notice, changes, NOTICE_FIELDS)
    notice.country = notice.country.upper()
    notice.region = notice.region.upper()
    notice.updated_at = now or timezone.now()
    save_validated(notice, what="notice period")
    country, region = convert.notice_country(notice)
    try:
        pay_notice.start_date(
            notice.text,
            country=country,
            subdivision=region or None,
            given_on=notice.given_on or timezone.localdate(now),
            holiday_left=notice.holiday_left,
            break_days=notice.break_days,
        )
    except Invalid as error:
        fields = {"notice": "text", "break": "break_days", "subdivision": "region"}
        raise Invalid(
            error.message, {fields.get(k, k): v for k, v in error.field_errors.items()}
        ) from None
    plan_tick(owner=owner, now=now)
    return notice


@transaction.atomic
def market_entry_add(
    *, opportunity: Opportunity, fields: Mapping[str, object], now: datetime | None = None
) -> MarketEntry:
    """A source's range for the opportunity's role."""
    entry = MarketEntry(owner=opportunity.owner, opportunity=opportunity)
    _apply(entry, fields, ENTRY_FIELDS)
    entry.currency = entry.currency.upper()
    if now is not None:
        entry.created_at = now
    save_validated(entry, what="market range")
    convert.entry_market(entry)
    plan_tick(owner=opportunity.owner, now=now)
    return entry


def market_entry_delete(*, entry: MarketEntry) -> None:
    entry.delete()


@transaction.atomic
def offer_save(
    *,
    owner: User,
    fields: Mapping[str, object],
    opportunity: Opportunity | None = None,
    offer: Offer | None = None,
    now: datetime | None = None,
) -> Offer:
    """A new offer for ``opportunity`` (or the current job, ``status`` current, with none),
    or changes to ``offer``. It must work out year by year in ``pay.offers``."""
    if offer is None:
        offer = Offer(owner=owner, opportunity=opportunity)
        if now is not None:
            offer.created_at = now
    _apply(offer, fields, OFFER_FIELDS)
    offer.currency = offer.currency.upper()
    if offer.status == OfferStatus.CURRENT:
        offer.opportunity = None
        if (
            Offer.objects.filter(owner=owner, status=OfferStatus.CURRENT)
            .exclude(pk=offer.pk)
            .exists()
        ):
            message = "You have a current job already; edit that one."
            raise Invalid(message, {"status": [message]})
    elif offer.opportunity_id is None:
        message = "An offer is for an opportunity; choose which."
        raise Invalid(message, {"status": [message]})
    if not offer.name and offer.opportunity is not None:
        offer.name = offer.opportunity.company
    save_validated(offer, what="offer")
    convert.pay_offer(offer)
    return offer


def offer_delete(*, offer: Offer) -> None:
    offer.delete()


# --- the plan ------------------------------------------------------------------------------


def plan_tick(*, owner: User, now: datetime | None = None) -> list[str]:
    """The money items of the plans of rounds ahead, ticked from the money pages with the
    figure in the note: the walk-away number from the budget, the earliest start date from the
    notice period, the market range of the round's opportunity. Returns what changed."""
    now = now or timezone.now()
    shared: dict[str, str] = {}
    budget = selectors.budget_view(owner=owner)
    if budget.walk is not None:
        walk = amount_text(budget.walk.amount, budget.currency)
        shared[WALK_AWAY_ITEM] = f"From your budget: walk-away {walk} a year."
    notice = selectors.notice_view(owner=owner, today=timezone.localdate(now))
    if notice.start is not None:
        day = notice.start.earliest_start
        shared[START_ITEM] = (
            f"From your notice period: earliest start {day:%A} {day.day} {day:%B %Y}."
        )
    ahead = Round.objects.filter(
        owner=owner, ends_at__gt=now, opportunity__stage__in=ACTIVE_STAGES
    ).order_by("opportunity_id", "number")
    sources = dict(
        MarketEntry.objects.filter(owner=owner)
        .values_list("opportunity_id")
        .annotate(count=Count("id"))
    )
    changed: list[str] = []
    for opportunity_id, rounds in groupby(ahead, key=lambda r: r.opportunity_id):
        reasons = dict(shared)
        count = sources.get(opportunity_id, 0)
        if count:
            reasons[RANGE_ITEM] = (
                f"From your market range: {count} source{'s' * (count != 1)} on the money page."
            )
        if reasons:
            changed += prep.plan_items_tick(rounds=list(rounds), reasons=reasons, now=now)
    return changed
