"""The shared form fields, against the real database."""

from __future__ import annotations

import pytest
from django import forms

from nextround.core.forms import ID_MAX, ID_MIN, RecordsChoiceField, could_be_id
from nextround.interviews.models import Person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, True),
        (str(ID_MAX), True),
        (str(ID_MIN), True),
        (str(ID_MAX + 1), False),
        (str(ID_MIN - 1), False),
        ("99999999999999999999999", False),
        ("abc", True),  # not a number: the field's own check says so
    ],
)
def test_could_be_id(value: object, expected: bool) -> None:
    assert could_be_id(value) is expected


def _field() -> RecordsChoiceField[Person]:
    return RecordsChoiceField(queryset=Person.objects.all(), required=False)


def test_ids_of_records_pass(people: list[Person]) -> None:
    assert list(_field().clean([str(people[0].pk), str(people[2].pk)])) == [people[0], people[2]]


@pytest.mark.parametrize("bad", [str(ID_MAX + 1), "99999999999999999999999", "-" + "9" * 30])
def test_an_id_no_record_can_have_is_not_a_choice(people: list[Person], bad: str) -> None:
    with pytest.raises(forms.ValidationError) as caught:
        _field().clean([str(people[0].pk), bad])
    assert caught.value.code == "invalid_choice"
    assert bad in caught.value.messages[0]


def test_a_word_is_still_refused_as_not_an_id(people: list[Person]) -> None:
    with pytest.raises(forms.ValidationError) as caught:
        _field().clean(["abc"])
    assert caught.value.code == "invalid_pk_value"
