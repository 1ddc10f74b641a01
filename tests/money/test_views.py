"""The money pages: GET renders, POST answers 303 or, with errors, 400 and saves nothing."""

from __future__ import annotations

from decimal import Decimal

from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.test import Client

from nextround.interviews.models import Opportunity
from nextround.money import services
from nextround.money.models import Budget, MarketEntry, Offer
from tests.money.conftest import AMOUNTS


def _budget_post(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        **{k: str(v) for k, v in AMOUNTS.items()},
        "childcare": "0",
        "country": "us",
        "filing_status": "single",
        "state_local_rate": "5",
        "tax_class": "1",
        "children": "0",
        "margin_percent": "0",
        "margin_amount": "0",
    }
    data.update(changes)
    return data


def test_filling_the_budget_shows_the_walk_away_number(client: Client, user: User) -> None:
    assert "Fill in your budget" in client.get("/budget/").content.decode()
    response = client.post("/budget/", _budget_post())
    assert response.status_code == 303
    page = BeautifulSoup(client.get("/budget/").content, "html.parser")
    walk = page.select_one("[data-testid=walk-away]")
    assert walk is not None and "$63,995" in walk.get_text()
    derivation = page.select_one("[data-testid=derivation]")
    assert derivation is not None and "$50,400.23" in derivation.get_text()


def test_a_bad_budget_answers_400_and_saves_nothing(client: Client, user: User) -> None:
    response = client.post("/budget/", _budget_post(country="other"))
    assert response.status_code == 400
    assert "Give the effective tax rate" in response.content.decode()
    assert not Budget.objects.exists()


def test_money_page_adds_and_removes_a_range(
    client: Client, user: User, opportunity: Opportunity, budget: Budget
) -> None:
    url = f"/opportunities/{opportunity.pk}/money/"
    assert client.get(url).status_code == 200
    response = client.post(
        f"{url}ranges/",
        {"source": "Survey", "currency": "USD", "period": "year", "low": "90000", "high": "80000"},
    )
    assert response.status_code == 400 and not MarketEntry.objects.exists()
    response = client.post(
        f"{url}ranges/",
        {"source": "Survey", "currency": "USD", "period": "year", "median": "100000"},
    )
    assert response.status_code == 303
    body = client.get(url).content.decode()
    assert "median $100,000" in body and "$100,000</strong>: the market&#x27;s median" in body
    entry = MarketEntry.objects.get()
    assert client.post(f"/market/{entry.pk}/delete/").status_code == 303
    assert not MarketEntry.objects.exists()


def test_offers_page_shows_the_chart_and_flags(
    client: Client, user: User, opportunity: Opportunity, budget: Budget
) -> None:
    assert "No offers yet" in client.get("/offers/").content.decode()
    response = client.post(
        f"/opportunities/{opportunity.pk}/offers/new/",
        {
            "name": "Northwind",
            "status": "written",
            "currency": "USD",
            "base": "60000",
            "sign_on": "0",
            "match_percent": "0",
            "match_up_to": "0",
            "health_premium": "0",
            "commute_cost": "0",
            "equity_schedule": "yearly",
        },
    )
    assert response.status_code == 303
    page = BeautifulSoup(client.get("/offers/").content, "html.parser")
    assert page.select_one("[data-testid=offer-chart] svg") is not None
    flags = [f.get_text() for f in page.select("[data-testid=offer-flag]")]
    assert flags == ["Base $60,000 is below your walk-away number of $63,995."]


def test_someone_elses_offer_is_404(
    client: Client, other_user: User, opportunity: Opportunity
) -> None:
    theirs = Opportunity.objects.create(owner=other_user, company="X", role_title="Y")
    offer = services.offer_save(
        owner=other_user,
        opportunity=theirs,
        fields={"name": "X", "currency": "USD", "base": Decimal(1)},
    )
    assert client.get(f"/offers/{offer.pk}/edit/").status_code == 404
    assert client.post(f"/offers/{offer.pk}/delete/").status_code == 404
    assert client.get(f"/opportunities/{theirs.pk}/money/").status_code == 404
    assert Offer.objects.filter(pk=offer.pk).exists()


def test_wages_page_looks_up_or_says_how_to_install(client: Client, user: User) -> None:
    from nextround.pay import wages

    body = client.get(
        "/wages/", {"title": "registered nurse", "area": "Austin, TX"}
    ).content.decode()
    if wages.available():
        assert "Registered Nurses (29-1141)" in body and "BLS OEWS" in body
    else:
        assert "optional extra that is not installed" in body


def test_percents_show_as_written(client: Client, budget: Budget) -> None:
    """Stored with four decimals, a rate shows as the candidate typed it: 5, not 5.0000."""
    page = BeautifulSoup(client.get("/budget/").content, "html.parser")
    field = page.find("input", attrs={"name": "state_local_rate"})
    assert field is not None and field["value"] == "5"
    assert "5.0000" not in str(page)
