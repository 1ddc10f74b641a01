from __future__ import annotations

from typing import Any

from django import forms

from nextround.interviews.models import Person
from nextround.prep.models import AskItem, ItemStatus


class PlanItemForm(forms.Form):
    """Tick, skip or annotate a plan item; fields left out of the POST stay as they were."""

    key = forms.CharField(max_length=100, widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=ItemStatus.choices, required=False)
    note = forms.CharField(
        required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    reason = forms.CharField(
        label="Why skip it",
        required=False,
        max_length=300,
        help_text="Needed when you skip an item, so the readiness score can leave it out.",
    )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        # An absent field means "leave it"; an empty one that was posted clears it.
        return {
            "key": data["key"],
            "status": data["status"] or None,
            "note": data["note"] if "note" in self.data else None,
            "reason": data["reason"] if "reason" in self.data else None,
        }


class AskCreateForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = AskItem
        fields = ["person", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        labels = {"person": "Whom to ask"}

    def __init__(self, *args: Any, attendees: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)
        person.queryset = Person.objects.filter(pk__in=[p.pk for p in attendees])
        person.empty_label = "Anyone"


class AskEditForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = AskItem
        fields = ["text", "status", "answer"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "answer": forms.Textarea(attrs={"rows": 4}),
        }
