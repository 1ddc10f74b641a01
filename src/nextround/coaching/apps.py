from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "nextround.coaching"
    verbose_name = "Coaching: accounts, roles and invitations on a shared server"
