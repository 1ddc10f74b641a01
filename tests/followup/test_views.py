"""The debrief page (one form, no script), the thank-you page and its files, marking sent and
replies: POST answers 303, bad input a form error or a 4xx page, nothing saved lost."""

from __future__ import annotations

from datetime import datetime
from email import message_from_bytes, policy

from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from nextround.followup import services as followup
from nextround.followup.models import Debrief, PersonDebrief, Reply, Sent, ThankYou
from nextround.interviews import services
from nextround.interviews.models import NoteKind, Person, Round
from nextround.stories import services as stories


def _debrief_data(people: list[Person], **extra: str) -> dict[str, str]:
    data = {
        f"p{people[0].pk}-specific": "the intake backlog that doubled in May",
        f"p{people[0].pk}-q1": "Why operations after nursing?",
        f"p{people[0].pk}-q1_rating": "4",
        f"p{people[1].pk}-cared_about": "clean, reviewed SQL",
        f"p{people[2].pk}-topics": "regional expansion",
        "next_steps": "Decision by Friday",
        "next_date": "2026-12-11",
    }
    data.update(extra)
    return data


def test_the_debrief_page_saves_a_draft_then_finishes(
    client: Client, rounds: list[Round], people: list[Person]
) -> None:
    panel = rounds[1]
    page = client.get(f"/rounds/{panel.pk}/debrief/")
    assert page.status_code == 200
    for person in people:
        assert f'name="p{person.pk}-specific"' in page.content.decode()
    response = client.post(f"/rounds/{panel.pk}/debrief/", _debrief_data(people, draft="1"))
    assert response.status_code == 303 and response["Location"].endswith("/debrief/")
    assert not Debrief.objects.get(round=panel).done
    response = client.post(f"/rounds/{panel.pk}/debrief/", {"finish": "1"})
    assert response.status_code == 303 and response["Location"].endswith(
        f"/rounds/{panel.pk}/thanks/"
    )
    assert Debrief.objects.get(round=panel).done
    assert panel.notes.filter(kind=NoteKind.QUESTION).count() == 1
    assert panel.notes.filter(kind=NoteKind.PROMISE, due_on__isnull=False).count() == 1


def test_a_bad_debrief_is_a_form_error_and_saves_nothing(
    client: Client, rounds: list[Round], people: list[Person]
) -> None:
    panel = rounds[1]
    data = _debrief_data(people, next_date="1492-10-12", amount_low="9", amount_high="1")
    response = client.post(f"/rounds/{panel.pk}/debrief/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "The upper figure must not be below the lower one." in body
    assert "the intake backlog that doubled in May" in body  # what was typed comes back
    assert not PersonDebrief.objects.exists() and not panel.notes.exists()


def test_the_thank_you_page_edits_downloads_and_marks_sent(
    client: Client, rounds: list[Round], people: list[Person]
) -> None:
    panel = rounds[1]
    client.post(f"/rounds/{panel.pk}/debrief/", _debrief_data(people, finish="1"))
    page = client.get(f"/rounds/{panel.pk}/thanks/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "the intake backlog that doubled in May" in body and "mailto:" in body
    eml = client.get(f"/rounds/{panel.pk}/thanks/note.eml?person={people[0].pk}")
    assert eml["Content-Type"] == "message/rfc822"
    message = message_from_bytes(eml.content, policy=policy.default)
    assert message["X-Unsent"] == "1" and "intake backlog" in message.get_content()

    sam = f"note{people[1].pk}"  # each note's inputs are named after its person
    edit = client.post(
        f"/rounds/{panel.pk}/thanks/edit/",
        {"person": people[1].pk, f"{sam}-subject": "Thanks, Sam", f"{sam}-body": "Mine."},
    )
    assert edit.status_code == 303
    assert ThankYou.objects.get(person=people[1]).body == "Mine."
    empty = client.post(
        f"/rounds/{panel.pk}/thanks/edit/",
        {"person": people[1].pk, f"{sam}-subject": "", f"{sam}-body": ""},
    )
    assert empty.status_code == 400
    assert ThankYou.objects.get(person=people[1]).body == "Mine."
    nobody = client.post(f"/rounds/{panel.pk}/thanks/edit/", {"subject": "a", "body": "b"})
    assert nobody.status_code == 400

    sent = client.post(
        f"/rounds/{panel.pk}/followups/sent/",
        {"kind": "thanks", "person": people[0].pk, "on": "2026-12-04"},
    )
    assert sent.status_code == 303
    assert Sent.objects.get().person == people[0]
    bad = client.post(
        f"/rounds/{panel.pk}/followups/sent/", {"kind": "thanks", "person": people[0].pk, "on": "x"}
    )
    assert bad.status_code == 400 and Sent.objects.count() == 1


def _more_of_everything(panel: Round, people: list[Person], index: int) -> None:
    """Someone new in the panel, with a concern, a promise, their note edited and sent, a reply;
    a strength with its story."""
    person = services.person_create(
        opportunity=panel.opportunity, name=f"Person {index}", relation="peer"
    )
    panel.attendees.add(person)
    people.append(person)
    concern = services.note_create(round_=panel, kind="concern", text=f"Gap {index}", person=person)
    services.note_create(
        round_=panel,
        kind="promise",
        text=f"Decision {index}",
        promised_by="them",
        due_on=datetime(2026, 12, 10 + index).date(),
    )
    followup.thank_you_save(round_=panel, person=person, subject="Thanks", body=f"Mine {index}.")
    on = datetime(2026, 12, 4).date()
    followup.followup_sent(round_=panel, kind="thanks", on=on, person=person)
    followup.followup_sent(round_=panel, kind="concern_answer", on=on, concern=concern)
    followup.reply_record(round_=panel, received_on=on, said="Thanks", person=person)
    story = stories.story_create(owner=panel.owner, title=f"Story {index}", result="Faster.")
    stories.strength_save(owner=panel.owner, name=f"Strength {index}", rank=index, stories=[story])


def test_the_thank_you_page_reads_each_record_once_however_much_there_is(
    client: Client, rounds: list[Round], people: list[Person]
) -> None:
    panel = rounds[1]
    url = f"/rounds/{panel.pk}/thanks/"

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    _more_of_everything(panel, people, 1)
    assert count() == 11  # nobody debriefed: no concern or strength for a draft to call back to
    client.post(f"/rounds/{panel.pk}/debrief/", _debrief_data(people, finish="1"))
    before = count()
    for index in range(2, 6):
        _more_of_everything(panel, people, index)
    assert count() == before == 14


def test_replies_are_recorded_and_removed(
    client: Client, rounds: list[Round], people: list[Person]
) -> None:
    panel = rounds[1]
    assert client.get(f"/rounds/{panel.pk}/replies/new/").status_code == 200
    refused = client.post(f"/rounds/{panel.pk}/replies/new/", {"received_on": "2026-12-07"})
    assert refused.status_code == 400 and not Reply.objects.exists()
    response = client.post(
        f"/rounds/{panel.pk}/replies/new/",
        {"received_on": "2026-12-07", "said": "Next week", "stage": "interviewing"},
    )
    assert response.status_code == 303
    reply = Reply.objects.get()
    assert client.post(f"/replies/{reply.pk}/delete/").status_code == 303
    assert not Reply.objects.exists()


def test_someone_elses_round_is_not_found(client: Client, other_user: User) -> None:
    theirs = services.opportunity_create(owner=other_user, company="Hidden", role_title="X")
    round_ = services.round_create(
        opportunity=theirs,
        starts=datetime(2026, 11, 2, 9, 0),
        ends=datetime(2026, 11, 2, 10, 0),
        timezone_name="UTC",
    )
    for url in ("debrief/", "thanks/", "calendar.ics", "replies/new/"):
        assert client.get(f"/rounds/{round_.pk}/{url}").status_code == 404
    assert client.post(f"/rounds/{round_.pk}/debrief/", {"finish": "1"}).status_code == 404


def test_the_round_page_and_dashboard_ask_for_the_debrief(
    client: Client, rounds: list[Round], people: list[Person]
) -> None:
    page = client.get(f"/rounds/{rounds[1].pk}/").content.decode()
    assert 'data-testid="debrief-prompt"' in page
    dashboard = client.get("/").content.decode()
    assert f"/rounds/{rounds[1].pk}/debrief/" in dashboard
