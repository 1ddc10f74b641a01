"""Reads of the money app: the numbers worked through ``pay`` with figures checked by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from pytest_django import DjangoAssertNumQueries

from nextround.errors import NotFound
from nextround.interviews import services as interviews
from nextround.interviews.models import Opportunity, Round
from nextround.money import rounds as money_rounds
from nextround.money import selectors, services
from nextround.money.models import Budget
from nextround.pay.needs import WarningKind
from tests.money.conftest import WALK_AWAY

TODAY = date(2026, 12, 6)


def _range(opportunity: Opportunity, source: str, currency: str = "USD", **figures: int) -> None:
    services.market_entry_add(
        opportunity=opportunity,
        fields={
            "source": source,
            "currency": currency,
            "period": "year",
            **{k: Decimal(v) for k, v in figures.items()},
        },
    )


def test_budget_view_gives_the_walk_away_number_and_its_derivation(
    user: User, budget: Budget
) -> None:
    view = selectors.budget_view(owner=user)
    assert view.sheet.monthly_total == Decimal(4800)
    assert view.walk is not None
    assert view.walk.amount == WALK_AWAY
    assert view.walk.derivation.net_yearly == Decimal("50400.23")
    assert view.currency == "USD"


def test_an_empty_budget_explains_itself(user: User) -> None:
    view = selectors.budget_view(owner=user)
    assert view.walk is None and not view.saved
    assert "Fill in your budget" in view.problem


def test_money_view_combines_ranges_and_warns(
    user: User, budget: Budget, opportunity: Opportunity, rounds: list[Round]
) -> None:
    _range(opportunity, "Survey", low=90_000, median=100_000, high=120_000)
    _range(opportunity, "Recruiter", low=96_000, high=110_000)
    _range(opportunity, "Berlin survey", currency="EUR", median=70_000)
    interviews.note_create(
        round_=rounds[0], kind="number", text="They said 60k", amount_low=Decimal(60_000)
    )
    interviews.note_create(
        round_=rounds[0], kind="number", text="Or 5k a month", amount_low=Decimal(5_000)
    )
    services.offer_save(
        owner=user,
        opportunity=opportunity,
        fields={"name": "Northwind", "currency": "USD", "base": Decimal(92_000)},
    )
    view = selectors.money_view(opportunity=opportunity, today=TODAY)
    assert view.market.sources == ["Survey", "Recruiter"]  # the EUR one is left out
    assert [e.entry.source for e in view.market.left_out] == ["Berlin survey"]
    market = view.market.market
    assert market is not None
    assert (market.p25, market.p50, market.p75) == tuple(map(Decimal, (93_000, 100_000, 115_000)))
    assert view.numbers is not None
    assert view.numbers.walk_away == WALK_AWAY
    # No posting, so no needs: a thin case aims at the median and the 75th percentile.
    assert (view.numbers.target, view.numbers.ask) == (Decimal(100_000), Decimal(115_000))
    sixty, monthly = view.notes
    assert sixty.figure is not None and monthly.figure is not None
    assert [w.kind for w in sixty.figure.warnings] == [
        WarningKind.BELOW_WALK_AWAY,
        WarningKind.BELOW_MARKET,
    ]
    assert monthly.figure.read_as == "read as a month's pay"  # 60,000 a year
    offer = view.offers[0]
    assert [w.kind for w in offer.warnings] == [WarningKind.BELOW_MARKET]  # 92,000 < 93,000
    assert offer.talk is not None and offer.talk.points[0].topic == "base"
    assert len(view.warnings) == 5  # 2 + 2 on the notes, 1 on the offer


def test_offers_view_compares_against_the_current_job(
    user: User, budget: Budget, opportunity: Opportunity
) -> None:
    _range(opportunity, "Survey", low=90_000, median=100_000, high=120_000)
    for name, base in (("Low", 60_000), ("High", 110_000)):
        services.offer_save(
            owner=user,
            opportunity=opportunity,
            fields={"name": name, "currency": "USD", "base": Decimal(base)},
        )
    services.offer_save(
        owner=user,
        fields={"name": "Now", "status": "current", "currency": "USD", "base": Decimal(80_000)},
    )
    view = selectors.offers_view(owner=user, today=TODAY)
    assert view.comparison is not None
    names = [c.name for c in view.comparison.columns]
    assert names == ["Now", "Low", "High"]
    low = view.comparison.columns[1]
    assert low.below_walk_away and low.year_one_vs_baseline == Decimal(-20_000)
    assert view.comparison.walk_away == WALK_AWAY
    assert view.chart.startswith("<svg") and "Walk-away" in view.chart


def test_round_money_only_for_final_rounds_or_rounds_with_numbers(
    user: User, budget: Budget, rounds: list[Round]
) -> None:
    first, second = rounds
    assert money_rounds.round_money(round_=first, today=TODAY) is None
    second.is_final = True
    second.save()
    card = money_rounds.round_money(round_=second, today=TODAY)
    assert card is not None and card.numbers is not None
    assert card.numbers.walk_away == WALK_AWAY


def test_someone_elses_records_are_not_found(
    other_user: User, user: User, opportunity: Opportunity
) -> None:
    _range(opportunity, "Survey", median=100_000)
    offer = services.offer_save(
        owner=user, opportunity=opportunity, fields={"name": "A", "currency": "USD", "base": 1}
    )
    entry = opportunity.market_entries.get()
    with pytest.raises(NotFound):
        selectors.entry_get(owner=other_user, pk=entry.pk)
    with pytest.raises(NotFound):
        selectors.offer_get(owner=other_user, pk=offer.pk)


def test_offers_waiting_for_an_answer_are_reminded_soonest_first(
    user: User, opportunity: Opportunity
) -> None:
    from datetime import date

    def offer(name: str, deadline: date | None, status: str = "written") -> None:
        services.offer_save(
            owner=user,
            opportunity=opportunity,
            fields={"name": name, "currency": "USD", "base": 90_000, "deadline": deadline,
                    "status": status},
        )  # fmt: skip

    today = date(2026, 12, 6)
    offer("Later", date(2026, 12, 18))
    offer("Tomorrow", date(2026, 12, 7), status="verbal")
    offer("Long gone", date(2026, 11, 20))  # 16 days ago: no longer reminded
    offer("No date", None)
    found = selectors.deadlines(owner=user, today=today)
    assert [(d.offer.name, d.days_left) for d in found] == [("Tomorrow", 1), ("Later", 12)]
    assert found[0].text == "Answer by Monday 7 December 2026: tomorrow."


def test_money_view_reads_each_record_once(
    user: User,
    budget: Budget,
    opportunity: Opportunity,
    rounds: list[Round],
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    for round_ in rounds:
        interviews.note_create(round_=round_, kind="free", text="Not money")
        interviews.note_create(round_=round_, kind="number", text="60k", amount_low=Decimal(60_000))
    for name in ("First", "Second"):
        services.offer_save(
            owner=user,
            opportunity=opportunity,
            fields={"name": name, "currency": "USD", "base": Decimal(92_000)},
        )
    # The budget, the market, the stories, the notice, the number notes, the offers and the
    # strengths, however many rounds, notes and offers there are.
    with django_assert_num_queries(7):
        view = selectors.money_view(opportunity=opportunity, today=TODAY)
    assert [(n.round.number, n.note.text) for n in view.notes] == [(1, "60k"), (2, "60k")]
    assert [o.offer.name for o in view.offers] == ["First", "Second"]


def test_offers_view_without_offers_reads_only_the_budget_and_the_offers(
    user: User, budget: Budget, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    services.offer_save(
        owner=user,
        fields={"name": "Now", "status": "current", "currency": "USD", "base": Decimal(80_000)},
    )
    with django_assert_num_queries(2):  # no notice period or strengths to talk about
        view = selectors.offers_view(owner=user, today=TODAY)
    assert view.current is not None and view.current.name == "Now"
    assert view.problem == "No offers yet."
