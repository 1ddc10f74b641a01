"""Server mode on Linux: the web app under gunicorn, several processes of threads each.

gunicorn forks its web processes from this one after Django is set up, so what `nextround serve`
prepared (the settings, the loaded app, the flags that make saves queue background work) is
theirs too; the database connections are closed first, since a forked process must open its own.
Static files are served by WhiteNoise in each process, straight from the package.
"""

from __future__ import annotations

from typing import Any


def gunicorn_serve(application: Any, *, host: str, port: int, workers: int, threads: int) -> None:
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    options = {
        "bind": bind,
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "proc_name": "nextround",
        "errorlog": "-",
        # Recordings and postings arrive in one request; give a slow upload its time.
        "timeout": 120,
        "graceful_timeout": 20,
        # Its control socket is one path per user: a second server would take the first's.
        "control_socket_disable": True,
    }

    class Server(BaseApplication):
        def load_config(self) -> None:
            for name, value in options.items():
                self.cfg.set(name, value)

        def load(self) -> Any:
            return application

    connections.close_all()
    Server().run()
