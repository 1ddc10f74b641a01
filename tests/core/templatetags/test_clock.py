"""The on_clock tag: a time on the round's clock, never on the server's."""

from __future__ import annotations

from datetime import UTC, datetime

from django.template import Context, Template
from django.test import override_settings

DUE = datetime(2026, 12, 9, 0, 0, tzinfo=UTC)  # Tuesday 18:00 in Chicago, Wednesday 09:00 in Tokyo


def _render(text: str, **context: object) -> str:
    return Template("{% load clock %}" + text).render(Context(context))


@override_settings(TIME_ZONE="Asia/Tokyo")
def test_a_time_is_on_the_rounds_clock_with_the_users_time_beside_it() -> None:
    html = _render('{% on_clock due "America/Chicago" "D j M, H:i" %}', due=DUE)
    assert '<time datetime="2026-12-08T18:00-06:00">Tue 8 Dec, 18:00</time>' in html
    assert '<abbr title="America/Chicago">CST</abbr>' in html
    assert "(Wed 9 Dec, 09:00 your time)" in html
    # What Django's date filter shows for the same value: the server's clock.
    assert _render('{{ due|date:"D j M, H:i" }}', due=DUE) == "Wed 9 Dec, 09:00"


@override_settings(TIME_ZONE="America/Chicago")
def test_the_users_time_is_left_out_when_it_is_the_rounds() -> None:
    html = _render('{% on_clock due "America/Chicago" "l j F, H:i" full=True %}', due=DUE)
    assert "Tuesday 8 December, 18:00</time>" in html
    assert '<span class="meta">(America/Chicago)</span>' in html
    assert "your time" not in html


@override_settings(TIME_ZONE="Asia/Tokyo")
def test_a_time_out_of_range_is_shown_as_its_date_with_a_warning() -> None:
    """Stored before dates were checked: no offset is applied (year 1 minus five hours has no
    calendar), and the page says the date needs editing."""
    for moment, day in (
        (datetime(1, 1, 1, 1, 0, tzinfo=UTC), "0001-01-01"),
        (datetime(9999, 12, 31, 23, 0, tzinfo=UTC), "9999-12-31"),
    ):
        html = _render('{% on_clock due "America/Chicago" "D j M, H:i" %}', due=moment)
        assert f">{day}</time>" in html
        assert "this date is out of range; edit the round" in html


def test_each_users_zone_gets_its_own_text_of_the_same_moment() -> None:
    """Times are drawn once and kept; the user's zone is part of what they are kept by."""
    tag = '{% on_clock due "America/Chicago" "D j M, H:i" %}'
    with override_settings(TIME_ZONE="Asia/Tokyo"):
        assert "(Wed 9 Dec, 09:00 your time)" in _render(tag, due=DUE)
    with override_settings(TIME_ZONE="Europe/Berlin"):
        assert "(Wed 9 Dec, 01:00 your time)" in _render(tag, due=DUE)
    with override_settings(TIME_ZONE="America/Chicago"):
        assert "your time" not in _render(tag, due=DUE)
    with override_settings(TIME_ZONE="Asia/Tokyo"):
        assert "(Wed 9 Dec, 09:00 your time)" in _render(tag, due=DUE)
