"""The money filter on a page, and the command line's note line: the same words for the same
note."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template

from nextround.cli.records import _note_line
from nextround.interviews.models import RoundNote

CASES = [
    (Decimal("98000"), Decimal("120000"), "USD", "$98,000–$120,000"),
    (Decimal("60000.50"), Decimal("65000"), "EUR", "€60,000.50–€65,000"),
    (Decimal("55000"), None, "GBP", "from £55,000"),
    (None, Decimal("105000"), "", "up to 105,000"),
    (Decimal("90000"), Decimal("105000"), "", "90,000–105,000"),
]


@pytest.mark.parametrize(("low", "high", "currency", "written"), CASES)
def test_the_page_and_the_command_line_agree(
    low: Decimal | None, high: Decimal | None, currency: str, written: str
) -> None:
    note = RoundNote(
        kind="number", text="Base pay", amount_low=low, amount_high=high, currency=currency
    )
    on_page = Template("{% load money %}{{ note|money }}").render(Context({"note": note}))
    assert on_page == written
    assert _note_line(note) == f"[Number discussed, {written}] Base pay"


def test_a_note_without_figures_writes_nothing() -> None:
    note = RoundNote(kind="number", text="They will send the range")
    assert Template("{% load money %}{{ note|money }}").render(Context({"note": note})) == ""
    assert _note_line(note) == "[Number discussed] They will send the range"
