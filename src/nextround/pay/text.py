"""Amounts of money written one way everywhere: the web pages and the command line both call
``amount_range``. Babel does the formatting from its own locale data (no network): the
currency's sign and where it goes, and the group separators. Whole amounts drop their cents."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import format_currency, format_decimal, is_currency

LOCALE = "en"  # the product speaks English; one place to change it


def _whole(amount: Decimal) -> bool:
    return amount == amount.to_integral_value()


# Babel takes about 0.2 ms an amount, and a round page shows the same few figures in many notes.
# Equal amounts are written alike whatever their exponent (98000 and 98000.00), so they may share
# an entry.
@lru_cache(maxsize=1024)
def amount_text(amount: Decimal, currency: str = "", *, locale: str = LOCALE) -> str:
    """One amount: ``$98,000``, ``€1,250.50``; without a known currency code, the bare number
    followed by whatever was written (``98,000 credits``)."""
    code = currency.strip().upper()
    if code and is_currency(code, locale):
        if _whole(amount):
            pattern = Locale.parse(locale).currency_formats["standard"].pattern.replace(".00", "")
            return format_currency(amount, code, pattern, locale=locale, currency_digits=False)
        return format_currency(amount, code, locale=locale)
    number = format_decimal(amount, "#,##0" if _whole(amount) else "#,##0.00", locale=locale)
    return f"{number} {currency.strip()}".rstrip()


def amount_range(
    low: Decimal | None, high: Decimal | None, currency: str = "", *, locale: str = LOCALE
) -> str:
    """A range as a note records it: both ends, only one of them, or nothing (``""``)."""
    if low is not None and high is not None:
        if low == high:
            return amount_text(low, currency, locale=locale)
        ends = (amount_text(end, currency, locale=locale) for end in (low, high))
        return "–".join(ends)
    if low is not None:
        return f"from {amount_text(low, currency, locale=locale)}"
    if high is not None:
        return f"up to {amount_text(high, currency, locale=locale)}"
    return ""
