from django.urls import path

from nextround.followup import views

urlpatterns = [
    path("rounds/<int:pk>/calendar.ics", views.round_calendar, name="round_calendar"),
    path("rounds/<int:pk>/debrief/", views.debrief, name="debrief"),
    path("rounds/<int:pk>/thanks/", views.thanks, name="thanks"),
    path("rounds/<int:pk>/thanks/edit/", views.thank_you_edit, name="thank_you_edit"),
    path("rounds/<int:pk>/thanks/note.eml", views.thank_you_eml, name="thank_you_eml"),
    path("rounds/<int:pk>/signature/", views.signature, name="signature"),
    path("rounds/<int:pk>/followups/sent/", views.followup_sent, name="followup_sent"),
    path("rounds/<int:pk>/followups/draft.eml", views.followup_eml, name="followup_eml"),
    path("rounds/<int:pk>/replies/new/", views.reply_create, name="reply_create"),
    path("followups/<int:pk>/unsend/", views.followup_unsend, name="followup_unsend"),
    path("replies/<int:pk>/delete/", views.reply_delete, name="reply_delete"),
]
