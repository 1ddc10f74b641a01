from django.urls import path

from nextround.interviews import views

urlpatterns = [
    path("opportunities/", views.opportunity_list, name="opportunity_list"),
    path("opportunities/new/", views.opportunity_create, name="opportunity_create"),
    path("opportunities/<int:pk>/", views.opportunity_detail, name="opportunity_detail"),
    path("opportunities/<int:pk>/edit/", views.opportunity_edit, name="opportunity_edit"),
    path("opportunities/<int:pk>/stage/", views.opportunity_stage, name="opportunity_stage"),
    path("opportunities/<int:pk>/delete/", views.opportunity_delete, name="opportunity_delete"),
    path("opportunities/<int:pk>/people/new/", views.person_create, name="person_create"),
    path("opportunities/<int:pk>/rounds/new/", views.round_create, name="round_create"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/delete/", views.person_delete, name="person_delete"),
    path("rounds/<int:pk>/edit/", views.round_edit, name="round_edit"),
    path("rounds/<int:pk>/attendees/add/", views.round_attendee_add, name="round_attendee_add"),
    path("rounds/<int:pk>/delete/", views.round_delete, name="round_delete"),
    path("rounds/<int:pk>/carry-forward/", views.round_carry_forward, name="round_carry_forward"),
    path("rounds/<int:pk>/notes/new/<slug:kind>/", views.note_create, name="note_create"),
    path("notes/<int:pk>/edit/", views.note_edit, name="note_edit"),
    path("notes/<int:pk>/delete/", views.note_delete, name="note_delete"),
]
