from django.urls import path

from nextround.brief import views

urlpatterns = [
    path("rounds/<int:pk>/brief/", views.brief_page, name="brief"),
    path("rounds/<int:pk>/brief.pdf", views.brief_pdf, name="brief_pdf"),
    path("rounds/<int:pk>/brief.md", views.brief_markdown, name="brief_markdown"),
]
