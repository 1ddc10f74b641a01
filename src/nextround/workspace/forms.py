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


class DeleteAccountForm(forms.Form):
    """Typing the user name guards against a slip; on a shared server the password proves
    it is the account's owner at the keyboard."""

    username = forms.CharField(label="Type your user name to confirm", max_length=150)
    password = forms.CharField(label="Your password", widget=forms.PasswordInput, required=False)

    def __init__(self, *args: Any, user: Any, ask_password: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if ask_password:
            self.fields["password"].required = True
        else:
            del self.fields["password"]

    def clean_username(self) -> str:
        typed: str = self.cleaned_data["username"].strip()
        if typed != self.user.get_username():
            raise forms.ValidationError("That is not this account's user name.")
        return typed

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("The password is wrong.")
        return password
