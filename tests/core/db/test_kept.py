from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection
from django.db.models import Max, Value
from django.test.utils import CaptureQueriesContext

from nextround.core.db import kept
from nextround.interviews.models import Opportunity, Person, Round


@pytest.fixture(autouse=True)
def forgotten_after() -> Iterator[None]:
    yield
    kept.forget()


def test_the_backend_compiles_with_the_kept_compiler(db: None) -> None:
    assert isinstance(Round.objects.all().query.get_compiler("default"), kept.KeptSQLCompiler)


def test_a_second_query_of_the_same_shape_reuses_the_text_with_its_own_values(
    rounds: list[Round],
) -> None:
    kept.forget()  # what the fixtures read

    def numbered(number: int) -> list[Round]:
        return list(Round.objects.select_related("opportunity").filter(number=number))

    with CaptureQueriesContext(connection) as captured:
        first = numbered(1)
        shapes = len(kept._kept)
        second = numbered(2)
    assert [r.pk for r in first] == [rounds[0].pk]
    assert [r.pk for r in second] == [rounds[1].pk]
    assert second[0].opportunity.company == "Northwind Health"  # the join's columns read back
    assert shapes == 1 and len(kept._kept) == 1
    one, two = (q["sql"] for q in captured.captured_queries)
    assert one.replace("= 1", "= 2") == two


def test_queries_alike_in_their_conditions_keep_texts_of_their_own(
    rounds: list[Round],
) -> None:
    kept.forget()  # what the fixtures read
    plain = Round.objects.filter(number=2)
    assert list(plain.values_list("number", flat=True)) == [2]
    assert plain.order_by("-starts_at").first() == rounds[1]
    assert plain.select_related("opportunity").get().opportunity_id == rounds[1].opportunity_id
    assert plain.defer("location").get().pk == rounds[1].pk
    assert list(plain.filter(opportunity__company="Northwind Health")) == [rounds[1]]
    assert len(kept._kept) == 5


def test_values_outside_the_conditions_are_not_kept(rounds: list[Round]) -> None:
    kept.forget()  # what the fixtures read
    marked = Round.objects.filter(number=1).annotate(mark=Value("x"))
    assert marked.get().mark == "x"
    assert not kept._kept


def test_a_long_list_of_values_is_not_kept(people: list[Person]) -> None:
    kept.forget()  # what the fixtures read
    ids = [p.pk for p in people] + list(range(10_000, 10_000 + kept.LONG_LIST))
    assert len(Person.objects.filter(pk__in=ids)) == 3
    assert not kept._kept
    assert len(Person.objects.filter(pk__in=ids[:2])) == 2
    assert len(kept._kept) == 1


def test_an_unfiltered_query_and_an_empty_one(opportunity: Opportunity) -> None:
    kept.forget()  # what the fixtures read
    assert list(Opportunity.objects.all()) == [opportunity]
    assert list(Opportunity.objects.filter(pk__in=[])) == []  # answered without the database
    assert len(kept._kept) == 1


def test_the_check_catches_a_kept_text_that_differs(rounds: list[Round]) -> None:
    kept.forget()  # what the fixtures read
    assert list(Round.objects.filter(number=1)) == [rounds[0]]
    ((shape, (sql, state)),) = kept._kept.items()
    kept._kept[shape] = (sql.replace('"number" =', '"number" >'), state)
    with pytest.raises(AssertionError, match="Kept SQL differs"):
        list(Round.objects.filter(number=1))


def test_an_explained_query_is_not_taken_for_the_query(rounds: list[Round]) -> None:
    """Both queries start fresh, so their shapes differ only in EXPLAIN: the plain query must
    not be answered with the plan's kept text."""
    kept.forget()  # what the fixtures read
    plan = Round.objects.filter(number=1).explain()
    assert "interviews_round" in plan  # the database's plan, not the rows
    assert list(Round.objects.filter(number=1)) == [rounds[0]]
    assert len(kept._kept) == 2


def test_a_kept_shape_converts_its_columns_as_django_does(rounds: list[Round]) -> None:
    """The second query of a shape reads with the converters kept from the first: dates come
    back as aware datetimes, and the converters are the ones Django would work out."""
    kept.forget()  # what the fixtures read
    first = Round.objects.filter(number=1).get()
    ((_, (_, state)),) = kept._kept.items()
    assert state[kept._CONVERTERS] == []  # the first query worked them out the usual way
    second = Round.objects.filter(number=2).get()
    assert [c for c, _ in state[kept._CONVERTERS]] == [connection]
    assert second.starts_at == rounds[1].starts_at and second.starts_at.tzinfo is not None
    assert first.starts_at == rounds[0].starts_at


def _as_read(value: object, expression: object, connection: object) -> object:
    return value


def test_the_check_catches_kept_converters_that_differ(rounds: list[Round]) -> None:
    kept.forget()  # what the fixtures read
    Round.objects.filter(number=1).get()
    Round.objects.filter(number=1).get()
    ((_, (_, state)),) = kept._kept.items()
    ((conn, converters),) = state[kept._CONVERTERS]
    # A converter on the id column, which neither backend converts.
    state[kept._CONVERTERS][0] = (conn, {**converters, 0: ([_as_read], None)})
    with pytest.raises(AssertionError, match="Kept converters differ"):
        Round.objects.filter(number=1).get()


def test_converters_asked_for_other_columns_are_not_taken_from_the_kept(
    rounds: list[Round],
) -> None:
    """An aggregate over a kept query's rows asks for its own columns' converters."""
    kept.forget()  # what the fixtures read
    numbers = Round.objects.filter(number__gte=1)
    assert len(numbers) == len(rounds)
    assert len(numbers.all()) == len(rounds)  # served from the kept text
    assert numbers.aggregate(most=Max("number"))["most"] == max(r.number for r in rounds)
