"""The workspace import form."""

from __future__ import annotations

from typing import Any

from django import forms

IMPORT_LIMIT = 10 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label="Workspace file (.json from nextround export)")

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_LIMIT:
            raise forms.ValidationError("The file is larger than 10 MB; is it a nextround export?")
        return upload
