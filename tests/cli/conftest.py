"""Fixtures of the command-line tests. ``queue`` is the practice tests' stand-in for the
transcription worker; the test of ``nextround serve`` uses it too."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from nextround.interviews.models import Opportunity
from nextround.workspace.demo import demo_load
from tests.practice.conftest import queue

__all__ = ["demo", "queue"]


@pytest.fixture
def demo(user: User) -> Opportunity:
    opportunity, _ = demo_load(owner=user, now=timezone.now())
    return opportunity
