from __future__ import annotations

from typing import Any

from django import forms

from nextround.coaching.models import Area, Role


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
