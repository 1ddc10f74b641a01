"""A practice question's key: the same question whatever its case and spacing."""

from __future__ import annotations

import pytest

from nextround.practice.models import question_key

pytestmark = pytest.mark.django_db


def test_the_same_question_has_the_same_key_whatever_its_case_and_spacing() -> None:
    assert question_key("Why  this company?") == question_key("why this company")
    assert question_key("Why this company?") != question_key("Why this role?")
