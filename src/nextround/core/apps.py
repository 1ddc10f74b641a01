from django.apps import AppConfig

from nextround.core import stamps


class CoreConfig(AppConfig):
    name = "nextround.core"
    verbose_name = "Shared base: accounts, owned records, layout, errors"

    def ready(self) -> None:
        stamps.connect()
