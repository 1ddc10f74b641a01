"""The money section of the export: out and back into another account, the same records."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from nextround.errors import Invalid
from nextround.money import services
from nextround.money.models import Budget, MarketEntry, Notice, Offer
from nextround.workspace.demo import demo_load
from nextround.workspace.transfer import workspace_export, workspace_import

NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


def _money_of(document: dict[str, object]) -> object:
    opportunities = document["opportunities"]
    assert isinstance(opportunities, list)
    return (
        document.get("money"),
        [(o.get("market"), o.get("offers")) for o in opportunities],
    )


def test_round_trip_into_another_account(user: User, other_user: User) -> None:
    demo_load(owner=other_user, now=NOW)
    services.notice_save(owner=other_user, changes={"text": "3 months to the end of a month"})
    services.offer_save(
        owner=other_user,
        fields={
            "name": "Now",
            "status": "current",
            "currency": "USD",
            "base": Decimal(85_000),
            "pto_days": 25,
        },
    )
    document = workspace_export(owner=other_user, now=NOW)
    money = document["money"]
    assert money["budget"]["housing"] == "2300.00"
    assert money["current_job"]["base"] == "85000.00"
    assert document["opportunities"][0]["market"][0]["median"] == "104000.00"
    report = workspace_import(owner=user, document=document)
    assert (report.budgets, report.market_ranges, report.offers) == (1, 1, 1)
    again = workspace_export(owner=user, now=NOW)
    assert _money_of(again) == _money_of(document)
    assert Offer.objects.filter(owner=user).count() == 2
    assert Notice.objects.get(owner=user).text == "3 months to the end of a month"


def test_the_workspace_keeps_its_own_budget(user: User, other_user: User) -> None:
    demo_load(owner=other_user, now=NOW)
    document = workspace_export(owner=other_user, now=NOW)
    services.budget_save(owner=user, changes={"housing": Decimal(999)})
    report = workspace_import(owner=user, document=document)
    assert report.budgets == 0 and report.skipped >= 1
    assert Budget.objects.get(owner=user).housing == Decimal(999)


def test_a_bad_offer_in_the_file_saves_nothing(user: User, other_user: User) -> None:
    demo_load(owner=other_user, now=NOW)
    document = workspace_export(owner=other_user, now=NOW)
    document["opportunities"][0]["offers"][0]["bonus_amount"] = "500.00"  # with bonus_percent
    with pytest.raises(Invalid, match=r"opportunities\[0\]\.offers\[0\]"):
        workspace_import(owner=user, document=document)
    assert not MarketEntry.objects.filter(owner=user).exists()
    assert not Budget.objects.filter(owner=user).exists()
