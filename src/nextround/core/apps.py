from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nextround.core"
    verbose_name = "Shared base: accounts, owned records, layout, errors"
