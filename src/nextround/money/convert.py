"""The money app's records as the pure package's values: tax settings, a market, an offer.
Errors from ``pay`` name its fields; ``renamed`` gives them the names of the model's fields, so
a form shows each message beside its own input."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings

from nextround.errors import Invalid
from nextround.money.models import Budget, MarketEntry, Notice, Offer, OfferStatus, TaxCountry
from nextround.pay import offers as pay_offers
from nextround.pay.amounts import Period
from nextround.pay.needs import Market, market
from nextround.pay.tax import (
    DeSettings,
    FilingStatus,
    FlatSettings,
    Settings,
    UkSettings,
    UsSettings,
)

# pay's field names → the model's
FIELD_NAMES = {
    "state": "de_state",
    "health_additional_rate": "health_rate",
    "rate": "flat_rate",
    "currency": "flat_currency",
    "p25": "low",
    "p50": "median",
    "p75": "high",
    "bonus": "bonus_amount",
    "equity": "equity_value",
    "custom": "equity_custom",
}


def renamed(error: Invalid) -> Invalid:
    fields = {FIELD_NAMES.get(k, k): v for k, v in error.field_errors.items()}
    return Invalid(error.message, fields)


def notice_country(notice: Notice) -> tuple[str, str]:
    """The country and region whose holidays count: the notice's own, else the app's setting
    (``NEXTROUND_COUNTRY``), else the United States."""
    if notice.country:
        return notice.country, notice.region
    app = settings.APP
    return (app.country or "US"), (app.region if app.country else "")


def default_tax_country() -> str:
    """Where the pay is taxed unless the budget says: the app's country when it has tables."""
    return {"US": TaxCountry.US, "GB": TaxCountry.UK, "DE": TaxCountry.DE}.get(
        settings.APP.country, TaxCountry.OTHER if settings.APP.country else TaxCountry.US
    )


def tax_settings(budget: Budget) -> Settings:
    country = budget.country
    if country == TaxCountry.US:
        return UsSettings(
            filing_status=FilingStatus(budget.filing_status),
            state_local_rate=budget.state_local_rate,
        )
    if country == TaxCountry.UK:
        return UkSettings()
    if country == TaxCountry.DE:
        return DeSettings(
            tax_class=budget.tax_class,
            state=budget.de_state,
            church=budget.church,
            children=budget.children,
            under_23=budget.under_23,
            health_additional_rate=budget.health_rate,
        )
    if budget.flat_rate is None:
        message = "Give the effective tax rate for a country without tax tables."
        raise Invalid(message, {"flat_rate": [message]})
    return FlatSettings(rate=budget.flat_rate, currency=budget.flat_currency)


def entry_market(entry: MarketEntry) -> Market:
    """The entry's figures as a yearly market (low, median, high are the 25th, 50th, 75th)."""
    try:
        return market(
            p10=entry.p10,
            p25=entry.low,
            p50=entry.median,
            p75=entry.high,
            p90=entry.p90,
            period=Period(entry.period),
        )
    except Invalid as error:
        raise renamed(error) from None


def _equity(offer: Offer) -> pay_offers.Equity | None:
    if not offer.has_equity and offer.equity_unit_price is None:
        return None
    custom: tuple[Decimal, ...] = ()
    schedule = pay_offers.Schedule(offer.equity_schedule)
    if schedule is pay_offers.Schedule.CUSTOM:
        custom = parse_custom(offer.equity_custom)
    return pay_offers.Equity(
        value=offer.equity_value,
        units=offer.equity_units,
        unit_price=offer.equity_unit_price,
        schedule=schedule,
        custom=custom,
    )


def parse_custom(text: str) -> tuple[Decimal, ...]:
    """ "10, 20, 30, 40" (commas, spaces or slashes between) as percentages."""
    parts = [p for p in text.replace("/", " ").replace(",", " ").replace("%", " ").split() if p]
    try:
        values = tuple(Decimal(p) for p in parts)
    except ArithmeticError:
        values = ()
    if not values or any(not v.is_finite() for v in values):
        message = "Give one percentage per year, such as 10, 20, 30, 40."
        raise Invalid(message, {"equity_custom": [message]})
    return values


def pay_offer(offer: Offer) -> pay_offers.Offer:
    """The record as ``pay.offers.Offer``, checked (every year worked once)."""
    value = pay_offers.Offer(
        name=offer.name,
        base=offer.base,
        currency=offer.currency.upper(),
        bonus_percent=offer.bonus_percent,
        bonus_amount=offer.bonus_amount,
        sign_on=offer.sign_on,
        equity=_equity(offer),
        match_percent=offer.match_percent,
        match_up_to=offer.match_up_to,
        health_premium=offer.health_premium,
        commute_cost=offer.commute_cost,
        commute_minutes=offer.commute_minutes,
        pto_days=offer.pto_days,
        remote_days=offer.remote_days,
        start=offer.start,
        deadline=offer.deadline,
        status=pay_offers.Status(offer.status or OfferStatus.VERBAL),
    )
    try:
        pay_offers.yearly(value)
    except Invalid as error:
        raise renamed(error) from None
    return value
