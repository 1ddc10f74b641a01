from django.urls import path

from nextround.decision import views

urlpatterns = [
    path("opportunities/<int:pk>/fit/", views.fit, name="fit"),
    path("opportunities/<int:pk>/fit/weights/", views.fit_weights, name="fit_weights"),
    path("opportunities/<int:pk>/fit/gates/", views.fit_gates, name="fit_gates"),
    path("opportunities/<int:pk>/fit/must-haves/", views.must_have_add, name="must_have_add"),
    path("opportunities/<int:pk>/fit/<slug:criterion>/", views.fit_score, name="fit_score"),
    path(
        "opportunities/<int:pk>/fit/<slug:criterion>/evidence/",
        views.fit_evidence,
        name="fit_evidence",
    ),
    path("evidence/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
    path("must-haves/<int:pk>/delete/", views.must_have_delete, name="must_have_delete"),
    path("decide/", views.decide, name="decide"),
    path("decide/record/", views.decide_record, name="decide_record"),
    path("offers/<int:pk>/decline.eml", views.decline_eml, name="decline_eml"),
]
