"""Accounts on a shared server: invitations open one account each, with the role they name;
password rules apply; a handed-over link sets a password once; a switched-off account cannot
sign in. Through the services, the pages (as a remote browser would) and the command line."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from nextround.coaching import services
from nextround.coaching.models import Invitation, Member, Role
from nextround.errors import Invalid, NotFound

pytestmark = pytest.mark.django_db
STRONG = "harbour-lantern-71"


@pytest.fixture(autouse=True)
def server_mode(settings: Any) -> None:
    settings.APP = dataclasses.replace(settings.APP, mode="server")


def remote() -> Client:
    return Client(REMOTE_ADDR="192.0.2.20")  # not this machine: nobody is signed in for it


def coach() -> User:
    return services.user_add(username="cora", password=STRONG, role=Role.COACH)


def test_an_invitation_opens_one_account_with_its_role() -> None:
    now = timezone.now()
    made = services.invite(by=coach(), role=Role.CANDIDATE, email="ana@example.org", now=now)
    assert made.code not in Invitation.objects.get().code_hash  # only the hash is kept
    user = services.invitation_accept(code=made.code, username="ana", password=STRONG, now=now)
    assert services.role_of(user) == Role.CANDIDATE
    assert user.email == "ana@example.org"
    with pytest.raises(NotFound):
        services.invitation_accept(code=made.code, username="ana2", password=STRONG, now=now)


def test_an_expired_invitation_is_refused() -> None:
    then = timezone.now() - services.INVITATION_LIFETIME - timedelta(minutes=1)
    made = services.invite(by=None, role=Role.COACH, email="", now=then)
    with pytest.raises(NotFound):
        services.invitation_for(made.code, now=timezone.now())


def test_coaches_invite_candidates_only_and_candidates_nobody() -> None:
    cora = coach()
    ana = services.user_add(username="ana", password=STRONG, role=Role.CANDIDATE)
    now = timezone.now()
    with pytest.raises(Invalid, match="administrator"):
        services.invite(by=cora, role=Role.COACH, email="", now=now)
    with pytest.raises(Invalid):
        services.invite(by=ana, role=Role.CANDIDATE, email="", now=now)
    assert services.invite(by=None, role=Role.ADMIN, email="", now=now).code


def test_weak_passwords_and_taken_names_are_refused_and_nothing_is_saved() -> None:
    with pytest.raises(Invalid, match=r"too short|too common"):
        services.user_add(username="bo", password="abc", role=Role.CANDIDATE)
    coach()
    with pytest.raises(Invalid, match="taken"):
        services.user_add(username="CORA", password=STRONG, role=Role.CANDIDATE)
    assert list(User.objects.values_list("username", flat=True)) == ["cora"]
    assert Member.objects.count() == 1


def test_joining_through_the_page_signs_in_and_a_bad_form_answers_400() -> None:
    made = services.invite(by=None, role=Role.CANDIDATE, email="", now=timezone.now())
    browser = remote()
    assert browser.get(made.path).status_code == 200
    mismatch = {"username": "ana", "password1": STRONG, "password2": STRONG + "x"}
    response = browser.post(made.path, mismatch)
    assert response.status_code == 400
    assert "The two passwords differ" in response.content.decode()
    weak = {"username": "ana", "password1": "password", "password2": "password"}
    assert browser.post(made.path, weak).status_code == 400
    assert not User.objects.filter(username="ana").exists()
    good = {"username": "ana", "password1": STRONG, "password2": STRONG}
    response = browser.post(made.path, good)
    assert response.status_code == 303
    assert browser.get("/").status_code == 200  # signed in now
    assert remote().get(made.path).status_code == 404  # used


def test_the_invite_page_is_for_coaches_and_shows_the_link_once() -> None:
    cora = coach()
    browser = remote()
    browser.force_login(cora)
    page = browser.get("/invite/").content.decode()
    assert 'href="/invite/"' in page  # the menu offers it to a coach
    assert 'value="candidate"' in page and 'value="coach"' not in page
    response = browser.post("/invite/", {"role": "candidate", "email": ""}, follow=True)
    link = re.search(r"http://testserver(/join/[\w-]+/)", response.content.decode())
    assert link is not None
    assert remote().get(link.group(1)).status_code == 200
    candidate = services.user_add(username="ana", password=STRONG, role=Role.CANDIDATE)
    browser.force_login(candidate)
    assert browser.get("/invite/").status_code == 404
    assert 'href="/invite/"' not in browser.get("/").content.decode()


def test_a_handed_over_reset_link_sets_the_password_once() -> None:
    cora = coach()
    path = services.reset_path("cora")
    browser = remote()
    form_page = browser.get(path, follow=True)
    set_url = form_page.redirect_chain[-1][0]
    new = "copper-meadow-58"
    response = browser.post(set_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 303
    cora.refresh_from_db()
    assert cora.check_password(new)
    again = remote().get(path, follow=True)
    assert "not valid any more" in again.content.decode()


def test_a_switched_off_account_cannot_sign_in() -> None:
    coach()
    services.user_deactivate("cora")
    response = remote().post("/login/", {"username": "cora", "password": STRONG})
    assert response.status_code == 200  # the form again, with its error
    with pytest.raises(Invalid, match="switched off"):
        services.reset_path("cora")


def test_the_user_commands(ok: Callable[..., str], bad: Callable[..., str]) -> None:
    assert "Added cora as coach" in ok(
        "user", "add", "cora", "--role", "coach", "--password", STRONG
    )
    assert "too short" in bad("user", "add", "bo", "--password", "abc")
    link = ok("user", "invite", "--role", "candidate", "--site", "https://coach.example.org/")
    assert re.fullmatch(r"https://coach\.example\.org/join/[\w-]+/\n", link)
    assert ok("user", "reset", "cora").startswith("/reset/")
    assert "cora can no longer sign in" in ok("user", "deactivate", "cora")
    listing = ok("user", "list")
    assert re.search(r"cora\s+coach\s+no\s+never", listing)
    assert "No account named" in bad("user", "deactivate", "nobody")
