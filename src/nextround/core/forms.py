"""Form fields every app shares, the mark of a form drawn from its values alone, and the sign-in
form."""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models

_M = TypeVar("_M", bound=models.Model)

# Every id the database hands out fits in a signed 64-bit integer.
ID_MIN, ID_MAX = -(2**63), 2**63 - 1


def could_be_id(value: object) -> bool:
    """False for a whole number no record can have (SQLite cannot even look it up); anything
    else is left to the field's own checks."""
    try:
        number = int(str(value))
    except ValueError:
        return True
    return ID_MIN <= number <= ID_MAX


class DrawnFromValues:
    """Marks a form whose HTML, while it is unbound, follows from its class, its prefix and its
    fields' values alone: fixed choices, no field changed per instance. ``{% kept_form %}``
    (``core/templatetags/kept_forms.py``) keeps such a form's HTML by those values."""


class RecordsChoiceField(forms.ModelMultipleChoiceField[_M]):
    """Several records chosen by id; an id outside the 64-bit range is refused as a choice that
    is not offered, before it reaches the database in a ``pk__in`` lookup (Django's own guard
    covers single lookups only)."""

    def clean(self, value: Any) -> Any:
        for pk in value if isinstance(value, list | tuple) else ():
            if not could_be_id(pk):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super().clean(value)


class SignInForm(AuthenticationForm):
    """Django's sign-in form, holding the username to the account model's length. Django sets
    the field's ``max_length`` only after building it, so its check never runs: a megabyte
    username reached ``authenticate`` and then django-axes, whose record of the failed attempt
    PostgreSQL refused (a column of 255 characters), a 500 instead of a message."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        if isinstance(field, forms.CharField) and field.max_length is not None:
            field.validators.append(MaxLengthValidator(field.max_length))
