"""The shared form fields, against the real database."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django import forms
from django.test import RequestFactory

from nextround.core.forms import ID_MAX, ID_MIN, RecordsChoiceField, SignInForm, could_be_id
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


def test_sign_in_refuses_a_username_longer_than_an_account_can_have() -> None:
    """Refused as a form error before anyone is asked to authenticate it, so nothing records
    the attempt (django-axes's record holds 255 characters; PostgreSQL refused a longer one)."""
    request = RequestFactory().post("/login/")
    form = SignInForm(request, data={"username": "a" * 151, "password": "whatever it is"})
    assert not form.is_valid()
    assert "at most 150 characters" in str(form.errors["username"])
    assert not AccessAttempt.objects.exists()


def test_sign_in_takes_a_username_of_the_full_length() -> None:
    request = RequestFactory().post("/login/")
    form = SignInForm(request, data={"username": "a" * 150, "password": "whatever it is"})
    assert not form.is_valid()  # no such account
    assert "username" not in form.errors
