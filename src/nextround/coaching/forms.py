from __future__ import annotations

import re
from typing import Any

from django import forms

from nextround.coaching.models import Area, Role
from nextround.core.models import TEXT_LIMIT, validate_date_range
from nextround.practice.models import MAX_QUESTIONS, QUESTION_LIMIT


class JoinForm(forms.Form):
    username = forms.CharField(label="User name", max_length=150)
    password1 = forms.CharField(label="Password", widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label="Password again", widget=forms.PasswordInput, strip=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", "The two passwords differ.")
        return data


class InviteForm(forms.Form):
    email = forms.EmailField(label="Their e-mail address (optional)", required=False)
    role = forms.ChoiceField(label="Joins as", choices=Role.choices)

    def __init__(self, *args: Any, roles: list[Role], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["role"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(r.value, r.label) for r in roles]


class ShareForm(forms.Form):
    """Who to share with and what: a whole area (``stories``) or one item of it
    (``stories:12``), chosen from the candidate's own items."""

    coach = forms.ChoiceField(label="Coach")
    what = forms.ChoiceField(label="What to share")
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        coaches: list[str],
        what: list[tuple[str, list[tuple[str, str]]]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        coach = self.fields["coach"]
        assert isinstance(coach, forms.ChoiceField)
        coach.choices = [(name, name) for name in coaches]
        field = self.fields["what"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = what

    def area_and_item(self) -> tuple[Area, int | None]:
        area, _, item = self.cleaned_data["what"].partition(":")
        return Area(area), int(item) if item else None


MOMENT = re.compile(r"(?:(\d{1,3}):)?(\d{1,2}(?:\.\d+)?)")


def seconds_of(moment: str) -> float:
    """``m:ss`` (or plain seconds) as seconds; ValueError when it is neither."""
    found = MOMENT.fullmatch(moment.strip())
    if found is None:
        raise ValueError(moment)
    minutes, seconds = found.groups()
    if minutes is not None and float(seconds) >= 60:
        raise ValueError(moment)
    return int(minutes or 0) * 60 + float(seconds)


class CommentForm(forms.Form):
    """A new thread on an item; ``at`` and ``quote`` only on a practice answer."""

    area = forms.ChoiceField(choices=Area.choices, widget=forms.HiddenInput)
    item_id = forms.IntegerField(min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)
    body = forms.CharField(
        label="Comment",
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write something first."},
    )
    at = forms.CharField(
        label="At a moment of the recording (m:ss)",
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"placeholder": "1:05", "inputmode": "numeric"}),
    )
    quote = forms.CharField(
        label="Or on these words of the answer",
        required=False,
        max_length=TEXT_LIMIT,
        help_text="Copy them from the answer, or select them there.",
    )

    def clean_at(self) -> float | None:
        moment: str = self.cleaned_data["at"]
        if not moment.strip():
            return None
        try:
            return seconds_of(moment)
        except ValueError:
            raise forms.ValidationError("Give the moment as minutes:seconds, e.g. 1:05.") from None


class ReplyForm(forms.Form):
    body = forms.CharField(
        label="Reply",
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Write something first."},
    )


class AssignForm(forms.Form):
    questions = forms.CharField(
        label="Questions",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"One question a line; at most {MAX_QUESTIONS}.",
        max_length=MAX_QUESTIONS * (QUESTION_LIMIT + 1),
    )
    due_on = forms.DateField(
        label="Due on",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_date_range],
    )
