"""Writes of the money app: each checked by the model and by ``nextround.pay``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from nextround.errors import Invalid
from nextround.interviews.models import Opportunity, Round
from nextround.money import services
from nextround.money.models import Budget, MarketEntry, Notice, Offer
from tests.money.conftest import AMOUNTS


def test_budget_saves_once_per_account_and_keeps_what_is_not_named(user: User) -> None:
    services.budget_save(owner=user, changes={"housing": Decimal(1800), "country": "uk"})
    services.budget_set_amounts(owner=user, amounts={"food": Decimal(400)})
    budget = Budget.objects.get(owner=user)
    assert (budget.housing, budget.food, budget.country) == (Decimal(1800), Decimal(400), "uk")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"housing": Decimal(-1)}, "housing"),
        ({"country": "other"}, "flat_rate"),  # elsewhere needs an effective rate
        ({"country": "us", "state_local_rate": Decimal(30)}, "state_local_rate"),
        ({"country": "de", "tax_class": 2}, "children"),  # class 2 is for single parents
        ({"margin_percent": Decimal(5), "margin_amount": Decimal(1000)}, "margin_percent"),
    ],
)
def test_a_budget_pay_cannot_work_on_is_refused_and_nothing_saved(
    user: User, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(Invalid) as caught:
        services.budget_save(owner=user, changes=changes)
    assert field in caught.value.field_errors
    assert not Budget.objects.filter(owner=user).exists()


def test_unknown_category_is_refused(user: User) -> None:
    with pytest.raises(Invalid, match="Unknown budget category 'rent'"):
        services.budget_set_amounts(owner=user, amounts={"rent": Decimal(1)})


def test_notice_must_read_as_a_notice(user: User) -> None:
    services.notice_save(owner=user, changes={"text": "4 weeks", "country": "de", "region": "by"})
    notice = Notice.objects.get(owner=user)
    assert (notice.country, notice.region) == ("DE", "BY")
    with pytest.raises(Invalid) as caught:
        services.notice_save(owner=user, changes={"text": "when they let me go"})
    assert "text" in caught.value.field_errors
    assert Notice.objects.get(owner=user).text == "4 weeks"  # nothing saved is lost


def test_market_entry_needs_a_figure_in_order(opportunity: Opportunity) -> None:
    fields = {"source": "Survey", "currency": "usd", "period": "year"}
    with pytest.raises(Invalid):
        services.market_entry_add(opportunity=opportunity, fields=fields)
    with pytest.raises(Invalid) as caught:
        services.market_entry_add(
            opportunity=opportunity, fields={**fields, "low": Decimal(100), "high": Decimal(50)}
        )
    assert "high" in caught.value.field_errors
    entry = services.market_entry_add(
        opportunity=opportunity, fields={**fields, "median": Decimal(100_000)}
    )
    assert entry.currency == "USD"
    assert MarketEntry.objects.count() == 1


def test_offer_and_current_job(user: User, opportunity: Opportunity) -> None:
    offer = services.offer_save(
        owner=user,
        opportunity=opportunity,
        fields={"name": "", "status": "written", "currency": "usd", "base": Decimal(100_000)},
    )
    assert (offer.name, offer.currency) == ("Northwind Health", "USD")
    current = services.offer_save(
        owner=user,
        fields={"name": "Now", "status": "current", "currency": "USD", "base": Decimal(90_000)},
    )
    assert current.opportunity is None
    with pytest.raises(Invalid, match="current job already"):
        services.offer_save(
            owner=user,
            fields={"name": "Two", "status": "current", "currency": "USD", "base": Decimal(1)},
        )
    with pytest.raises(Invalid, match="for an opportunity"):
        services.offer_save(
            owner=user, fields={"name": "x", "status": "verbal", "currency": "USD", "base": 1}
        )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"bonus_percent": Decimal(10), "bonus_amount": Decimal(5000)}, "bonus_amount"),
        (
            {
                "equity_value": Decimal(40_000),
                "equity_schedule": "custom",
                "equity_custom": "50, 40",
            },
            "equity_custom",
        ),
        (
            {
                "equity_value": Decimal(1),
                "equity_units": Decimal(10),
                "equity_unit_price": Decimal(2),
            },
            "equity_value",
        ),
    ],
)
def test_an_offer_pay_cannot_work_out_is_refused(
    user: User, opportunity: Opportunity, fields: dict[str, object], field: str
) -> None:
    base = {"name": "A", "status": "verbal", "currency": "USD", "base": Decimal(100_000)}
    with pytest.raises(Invalid) as caught:
        services.offer_save(owner=user, opportunity=opportunity, fields={**base, **fields})
    assert field in caught.value.field_errors
    assert not Offer.objects.exists()


def test_offer_dates_keep_the_range(user: User, opportunity: Opportunity) -> None:
    with pytest.raises(Invalid):
        services.offer_save(
            owner=user,
            opportunity=opportunity,
            fields={"name": "A", "currency": "USD", "base": 1, "deadline": date(2200, 1, 1)},
        )


# --- the final round's plan ----------------------------------------------------------------


def _final_round_ahead(opportunity: Opportunity) -> Round:
    from datetime import datetime, timedelta

    from django.utils import timezone

    from nextround.interviews import services as interviews

    start = timezone.localtime(timezone.now()).replace(tzinfo=None) + timedelta(days=5)
    return interviews.round_create(
        opportunity=opportunity,
        number=3,
        is_final=True,
        starts=datetime(start.year, start.month, start.day, 10, 0),
        ends=datetime(start.year, start.month, start.day, 12, 0),
        timezone_name="America/Chicago",
    )


def test_the_money_pages_tick_the_final_rounds_money_items_with_their_figures(
    user: User, opportunity: Opportunity
) -> None:
    from nextround.prep.models import PlanProgress

    final = _final_round_ahead(opportunity)
    services.budget_save(
        owner=user, changes={"country": "us", "state_local_rate": Decimal(5), **AMOUNTS}
    )
    walk = PlanProgress.objects.get(round=final, key="budget-walk-away")
    assert (walk.status, walk.note) == ("done", "From your budget: walk-away $63,995 a year.")
    # Notice given Monday 7 December 2026, four weeks: ends Monday 4 January 2027, a working
    # day in the US, so the earliest start is the working day after, Tuesday 5 January.
    services.notice_save(
        owner=user, changes={"text": "4 weeks", "given_on": date(2026, 12, 7), "country": "US"}
    )
    start = PlanProgress.objects.get(round=final, key="notice-and-start")
    assert start.note == "From your notice period: earliest start Tuesday 5 January 2027."
    # A note the candidate wrote is kept; the figure in ours follows the budget.
    PlanProgress.objects.filter(pk=start.pk).update(note="Ask HR about the notice")
    services.budget_save(owner=user, changes={"housing": Decimal(2800)})
    walk.refresh_from_db()
    assert walk.note.startswith("From your budget: walk-away $") and "$63,995" not in walk.note
    start.refresh_from_db()
    assert start.note == "Ask HR about the notice"
