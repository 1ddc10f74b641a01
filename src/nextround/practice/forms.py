from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils import timezone

from nextround.interviews.models import Round
from nextround.playbook.knowledge import CATEGORY_LABELS
from nextround.practice.models import ANSWER_LIMIT, MAX_QUESTIONS
from nextround.practice.services import DEFAULT_COUNT

SOURCES = [
    ("round", "Likely questions for a round"),
    ("category", "A kind of question"),
    ("own", "My own questions"),
]


DEFAULT_CATEGORY = "basics"


class RoundChoice(forms.ModelChoiceField[Round]):
    def label_from_instance(self, obj: Round) -> str:
        when = timezone.localtime(obj.starts_at).strftime("%d %b")
        return f"{obj.opportunity.company}: round {obj.number} ({when})"


class StartForm(forms.Form):
    source = forms.ChoiceField(
        label="Questions from", choices=SOURCES, initial="category", widget=forms.RadioSelect
    )
    round = RoundChoice(queryset=Round.objects.none(), required=False)
    category = forms.ChoiceField(
        label="Kind of question", choices=[("", "—"), *CATEGORY_LABELS.items()], required=False
    )
    own = forms.CharField(
        label="Your questions",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="One question per line.",
    )
    count = forms.IntegerField(
        label="How many questions", min_value=1, max_value=MAX_QUESTIONS, initial=DEFAULT_COUNT
    )
    terms = forms.CharField(
        label="Words to work in",
        max_length=500,
        required=False,
        help_text="Optional, comma-separated: the company's values, product names, the team's "
        "words. Each answer shows which ones you used.",
    )

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rounds = Round.objects.filter(owner=owner).select_related("opportunity")
        self.fields["round"].queryset = rounds.order_by("-starts_at")  # type: ignore[attr-defined]
        self.fields["round"].empty_label = None  # type: ignore[attr-defined]
        # Untouched, the form starts a session: the next round's likely questions when one is
        # ahead, otherwise the basics every interview asks again.
        upcoming = rounds.filter(starts_at__gt=timezone.now()).order_by("starts_at").first()
        if upcoming is not None and "source" not in self.initial:
            self.initial.update(source="round", round=upcoming.pk)
        self.initial.setdefault("category", DEFAULT_CATEGORY)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        source = data.get("source")
        missing = {
            "round": ("round", "Choose the round."),
            "category": ("category", "Choose a kind of question."),
            "own": ("own", "Write at least one question."),
        }
        if source in missing and not data.get(source):
            field, message = missing[source]
            self.add_error(field, message)
        return data

    def service_kwargs(self) -> dict[str, Any]:
        """Only the chosen source goes to the service; the other fields may hold leftovers."""
        data = self.cleaned_data
        source = data["source"]
        chosen: dict[str, Any] = {
            "round": {"round_": data["round"]},
            "category": {"category": data["category"]},
            "own": {"own": data["own"].splitlines()},
        }[source]
        return {**chosen, "count": data["count"], "terms": data["terms"]}


class AnswerForm(forms.Form):
    text = forms.CharField(
        label="Your answer",
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=ANSWER_LIMIT,
        strip=True,
    )


class RecordingForm(forms.Form):
    audio = forms.FileField(
        label="Or upload a recording",
        help_text="webm, ogg, wav, mp3 or m4a.",
        widget=forms.ClearableFileInput(attrs={"accept": "audio/*"}),
    )
