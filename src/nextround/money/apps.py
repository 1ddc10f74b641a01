from django.apps import AppConfig


class MoneyConfig(AppConfig):
    name = "nextround.money"
    verbose_name = "Money: market ranges, budget, walk-away number, notice and offers"
