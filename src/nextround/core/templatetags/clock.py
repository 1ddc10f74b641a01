"""``{% on_clock moment zone "D j M, H:i" %}``: a time on the round's own clock with its zone
named, and the user's own time beside it when their zone reads differently.

Django's ``date`` filter first converts an aware time to the server's zone, which is how a
Chicago round's prep item once showed as due at midnight; this tag never does.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, tzinfo
from functools import lru_cache
from html import escape

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.dateformat import time_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from nextround import timeutil

register = template.Library()


@register.simple_tag
def on_clock(moment: datetime, zone: str, fmt: str, *, full: bool = False) -> SafeString:
    """``full``: the zone by its whole name, "(America/Chicago)", where a page states a round's
    time once; otherwise its abbreviation, with the whole name on hover, for lists."""
    if not timeutil.in_range(moment):  # saved before dates were checked: no clock reads it
        return format_html(
            '<time datetime="{}">{}</time> <strong>({})</strong>',
            moment.isoformat(timespec="minutes"),
            moment.date().isoformat(),
            "this date is out of range; edit the round",
        )
    return _two_clocks_html(
        moment, zone, fmt, full=full, own=timezone.get_current_timezone(), language=get_language()
    )


# Pages show the same times again and again (the dashboard's rounds on every visit): each is
# drawn once per moment, zone, format, the user's zone and the language (of the month names).
# A moment's text depends on the instant only, not on the zone it arrives in.
# The text is escaped as Django's escape() does it (html.escape), without format_html's checks
# for lazy and safe values, which took half of the time of drawing a moment no page had shown.
@lru_cache(maxsize=4096)
def _two_clocks_html(
    moment: datetime, zone: str, fmt: str, *, full: bool, own: tzinfo, language: str | None
) -> SafeString:
    on_round, on_own = timeutil.two_clocks(moment, zone, own)
    when = (
        f'<time datetime="{escape(on_round.isoformat(timespec="minutes"))}">'
        f"{escape(_clock_text(on_round, fmt, language))}</time>"
    )
    if full:
        shown = f'{when} <span class="meta">({escape(zone)})</span>'
    else:
        letters = escape(date_format(on_round, "T"))
        shown = f'{when} <abbr title="{escape(zone)}">{letters}</abbr>'
    if on_own is not None:
        own_text = escape(_clock_text(on_own, fmt, language))
        shown += f' <span class="own-time">({own_text} your time)</span>'
    return mark_safe(shown)


# Django formats a time in about 25 µs, most of it spent asking whether the time is ambiguous
# in its zone, which only the zone's letters (T, O, e…) need; a plan of 26 items took 2 ms of
# the round page's first drawing. The formats of these pages ("D j M, H:i") use none of them,
# so their text follows from the day and the minute, each drawn by Django once.
_DAY_LETTERS = frozenset("dDjlLSwzWmMnNbFyYE")
_FORMAT_LETTER = re.compile(r"(?<!\\)[A-Za-z]")


def _clock_text(moment: datetime, fmt: str, language: str | None) -> str:
    day_fmt, comma, time_fmt = fmt.rpartition(", ")
    if not comma or time_fmt != "H:i" or not _is_day_format(day_fmt):
        return date_format(moment, fmt)
    return (
        f"{_day_text(moment.date(), day_fmt, language)}, {_minute_text(moment.hour, moment.minute)}"
    )


@lru_cache(maxsize=64)
def _is_day_format(fmt: str) -> bool:
    return all(letter in _DAY_LETTERS for letter in _FORMAT_LETTER.findall(fmt))


def day_text(day: date, fmt: str) -> str:
    """``day`` as Django's ``date`` filter draws it with a day-only ``fmt`` ("j M Y"), drawn
    once per day, format and language."""
    return _day_text(day, fmt, get_language())


@lru_cache(maxsize=4096)
def _day_text(day: date, fmt: str, language: str | None) -> str:
    return date_format(day, fmt)


@lru_cache(maxsize=1440)
def _minute_text(hour: int, minute: int) -> str:
    return time_format(time(hour, minute), "H:i")
