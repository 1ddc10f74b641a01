from django.urls import path

from nextround.practice import views

urlpatterns = [
    path("practice/", views.practice_home, name="practice_home"),
    path("practice/start/", views.practice_start, name="practice_start"),
    path("practice/history/", views.history, name="practice_history"),
    path("practice/sessions/<int:pk>/", views.session_detail, name="practice_session"),
    path(
        "practice/sessions/<int:pk>/<int:position>/",
        views.question_page,
        name="practice_question",
    ),
    path(
        "practice/sessions/<int:pk>/<int:position>/record/",
        views.question_record,
        name="practice_record",
    ),
    path("practice/attempts/<int:pk>/", views.attempt_detail, name="practice_attempt"),
    path("practice/attempts/<int:pk>/status/", views.attempt_status, name="practice_status"),
    path("practice/attempts/<int:pk>/keep/", views.attempt_keep, name="practice_keep"),
    path("practice/attempts/<int:pk>/delete/", views.attempt_delete, name="practice_delete"),
]
