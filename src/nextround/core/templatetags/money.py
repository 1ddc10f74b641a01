"""``{{ note|money }}``: a number note's range written by ``nextround.pay.text``, the same words
the command line prints."""

from __future__ import annotations

from typing import Protocol

from django import template

from nextround.pay.text import amount_range

register = template.Library()


class HasAmounts(Protocol):
    amount_low: object
    amount_high: object
    currency: str


@register.filter
def money(note: HasAmounts) -> str:
    return amount_range(note.amount_low, note.amount_high, note.currency)  # type: ignore[arg-type]
