from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "nextround.practice"
    verbose_name = "Practice"
