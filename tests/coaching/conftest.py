"""Fixtures of the coaching tests: a shared server with two candidates and two coaches, or a
candidate with the demo's material (``ana``) and a coach (``cora``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from nextround.coaching import services
from nextround.coaching.models import Role
from nextround.workspace.demo import demo_load

STRONG = "harbour-lantern-71"


def account(name: str, role: Role) -> User:
    return services.user_add(username=name, password=STRONG, role=role)


@pytest.fixture
def ana(db: None) -> User:
    user = account("ana", Role.CANDIDATE)
    demo_load(owner=user, now=timezone.now())
    return user


@pytest.fixture
def cora(db: None) -> User:
    return account("cora", Role.COACH)


@pytest.fixture
def server(settings: Any) -> None:
    settings.APP = dataclasses.replace(settings.APP, mode="server")


@dataclasses.dataclass(frozen=True)
class Accounts:
    ana: User  # the candidate whose material it is
    ben: User  # another candidate
    cora: User  # ana's coach
    dev: User  # another coach


@pytest.fixture
def accounts(db: None, settings: Any) -> Accounts:
    # A fast hasher: these tests are about who sees what, not about storing passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    def add(name: str, role: Role) -> User:
        return services.user_add(username=name, password=STRONG, role=role)

    return Accounts(
        ana=add("ana", Role.CANDIDATE),
        ben=add("ben", Role.CANDIDATE),
        cora=add("cora", Role.COACH),
        dev=add("dev", Role.COACH),
    )


@pytest.fixture
def browser_of(server: None) -> Callable[[User], Client]:
    """A client from another computer (nobody signed in for it), signed in as ``user``."""

    def signed_in(user: User) -> Client:
        client = Client(REMOTE_ADDR="192.0.2.20")
        client.force_login(user)
        return client

    return signed_in
