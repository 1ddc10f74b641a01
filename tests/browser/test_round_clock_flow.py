"""A server in Tokyo, a round in Chicago: the plan's due times read as `nextround plan` says, on
the round's clock, with the Tokyo time beside them."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from django.utils import timezone
from django.utils.dateformat import format as date_format
from playwright.sync_api import Page, expect

from nextround.interviews import services
from nextround.interviews.models import Opportunity
from nextround.interviews.selectors import carry_forward
from nextround.prep.selectors import round_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHICAGO = ZoneInfo("America/Chicago")


@override_settings(TIME_ZONE="Asia/Tokyo")
def test_due_times_are_on_the_rounds_clock_whatever_the_servers(
    page: Page, user: User, opportunity: Opportunity
) -> None:
    day = datetime.now(CHICAGO).date() + timedelta(days=6)
    round_ = services.round_create(
        opportunity=opportunity,
        starts=datetime.combine(day, time(9, 0)),
        ends=datetime.combine(day, time(10, 0)),
        timezone_name="America/Chicago",
    )
    rows = round_plan(carry=carry_forward(round_=round_), now=timezone.now()).before
    first = rows[0]
    on_round = date_format(first.due_local.astimezone(CHICAGO), "D j M, H:i")
    on_own = date_format(first.due_local.astimezone(ZoneInfo("Asia/Tokyo")), "D j M, H:i")

    page.goto(f"/rounds/{round_.pk}/")
    item = page.locator("#plan li.plan-item", has_text=first.item.title).first
    expect(item).to_contain_text(f"due {on_round} CST")
    expect(item).to_contain_text(f"({on_own} your time)")
    expect(page.locator("dd", has_text="09:00").first).to_contain_text("(America/Chicago)")
