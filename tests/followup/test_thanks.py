"""The thank-you drafts per interviewer, with their sameness, and the .eml a draft is saved
as (followup/thanks.py)."""

from __future__ import annotations

from datetime import datetime
from email import message_from_bytes, policy

from django.contrib.auth.models import User

from nextround import letters
from nextround.followup import services, thanks
from nextround.interviews import services as interviews
from nextround.interviews.models import Person, Round

# The panel (rounds[1]) ended Thursday 3 December 2026 at 12:00 in Chicago (18:00 UTC).
AFTER = datetime.fromisoformat("2026-12-03T20:00:00+00:00")


def _panel_debrief(panel: Round, people: list[Person]) -> None:
    dana, sam, priya = people
    services.debrief_save(
        round_=panel,
        entry=services.RoundEntry(done=True),
        people=[
            services.PersonEntry(person=dana, specific="the intake backlog that doubled in May"),
            services.PersonEntry(person=sam, cared_about="clean, reviewed SQL"),
            services.PersonEntry(person=priya, topics="the regional expansion next year"),
        ],
        now=AFTER,
    )


def test_thank_you_drafts_call_back_to_each_debrief_and_read_apart(
    user: User, rounds: list[Round], people: list[Person]
) -> None:
    panel = rounds[1]
    _panel_debrief(panel, people)
    board = thanks.thanks(round_=panel, now=AFTER)
    assert [n.person for n in board.notes] == list(panel.attendees.all())  # by name
    details = dict(zip(people, ["intake backlog", "clean, reviewed SQL", "regional"], strict=True))
    for note in board.notes:
        assert note.draft is not None and details[note.person] in note.body
        assert note.body.rstrip().endswith("Your name")  # no name set yet
        assert all(not s.too_similar for _, s in note.similar)
    assert board.too_similar == []
    assert not board.overdue  # due at 18:00 UTC on the 4th


def test_a_pasted_note_is_flagged_with_its_shared_passages(
    rounds: list[Round], people: list[Person]
) -> None:
    panel = rounds[1]
    _panel_debrief(panel, people)
    first = thanks.thanks(round_=panel, now=AFTER).notes[0]
    services.thank_you_save(round_=panel, person=people[1], subject="Thanks", body=first.body)
    board = thanks.thanks(round_=panel, now=AFTER)
    ((a, b, similarity),) = board.too_similar
    assert {a.person, b.person} == {people[0], people[1]}
    assert similarity.jaccard > letters.TOO_SIMILAR and similarity.shared


def test_no_debrief_means_what_to_write_instead_of_a_note(
    rounds: list[Round], people: list[Person]
) -> None:
    board = thanks.thanks(round_=rounds[1], now=AFTER)
    assert all(n.draft is None and n.missing for n in board.notes)
    assert "Write down something about Dana Ortiz" in board.notes[0].missing.message  # type: ignore[union-attr]


def test_the_eml_of_a_note_parses_back(
    user: User, rounds: list[Round], people: list[Person]
) -> None:
    panel = rounds[1]
    _panel_debrief(panel, people)
    services.signature_set(owner=user, name="Zoë Müller", email="zoe@example.org")
    interviews.person_update(person=people[0], email="dana@northwind.example")
    note = thanks.thanks(round_=panel, now=AFTER).notes[0]
    draft = note.as_draft()
    assert draft is not None
    to = letters.Mailbox(name=people[0].name, email=people[0].email)
    raw = letters.eml_bytes(draft, to, thanks.signer_with_email(user))
    message = message_from_bytes(raw, policy=policy.default)
    assert message["From"].addresses[0].display_name == "Zoë Müller"
    assert message["To"].addresses[0].addr_spec == "dana@northwind.example"
    assert message["X-Unsent"] == "1"
    assert "intake backlog" in message.get_content()
