"""SQL text kept per query shape (issue 18).

Django builds a SELECT's text anew for every query: the columns, the joins, the ordering. On the
pages that was 15 to 50% of a request's processor time, for text that comes out the same each
time a page asks for the same records of another round. The compiler below keeps that text,
with what Django works out beside it (the columns read and how rows become models), under the
query's shape, and for a later query of that shape compiles only its WHERE clause, which
holds the values.

The shape is everything the text depends on other than the WHERE clause's values: the model,
the tables and joins, the WHERE clause's own text, the ordering, the columns asked for, the
limits. A query whose values do not all come from its WHERE clause (values in its columns or
ordering) is not kept. With ``VERIFY`` on (the test suite turns it on) every query kept is also
compiled in full and the two must agree, so a shape that missed something fails a test rather
than reading the wrong rows.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, cast

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db.models.sql.compiler import SQLCompiler

VERIFY = False
LIMIT = 4096  # shapes kept per process; the pages use a few hundred
LONG_LIST = 16  # values in one IN (…) past which a query is not kept
# What Django works out while compiling that the rows are read with afterwards.
_STATE = (
    "select",
    "klass_info",
    "annotation_col_map",
    "col_count",
    "has_extra_select",
    "where",
    "having",
    "qualify",
    "_meta_ordering",
)
_kept: dict[Hashable, tuple[str, dict[str, Any]]] = {}
# In a kept state: the converters worked out for its columns, with the connection they were
# worked out for (a converter may be bound to its connection's operations).
_CONVERTERS = "_kept_converters"


class KeptSQLCompiler(SQLCompiler):
    def as_sql(  # Django's own signature
        self,
        with_limits: bool = True,  # noqa: FBT001, FBT002
        with_col_aliases: bool = False,  # noqa: FBT001, FBT002
    ) -> Any:
        how = (with_limits, with_col_aliases)
        query = self.query
        if query.subquery or query.combinator or _long_list(query.where):
            return super().as_sql(with_limits, with_col_aliases)
        try:
            where_sql, where_params = self.compile(cast(Any, query.where))
        except FullResultSet:  # no condition at all
            where_sql, where_params = "", []
        except EmptyResultSet:  # Django answers this one without asking the database
            return super().as_sql(with_limits, with_col_aliases)
        shape = self._shape(where_sql, how)
        try:
            found = _kept.get(shape)
        except TypeError:  # a part of the shape that cannot be a key: not kept
            return super().as_sql(with_limits, with_col_aliases)
        if found is None:
            return self._keep(shape, tuple(where_params), how)
        sql, state = found
        if VERIFY:
            _check(self, (sql, tuple(where_params)), how)
        self.__dict__.update(state)
        return sql, tuple(where_params)

    def get_converters(self, expressions: Any) -> Any:
        kept: list[tuple[Any, Any]] | None = self.__dict__.get(_CONVERTERS)
        if kept is None or not self._are_selected(expressions):
            return super().get_converters(expressions)
        for connection, converters in kept:
            if connection is self.connection:
                if VERIFY:
                    _check_converters(converters, super().get_converters(expressions))
                return converters
        converters = super().get_converters(expressions)
        kept.append((self.connection, converters))
        return converters

    def _are_selected(self, expressions: Any) -> bool:
        """Whether these are the query's own columns, as rows are read with (the kept
        converters are theirs); Django asks for others' too (an aggregate's, an insert's)."""
        select, count = self.select, self.col_count
        if count is None or not len(expressions) == count <= len(select):
            return False
        return all(e is column[0] for e, column in zip(expressions, select, strict=False))

    def _shape(self, where_sql: str, how: tuple[bool, bool]) -> Hashable:
        query = self.query
        joins = tuple(
            (
                alias,
                join.table_name,
                getattr(join, "parent_alias", None),
                getattr(join, "join_type", None),
                getattr(join, "join_field", None),
                repr(getattr(join, "filtered_relation", None)),
            )
            for alias, join in query.alias_map.items()
        )
        # A table no longer referred to is left out of FROM.
        used = tuple(query.alias_refcount.items())
        return (
            type(self),
            self.using,
            _elide_empty(self),
            how,
            query.model,
            joins,
            used,
            repr(query.extra_tables),
            repr(query.extra_select_mask),
            repr(query.explain_info),
            where_sql,
            query.low_mark,
            query.high_mark,
            tuple(map(repr, query.order_by)),
            tuple(query.extra_order_by),
            query.default_ordering,
            query.standard_ordering,
            repr(query.select_related),
            query.deferred_loading[0],
            query.deferred_loading[1],
            tuple(map(repr, query.select)),
            query.values_select,
            tuple(map(repr, query.annotations.items())),
            repr(query.annotation_select_mask),
            repr(query.extra),
            repr(query.group_by),
            query.distinct,
            query.distinct_fields,
            query.select_for_update,
            query.select_for_update_nowait,
            query.select_for_update_skip_locked,
            query.select_for_update_of,
            query.select_for_no_key_update,
        )

    def _keep(self, shape: Hashable, params: tuple[Any, ...], how: tuple[bool, bool]) -> Any:
        sql, all_params = super().as_sql(*how)
        plain = getattr(self, "having", None) is None and getattr(self, "qualify", None) is None
        if tuple(all_params) == params and plain:
            if len(_kept) >= LIMIT:
                _kept.clear()
            state = {name: getattr(self, name) for name in _STATE}
            state[_CONVERTERS] = []
            _kept[shape] = (sql, state)
        return sql, all_params


def _long_list(node: Any) -> bool:
    """Whether a condition matches against a long list of values ("id IN (…300 ids)"): its
    text changes with the list's length, so it would be kept for one query only, and the
    WHERE clause, compiled twice then, is most of the work anyway."""
    for child in node.children:
        if hasattr(child, "children"):
            if _long_list(child):
                return True
        elif (
            isinstance(getattr(child, "rhs", None), list | tuple | set | frozenset)
            and len(child.rhs) > LONG_LIST
        ):
            return True
    return False


def _check(
    compiler: KeptSQLCompiler, kept: tuple[str, tuple[Any, ...]], how: tuple[bool, bool]
) -> None:
    fresh = compiler.query.get_compiler(compiler.using, elide_empty=_elide_empty(compiler))
    sql, params = SQLCompiler.as_sql(fresh, *how)
    if (sql, tuple(params)) != kept:
        raise AssertionError(f"Kept SQL differs from Django's:\n{kept}\n{(sql, params)}")


def _check_converters(kept: dict[int, Any], fresh: dict[int, Any]) -> None:
    def named(converters: dict[int, Any]) -> dict[int, list[str]]:
        return {i: [c.__qualname__ for c in convs] for i, (convs, _) in converters.items()}

    if named(kept) != named(fresh):
        raise AssertionError(f"Kept converters differ from Django's:\n{kept}\n{fresh}")


def _elide_empty(compiler: SQLCompiler) -> bool:
    return bool(getattr(compiler, "elide_empty", True))  # not in Django's type stubs


def forget() -> None:
    """Drop every kept text (tests that change how a model is read)."""
    _kept.clear()
