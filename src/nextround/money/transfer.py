"""The money app's section of the workspace export: ``money`` at the top (the budget with its
tax settings, the notice period, the current job) and, in each opportunity, its ``market``
ranges and its ``offers`` (each key only when there is something to write).

Every field is written under the model's own name: amounts as text (``"98000.00"``), dates as
ISO dates. On import an absent or null field takes the model's default. A budget, notice period
or current job the workspace already has is kept and the file's skipped, never overwritten.
Each record is checked by the model's rules and then by ``nextround.pay``, as the forms are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

import msgspec
from django.contrib.auth.models import User
from django.db import models
from django.db.models import Prefetch

from nextround.core.transfer import (
    Amount,
    Day,
    Doc,
    Moment,
    Record,
    Tally,
    count_phrase,
    save_valid,
    stamps,
)
from nextround.errors import Invalid
from nextround.interviews.models import Opportunity, RoundNote
from nextround.interviews.transfer import OpportunityImport
from nextround.money import convert, services
from nextround.money.models import Budget, MarketEntry, Notice, Offer, OfferStatus

SKIP = {"id", "owner", "opportunity"}


def _fields(model: type[models.Model]) -> tuple[str, ...]:
    return tuple(
        f.name
        for f in model._meta.get_fields()
        if getattr(f, "concrete", False) and f.name not in SKIP and not f.many_to_many
    )


BUDGET_FIELDS = _fields(Budget)
NOTICE_FIELDS = _fields(Notice)
ENTRY_FIELDS = _fields(MarketEntry)
OFFER_FIELDS = _fields(Offer)


def _kind(model: type[models.Model], name: str) -> Any:
    field = model._meta.get_field(name)
    if isinstance(field, models.DecimalField):
        return Amount | None
    if isinstance(field, models.DateTimeField):
        return Moment | None
    if isinstance(field, models.DateField):
        return Day | None
    if isinstance(field, models.BooleanField):
        return bool | None
    if isinstance(field, models.IntegerField):
        return int | None
    return str | None


def _schema(model: type[models.Model], fields: Sequence[str]) -> type[Doc]:
    """A schema with every field optional, typed after the model's field."""
    specs = [(name, _kind(model, name), None) for name in fields]
    return cast(
        "type[Doc]",
        msgspec.defstruct(f"{model.__name__}Doc", specs, bases=(Doc,), kw_only=True),
    )


BudgetDoc = _schema(Budget, BUDGET_FIELDS)
NoticeDoc = _schema(Notice, NOTICE_FIELDS)
EntryDoc = _schema(MarketEntry, ENTRY_FIELDS)
OfferDoc = _schema(Offer, OFFER_FIELDS)


class Top(Doc):
    money: dict[str, Any] | None = None


class MoneyDoc(Doc):
    budget: dict[str, Any] | None = None
    notice: dict[str, Any] | None = None
    current_job: dict[str, Any] | None = None


class OpportunityMoney(Doc):
    market: list[dict[str, Any]] | None = None
    offers: list[dict[str, Any]] | None = None


# --- writing ------------------------------------------------------------------------------------


def _value(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _document(instance: models.Model, fields: Sequence[str]) -> dict[str, Any]:
    return {name: _value(getattr(instance, name)) for name in fields}


def money_export(*, owner: User) -> dict[str, Any]:
    """The ``money`` section, or nothing when the account has none of it."""
    budget = Budget.objects.filter(owner=owner).first()
    notice = Notice.objects.filter(owner=owner).first()
    current = Offer.objects.filter(owner=owner, status=OfferStatus.CURRENT).first()
    section = {
        "budget": _document(budget, BUDGET_FIELDS) if budget else None,
        "notice": _document(notice, NOTICE_FIELDS) if notice else None,
        "current_job": _document(current, OFFER_FIELDS) if current else None,
    }
    return {"money": section} if any(section.values()) else {}


def opportunity_prefetch() -> Sequence[Prefetch[Any]]:
    return (
        Prefetch("market_entries", queryset=MarketEntry.objects.order_by("created_at", "id")),
        Prefetch("offers", queryset=Offer.objects.order_by("created_at", "id")),
    )


def opportunity_export(opportunity: Opportunity) -> dict[str, Any]:
    entries = [_document(e, ENTRY_FIELDS) for e in opportunity.market_entries.all()]
    offers = [_document(o, OFFER_FIELDS) for o in opportunity.offers.all()]
    document: dict[str, Any] = {}
    if entries:
        document["market"] = entries
    if offers:
        document["offers"] = offers
    return document


# --- reading ------------------------------------------------------------------------------------


def _read(item: Record[Any], model: type[models.Model], fields: Sequence[str]) -> dict[str, Any]:
    """The record's values by field, read as the model's field wants them; absent ones out."""
    values: dict[str, Any] = {}
    for name in fields:
        if not item.has(name):
            continue
        field = model._meta.get_field(name)
        if isinstance(field, models.DecimalField):
            values[name] = item.amount(name)
        elif isinstance(field, models.DateTimeField):
            values.update(stamps(item, name))
        elif isinstance(field, models.DateField):
            values[name] = item.day(name)
        else:
            values[name] = getattr(item.doc, name)
    return values


def _checked(instance: models.Model, path: str, what: str, check: Any) -> None:
    """Saved by the model's rules, then refused (rolling the import back) unless ``pay``
    can work on it."""
    save_valid(instance, path=path, what=what)
    try:
        check(instance)
    except Invalid as error:
        raise Invalid(f"{path}: {error.message}") from None


def _offer(owner: User, opportunity: Opportunity | None, item: Record[Any]) -> Offer:
    offer = Offer(owner=owner, opportunity=opportunity, **_read(item, Offer, OFFER_FIELDS))
    offer.currency = offer.currency.upper()
    current = offer.status == OfferStatus.CURRENT
    if current != (opportunity is None):
        where = "at the top" if opportunity is None else "in an opportunity"
        raise item.error("status", f"the current job is written once, {where} it is not.")
    _checked(offer, item.path, "offer", convert.pay_offer)
    return offer


def money_import(*, owner: User, root: Record[Any], report: Tally) -> None:
    """The budget, the notice period and the current job, unless the workspace has its own."""
    top = root.view(Top)
    if not top.has("money"):
        return
    section = top.record("money", MoneyDoc)
    if section.has("budget"):
        if Budget.objects.filter(owner=owner).exists():
            report.skipped += 1
        else:
            item = section.record("budget", BudgetDoc)
            budget = Budget(owner=owner, **_read(item, Budget, BUDGET_FIELDS))
            _checked(budget, item.path, "budget", services.check_budget)
            report.add("budgets")
    if section.has("notice"):
        if Notice.objects.filter(owner=owner).exists():
            report.skipped += 1
        else:
            item = section.record("notice", NoticeDoc)
            notice = Notice(owner=owner, **_read(item, Notice, NOTICE_FIELDS))
            save_valid(notice, path=item.path, what="notice period")
    if section.has("current_job"):
        if Offer.objects.filter(owner=owner, status=OfferStatus.CURRENT).exists():
            report.skipped += 1
        else:
            _offer(owner, None, section.record("current_job", OfferDoc))


def opportunity_import(report: Tally) -> OpportunityImport:
    """Reads an opportunity's ``market`` and ``offers``, counting them in ``report``."""

    def read(
        opportunity: Opportunity, item: Record[Any], notes: Mapping[int, Sequence[RoundNote]]
    ) -> None:
        part = item.view(OpportunityMoney)
        for entry_item in part.records("market", EntryDoc):
            entry = MarketEntry(
                owner=opportunity.owner,
                opportunity=opportunity,
                **_read(entry_item, MarketEntry, ENTRY_FIELDS),
            )
            entry.currency = entry.currency.upper()
            _checked(entry, entry_item.path, "market range", convert.entry_market)
            report.add("market_ranges")
        for offer_item in part.records("offers", OfferDoc):
            _offer(opportunity.owner, opportunity, offer_item)
            report.add("offers")

    return read


def imported(report: Tally) -> list[str]:
    """The import summary's part for this section: what it brought, when it brought any."""
    counts = (
        (report.budgets, "budget", "budgets"),
        (report.market_ranges, "market range", "market ranges"),
        (report.offers, "offer", "offers"),
    )
    return [count_phrase(n, one, many) for n, one, many in counts if n]
