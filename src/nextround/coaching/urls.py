from django.urls import path

from nextround.coaching import views

urlpatterns = [
    path("join/<str:code>/", views.join, name="join"),
    path("invite/", views.invite, name="invite"),
    path("reset/<uidb64>/<token>/", views.PasswordSetView.as_view(), name="password_reset"),
    path("comments/add/", views.comment_add, name="comment_add"),
    path("comments/<int:pk>/reply/", views.comment_reply, name="comment_reply"),
    path("comments/<int:pk>/resolve/", views.comment_resolve, name="comment_resolve"),
    path("comments/<int:pk>/reopen/", views.comment_reopen, name="comment_reopen"),
    path("coach/candidates/<int:pk>/assign/", views.assign, name="assign"),
]
