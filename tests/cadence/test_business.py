"""Working days by hand: weekends, national and regional holidays, another country's weekend."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.cadence.business import (
    business_days_after,
    holiday_name,
    next_business_day,
    on_or_after,
    previous_business_day,
    working_day,
)
from nextround.errors import Invalid


def test_friday_moves_to_monday() -> None:
    assert date(2026, 11, 20).weekday() == 4
    assert next_business_day(date(2026, 11, 20), "US") == date(2026, 11, 23)


def test_saturday_and_sunday_move_to_monday() -> None:
    assert next_business_day(date(2026, 11, 21), "US") == date(2026, 11, 23)
    assert next_business_day(date(2026, 11, 22), "US") == date(2026, 11, 23)


def test_us_thanksgiving_is_skipped() -> None:
    thanksgiving = date(2026, 11, 26)
    assert thanksgiving.weekday() == 3
    assert not working_day(thanksgiving, "US")
    assert next_business_day(date(2026, 11, 25), "US") == date(2026, 11, 27)


def test_uk_early_may_bank_holiday_everywhere_in_the_uk() -> None:
    assert date(2026, 5, 4).weekday() == 0
    assert next_business_day(date(2026, 5, 1), "GB") == date(2026, 5, 5)


def test_uk_summer_bank_holiday_depends_on_the_nation() -> None:
    # The last Monday of August is a bank holiday in England, not in Scotland.
    friday = date(2026, 8, 28)
    assert next_business_day(friday, "GB", "ENG") == date(2026, 9, 1)
    assert next_business_day(friday, "GB", "SCT") == date(2026, 8, 31)


def test_german_regional_holiday_needs_the_subdivision() -> None:
    # Corpus Christi (Thursday 4 June 2026) is a holiday in Bavaria, not in Berlin.
    wednesday = date(2026, 6, 3)
    assert next_business_day(wednesday, "DE", "BY") == date(2026, 6, 5)
    assert next_business_day(wednesday, "DE", "BE") == date(2026, 6, 4)
    assert next_business_day(wednesday, "DE") == date(2026, 6, 4)


def test_codes_are_read_in_any_case() -> None:
    assert next_business_day(date(2026, 6, 3), " de ", "by") == date(2026, 6, 5)


def test_a_country_with_another_weekend() -> None:
    # Israel rests on Friday and Saturday: Thursday is followed by Sunday.
    thursday = date(2026, 1, 8)
    assert thursday.weekday() == 3
    assert next_business_day(thursday, "IL") == date(2026, 1, 11)


def test_on_or_after_keeps_a_working_day() -> None:
    assert on_or_after(date(2026, 11, 24), "US") == date(2026, 11, 24)
    assert on_or_after(date(2026, 11, 26), "US") == date(2026, 11, 27)


def test_business_days_after_counts_only_working_days() -> None:
    # Friday 20 Nov + 5 working days: 23, 24, 25, (26 Thanksgiving), 27, 30.
    assert business_days_after(date(2026, 11, 20), 5, "US") == date(2026, 11, 30)


def test_unknown_country_is_a_typed_error() -> None:
    with pytest.raises(Invalid) as caught:
        next_business_day(date(2026, 11, 20), "XX")
    assert "XX" in caught.value.message
    assert list(caught.value.field_errors) == ["country"]


def test_unknown_subdivision_is_a_typed_error() -> None:
    with pytest.raises(Invalid) as caught:
        working_day(date(2026, 11, 20), "DE", "ZZ")
    assert "BY" in caught.value.message  # the known regions are named
    assert list(caught.value.field_errors) == ["subdivision"]


def test_blank_subdivision_means_the_whole_country() -> None:
    assert next_business_day(date(2026, 6, 3), "DE", "  ") == date(2026, 6, 4)


def test_previous_business_day_steps_back_over_weekends_and_holidays() -> None:
    # Monday 30 Nov 2026 is St Andrew's Day in Scotland: before Tuesday 1 Dec comes Friday 27.
    assert previous_business_day(date(2026, 12, 1), "GB", "SCT") == date(2026, 11, 27)
    assert previous_business_day(date(2026, 12, 1), "GB", "ENG") == date(2026, 11, 30)
    # Before Monday 23 Nov 2026 (US): Friday 20.
    assert previous_business_day(date(2026, 11, 23), "US") == date(2026, 11, 20)


def test_holiday_name() -> None:
    assert holiday_name(date(2026, 11, 26), "US") == "Thanksgiving Day"
    assert holiday_name(date(2026, 6, 4), "DE", "BY") == "Corpus Christi"
    assert holiday_name(date(2026, 6, 4), "DE", "BE") is None
