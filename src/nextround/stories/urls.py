from django.urls import path

from nextround.stories import views

urlpatterns = [
    path("stories/", views.story_list, name="story_list"),
    path("stories/new/", views.story_create, name="story_create"),
    path("stories/analysis/", views.story_analysis, name="story_analysis"),
    path("stories/<int:pk>/", views.story_detail, name="story_detail"),
    path("stories/<int:pk>/edit/", views.story_edit, name="story_edit"),
    path("stories/<int:pk>/delete/", views.story_delete, name="story_delete"),
    path("strengths/", views.strengths, name="strengths"),
    path("strengths/<int:pk>/edit/", views.strength_edit, name="strength_edit"),
    path("strengths/<int:pk>/delete/", views.strength_delete, name="strength_delete"),
    path("strengths/quotes/", views.quote_create, name="quote_create"),
    path("strengths/quotes/<int:pk>/delete/", views.quote_delete, name="quote_delete"),
    path("opportunities/<int:pk>/posting/", views.posting, name="posting"),
    path("opportunities/<int:pk>/coverage/", views.coverage, name="coverage"),
    path(
        "opportunities/<int:pk>/coverage/prepare/",
        views.coverage_prepare,
        name="coverage_prepare",
    ),
    path("opportunities/<int:pk>/coverage/check/", views.cv_check, name="cv_check"),
    path("opportunities/<int:pk>/concerns/", views.concerns, name="concerns"),
    path("opportunities/<int:pk>/concerns/answer/", views.concern_answer, name="concern_answer"),
    path("rounds/<int:pk>/stories/", views.round_tell, name="round_tell"),
]
