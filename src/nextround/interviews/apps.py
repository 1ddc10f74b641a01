from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "nextround.interviews"
    verbose_name = "Opportunities, rounds, people and notes"
