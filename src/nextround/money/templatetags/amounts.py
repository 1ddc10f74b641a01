"""``{{ figure|amount:currency }}``: one amount written by ``nextround.pay.text`` (Babel), as
the command line writes it; ``{{ rate|percent }}`` a rate without trailing zeros."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django import template

from nextround.pay.text import amount_text

register = template.Library()


@register.filter
def amount(value: Decimal | int | None, currency: str = "") -> str:
    if value is None:
        return ""
    return amount_text(Decimal(value), currency or "")


@register.filter
def percent(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    return f"{Decimal(value).normalize():f} %"


@register.filter
def signed(value: Decimal | None, currency: str = "") -> str:
    """``+$4,000`` or ``−$4,000``: a difference."""
    if value is None:
        return ""
    sign = "−" if value < 0 else "+"
    return sign + amount_text(abs(Decimal(value)), currency or "")


@register.filter
def zip_pairs(first: Sequence[object], second: Sequence[object]) -> list[tuple[object, object]]:
    return list(zip(first, second, strict=True))
