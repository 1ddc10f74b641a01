"""The interviews pages (opportunities, people, rounds, notes), through Django's test client
against the real database."""

from __future__ import annotations

from datetime import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from nextround.interviews import services
from nextround.interviews.models import NoteKind, Opportunity, Person, Round, RoundNote

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client()  # REMOTE_ADDR 127.0.0.1: local mode signs the local user in


def test_create_opportunity_redirects_with_303(client: Client, user: User) -> None:
    response = client.post(
        "/opportunities/new/",
        {
            "company": "Acme",
            "role_title": "Buyer",
            "stage": "applied",
            "location": "",
            "source_url": "",
            "posting_text": "",
        },
    )
    assert response.status_code == 303
    created = Opportunity.objects.get(company="Acme")
    assert response["Location"] == f"/opportunities/{created.pk}/"
    assert created.stage_changes.count() == 1


@pytest.mark.parametrize(
    ("company", "expected"),
    [("", "This field is required."), ("x" * 201, "at most 200 characters")],
)
def test_bad_opportunity_shows_inline_error_and_saves_nothing(
    client: Client, user: User, company: str, expected: str
) -> None:
    response = client.post(
        "/opportunities/new/",
        {
            "company": company,
            "role_title": "Buyer",
            "stage": "applied",
        },
    )
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert Opportunity.objects.count() == 0


def test_round_end_before_start_is_refused(client: Client, opportunity: Opportunity) -> None:
    response = client.post(
        f"/opportunities/{opportunity.pk}/rounds/new/",
        {
            "number": 1,
            "format": "video",
            "starts_at": "2026-12-01T10:00",
            "ends_at": "2026-12-01T09:00",
            "timezone": "Europe/Berlin",
        },
    )
    assert response.status_code == 400
    assert "must end after it starts" in response.content.decode()
    assert Round.objects.count() == 0


def test_round_unknown_timezone_is_refused(client: Client, opportunity: Opportunity) -> None:
    response = client.post(
        f"/opportunities/{opportunity.pk}/rounds/new/",
        {
            "number": 1,
            "format": "video",
            "starts_at": "2026-12-01T10:00",
            "ends_at": "2026-12-01T11:00",
            "timezone": "Mars/Olympus_Mons",
        },
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert Round.objects.count() == 0


def test_round_in_skipped_dst_hour_is_refused(client: Client, opportunity: Opportunity) -> None:
    response = client.post(
        f"/opportunities/{opportunity.pk}/rounds/new/",
        {
            "number": 1,
            "format": "video",
            "starts_at": "2027-03-14T02:30",
            "ends_at": "2027-03-14T03:30",
            "timezone": "America/New_York",
        },
    )
    assert response.status_code == 400
    assert "clocks skip that hour" in response.content.decode()


@pytest.mark.parametrize(
    ("starts", "ends", "zone"),
    [
        ("9999-12-31T09:00", "9999-12-31T10:00", "UTC"),
        ("0001-01-01T00:30", "0001-01-01T01:00", "Europe/Berlin"),
    ],
)
def test_round_outside_the_date_range_is_a_form_error(
    client: Client, opportunity: Opportunity, starts: str, ends: str, zone: str
) -> None:
    response = client.post(
        f"/opportunities/{opportunity.pk}/rounds/new/",
        {"number": 1, "format": "video", "starts_at": starts, "ends_at": ends, "timezone": zone},
    )
    assert response.status_code == 400
    assert "use a date from 1970 to 2100" in response.content.decode()
    assert Round.objects.count() == 0


def test_dashboard_and_round_page_survive_the_last_day_of_the_range(
    client: Client, opportunity: Opportunity
) -> None:
    last = services.round_create(
        opportunity=opportunity,
        starts=datetime(2100, 12, 31, 22, 0),
        ends=datetime(2100, 12, 31, 23, 30),
        timezone_name="Pacific/Kiritimati",
    )
    assert client.get("/").status_code == 200
    assert client.get(f"/rounds/{last.pk}/").status_code == 200
    assert client.get(f"/rounds/{last.pk}/calendar.ics").status_code == 200


def test_round_times_are_kept_on_the_rounds_own_clock(
    client: Client, opportunity: Opportunity, people: list[Person]
) -> None:
    response = client.post(
        f"/opportunities/{opportunity.pk}/rounds/new/",
        {
            "number": 1,
            "format": "panel",
            "starts_at": "2026-12-01T10:00",
            "ends_at": "2026-12-01T11:30",
            "timezone": "Asia/Tokyo",
            "attendees": [people[0].pk, people[1].pk],
        },
    )
    assert response.status_code == 303
    round_ = Round.objects.get()
    assert round_.starts_at.isoformat() == "2026-12-01T01:00:00+00:00"
    assert round_.attendees.count() == 2
    page = client.get(f"/rounds/{round_.pk}/").content.decode()
    assert "10:00" in page and "Asia/Tokyo" in page


def test_notes_of_each_kind_and_carry_forward(
    client: Client, rounds: list[Round], people: list[Person]
) -> None:
    first, second = rounds
    posted = client.post(
        f"/rounds/{first.pk}/notes/new/question/",
        {
            "text": "Walk me through a process you redesigned",
            "person": people[0].pk,
            "answer": "Invoice approvals",
            "rating": 2,
            "improve": "Lead with the result",
        },
    )
    assert posted.status_code == 303
    assert posted["Location"].endswith("#notes-question")
    client.post(
        f"/rounds/{first.pk}/notes/new/concern/",
        {
            "text": "No experience with our ERP",
            "person": people[0].pk,
            "status": "open",
            "response": "Show the SAP migration",
        },
    )
    client.post(
        f"/rounds/{first.pk}/notes/new/promise/",
        {
            "text": "Send references",
            "promised_by": "me",
            "due_on": "2026-11-12",
            "status": "open",
        },
    )
    assert RoundNote.objects.filter(round=first).count() == 3
    page = client.get(f"/rounds/{second.pk}/carry-forward/").content.decode()
    assert "Walk me through a process you redesigned" in page
    assert "No experience with our ERP" in page
    assert "Send references" in page
    assert "Lead with the result" in page
    assert "Already met:</span> Dana Ortiz" in page


def _section(page: str, heading_id: str) -> str:
    """The text of the carry-forward section headed by ``heading_id``, whitespace squashed."""
    soup = BeautifulSoup(page, "html.parser")
    section = soup.find("section", attrs={"aria-labelledby": heading_id})
    return " ".join(section.get_text(" ").split()) if section else ""


def test_an_addressed_concern_is_carried_forward_as_a_concern_with_its_answer(
    client: Client, rounds: list[Round]
) -> None:
    first, second = rounds
    services.note_create(
        round_=first,
        kind=NoteKind.CONCERN,
        text="Far from the office",
        status="closed",
        response="Half an hour by train.",
    )
    services.note_create(round_=first, kind=NoteKind.CONCERN, text="Little SQL", status="open")
    services.note_create(round_=first, kind=NoteKind.FREE, text="Parking is free")
    page = client.get(f"/rounds/{second.pk}/carry-forward/").content.decode()
    addressed = _section(page, "cf-addressed")
    assert addressed.startswith("Concerns — addressed (1)")
    assert "Far from the office" in addressed
    assert "Planned answer: Half an hour by train." in addressed
    assert "Little SQL" in _section(page, "cf-concerns")
    other = _section(page, "cf-other")
    assert "Parking is free" in other
    assert "Far from the office" not in other


def test_a_promise_due_outside_the_date_range_is_a_form_error(
    client: Client, rounds: list[Round]
) -> None:
    response = client.post(
        f"/rounds/{rounds[0].pk}/notes/new/promise/",
        {"text": "Send references", "promised_by": "me", "due_on": "9999-12-31", "status": "open"},
    )
    assert response.status_code == 400
    assert "9999-12-31 is out of range" in response.content.decode()
    assert not RoundNote.objects.exists()


def test_a_stage_dated_outside_the_range_is_a_form_error(
    client: Client, opportunity: Opportunity
) -> None:
    response = client.post(
        f"/opportunities/{opportunity.pk}/stage/", {"stage": "offer", "on": "0001-01-01"}
    )
    assert response.status_code == 400
    assert "0001-01-01 is out of range" in response.content.decode()
    opportunity.refresh_from_db()
    assert opportunity.stage == "interviewing"


def test_a_concern_notes_form_calls_its_response_the_planned_answer(
    client: Client, rounds: list[Round]
) -> None:
    note = services.note_create(round_=rounds[0], kind=NoteKind.CONCERN, text="Little SQL")
    form = BeautifulSoup(client.get(f"/notes/{note.pk}/edit/").content, "html.parser")
    label = form.find("label", attrs={"for": "id_response"})
    assert label is not None and label.get_text(strip=True).startswith("Planned answer")
    assert "The Concerns page shows and edits the same answer" in form.get_text(" ")
    saved = client.post(
        f"/notes/{note.pk}/edit/",
        {"text": "Little SQL", "status": "closed", "response": "The course I finished."},
    )
    assert saved.status_code == 303
    note.refresh_from_db()
    assert (note.response, note.status) == ("The course I finished.", "closed")


def test_a_question_notes_form_offers_to_correct_its_kind(
    client: Client, rounds: list[Round]
) -> None:
    note = services.note_create(
        round_=rounds[0], kind=NoteKind.QUESTION, text="What are your salary expectations?"
    )
    page = BeautifulSoup(client.get(f"/notes/{note.pk}/edit/").content, "html.parser")
    select = page.find("select", attrs={"name": "category"})
    assert select is not None
    chosen = select.find("option", selected=True)
    assert chosen is not None and chosen.get_text() == "Automatic"
    # An opening rule decides this one: 90% sure, so no runner-up is named.
    assert "Automatic: Pay and terms (90% sure). Pick another to correct it." in page.get_text(" ")
    saved = client.post(
        f"/notes/{note.pk}/edit/",
        {"text": "What are your salary expectations?", "category": "case"},
    )
    assert saved.status_code == 303
    note.refresh_from_db()
    assert (note.category, note.category_by_hand) == ("case", True)
    # The correction is now what the form shows, and the round page says it.
    page = BeautifulSoup(client.get(f"/notes/{note.pk}/edit/").content, "html.parser")
    select = page.find("select", attrs={"name": "category"})
    assert select is not None
    chosen = select.find("option", selected=True)
    assert chosen is not None and chosen.get("value") == "case"
    round_page = client.get(f"/rounds/{rounds[0].pk}/").content.decode()
    assert 'title="Set by you">Case</span>' in round_page


def test_note_rating_out_of_range_is_refused(client: Client, rounds: list[Round]) -> None:
    response = client.post(
        f"/rounds/{rounds[0].pk}/notes/new/question/",
        {
            "text": "Why us?",
            "rating": 9,
        },
    )
    assert response.status_code == 400
    assert RoundNote.objects.count() == 0


def test_unknown_note_kind_is_a_friendly_404(client: Client, rounds: list[Round]) -> None:
    response = client.get(f"/rounds/{rounds[0].pk}/notes/new/gossip/")
    assert response.status_code == 404
    assert "gossip" in response.content.decode()


def test_someone_elses_records_are_not_found(client: Client, other_user: User) -> None:
    theirs = services.opportunity_create(owner=other_user, company="Secret", role_title="CFO")
    response = client.get(f"/opportunities/{theirs.pk}/")
    assert response.status_code == 404
    assert "Secret" not in response.content.decode()
    assert client.post(f"/opportunities/{theirs.pk}/delete/").status_code == 404
    assert Opportunity.objects.filter(pk=theirs.pk).exists()


def test_stage_change_is_recorded_with_its_date(client: Client, opportunity: Opportunity) -> None:
    today = timezone.localdate()
    response = client.post(
        f"/opportunities/{opportunity.pk}/stage/", {"stage": "offer", "on": today.isoformat()}
    )
    assert response.status_code == 303
    opportunity.refresh_from_db()
    assert opportunity.stage == "offer"
    assert [(c.stage, c.on) for c in opportunity.stage_changes.all()] == [
        ("interviewing", today),
        ("offer", today),
    ]


def test_stage_change_cannot_predate_the_history(client: Client, opportunity: Opportunity) -> None:
    response = client.post(
        f"/opportunities/{opportunity.pk}/stage/", {"stage": "offer", "on": "2001-01-01"}
    )
    assert response.status_code == 400
    assert "on or after" in response.content.decode()
    opportunity.refresh_from_db()
    assert opportunity.stage == "interviewing"


def test_delete_asks_first_then_deletes(client: Client, opportunity: Opportunity) -> None:
    confirm = client.get(f"/opportunities/{opportunity.pk}/delete/")
    assert "cannot be undone" in confirm.content.decode()
    assert Opportunity.objects.exists()
    assert client.post(f"/opportunities/{opportunity.pk}/delete/").status_code == 303
    assert not Opportunity.objects.exists()


def test_every_main_page_renders(client: Client, rounds: list[Round], people: list[Person]) -> None:
    note = services.note_create(
        round_=rounds[0],
        kind=NoteKind.NUMBER,
        text="Base salary",
        amount_low=90000,
        amount_high=105000,
        currency="USD",
    )
    opp = rounds[0].opportunity_id
    for url in [
        "/",
        "/opportunities/",
        "/opportunities/?stage=interviewing",
        "/opportunities/new/",
        f"/opportunities/{opp}/",
        f"/opportunities/{opp}/edit/",
        f"/opportunities/{opp}/people/new/",
        f"/opportunities/{opp}/rounds/new/",
        f"/people/{people[0].pk}/edit/",
        f"/rounds/{rounds[1].pk}/",
        f"/rounds/{rounds[1].pk}/edit/",
        f"/rounds/{rounds[1].pk}/carry-forward/",
        f"/notes/{note.pk}/edit/",
        "/workspace/import/",
    ]:
        assert client.get(url).status_code == 200, url


def test_save_and_add_another_comes_back_with_the_same_person(
    client: Client, rounds: list[Round], people: list[Person]
) -> None:
    first = rounds[0]
    url = f"/rounds/{first.pk}/notes/new/question/"
    posted = client.post(url, {"text": "Why logistics?", "person": people[1].pk, "another": "1"})
    assert posted.status_code == 303
    assert posted["Location"] == f"{url}?person={people[1].pk}"
    again = client.get(posted["Location"])
    assert "Question asked saved." in again.content.decode()
    assert again.context["form"].initial["person"] == people[1].pk
    plain = client.post(url, {"text": "What would you change first?"})
    assert plain["Location"].endswith("#notes-question")
    assert RoundNote.objects.filter(round=first, kind="question").count() == 2


def test_someone_already_met_is_added_to_a_round_from_its_page(
    client: Client, rounds: list[Round], people: list[Person], other_user: User
) -> None:
    second = rounds[1]
    second.attendees.clear()
    page = client.get(f"/rounds/{second.pk}/").content.decode()
    assert f'action="/rounds/{second.pk}/attendees/add/"' in page
    assert people[2].name in page
    added = client.post(f"/rounds/{second.pk}/attendees/add/", {"person": people[2].pk})
    assert added.status_code == 303
    assert added["Location"] == f"/rounds/{second.pk}/#who"
    assert list(second.attendees.all()) == [people[2]]
    theirs = services.opportunity_create(owner=other_user, company="Other", role_title="CFO")
    stranger = services.person_create(opportunity=theirs, name="Not Ours")
    refused = client.post(f"/rounds/{second.pk}/attendees/add/", {"person": stranger.pk})
    assert refused.status_code == 400
    twice = client.post(f"/rounds/{second.pk}/attendees/add/", {"person": people[2].pk})
    assert twice.status_code == 400  # already attends: not offered, not added again
    assert list(second.attendees.all()) == [people[2]]
    assert client.get(f"/rounds/{second.pk}/attendees/add/").status_code == 405


# --- ids too large for the database ---------------------------------------------------------

HUGE = "99999999999999999999999"


def test_a_person_attending_a_huge_round_id_is_a_form_error(
    client: Client, opportunity: Opportunity, people: list[Person], rounds: list[Round]
) -> None:
    form = {"name": "Kim Park", "relation": "peer", "rounds": [str(rounds[0].pk), HUGE]}
    added = client.post(f"/opportunities/{opportunity.pk}/people/new/", form)
    edited = client.post(f"/people/{people[1].pk}/edit/", form)
    for response in (added, edited):
        assert response.status_code == 400
        assert f"{HUGE} is not one of the available choices" in response.content.decode()
    assert not Person.objects.filter(name="Kim Park").exists()


def test_a_round_with_a_huge_attendee_id_is_a_form_error(
    client: Client, opportunity: Opportunity, people: list[Person]
) -> None:
    response = client.post(
        f"/opportunities/{opportunity.pk}/rounds/new/",
        {
            "number": 1,
            "format": "video",
            "starts_at": "2026-12-01T10:00",
            "ends_at": "2026-12-01T11:00",
            "timezone": "Europe/Berlin",
            "attendees": [str(people[0].pk), HUGE],
        },
    )
    assert response.status_code == 400
    assert "is not one of the available choices" in response.content.decode()
    assert Round.objects.count() == 0


def test_a_note_by_a_huge_person_id_is_a_form_error(client: Client, rounds: list[Round]) -> None:
    response = client.post(
        f"/rounds/{rounds[0].pk}/notes/new/question/", {"text": "Why us?", "person": HUGE}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not RoundNote.objects.exists()


@pytest.mark.parametrize("value", ["abc", HUGE, "-1", ""])
def test_the_person_form_ignores_a_round_it_cannot_offer(
    client: Client, opportunity: Opportunity, rounds: list[Round], value: str
) -> None:
    response = client.get(f"/opportunities/{opportunity.pk}/people/new/", {"round": value})
    assert response.status_code == 200
    assert "checked" not in response.content.decode()


def test_the_person_form_ticks_the_round_it_was_opened_from(
    client: Client, opportunity: Opportunity, rounds: list[Round]
) -> None:
    response = client.get(f"/opportunities/{opportunity.pk}/people/new/", {"round": rounds[1].pk})
    soup = BeautifulSoup(response.content, "html.parser")
    ticked = [box["value"] for box in soup.select("input[name=rounds][checked]")]
    assert ticked == [str(rounds[1].pk)]


@pytest.mark.parametrize("target", ["999999", "opportunity_list", "stories", "/ok\x00", ""])
def test_a_return_address_that_is_not_a_path_here_is_ignored(
    client: Client, opportunity: Opportunity, target: str
) -> None:
    """A bare word was taken for the name of a route (a 500 when it named none)."""
    form = {"name": "Kim Park", "relation": "peer", "next": target}
    added = client.post(f"/opportunities/{opportunity.pk}/people/new/", form)
    assert added.status_code == 303
    assert added["Location"] == f"/opportunities/{opportunity.pk}/"


def test_a_return_address_on_this_site_is_followed(
    client: Client, opportunity: Opportunity
) -> None:
    form = {"name": "Kim Park", "relation": "peer", "next": "/stories/?x=1"}
    added = client.post(f"/opportunities/{opportunity.pk}/people/new/", form)
    assert (added.status_code, added["Location"]) == (303, "/stories/?x=1")
