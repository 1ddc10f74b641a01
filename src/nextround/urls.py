from django.urls import include, path

urlpatterns = [
    path("", include("nextround.core.urls")),
    path("", include("nextround.interviews.urls")),
    path("", include("nextround.prep.urls")),
    path("", include("nextround.stories.urls")),
    path("", include("nextround.research.urls")),
    path("", include("nextround.practice.urls")),
    path("", include("nextround.followup.urls")),
    path("", include("nextround.money.urls")),
    path("", include("nextround.rehearsal.urls")),
    path("", include("nextround.decision.urls")),
    path("", include("nextround.workspace.urls")),
    path("", include("nextround.brief.urls")),
    path("", include("nextround.coaching.urls")),
]

handler400 = "nextround.core.views.bad_request"
handler403 = "nextround.core.views.permission_denied"
handler404 = "nextround.core.views.page_not_found"
handler500 = "nextround.core.views.server_error"
