from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "nextround.workspace"
    verbose_name = "Workspace: dashboard, round page, export and import, demo"
