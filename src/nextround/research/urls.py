from django.urls import path

from nextround.research import views

urlpatterns = [
    path("opportunities/<int:pk>/research/", views.research, name="research"),
    path("opportunities/<int:pk>/research/learned/", views.learned, name="research_learned"),
    path("opportunities/<int:pk>/research/facts/new/", views.fact_create, name="fact_create"),
    path("opportunities/<int:pk>/research/terms/", views.term_save, name="term_save"),
    path("opportunities/<int:pk>/research/feeds/", views.feed_add, name="feed_add"),
    path("opportunities/<int:pk>/research/refresh/", views.news_refresh, name="news_refresh"),
    path("opportunities/<int:pk>/research/news/paste/", views.news_paste, name="news_paste"),
    path("opportunities/<int:pk>/research/news/page/", views.news_page, name="news_page"),
    path("facts/<int:pk>/edit/", views.fact_edit, name="fact_edit"),
    path("facts/<int:pk>/delete/", views.fact_delete, name="fact_delete"),
    path("terms/<int:pk>/delete/", views.term_delete, name="term_delete"),
    path("feeds/<int:pk>/refresh/", views.feed_refresh, name="feed_refresh"),
    path("feeds/<int:pk>/delete/", views.feed_remove, name="feed_remove"),
    path("news/<int:pk>/date/", views.news_date, name="news_date"),
    path("news/<int:pk>/delete/", views.news_delete, name="news_delete"),
    path("people/<int:pk>/research/", views.person_research, name="person_research"),
]
