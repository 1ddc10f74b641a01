"""Django's SQLite backend, compiling each SELECT's text once per shape (``core.db.kept``)."""

from django.db.backends.sqlite3 import base
from django.db.backends.sqlite3.operations import DatabaseOperations as BaseOperations


class DatabaseOperations(BaseOperations):
    compiler_module = "nextround.core.db.sqlite3.compiler"


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
