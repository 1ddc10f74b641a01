from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nextround.core"
    verbose_name = "Workspace shell: accounts, errors, layout, dashboard"
