from django.apps import AppConfig
from django.db.models.signals import post_save


class StoriesConfig(AppConfig):
    name = "nextround.stories"
    verbose_name = "Stories, strengths and the job's needs"

    def ready(self) -> None:
        # A signal, because opportunities are saved by `interviews`, which sits below us.
        from nextround.interviews.models import Opportunity
        from nextround.stories.jobs import queue_on_save
        from nextround.stories.models import Story

        for model in (Story, Opportunity):
            post_save.connect(queue_on_save, sender=model, dispatch_uid=f"embed-{model.__name__}")
