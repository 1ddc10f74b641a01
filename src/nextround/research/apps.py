from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "nextround.research"
    verbose_name = "Company research: facts, business terms, news and the people"
