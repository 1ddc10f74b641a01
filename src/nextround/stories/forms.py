from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User

from nextround import intake
from nextround.core.fetch import fetch_document
from nextround.core.forms import RecordsChoiceField
from nextround.errors import Invalid
from nextround.interviews.models import Person
from nextround.stories.models import (
    TOP_STRENGTHS,
    AnswerKind,
    CheckStatus,
    ConcernStatus,
    Quote,
    Story,
)


class StoryForm(forms.ModelForm[Story]):
    class Meta:
        model = Story
        fields = [
            "title",
            "situation",
            "task",
            "action",
            "result",
            "numbers",
            "competencies",
            "employer",
            "happened_on",
        ]
        widgets = {
            "situation": forms.Textarea(attrs={"rows": 3}),
            "task": forms.Textarea(attrs={"rows": 2}),
            "action": forms.Textarea(attrs={"rows": 6}),
            "result": forms.Textarea(attrs={"rows": 3}),
            "happened_on": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {
            "situation": "Where and when; what was at stake.",
            "task": "What you were responsible for.",
            "action": "What you did, step by step. Say “I”.",
            "result": "What changed, with numbers where you have them.",
        }


def _owned_stories(owner: User) -> RecordsChoiceField[Story]:
    return RecordsChoiceField(
        queryset=Story.objects.filter(owner=owner),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The stories that prove it (at least one).",
    )


class StrengthForm(forms.Form):
    name = forms.CharField(max_length=120)
    description = forms.CharField(
        label="What it looks like", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    rank = forms.TypedChoiceField(
        choices=[(i, str(i)) for i in range(1, TOP_STRENGTHS + 1)], coerce=int
    )
    differentiator = forms.BooleanField(
        label="This is my differentiator", required=False, help_text="Only one can be."
    )

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stories"] = _owned_stories(owner)


class QuoteForm(forms.ModelForm[Quote]):
    class Meta:
        model = Quote
        fields = ["text", "who"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        labels = {"text": "What they said", "who": "Who said it"}


class PostingForm(forms.Form):
    """One of three ways in: pasted text, an uploaded file, or an address to fetch."""

    text = forms.CharField(
        label="Paste the posting", required=False, widget=forms.Textarea(attrs={"rows": 10})
    )
    file = forms.FileField(
        label="…or upload it",
        required=False,
        help_text=f"{', '.join(f'.{f}' for f in intake.FORMATS)}; "
        f"at most {intake.MAX_BYTES // (1024 * 1024)} MB.",
    )
    url = forms.URLField(
        label="…or fetch it from",
        required=False,
        assume_scheme="https",
        help_text="Fetched by this computer; nothing else is sent anywhere.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = [k for k in ("text", "file", "url") if data.get(k)]
        if not given and not self.errors:
            raise forms.ValidationError("Paste the posting, upload a file or give its address.")
        if len(given) > 1:
            raise forms.ValidationError("Use one of the three ways at a time.")
        return data

    def document(self) -> intake.Document | None:
        """The file or page read into text; raises Invalid with a message for bad input."""
        data = self.cleaned_data
        if data.get("file"):
            upload = data["file"]
            if upload.size > intake.MAX_BYTES:
                limit = intake.MAX_BYTES // (1024 * 1024)
                raise Invalid(f"The file is larger than {limit} MB.", {"file": ["Too large."]})
            return intake.read_bytes(
                upload.name, upload.read(), content_type=upload.content_type or ""
            )
        if data.get("url"):
            return fetch_document(data["url"])
        return None


class TellingForm(forms.Form):
    story = forms.ModelChoiceField(queryset=Story.objects.none(), label="Story I told")
    people = RecordsChoiceField(
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Told to",
        help_text="Leave empty for everyone who attended.",
    )

    def __init__(self, *args: Any, owner: User, attendees: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        story = self.fields["story"]
        people = self.fields["people"]
        assert isinstance(story, forms.ModelChoiceField)
        assert isinstance(people, forms.ModelMultipleChoiceField)
        story.queryset = Story.objects.filter(owner=owner)
        people.queryset = Person.objects.filter(pk__in=[p.pk for p in attendees])


class ConcernAnswerForm(forms.Form):
    ref = forms.CharField(max_length=60, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label="Answer with", choices=AnswerKind.choices)
    story = forms.ModelChoiceField(queryset=Story.objects.none(), required=False)
    answer = forms.CharField(
        label="What I will say", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    status = forms.ChoiceField(
        choices=[c for c in ConcernStatus.choices if c[0] != ConcernStatus.OPEN]
    )

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        story = self.fields["story"]
        assert isinstance(story, forms.ModelChoiceField)
        story.queryset = Story.objects.filter(owner=owner)


class CVCheckForm(forms.Form):
    """What the candidate found when checking one requirement against their CV."""

    key = forms.CharField(max_length=40, widget=forms.HiddenInput)
    status = forms.ChoiceField(label="On my CV", choices=CheckStatus.choices)
