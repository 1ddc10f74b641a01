from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "nextround.followup"
    verbose_name = "After the round: debriefs, thank-you notes and follow-ups"
