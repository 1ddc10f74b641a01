"""Web forms. They only shape input; the rules live in the models and are enforced by services."""

from __future__ import annotations

import contextlib
from functools import cache
from typing import Any, cast

from django import forms

from nextround import timeutil
from nextround.core.forms import RecordsChoiceField
from nextround.core.models import validate_date_range
from nextround.errors import Invalid
from nextround.interviews import jobs
from nextround.interviews.models import (
    NoteKind,
    Opportunity,
    Person,
    Round,
    RoundNote,
    Stage,
)
from nextround.playbook.classify import Prediction, classify_question
from nextround.playbook.knowledge import CATEGORIES, CATEGORY_LABELS

LOCAL_DATETIME = "%Y-%m-%dT%H:%M"


class OpportunityForm(forms.ModelForm[Opportunity]):
    class Meta:
        model = Opportunity
        fields = ["company", "role_title", "location", "source_url", "posting_text"]
        widgets = {"posting_text": forms.Textarea(attrs={"rows": 8})}


class OpportunityCreateForm(OpportunityForm):
    stage = forms.ChoiceField(choices=Stage.choices, initial=Stage.APPLIED)


class StageForm(forms.Form):
    stage = forms.ChoiceField(choices=Stage.choices)
    on = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}),
        required=False,
        label="Since",
        validators=[validate_date_range],
    )


class PersonForm(forms.ModelForm[Person]):
    rounds = RecordsChoiceField(
        queryset=Round.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Attends",
    )

    class Meta:
        model = Person
        fields = [
            "name",
            "title",
            "relation",
            "email",
            "profile_url",
            "background",
            "common_ground",
            "decision_maker",
        ]
        widgets = {
            "background": forms.Textarea(attrs={"rows": 3}),
            "common_ground": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, opportunity: Opportunity, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rounds_field = self.fields["rounds"]
        assert isinstance(rounds_field, forms.ModelMultipleChoiceField)
        rounds_field.queryset = opportunity.rounds.all()
        if self.instance.pk:
            rounds_field.initial = list(self.instance.rounds.all())


class RoundForm(forms.ModelForm[Round]):
    """Start and end are typed as wall-clock times in the round's own time zone."""

    starts_at = forms.DateTimeField(
        label="Starts",
        input_formats=[LOCAL_DATETIME, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_DATETIME),
    )
    ends_at = forms.DateTimeField(
        label="Ends",
        input_formats=[LOCAL_DATETIME, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_DATETIME),
    )
    timezone = forms.ChoiceField(label="Time zone")
    attendees = RecordsChoiceField(
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Who attends",
    )

    class Meta:
        model = Round
        fields = [
            "number",
            "is_final",
            "kind",
            "format",
            "location",
            "video_link",
            "dress_code",
            "logistics",
        ]
        widgets = {"logistics": forms.Textarea(attrs={"rows": 3})}

    def __init__(
        self, *args: Any, opportunity: Opportunity, default_timezone: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        tz_field = self.fields["timezone"]
        assert isinstance(tz_field, forms.ChoiceField)
        tz_field.choices = [(name, name) for name in timeutil.timezone_names()]
        tz_field.initial = default_timezone
        people = self.fields["attendees"]
        assert isinstance(people, RecordsChoiceField)
        people.queryset = opportunity.people.all()
        if self.instance.pk:
            # Show the stored times as they read on the round's own clock.
            self.initial.update(
                starts_at=self.instance.local_start.replace(tzinfo=None),
                ends_at=self.instance.local_end.replace(tzinfo=None),
                timezone=self.instance.timezone,
                attendees=list(self.instance.attendees.all()),
            )

    def _post_clean(self) -> None:
        # The service validates the model (it needs the time zone first); skip the ModelForm's
        # own instance validation, which would see naive datetimes.
        pass

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("starts_at", "ends_at"):
            value = data.get(name)
            if value is not None and value.tzinfo is not None:
                data[name] = value.replace(tzinfo=None)  # keep the wall-clock the user typed
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        return {
            "starts": data.pop("starts_at"),
            "ends": data.pop("ends_at"),
            "timezone_name": data.pop("timezone"),
            "attendees": list(data.pop("attendees")),
            **data,
        }


# Which inputs each kind of note asks for, besides its main text.
NOTE_KIND_FIELDS: dict[str, list[str]] = {
    NoteKind.QUESTION: ["person", "answer", "rating", "improve", "category"],
    NoteKind.FEEDBACK: ["person"],
    NoteKind.CONCERN: ["person", "status", "response"],
    NoteKind.PROMISE: ["promised_by", "person", "due_on", "status"],
    NoteKind.NUMBER: ["person", "amount_low", "amount_high", "currency"],
    NoteKind.FREE: [],
}

NOTE_TEXT_LABELS: dict[str, str] = {
    NoteKind.QUESTION: "Question asked",
    NoteKind.FEEDBACK: "What they said",
    NoteKind.CONCERN: "The concern",
    NoteKind.PROMISE: "What was promised",
    NoteKind.NUMBER: "What the number is about",
    NoteKind.FREE: "Note",
}

# A concern's planned answer is one record with the Concerns page's answer (it reads the note).
NOTE_FIELD_LABELS: dict[str, dict[str, str]] = {
    NoteKind.CONCERN: {"response": "Planned answer"},
    NoteKind.QUESTION: {"category": "Kind of question"},
}
NOTE_HELP_TEXTS: dict[str, dict[str, str]] = {
    NoteKind.CONCERN: {
        "response": "What you will say. The Concerns page shows and edits the same answer, "
        "and can link a story to it."
    }
}

NOTE_PERSON_LABELS: dict[str, str] = {
    NoteKind.QUESTION: "Asked by",
    NoteKind.FEEDBACK: "From",
    NoteKind.CONCERN: "Raised by",
    NoteKind.PROMISE: "With",
    NoteKind.NUMBER: "Mentioned by",
}


NOTE_WIDGETS: dict[str, type[forms.Widget] | forms.Widget] = {
    "text": forms.Textarea(attrs={"rows": 2}),
    "answer": forms.Textarea(attrs={"rows": 2}),
    "improve": forms.Textarea(attrs={"rows": 2}),
    "response": forms.Textarea(attrs={"rows": 2}),
    "due_on": forms.DateInput(attrs={"type": "date"}),
    "rating": forms.Select(choices=[("", "—"), *[(i, str(i)) for i in range(1, 6)]]),
}


class NoteFormBase(forms.ModelForm[RoundNote]):
    """Shared behaviour of the per-kind note forms built by :func:`note_form_class`."""

    kind: str = NoteKind.FREE

    def __init__(self, *args: Any, round_: Round, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "person" in self.fields:
            person = self.fields["person"]
            assert isinstance(person, forms.ModelChoiceField)
            person.queryset = round_.opportunity.people.all()
        if "status" in self.fields:
            done = "addressed" if self.kind == NoteKind.CONCERN else "done"
            self.fields["status"].label = f"Status (open / {done})"
        if "category" in self.fields:
            self._offer_categories()

    def _offer_categories(self) -> None:
        """The kind of question: "Automatic" lets the classifier tag it (again, on every save);
        a category picked here is the candidate's correction and stays."""
        field = self.fields["category"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Automatic"), *((c, CATEGORY_LABELS[c]) for c in CATEGORIES)]
        field.required = False
        note = self.instance
        if note.pk is None:
            field.help_text = "Leave it on Automatic, or pick one if you know better."
            return
        if not note.category_by_hand:
            self.initial["category"] = ""
        guess = None
        with contextlib.suppress(Invalid):  # by words while serving: a page never embeds
            guess = classify_question(note.text[:1000], meaning=not jobs.serving())
        if guess is not None:
            field.help_text = f"Automatic: {guess_text(guess)}. Pick another to correct it."

    def _post_clean(self) -> None:
        pass  # the service validates the whole note

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


def guess_text(guess: Prediction) -> str:
    """The classifier's answer in words: the category and its confidence, and the runner-up
    too when the classifier is unsure."""
    said = f"{CATEGORY_LABELS[guess.category]} ({guess.confidence:.0%} sure)"
    if guess.unsure:
        said += f" or {CATEGORY_LABELS[guess.runner_up]} ({guess.runner_up_confidence:.0%})"
    return said


@cache
def note_form_class(kind: str) -> type[NoteFormBase]:
    """A form with just the inputs that make sense for this kind of note."""
    labels = {"text": NOTE_TEXT_LABELS[kind], **NOTE_FIELD_LABELS.get(kind, {})}
    if kind in NOTE_PERSON_LABELS:
        labels["person"] = NOTE_PERSON_LABELS[kind]
    form_class = forms.modelform_factory(
        RoundNote,
        form=NoteFormBase,
        fields=["text", *NOTE_KIND_FIELDS[kind]],
        widgets=NOTE_WIDGETS,
        labels=labels,
        help_texts=NOTE_HELP_TEXTS.get(kind, {}),
    )
    note_form = cast(type[NoteFormBase], form_class)
    note_form.kind = kind
    return note_form


class AttendeeForm(forms.Form):
    """Add someone of the opportunity to a round from the round page."""

    person = forms.ModelChoiceField(queryset=Person.objects.none(), label="Someone you know")

    def __init__(
        self, *args: Any, round_: Round, people: list[Person] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = round_.opportunity.people.exclude(rounds=round_)
        if people is not None:  # already read for the page: no second query for the choices
            field.choices = [(p.pk, str(p)) for p in people]
