"""Django's SQLite and PostgreSQL backends with one change: a SELECT is compiled to SQL once
and its text kept for every later query of the same shape (``kept.KeptSQLCompiler``)."""
