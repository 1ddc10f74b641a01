from django.urls import path

from nextround.prep import views

urlpatterns = [
    path("rounds/<int:pk>/plan/", views.plan_item, name="plan_item"),
    path("rounds/<int:pk>/asks/adopt/", views.ask_adopt, name="ask_adopt"),
    path("rounds/<int:pk>/asks/new/", views.ask_create, name="ask_create"),
    path("asks/<int:pk>/edit/", views.ask_edit, name="ask_edit"),
]
