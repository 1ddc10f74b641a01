from django.urls import path

from nextround.money import views

urlpatterns = [
    path("opportunities/<int:pk>/money/", views.money, name="money"),
    path("opportunities/<int:pk>/money/ranges/", views.market_entry_add, name="market_entry_add"),
    path("opportunities/<int:pk>/offers/new/", views.offer_create, name="offer_create"),
    path("market/<int:pk>/delete/", views.market_entry_delete, name="market_entry_delete"),
    path("budget/", views.budget, name="budget"),
    path("budget/notice/", views.notice, name="notice"),
    path("offers/", views.offers, name="offers"),
    path("offers/current/", views.current_job, name="current_job"),
    path("offers/<int:pk>/edit/", views.offer_edit, name="offer_edit"),
    path("offers/<int:pk>/delete/", views.offer_delete, name="offer_delete"),
    path("wages/", views.wages, name="wages"),
]
