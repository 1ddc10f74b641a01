"""What the interviews tests share with others."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.test import Client

from nextround.interviews.models import Opportunity


def _web_default_zone(opportunity: Opportunity) -> str:
    page = Client().get(f"/opportunities/{opportunity.pk}/rounds/new/")  # local mode signs in
    chosen = BeautifulSoup(page.content, "html.parser").select_one(
        "select#id_timezone option[selected]"
    )
    assert chosen is not None
    return str(chosen["value"])
