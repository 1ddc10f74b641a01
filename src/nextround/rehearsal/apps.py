from django.apps import AppConfig


class RehearsalConfig(AppConfig):
    name = "nextround.rehearsal"
    verbose_name = "Rehearsal: case sessions and presentation plans"
