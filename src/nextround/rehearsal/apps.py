from django.apps import AppConfig
from django.db.models.signals import post_delete


class RehearsalConfig(AppConfig):
    name = "nextround.rehearsal"
    verbose_name = "Rehearsal: case sessions and presentation plans"

    def ready(self) -> None:
        # A signal, because cascades from rounds and opportunities (other apps) delete these too.
        from nextround.practice.signals import recording_delete
        from nextround.rehearsal.models import CaseSession, RunThrough

        for model in (CaseSession, RunThrough):
            post_delete.connect(
                recording_delete, sender=model, dispatch_uid=f"recording-{model.__name__}"
            )
