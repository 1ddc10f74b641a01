"""Fixtures of the money tests: a budget worked by hand, a signed-in client."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client

from nextround.money import services
from nextround.money.models import Budget

# A US budget, single, 5 % state and local tax. Without savings: 4,200 a month, 50,400 a year.
# Hand-worked at a gross of 63,995: standard deduction 16,100, taxable 47,895; federal tax
# 10 % of 12,400 = 1,240 and 12 % of 35,495 = 4,259.40; social security 6.2 % = 3,967.69;
# Medicare 1.45 % = 927.93 (927.9275); state 5 % = 3,199.75; charges 13,594.77, net
# 50,400.23 >= 50,400. At 63,994 the net is 50,399.46 (each unit of gross leaves 0.7735):
# short. So the walk-away number is 63,995.
AMOUNTS = {
    "housing": Decimal(2300),
    "utilities": Decimal(180),
    "food": Decimal(650),
    "transport": Decimal(250),
    "insurance": Decimal(220),
    "debt": Decimal(300),
    "savings": Decimal(600),
    "other": Decimal(300),
}
WALK_AWAY = Decimal(63_995)


@pytest.fixture
def budget(user: User) -> Budget:
    return services.budget_save(
        owner=user,
        changes={"country": "us", "state_local_rate": Decimal(5), **AMOUNTS},
    )


@pytest.fixture
def client(user: User) -> Client:
    signed_in = Client()  # REMOTE_ADDR 127.0.0.1: local mode signs the local user in
    signed_in.get("/")
    return signed_in
