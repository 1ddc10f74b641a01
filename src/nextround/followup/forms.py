"""The debrief (one page: a part for the round, a part per interviewer), the thank-you note's
edit, marking a follow-up sent, a reply received, and how to sign the notes."""

from __future__ import annotations

from typing import Any

from django import forms

from nextround.core.forms import RecordsChoiceField
from nextround.core.models import TEXT_LIMIT, validate_date_range
from nextround.followup import services
from nextround.followup.models import Rapport, SentKind
from nextround.interviews.models import Person, RoundNote, Stage
from nextround.stories.models import Story

QUESTION_ROWS = 2  # empty rows for new questions per interviewer; saving brings fresh ones
CONCERN_ROWS = 1
_DATE = forms.DateInput(attrs={"type": "date"})
_RATING = [("", "—"), *[(str(i), str(i)) for i in range(1, 6)]]


def _text(label: str, *, rows: int = 2, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=TEXT_LIMIT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _rating(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=_RATING, coerce=int, empty_value=None, required=False
    )


class RoundDebriefForm(forms.Form):
    overall = _rating("How it went overall (1–5)")
    feel = _text("Overall feel", rows=3)
    next_steps = _text(
        "Next steps they gave", help_text="e.g. “We'll decide by Friday and call you.”"
    )
    next_date = forms.DateField(
        label="By when",
        required=False,
        widget=_DATE,
        validators=[validate_date_range],
        help_text="The date they named; the status check waits for it.",
    )
    money = _text("Salary or notice talk", help_text="What was said, and by whom.")
    amount_low = forms.DecimalField(label="From", required=False, max_digits=12, decimal_places=2)
    amount_high = forms.DecimalField(label="To", required=False, max_digits=12, decimal_places=2)
    currency = forms.CharField(label="Currency", required=False, max_length=3)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("amount_low"), data.get("amount_high")
        if low is not None and high is not None and high < low:
            self.add_error("amount_high", "The upper figure must not be below the lower one.")
        return data

    def entry(self, *, done: bool) -> services.RoundEntry:
        data = self.cleaned_data
        return services.RoundEntry(
            overall=data["overall"],
            feel=data["feel"],
            next_steps=data["next_steps"],
            next_date=data["next_date"],
            money=data["money"],
            amount_low=data["amount_low"],
            amount_high=data["amount_high"],
            currency=data["currency"],
            done=done,
        )


class PersonDebriefForm(forms.Form):
    """One interviewer's part of the debrief, its inputs named ``p<id>-…``."""

    topics = _text("Topics discussed", rows=3, help_text="One per line.")
    cared_about = _text("What they seemed to care about")
    specific = _text(
        "Something particular they said", help_text="A project, a challenge, a shared interest."
    )
    rapport = forms.TypedChoiceField(
        label="Your read of the rapport",
        choices=[("", "—"), *[(str(v), label) for v, label in Rapport.choices]],
        coerce=int,
        empty_value=None,
        required=False,
    )
    stories = RecordsChoiceField(
        queryset=Story.objects.none(),
        required=False,
        label="Stories you told them",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, person: Person, stories: list[Story], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"p{person.pk}")
        super().__init__(*args, **kwargs)
        self.person = person
        field = self.fields["stories"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Story.objects.filter(pk__in=[s.pk for s in stories])
        field.choices = [(s.pk, s.title) for s in stories]
        self.has_stories = bool(stories)
        for row in range(1, QUESTION_ROWS + 1):
            self.fields[f"q{row}"] = _text(f"A question they asked ({row})")
            self.fields[f"q{row}_rating"] = _rating("How your answer went (1–5)")
            self.fields[f"q{row}_answer"] = _text("Your answer in short")
        for row in range(1, CONCERN_ROWS + 1):
            self.fields[f"c{row}"] = _text("A concern they raised")

    def question_rows(self) -> list[tuple[forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (self[f"q{row}"], self[f"q{row}_rating"], self[f"q{row}_answer"])
            for row in range(1, QUESTION_ROWS + 1)
        ]

    def concern_rows(self) -> list[forms.BoundField]:
        return [self[f"c{row}"] for row in range(1, CONCERN_ROWS + 1)]

    def entry(self) -> services.PersonEntry:
        data = self.cleaned_data
        return services.PersonEntry(
            person=self.person,
            topics=data["topics"],
            cared_about=data["cared_about"],
            specific=data["specific"],
            rapport=data["rapport"],
            questions=[
                services.QuestionEntry(
                    text=data[f"q{row}"],
                    rating=data[f"q{row}_rating"],
                    answer=data[f"q{row}_answer"],
                )
                for row in range(1, QUESTION_ROWS + 1)
            ],
            concerns=[data[f"c{row}"] for row in range(1, CONCERN_ROWS + 1)],
            # A form without the story boxes (no stories yet) leaves the tellings alone.
            stories=list(data["stories"]) if self.has_stories else None,
        )


class ThankYouForm(forms.Form):
    subject = forms.CharField(max_length=200)
    body = forms.CharField(
        label="Text", max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 14})
    )


class SignatureForm(forms.Form):
    name = forms.CharField(label="Your name", max_length=200, help_text="Signs your notes.")
    email = forms.EmailField(
        label="Your email",
        required=False,
        help_text="The sender of the .eml files; your mail program can also fill it in.",
    )


class SentForm(forms.Form):
    """Mark a follow-up sent: what (kind, to whom, which concern) and on which day."""

    kind = forms.ChoiceField(choices=SentKind.choices, widget=forms.HiddenInput)
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(), required=False, widget=forms.HiddenInput
    )
    concern = forms.ModelChoiceField(
        queryset=RoundNote.objects.none(), required=False, widget=forms.HiddenInput
    )
    on = forms.DateField(label="Sent on", widget=_DATE, validators=[validate_date_range])

    def __init__(self, *args: Any, people: Any, concerns: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        concern = self.fields["concern"]
        assert isinstance(person, forms.ModelChoiceField)
        assert isinstance(concern, forms.ModelChoiceField)
        person.queryset = people
        concern.queryset = concerns


class ReplyForm(forms.Form):
    received_on = forms.DateField(
        label="Received on", widget=_DATE, validators=[validate_date_range]
    )
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(), required=False, label="From", empty_label="Someone else"
    )
    said = _text("What it said", rows=3)
    new_date = forms.DateField(
        label="A new date they gave",
        required=False,
        widget=_DATE,
        validators=[validate_date_range],
        help_text="When they now say they will be in touch, if they said.",
    )
    stage = forms.ChoiceField(
        label="Move the opportunity to",
        required=False,
        choices=[("", "— leave the stage as it is —"), *Stage.choices],
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = people
        self.fields["said"].required = True
