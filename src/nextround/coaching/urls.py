from django.urls import path

from nextround.coaching import views

urlpatterns = [
    path("join/<str:code>/", views.join, name="join"),
    path("invite/", views.invite, name="invite"),
    path("reset/<uidb64>/<token>/", views.PasswordSetView.as_view(), name="password_reset"),
]
