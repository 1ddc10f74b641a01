from django.urls import path

from nextround.rehearsal import views

urlpatterns = [
    path("cases/", views.cases, name="cases"),
    path("cases/start/", views.case_start, name="case_start"),
    path("cases/own/", views.case_own, name="case_own"),
    path("cases/from-note/<int:pk>/", views.case_from_note, name="case_from_note"),
    path("cases/sessions/<int:pk>/", views.case_session, name="case_session"),
    path("cases/sessions/<int:pk>/phase/", views.case_phase, name="case_phase"),
    path("cases/sessions/<int:pk>/feedback/", views.case_feedback, name="case_feedback"),
    path("cases/sessions/<int:pk>/delete/", views.case_delete, name="case_delete"),
    path("rounds/<int:pk>/presentation/", views.presentation, name="presentation"),
    path("rounds/<int:pk>/presentation/run/", views.presentation_run, name="presentation_run"),
    path("run-throughs/<int:pk>/", views.run_through, name="run_through"),
    path("run-throughs/<int:pk>/delete/", views.run_through_delete, name="run_through_delete"),
    path("rounds/<int:pk>/presentation/slides/", views.slide_add, name="slide_add"),
    path("rounds/<int:pk>/presentation/import/", views.slides_import, name="slides_import"),
    path(
        "rounds/<int:pk>/presentation/practise/",
        views.presentation_practise,
        name="presentation_practise",
    ),
    path("slides/<int:pk>/edit/", views.slide_edit, name="slide_edit"),
    path("slides/<int:pk>/move/", views.slide_move, name="slide_move"),
    path("slides/<int:pk>/delete/", views.slide_delete, name="slide_delete"),
]
