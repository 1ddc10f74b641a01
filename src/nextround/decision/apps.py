from django.apps import AppConfig


class DecisionConfig(AppConfig):
    name = "nextround.decision"
    verbose_name = "Decision: the fit scorecard per opportunity and the choice between them"
