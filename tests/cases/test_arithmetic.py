from __future__ import annotations

import time

import pytest

from nextround.cases.arithmetic import calculations, evaluate, figure, number_value


@pytest.mark.parametrize(
    ("text", "stated", "computed", "right"),
    [
        ("So 2,000 x 30% = 600 homes.", 600, 600, True),
        ("Then 600 times 12 is 7,200 a year.", 7_200, 7_200, True),
        ("Then 600 times 12 is 7,000 a year.", 7_000, 7_200, False),
        ("30% of 2,000 is 600", 600, 600, True),
        ("7,200 divided by 12 comes to about 600", 600, 600, True),
        ("$1.5m / 500 = 3,000 each", 3_000, 3_000, True),
        ("10 + 5 x 2 = 20", 20, 20, True),  # times before plus
        ("100 - 30 - 20 = 60", 60, 50, False),  # left to right
        ("1,000 x 7% ≈ 71", 71, 70, True),  # within 2%
        ("1,000 x 7% = 75", 75, 70, False),
    ],
)
def test_each_stated_sum_is_recomputed(
    text: str, stated: float, computed: float, right: bool
) -> None:
    [calc] = calculations(text)
    assert calc.stated == stated
    assert calc.computed == pytest.approx(computed)
    assert calc.right is right
    assert text[calc.start : calc.end] == calc.text


def test_a_sum_goes_on_from_the_last_result() -> None:
    text = "500,000 / 2.3 = 217,391 households, x 1/3 = 72,000, and 20% of them is 14,400."
    first, second, third = calculations(text)
    assert first.right
    assert second.text == "x 1/3 = 72,000"
    assert second.computed == pytest.approx(217_391 / 3)
    assert second.right  # 72,464 against 72,000: within 2%
    assert third.computed == pytest.approx(14_400)


@pytest.mark.parametrize(
    "text",
    [
        "In 2019 we had 3 sites.",
        "A 2-3 day wait",
        "20% of them is 5",
        "three times four is 12",
        "5 / 0 = 3",  # no result to compare with
        "9" * 400 + " x 2 = 1",  # a figure past what a float holds
    ],
)
def test_no_sum_is_read_where_none_is_stated(text: str) -> None:
    assert calculations(text) == []


def test_numbers_and_figures() -> None:
    assert number_value("2,000") == 2000
    assert number_value("30%") == pytest.approx(0.3)
    assert number_value("£2.5bn") == 2.5e9
    assert number_value("4 million") == 4e6
    assert evaluate([6, 3, 2], ["/", "+"]) == 4
    assert figure(7200.0) == "7,200"
    assert figure(0.25) == "0.25"


@pytest.mark.parametrize("text", ["1 x " * 4999, "5% of " * 3999, "1," * 9999 + "1"])
def test_long_runs_without_a_result_are_read_quickly(text: str) -> None:
    started = time.perf_counter()
    assert calculations(text) == []
    assert time.perf_counter() - started < 5  # an unbounded chain took minutes
