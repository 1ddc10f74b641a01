from django.apps import AppConfig
from django.db.models.signals import post_delete


class PracticeConfig(AppConfig):
    name = "nextround.practice"
    verbose_name = "Practice"

    def ready(self) -> None:
        # A signal, because an attempt also goes with its session or its account.
        from nextround.practice.models import Attempt
        from nextround.practice.signals import recording_delete

        post_delete.connect(recording_delete, sender=Attempt, dispatch_uid="recording-Attempt")
