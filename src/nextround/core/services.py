from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

LOCAL_USERNAME = "local"


def local_user() -> User:
    """The one account of local mode; it has no usable password, so it cannot sign in remotely."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=LOCAL_USERNAME)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
