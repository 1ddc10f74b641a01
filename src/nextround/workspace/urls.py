from django.urls import path

from nextround.workspace import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("welcome/demo/", views.load_demo, name="load_demo"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("workspace/export/", views.workspace_export, name="workspace_export"),
    path("workspace/import/", views.workspace_import, name="workspace_import"),
    path("workspace/delete/", views.account_delete, name="account_delete"),
]
