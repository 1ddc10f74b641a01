"""Deleting an account: every record it owns and its recordings go, another account's stay;
through the service, the page (user name typed, and the password for an account that has one)
and `nextround user delete`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from nextround.interviews.models import Opportunity, Round
from nextround.practice.models import Attempt, PracticeQuestion, PracticeSession
from nextround.practice.services import recordings_dir
from nextround.stories.models import Story
from nextround.workspace.services import account_delete

pytestmark = pytest.mark.django_db(transaction=True)  # the files go when the deletion commits
PASSWORD = "harbour-lantern-71"


def recorded(owner: User, name: str) -> Path:
    """A practice attempt with a recording file, as a spoken answer leaves one."""
    session = PracticeSession.objects.create(owner=owner)
    question = PracticeQuestion.objects.create(
        session=session, position=1, text="Tell me about a time", category="behavioral"
    )
    path = recordings_dir() / name
    path.write_bytes(b"RIFF....WAVE")
    Attempt.objects.create(owner=owner, question=question, mode="spoken", audio=name)
    return path


def material(owner: User) -> Path:
    Story.objects.create(owner=owner, title=f"{owner.username}'s story")
    Opportunity.objects.create(owner=owner, company="Northwind", role_title="Buyer")
    return recorded(owner, f"{owner.username}.wav")


def test_deleting_an_account_takes_its_records_and_recordings_only(
    user: User, rounds: list[Round], other_user: User
) -> None:
    mine, theirs = material(user), material(other_user)
    account_delete(owner=user)
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Story.objects.filter(owner_id=user.pk).exists()
    assert not Round.objects.filter(owner_id=user.pk).exists()
    assert not Attempt.objects.filter(owner_id=user.pk).exists()
    assert not mine.exists()
    assert theirs.exists()
    assert Story.objects.filter(owner=other_user).count() == 1


def test_the_local_account_deletes_by_typing_its_name(user: User) -> None:
    material(user)
    client = Client()  # local mode: the local account, which has no password
    page = client.get("/workspace/delete/")
    assert page.status_code == 200
    assert 'name="password"' not in page.content.decode()
    wrong = client.post("/workspace/delete/", {"username": "someone"})
    assert wrong.status_code == 400
    assert "not this account" in wrong.content.decode()
    assert Story.objects.filter(owner=user).exists()  # nothing lost on a slip
    done = client.post("/workspace/delete/", {"username": user.username})
    assert done.status_code == 303
    assert not Story.objects.exists()
    assert client.get("/").status_code == 200  # a fresh, empty local workspace


def test_an_account_with_a_password_must_give_it(other_user: User) -> None:
    other_user.set_password(PASSWORD)
    other_user.save()
    material(other_user)
    client = Client(REMOTE_ADDR="192.0.2.20")
    client.force_login(other_user)
    wrong = client.post(
        "/workspace/delete/", {"username": other_user.username, "password": "not-it-at-all"}
    )
    assert wrong.status_code == 400
    assert "password is wrong" in wrong.content.decode()
    assert User.objects.filter(pk=other_user.pk).exists()
    done = client.post(
        "/workspace/delete/", {"username": other_user.username, "password": PASSWORD}
    )
    assert done.status_code == 303
    assert not User.objects.filter(pk=other_user.pk).exists()


def test_the_delete_command(
    other_user: User, ok: Callable[..., str], bad: Callable[..., str]
) -> None:
    path = material(other_user)
    assert "No account named" in bad("user", "delete", "nobody", "--yes")
    assert "everything in it are deleted" in ok("user", "delete", other_user.username, "--yes")
    assert not User.objects.filter(pk=other_user.pk).exists()
    assert not path.exists()
