"""The scorecard's forms (weights, a score, evidence, must-haves and whether the job meets them)
and the decision's. Plain forms: the services check the whole with ``nextround.scorecard``."""

from __future__ import annotations

from typing import Any

from django import forms

from nextround.core.models import TEXT_LIMIT
from nextround.decision.models import GateStatus, MustHave
from nextround.scorecard.criteria import CRITERIA
from nextround.scorecard.score import TOTAL_WEIGHT

SCORE_CHOICES = [("", "Not scored yet"), *[(str(n), str(n)) for n in range(1, 6)]]
NONE_CHOSEN = "none"


class WeightsForm(forms.Form):
    """One whole number per criterion; together they make 100."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion in CRITERIA:
            self.fields[criterion.key] = forms.IntegerField(
                label=criterion.label, min_value=0, max_value=TOTAL_WEIGHT
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        given = [cleaned.get(c.key) for c in CRITERIA]
        if all(isinstance(v, int) for v in given):
            total = sum(v for v in given if isinstance(v, int))
            if total != TOTAL_WEIGHT:
                raise forms.ValidationError(
                    f"The weights add up to {total}; make them add up to {TOTAL_WEIGHT}."
                )
        return cleaned

    def weights(self) -> dict[str, int]:
        return {c.key: self.cleaned_data[c.key] for c in CRITERIA}


class ScoreForm(forms.Form):
    score = forms.TypedChoiceField(
        choices=SCORE_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Why", required=False, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 2})
    )


class EvidenceForm(forms.Form):
    source = forms.ChoiceField(label="Observation")

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["source"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Choose a note, an answer or a fact…"), *choices]


class MustHaveForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = MustHave
        fields = ("text",)


class GatesForm(forms.Form):
    """Whether the job meets each of the candidate's must-haves."""

    def __init__(self, *args: Any, must_haves: list[MustHave], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.must_haves = must_haves
        for must in must_haves:
            self.fields[f"gate_{must.pk}"] = forms.ChoiceField(
                label=must.text, choices=GateStatus.choices
            )
            self.fields[f"note_{must.pk}"] = forms.CharField(
                label=f"{must.text}: what you know", required=False, max_length=300
            )

    def statuses(self) -> dict[int, str]:
        return {m.pk: self.cleaned_data[f"gate_{m.pk}"] for m in self.must_haves}

    def notes(self) -> dict[int, str]:
        return {m.pk: self.cleaned_data[f"note_{m.pk}"] for m in self.must_haves}


class DecisionForm(forms.Form):
    chosen = forms.ChoiceField(label="I choose")
    reasons = forms.CharField(
        label="Why", max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, options: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["chosen"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [*options, (NONE_CHOSEN, "None of them: keep looking")]
