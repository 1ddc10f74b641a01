"""Fixtures of the command-line tests."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from nextround.interviews.models import Opportunity
from nextround.workspace.demo import demo_load


@pytest.fixture
def demo(user: User) -> Opportunity:
    opportunity, _ = demo_load(owner=user, now=timezone.now())
    return opportunity
