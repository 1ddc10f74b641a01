"""Notice periods read from words, and start dates worked out by hand.

Every expected date below was counted on a printed calendar (2024–2028), with the public
holidays as the governments publish them: US federal holidays, England's and Scotland's bank
holidays (gov.uk), and the German Länder's holidays (Bavaria keeps Epiphany and Corpus Christi,
Berlin keeps International Women's Day on 8 March). Easter Sunday fell on 31 March 2024 and
falls on 5 April 2026.
"""

from __future__ import annotations

from datetime import date

import pytest

from nextround.errors import Invalid
from nextround.pay.notice import Boundary, NoticeRule, Unit, parse_notice, start_date

# (notice, country, region, given on, holiday left, break days,
#  notice ends, last working day, earliest start)
CASES = {
    # Thu 5 Nov 2026 + 28 days = Thu 3 Dec; the next working day is Fri 4 Dec.
    "weeks, plain": ("4 weeks", "US", None, date(2026, 11, 5), 0, 0,
                     date(2026, 12, 3), date(2026, 12, 3), date(2026, 12, 4)),
    # Thu 5 Nov + 21 days = Thu 26 Nov, Thanksgiving: the last working day is Wed 25; the day
    # after Thanksgiving is no federal holiday, so the start is Fri 27 Nov.
    "ends on thanksgiving": ("3 weeks", "US", None, date(2026, 11, 5), 0, 0,
                             date(2026, 11, 26), date(2026, 11, 25), date(2026, 11, 27)),
    # Given on Saturday 31 Jan 2026; one month on is 28 Feb (no 31st, 2026 is no leap year), a
    # Saturday: last working day Fri 27 Feb, start Mon 2 Mar.
    "month from 31 January, given on a weekend": (
        "one month", "GB", "ENG", date(2026, 1, 31), 0, 0,
        date(2026, 2, 28), date(2026, 2, 27), date(2026, 3, 2)),
    # Mon 31 Jan 2028 + 1 month = Tue 29 Feb 2028 (a leap year); start Wed 1 Mar.
    "month into a leap February": ("1 month", "DE", None, date(2028, 1, 31), 0, 0,
                                   date(2028, 2, 29), date(2028, 2, 29), date(2028, 3, 1)),
    # Thu 29 Feb 2024 + 1 month = Fri 29 Mar 2024, Good Friday: last working day Thu 28 Mar.
    # England also rests on Easter Monday 1 April, so the start is Tue 2 April …
    "month over Easter, England": ("1 month", "GB", "ENG", date(2024, 2, 29), 0, 0,
                                   date(2024, 3, 29), date(2024, 3, 28), date(2024, 4, 2)),
    # … Scotland works on Easter Monday: start Mon 1 April.
    "month over Easter, Scotland": ("1 month", "GB", "SCT", date(2024, 2, 29), 0, 0,
                                    date(2024, 3, 29), date(2024, 3, 28), date(2024, 4, 1)),
    # Wed 30 Sep 2026 + 3 months = Wed 30 Dec, moved to the month's end, Thu 31 Dec. Fri 1 Jan
    # is New Year's Day, then the weekend: start Mon 4 Jan 2027.
    "three months to a month end": (
        "3 months to the end of a month", "DE", "BY", date(2026, 9, 30), 0, 0,
        date(2026, 12, 31), date(2026, 12, 31), date(2027, 1, 4)),
    # The same with a 5-day break: free until Tue 5 Jan; Wed 6 Jan is Epiphany in Bavaria, so
    # the start is Thu 7 Jan …
    "break into Epiphany, Bavaria": (
        "3 months to the end of a month", "DE", "BY", date(2026, 9, 30), 0, 5,
        date(2026, 12, 31), date(2026, 12, 31), date(2027, 1, 7)),
    # … Berlin works on 6 January: start Wed 6 Jan.
    "break into Epiphany, Berlin": (
        "3 months to the end of a month", "DE", "BE", date(2026, 9, 30), 0, 5,
        date(2026, 12, 31), date(2026, 12, 31), date(2027, 1, 6)),
    # Thu 1 Oct 2026 + 3 months = Fri 1 Jan 2027, moved to Sun 31 Jan: last working day Fri 29
    # Jan, start Mon 1 Feb.
    "month end on a Sunday": (
        "3 months to the end of a month", "DE", None, date(2026, 10, 1), 0, 0,
        date(2027, 1, 31), date(2027, 1, 29), date(2027, 2, 1)),
    # Mon 30 Nov 2026 + 3 months = 28 Feb 2027 (clamped), already a month end, a Sunday: last
    # working day Fri 26 Feb, start Mon 1 Mar.
    "clamped to a month end": (
        "3 months to the end of a month", "DE", None, date(2026, 11, 30), 0, 0,
        date(2027, 2, 28), date(2027, 2, 26), date(2027, 3, 1)),
    # "End of the month" given Mon 2 Nov 2026 ends Mon 30 Nov, St Andrew's Day in Scotland: the
    # last working day is Fri 27 Nov; start Tue 1 Dec …
    "end of month on St Andrew's Day, Scotland": (
        "end of the month", "GB", "SCT", date(2026, 11, 2), 0, 0,
        date(2026, 11, 30), date(2026, 11, 27), date(2026, 12, 1)),
    # … England works on 30 November.
    "end of month, England": ("end of the month", "GB", "ENG", date(2026, 11, 2), 0, 0,
                              date(2026, 11, 30), date(2026, 11, 30), date(2026, 12, 1)),
    # Given on Fri 30 Oct 2026: the first month end after it is Sat 31 Oct (no holiday in
    # Berlin); last working day Fri 30 Oct; Sun 1 Nov, so start Mon 2 Nov.
    "end of month the next day": ("month end", "DE", "BE", date(2026, 10, 30), 0, 0,
                                  date(2026, 10, 31), date(2026, 10, 30), date(2026, 11, 2)),
    # Given on the month's last day, Sat 31 Jan 2026: the next month end, Sat 28 Feb.
    "end of month given on its last day": (
        "end of month", "US", None, date(2026, 1, 31), 0, 0,
        date(2026, 2, 28), date(2026, 2, 27), date(2026, 3, 2)),
    # Wed 16 Dec 2026: the quarter ends Thu 31 Dec; Fri 1 Jan is New Year's Day: Mon 4 Jan.
    "end of the quarter": ("end of the quarter", "US", None, date(2026, 12, 16), 0, 0,
                           date(2026, 12, 31), date(2026, 12, 31), date(2027, 1, 4)),
    # Thu 19 Feb 2026 + 6 weeks = Thu 2 Apr, after 31 March: the quarter ends Tue 30 Jun.
    "six weeks to a quarter, next quarter": (
        "6 weeks to the end of a quarter", "DE", "BE", date(2026, 2, 19), 0, 0,
        date(2026, 6, 30), date(2026, 6, 30), date(2026, 7, 1)),
    # Thu 12 Feb 2026 + 6 weeks = Thu 26 Mar: the quarter ends Tue 31 Mar; start Wed 1 Apr.
    "six weeks to a quarter, this quarter": (
        "6 weeks to the end of a quarter", "DE", "BE", date(2026, 2, 12), 0, 0,
        date(2026, 3, 31), date(2026, 3, 31), date(2026, 4, 1)),
    # Given Thu 5 Nov 2026, counted from Mon 9 Nov: two weeks are 9–22 Nov, ending Sunday 22;
    # last working day Fri 20 Nov; start Mon 23 Nov.
    "weeks from Monday": ("2 weeks from Monday", "US", None, date(2026, 11, 5), 0, 0,
                          date(2026, 11, 22), date(2026, 11, 20), date(2026, 11, 23)),
    # Given on Monday 9 Nov: "from Monday" is the next one, 16 Nov; ends Sun 29 Nov; Fri 27
    # Nov is a working day; start Mon 30 Nov.
    "weeks from Monday given on a Monday": (
        "two weeks from monday", "US", None, date(2026, 11, 9), 0, 0,
        date(2026, 11, 29), date(2026, 11, 27), date(2026, 11, 30)),
    # Given Sun 27 Dec 2026, from Mon 28 Dec: four weeks end Sun 24 Jan 2027; last working
    # day Fri 22 Jan; start Mon 25 Jan.
    "weeks from Monday across the year end": (
        "4 weeks from Monday", "US", None, date(2026, 12, 27), 0, 0,
        date(2027, 1, 24), date(2027, 1, 22), date(2027, 1, 25)),
    # Sun 1 Nov 2026 + 30 days = Tue 1 Dec; start Wed 2 Dec.
    "days given on a Sunday": ("30 days", "US", None, date(2026, 11, 1), 0, 0,
                               date(2026, 12, 1), date(2026, 12, 1), date(2026, 12, 2)),
    # Tue 1 Dec 2026 + 30 days = Thu 31 Dec; New Year's Day and a weekend: Mon 4 Jan.
    "days to the year end": ("30 days", "US", None, date(2026, 12, 1), 0, 0,
                             date(2026, 12, 31), date(2026, 12, 31), date(2027, 1, 4)),
    # Immediately on Thu 24 Dec 2026 in England: Christmas Day (Fri), the weekend, and Boxing
    # Day moved to Mon 28 Dec: start Tue 29 Dec.
    "immediately before Christmas": ("immediately", "GB", "ENG", date(2026, 12, 24), 0, 0,
                                     date(2026, 12, 24), date(2026, 12, 24), date(2026, 12, 29)),
    # Immediately on Sat 14 Nov 2026: the last working day was Fri 13; start Mon 16 Nov.
    "immediately on a Saturday": ("with immediate effect", "US", None, date(2026, 11, 14), 0, 0,
                                  date(2026, 11, 14), date(2026, 11, 13), date(2026, 11, 16)),
    # Ends Thu 3 Dec; 3 days of holiday are Thu 3, Wed 2, Tue 1 Dec: last day at work Mon 30
    # Nov; the start does not move: Fri 4 Dec.
    "holiday left": ("4 weeks", "US", None, date(2026, 11, 5), 3, 0,
                     date(2026, 12, 3), date(2026, 11, 30), date(2026, 12, 4)),
    # Ends on Thanksgiving (Thu 26); holiday on Wed 25, Tue 24, Mon 23: last day Fri 20 Nov.
    "holiday left before Thanksgiving": (
        "3 weeks", "US", None, date(2026, 11, 5), 3, 0,
        date(2026, 11, 26), date(2026, 11, 20), date(2026, 11, 27)),
    # One week from Mon 2 Nov ends Mon 9 Nov; the notice has 5 working days after the notice
    # day (3, 4, 5, 6, 9 Nov), all taken: the last day at work is Mon 2 Nov; start Tue 10 Nov.
    "more holiday than notice": ("1 week", "US", None, date(2026, 11, 2), 8, 0,
                                 date(2026, 11, 9), date(2026, 11, 2), date(2026, 11, 10)),
    # Ends Thu 3 Dec, two weeks' break to Thu 17 Dec: start Fri 18 Dec.
    "break of two weeks": ("4 weeks", "US", None, date(2026, 11, 5), 0, 14,
                           date(2026, 12, 3), date(2026, 12, 3), date(2026, 12, 18)),
    # Mon 16 Nov 2026 + 1 month = Wed 16 Dec; 8 days' break to Thu 24 Dec; Christmas, the
    # weekend and Boxing Day (Mon 28) in England: start Tue 29 Dec.
    "break into Christmas": ("1 month", "GB", "ENG", date(2026, 11, 16), 0, 8,
                             date(2026, 12, 16), date(2026, 12, 16), date(2026, 12, 29)),
    # "End of the year" from Tue 1 Dec 2026: Thu 31 Dec. Scotland rests on 1 January and on
    # Mon 4 Jan (for 2 January, a Saturday): start Tue 5 Jan …
    "year end, Scotland": ("end of the year", "GB", "SCT", date(2026, 12, 1), 0, 0,
                           date(2026, 12, 31), date(2026, 12, 31), date(2027, 1, 5)),
    # … England only on 1 January: start Mon 4 Jan.
    "year end, England": ("end of the year", "GB", "ENG", date(2026, 12, 1), 0, 0,
                          date(2026, 12, 31), date(2026, 12, 31), date(2027, 1, 4)),
    # Ten working days after Mon 1 Jun 2026 in Bavaria skip Corpus Christi (Thu 4 Jun): 2, 3,
    # 5, 8, 9, 10, 11, 12, 15, 16 → Tue 16 Jun; start Wed 17 Jun …
    "working days, Bavaria": ("10 working days", "DE", "BY", date(2026, 6, 1), 0, 0,
                              date(2026, 6, 16), date(2026, 6, 16), date(2026, 6, 17)),
    # … in Berlin 4 June is a working day: 2, 3, 4, 5, 8, 9, 10, 11, 12, 15 → Mon 15 Jun.
    "working days, Berlin": ("10 working days", "DE", "BE", date(2026, 6, 1), 0, 0,
                             date(2026, 6, 15), date(2026, 6, 15), date(2026, 6, 16)),
    # Fri 5 Dec 2026 + 3 months = Fri 5 Mar 2027; 2 days' break to Sun 7 Mar; Mon 8 Mar is
    # Women's Day in Berlin: start Tue 9 Mar …
    "Women's Day, Berlin": ("3 months", "DE", "BE", date(2026, 12, 5), 0, 2,
                            date(2027, 3, 5), date(2027, 3, 5), date(2027, 3, 9)),
    # … not in Bavaria: Mon 8 Mar.
    "Women's Day, Bavaria": ("3 months", "DE", "BY", date(2026, 12, 5), 0, 2,
                             date(2027, 3, 5), date(2027, 3, 5), date(2027, 3, 8)),
    # Thu 31 Dec 2026 + 1 month = Sun 31 Jan 2027: last working day Fri 29 Jan; start Mon 1 Feb.
    "month from New Year's Eve": ("a month's notice", "US", None, date(2026, 12, 31), 0, 0,
                                  date(2027, 1, 31), date(2027, 1, 29), date(2027, 2, 1)),
    # Tue 30 Nov 2027 + 3 months = 29 Feb 2028 (leap year, no 30th): Tuesday; start Wed 1 Mar.
    "months into a leap day": ("3 months", "US", None, date(2027, 11, 30), 0, 0,
                               date(2028, 2, 29), date(2028, 2, 29), date(2028, 3, 1)),
    # Fri 18 Dec 2026 + 2 weeks = Fri 1 Jan 2027, New Year's Day: last working day Thu 31 Dec;
    # start Mon 4 Jan.
    "ends on New Year's Day": ("2 weeks", "US", None, date(2026, 12, 18), 0, 0,
                               date(2027, 1, 1), date(2026, 12, 31), date(2027, 1, 4)),
    # Mon 20 Jul 2026 + 6 weeks = Mon 31 Aug, England's summer bank holiday: last working day
    # Fri 28 Aug; start Tue 1 Sep …
    "summer bank holiday, England": ("6 weeks", "GB", "ENG", date(2026, 7, 20), 0, 0,
                                     date(2026, 8, 31), date(2026, 8, 28), date(2026, 9, 1)),
    # … Scotland works on 31 August.
    "summer bank holiday, Scotland": ("6 weeks", "GB", "SCT", date(2026, 7, 20), 0, 0,
                                      date(2026, 8, 31), date(2026, 8, 31), date(2026, 9, 1)),
    # Given Sat 7 Nov 2026: four weeks end Sat 5 Dec; last working day Fri 4 Dec; Mon 7 Dec.
    "four weeks' notice given on a Saturday": (
        "Four weeks' notice", "US", None, date(2026, 11, 7), 0, 0,
        date(2026, 12, 5), date(2026, 12, 4), date(2026, 12, 7)),
}  # fmt: skip


def test_there_are_at_least_thirty_cases() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_start_dates_worked_by_hand(
    case: tuple[str, str, str | None, date, int, int, date, date, date],
) -> None:
    notice, country, region, given, holiday, pause, ends, last, start = case
    result = start_date(
        notice,
        country=country,
        subdivision=region,
        given_on=given,
        holiday_left=holiday,
        break_days=pause,
    )
    assert (result.notice_ends, result.last_working_day, result.earliest_start) == (
        ends,
        last,
        start,
    )


def test_weeks_of_break_count_seven_days() -> None:
    # Same as "break of two weeks": Thu 3 Dec + 14 days = Thu 17 Dec; start Fri 18 Dec.
    result = start_date("4 weeks", country="US", given_on=date(2026, 11, 5), break_weeks=2)
    assert result.break_days == 14
    assert result.earliest_start == date(2026, 12, 18)


def test_the_derivation_reads_step_by_step() -> None:
    result = start_date(
        "3 months to the end of a month",
        country="DE",
        subdivision="BY",
        given_on=date(2026, 9, 30),
        holiday_left=2,
        break_days=5,
    )
    assert result.lines == (
        "Notice given on Wednesday 30 September 2026: 3 months to the end of a month.",
        "3 months after that is Wednesday 30 December 2026.",
        "Moved to the end of the month: Thursday 31 December 2026.",
        "The notice ends on Thursday 31 December 2026.",
        # Thu 31 and Wed 30 Dec taken as holiday.
        "2 days of holiday taken at the end of the notice (Wednesday 30 December 2026 to "
        "Thursday 31 December 2026): the last day at work is Tuesday 29 December 2026.",
        "A break of 5 days after that: until Tuesday 5 January 2027.",
        "Earliest start: Thursday 7 January 2027, the first working day after Tuesday 5 "
        "January 2027.",
        "Skipped: Wednesday 6 January 2027 is Epiphany.",
    )


def test_leftover_holiday_is_named() -> None:
    result = start_date("1 week", country="US", given_on=date(2026, 11, 2), holiday_left=8)
    assert "3 days of holiday more than the notice has working days" in " ".join(result.lines)


def test_today_is_the_default_notice_day() -> None:
    result = start_date("immediately", country="US")
    assert result.given_on == date.today()


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("4 weeks", NoticeRule(amount=4, unit=Unit.WEEK)),
        ("One Month", NoticeRule(amount=1, unit=Unit.MONTH)),
        ("a month's notice", NoticeRule(amount=1, unit=Unit.MONTH)),
        ("4 weeks’ notice.", NoticeRule(amount=4, unit=Unit.WEEK)),
        ("Notice period: 30 days", NoticeRule(amount=30, unit=Unit.DAY)),
        ("10 business days", NoticeRule(amount=10, unit=Unit.WORKING_DAY)),
        ("1 year", NoticeRule(amount=1, unit=Unit.YEAR)),
        (
            "3 months to the end of a month",
            NoticeRule(amount=3, unit=Unit.MONTH, to_end_of=Boundary.MONTH),
        ),
        (
            "3 months to month-end",
            NoticeRule(amount=3, unit=Unit.MONTH, to_end_of=Boundary.MONTH),
        ),
        (
            "six weeks to the end of a quarter",
            NoticeRule(amount=6, unit=Unit.WEEK, to_end_of=Boundary.QUARTER),
        ),
        ("end of the quarter", NoticeRule(amount=0, to_end_of=Boundary.QUARTER)),
        ("2 weeks from Monday", NoticeRule(amount=2, unit=Unit.WEEK, from_weekday=0)),
        ("2 weeks starting Fri", NoticeRule(amount=2, unit=Unit.WEEK, from_weekday=4)),
        ("immediately", NoticeRule(amount=0)),
        ("None", NoticeRule(amount=0)),
    ],
)
def test_parse(text: str, rule: NoticeRule) -> None:
    assert parse_notice(text) == rule


@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("four weeks", "4 weeks"),
        ("3 months to month end", "3 months to the end of a month"),
        ("end of quarter", "end of the quarter"),
        ("2 weeks from monday", "2 weeks from Monday"),
        ("immediate", "immediately"),
        ("1 working day", "1 working day"),
    ],
)
def test_describe(text: str, description: str) -> None:
    assert parse_notice(text).describe() == description


@pytest.mark.parametrize(
    "text",
    ["", "soon", "3 Monate", "2 weeks from Blursday", "many weeks", "5 fortnights", "3.5 weeks"],
)
def test_unreadable_notice_names_what_works(text: str) -> None:
    with pytest.raises(Invalid) as caught:
        parse_notice(text)
    assert '"3 months to the end of a month"' in caught.value.message
    assert list(caught.value.field_errors) == ["notice"]


def test_an_implausibly_long_notice_is_refused() -> None:
    with pytest.raises(Invalid, match="longer than any notice period"):
        parse_notice("30 months")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"holiday_left": -1}, "holiday_left"),
        ({"holiday_left": 101}, "holiday_left"),
        ({"break_days": -2}, "break"),
        ({"break_weeks": 60}, "break"),
        ({"country": "XX"}, "country"),
        ({"country": "DE", "subdivision": "ZZ"}, "subdivision"),
    ],
)
def test_bad_input_names_its_field(kwargs: dict[str, object], field: str) -> None:
    arguments: dict[str, object] = {"country": "US", "given_on": date(2026, 11, 5)} | kwargs
    with pytest.raises(Invalid) as caught:
        start_date("4 weeks", **arguments)  # type: ignore[arg-type]
    assert field in caught.value.field_errors


def test_dates_outside_the_range_are_refused() -> None:
    with pytest.raises(Invalid, match="out of range"):
        start_date("1 month", country="US", given_on=date(2100, 12, 15))
