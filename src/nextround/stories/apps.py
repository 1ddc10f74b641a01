from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "nextround.stories"
    verbose_name = "Stories, strengths and the job's needs"
