"""The on_clock tag: a time on the round's clock, never on the server's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.test import override_settings
from django.utils.dateformat import format as date_format

from nextround.core.templatetags import clock

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


def test_times_are_drawn_as_djangos_date_format_draws_them() -> None:
    """The day and the minute are drawn apart and kept (clock._clock_text); the text is
    Django's own for every format the pages use, across a year of moments in zones with and
    without summer time, the hours that repeat or are skipped when clocks change included."""
    formats = ("D j M, H:i", "D j M Y, H:i", "j M, H:i", "l j F, H:i", "l j F Y, H:i", "H:i")
    start = datetime(2026, 1, 1, tzinfo=UTC)
    moments = [start + timedelta(minutes=37 * step) for step in range(0, 14_300, 7)]
    # Every quarter hour of the days the four zones' clocks change in 2026.
    for day in ("03-08", "11-01", "03-29", "10-25", "04-05", "10-04"):
        changed = datetime.fromisoformat(f"2026-{day}T00:00+00:00") - timedelta(hours=12)
        moments += [changed + timedelta(minutes=15 * step) for step in range(4 * 36)]
    for zone in ("America/Chicago", "Europe/London", "Australia/Sydney", "Asia/Kolkata"):
        for moment in moments:
            local = moment.astimezone(ZoneInfo(zone))
            for fmt in formats:
                assert clock._clock_text(local, fmt, "en") == date_format(local, fmt)


def _with_format_html(moment: datetime, zone: str, fmt: str, full: bool, own: str) -> str:
    """The tag's text as Django's format_html escapes it, to compare the tag's own with."""
    from django.utils.html import format_html

    on_round = moment.astimezone(ZoneInfo(zone))
    on_own = moment.astimezone(ZoneInfo(own))
    when = format_html(
        '<time datetime="{}">{}</time>',
        on_round.isoformat(timespec="minutes"),
        date_format(on_round, fmt),
    )
    if full:
        shown = format_html('{} <span class="meta">({})</span>', when, zone)
    else:
        shown = format_html('{} <abbr title="{}">{}</abbr>', when, zone, date_format(on_round, "T"))
    if on_own.utcoffset() == on_round.utcoffset():
        return shown
    return format_html(
        '{} <span class="own-time">({} your time)</span>', shown, date_format(on_own, fmt)
    )


def test_the_text_is_escaped_as_format_html_escapes_it() -> None:
    """Through a year in zones with and without summer time, an abbreviation that is an offset
    ("+05"), the hour that comes twice in autumn, and a format the tag draws through Django's
    own (with the zone's letters)."""
    start = datetime(2026, 1, 1, 0, 17, tzinfo=UTC)
    moments = [start + timedelta(hours=7 * i + i % 3) for i in range(1300)]
    moments.append(datetime(2026, 11, 1, 6, 30, tzinfo=UTC))  # 01:30 in Chicago, the second time
    cases = [
        ("America/Chicago", "D j M, H:i", False, "Europe/Berlin"),
        ("Asia/Tashkent", "D j M, H:i", True, "America/Chicago"),
        ("Europe/London", "l j F Y, H:i", False, "Europe/London"),
        ("Australia/Lord_Howe", "D j M, H:i T", False, "Asia/Tokyo"),
    ]
    for zone, fmt, full, own in cases:
        with override_settings(TIME_ZONE=own):
            for moment in moments:
                drawn = clock.on_clock(moment, zone, fmt, full=full)
                assert drawn == _with_format_html(moment, zone, fmt, full, own), (moment, zone)
