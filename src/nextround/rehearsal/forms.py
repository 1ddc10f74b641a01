"""The case picker, an own prompt, the answer (typed or recorded) with its scratch structure, a
round's plan, a slide, and a slide file to import. The models' rules check each field."""

from __future__ import annotations

from typing import Any

from django import forms

from nextround.cases.bank import KIND_LABELS
from nextround.errors import Invalid
from nextround.playbook.field import FIELD_LABELS
from nextround.rehearsal.models import CaseSession, PresentationPlan, Slide
from nextround.slides.importing import MAX_BYTES
from nextround.slides.rehearsal import parse_marks

_ANY = [("", "Any")]


class CasePickForm(forms.Form):
    """The bank's filters, read from the page's address (GET)."""

    kind = forms.ChoiceField(choices=_ANY + list(KIND_LABELS.items()), required=False)
    field = forms.ChoiceField(
        label="Employer's field", choices=_ANY + list(FIELD_LABELS.items()), required=False
    )


class OwnCaseForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = CaseSession
        fields = ("title", "prompt", "kind")
        labels = {"prompt": "The case as it was put to you", "kind": "Kind (optional)"}


class AnswerForm(forms.ModelForm):  # type: ignore[type-arg]
    """The scratch structure and the answer, typed, or spoken: the recorder on the page sends
    its recording as ``audio``; without it a recording made elsewhere is uploaded there."""

    audio = forms.FileField(
        label="Or upload a recording of your answer",
        required=False,
        help_text="webm, ogg, wav, mp3 or m4a. It is transcribed into the answer.",
        widget=forms.ClearableFileInput(attrs={"accept": "audio/*"}),
    )

    class Meta:
        model = CaseSession
        fields = ("structure", "answer")
        labels = {"answer": "Your answer"}
        help_texts = {
            "structure": "One branch a line; indent the points under it (two spaces or a tab).",
        }
        widgets = {
            "structure": forms.Textarea(attrs={"rows": 8, "class": "mono"}),
            "answer": forms.Textarea(attrs={"rows": 14}),
        }


class PlanForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = PresentationPlan
        fields = ("slot_minutes", "brief")
        widgets = {"brief": forms.Textarea(attrs={"rows": 4})}


class SlideForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Slide
        fields = ("title", "text", "notes", "minutes")
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 5}),
        }


class ImportForm(forms.Form):
    file = forms.FileField(label="A .pptx or .pdf file")
    replace = forms.BooleanField(label="Replace the slides already here", required=False)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is larger than the {MAX_BYTES // 1024 // 1024} MB limit."
            )
        return upload


class RunThroughForm(forms.Form):
    """A run-through's recording with its slide changes. The recorder on the page fills the
    marks as the candidate presses Space or "Next slide"; without it they are typed."""

    audio = forms.FileField(
        label="Or upload a recording of the run-through",
        help_text="webm, ogg, wav, mp3 or m4a.",
        widget=forms.ClearableFileInput(attrs={"accept": "audio/*"}),
    )
    marks = forms.CharField(
        label="Slide changes",
        required=False,
        max_length=2000,
        help_text="When you moved to the next slide, from the start: 0:40, 1:55, 3:10.",
    )

    def clean_marks(self) -> list[float]:
        try:
            return parse_marks(self.cleaned_data["marks"])
        except Invalid as exc:
            raise forms.ValidationError(exc.message) from None
