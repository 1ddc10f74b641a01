from django.db.backends.postgresql import compiler
from django.db.backends.postgresql.compiler import (  # type: ignore[import-untyped]
    SQLAggregateCompiler,
    SQLDeleteCompiler,
    SQLInsertCompiler,
    SQLUpdateCompiler,
)

from nextround.core.db.kept import KeptSQLCompiler


class SQLCompiler(KeptSQLCompiler, compiler.SQLCompiler):
    """The kept text, with PostgreSQL's own check on column aliases."""


__all__ = [
    "SQLAggregateCompiler",
    "SQLCompiler",
    "SQLDeleteCompiler",
    "SQLInsertCompiler",
    "SQLUpdateCompiler",
]
