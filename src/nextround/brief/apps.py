from django.apps import AppConfig


class BriefConfig(AppConfig):
    name = "nextround.brief"
    label = "brief"
