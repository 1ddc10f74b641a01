from django.urls import path

from nextround.coaching import comment_views, views

urlpatterns = [
    path("join/<str:code>/", views.join, name="join"),
    path("invite/", views.invite, name="invite"),
    path("reset/<uidb64>/<token>/", views.PasswordSetView.as_view(), name="password_reset"),
    path("sharing/", views.sharing, name="sharing"),
    path("sharing/<int:pk>/revoke/", views.sharing_revoke, name="sharing_revoke"),
    path("coach/", views.coach_dashboard, name="coach_dashboard"),
    path("coach/candidates/<int:pk>/", views.coach_candidate, name="coach_candidate"),
    path("coach/stories/<int:pk>/", views.coach_story, name="coach_story"),
    path("coach/attempts/<int:pk>/", views.coach_attempt, name="coach_attempt"),
    path("coach/attempts/<int:pk>/audio/", views.coach_attempt_audio, name="coach_attempt_audio"),
    path("coach/rounds/<int:pk>/", views.coach_round, name="coach_round"),
    path("coach/opportunities/<int:pk>/fit/", views.coach_fit, name="coach_fit"),
    path("comments/add/", comment_views.comment_add, name="comment_add"),
    path("comments/<int:pk>/reply/", comment_views.comment_reply, name="comment_reply"),
    path("comments/<int:pk>/resolve/", comment_views.comment_resolve, name="comment_resolve"),
    path("comments/<int:pk>/reopen/", comment_views.comment_reopen, name="comment_reopen"),
    path("coach/candidates/<int:pk>/assign/", comment_views.assign, name="assign"),
]
