"""Django's PostgreSQL backend, compiling each SELECT's text once per shape
(``core.db.kept``)."""

from django.db.backends.postgresql import base
from django.db.backends.postgresql.operations import DatabaseOperations as BaseOperations


class DatabaseOperations(BaseOperations):
    compiler_module = "nextround.core.db.postgresql.compiler"


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
