"""The brief assembled from the other apps: the demo's final round fills every section but the
research; an empty round says what to add; the query count does not grow with the items."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nextround.brief import selectors
from nextround.briefing import Brief
from nextround.interviews import services
from nextround.interviews.models import Person, Round
from tests.brief.helpers import grow

ORDER = ["logistics", "people", "carried", "likely", "needs", "strengths", "research", "money"]


def _labels(brief: Brief, key: str) -> list[tuple[str, str]]:
    section = brief.section(key)
    return [(line.label, line.text) for part in section.shown for line in part.lines]


def test_the_demo_s_final_round_fills_every_section(final_round: Round) -> None:
    brief = selectors.round_brief(round_=final_round, now=timezone.now())
    assert [s.key for s in brief.sections] == ORDER
    assert brief.empty_keys == ()
    research = _labels(brief, "research")
    assert any(
        label == "What the company does" and "400 regional shippers" in text
        for label, text in research
    )
    assert any(label == "reefer" for label, _ in research)  # a confirmed term
    money = dict(_labels(brief, "money"))
    assert money["Walk-away"].endswith(" a year") and "Earliest start" not in money
    assert brief.title == "Second round (final): Senior Operations Analyst at Tidewater Freight"


def test_people_come_decision_maker_first_with_what_they_heard_and_cared_about(
    final_round: Round,
) -> None:
    brief = selectors.round_brief(round_=final_round, now=timezone.now())
    # The demo marks Grace as the decision-maker: she comes first, then those met before.
    grace, maya, luis = brief.section("people").shown[0].entries
    assert grace.badges == ("Manager's manager", "decision-maker", "new")
    assert maya.title == "Maya Okafor, Director of Operations Analytics"
    assert maya.badges == ("Hiring manager", "met before") and luis.title.startswith("Luis")
    lines = dict((line.label, line.text) for line in maya.lines if line.label != "Ask")
    assert lines["Heard from you"] == "“Dock scheduling trial” in the first round"
    assert lines["Cared about (first round)"].startswith(
        "analysis that the dispatch leads actually act on; they mentioned the dwell-time study"
    )
    assert sum(1 for line in maya.lines if line.label == "Ask") == 3


def test_carried_forward_likely_needs_strengths_and_money(final_round: Round) -> None:
    brief = selectors.round_brief(round_=final_round, now=timezone.now())
    questions, concerns, promises, _feedback = brief.section("carried").shown
    assert [row[2] for row in questions.table.rows] == ["4 of 5", "5 of 5", "2 of 5", "3 of 5"]  # type: ignore[union-attr]
    assert questions.table.rows[2][3].startswith("Better: Open with the outcome")  # type: ignore[union-attr]
    assert [e.title for e in concerns.entries] == [
        "Whether I have worked with unionized dock crews."
    ]
    assert [r[1] for r in promises.table.rows] == ["You", "Maya Okafor"]  # type: ignore[union-attr]
    likely = brief.section("likely").shown[0].entries
    dock = next(e for e in likely if e.title.startswith("How would you find trucks"))
    land = dict((line.label, line.text) for line in dock.lines)["Story to land"]
    assert land.startswith("“Dock scheduling trial”: Average dwell fell from 70 to 38 minutes")
    assert land.endswith("(they heard it before: take it further)")
    proved, gaps = brief.section("needs").shown
    assert ("“Peak-season capacity forecast”") in [r[2] for r in proved.table.rows]  # type: ignore[union-attr]
    assert "Strong SQL and one scripting language" in [r[0] for r in gaps.table.rows]  # type: ignore[union-attr]
    strengths, quotes = brief.section("strengths").shown
    assert strengths.entries[0].badges == ("differentiator",)
    assert quotes.lines[0].label == "Former manager at Harbor Cold Storage"
    numbers, said = brief.section("money").shown
    assert [line.label for line in numbers.lines] == ["Walk-away", "Target", "Opening ask"]
    assert said.table.rows == (  # type: ignore[union-attr]
        (
            "Base salary band for the role; the bonus target is 8% on top.",
            "$98,000–$112,000",
            "First round by Maya Okafor",
        ),
    )


def test_logistics_show_the_reader_s_own_clock_only_when_it_differs(final_round: Round) -> None:
    now = final_round.starts_at - timedelta(days=2, hours=1)
    berlin = selectors.round_brief(round_=final_round, now=now, own_zone=ZoneInfo("Europe/Berlin"))
    when = dict(_labels(berlin, "logistics"))
    start = final_round.local_start
    assert when["When"] == (
        f"{start:%A} {start.day} {start:%B %Y}, 13:00–15:30 {start:%Z} (America/New_York); "
        f"{start:%A} {start.day} {start:%B}, 19:00 your time"
    )
    assert when["Countdown"] == "Starts in 2 days, 1 hour"
    assert when["Dress code"].startswith("Business casual")
    assert when["What to bring and know"].startswith("Bring photo ID")
    same = selectors.round_brief(round_=final_round, now=now, own_zone=ZoneInfo("America/Toronto"))
    assert "your time" not in dict(_labels(same, "logistics"))["When"]


def test_an_empty_first_round_says_what_to_add_in_each_section(user: User) -> None:
    opportunity = services.opportunity_create(owner=user, company="Acme", role_title="Buyer")
    round_ = services.round_create(
        opportunity=opportunity,
        starts=datetime(2030, 3, 4, 9, 0),
        ends=datetime(2030, 3, 4, 10, 0),
        timezone_name="Europe/Paris",
    )
    brief = selectors.round_brief(round_=round_, now=timezone.now())
    assert [s.key for s in brief.sections] == ORDER[:-1]  # not final, no money talk: no money
    assert brief.empty_keys == ("people", "carried", "needs", "strengths", "research")
    assert brief.section("people").empty.startswith("No one is listed for this round")
    round_.is_final = True
    round_.save()
    final = selectors.round_brief(round_=round_, now=timezone.now())
    assert final.section("money").is_empty
    assert final.section("money").empty.startswith("Note the figures discussed")


def test_the_query_count_does_not_grow_with_the_items(final_round: Round, user: User) -> None:
    def count() -> int:
        round_ = Round.objects.select_related("opportunity").get(pk=final_round.pk)
        with CaptureQueriesContext(connection) as queries:
            selectors.round_brief(round_=round_, now=timezone.now())
        return len(queries)

    before = count()
    grow(final_round.opportunity, final_round, user)
    after = count()
    # One read per kind of record: the account (this round was read without it), the round's
    # notes, the carry-forward (four), the questions to ask (two), the stories, the strengths
    # and their stories, the stored embeddings and a look at the task queue (is embedding
    # queued?), the CV checks, the tellings and who heard them, the debriefs, the concern
    # answers, the quotes, research (facts, terms, news) and money (budget, market, notice).
    assert before == 25
    assert after == before


def test_people_who_are_not_in_this_round_are_named(final_round: Round) -> None:
    maya = Person.objects.get(name="Maya Okafor")
    final_round.attendees.remove(maya)
    brief = selectors.round_brief(round_=final_round, now=timezone.now())
    people = brief.section("people")
    assert [e.title.split(",")[0] for e in people.shown[0].entries] == [
        "Grace Lindqvist",  # the manager's manager decides now
        "Luis Herrera",
    ]
    assert people.shown[1].lines[0].text == "Maya Okafor"
