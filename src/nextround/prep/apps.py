from django.apps import AppConfig


class PrepConfig(AppConfig):
    name = "nextround.prep"
    verbose_name = "Prep plans and questions to ask"
