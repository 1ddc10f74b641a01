"""The history's charts: where the points are drawn, the ticks, and the shaded band."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from nextround.practice import charts, selectors
from tests.practice.helpers import GOOD, RAMBLING, _attempt_at

pytestmark = pytest.mark.django_db


def test_a_chart_places_higher_values_higher_and_later_points_further_right(user: User) -> None:
    _attempt_at(user, "behavioral", RAMBLING, 5)
    _attempt_at(user, "behavioral", GOOD, 1)
    chart = charts.over_time(
        selectors.history(owner=user).categories, "score", title="Score", unit="", high=100
    )
    (series,) = chart.series
    (x1, y1), (x2, y2) = series.points
    assert x1 == charts.LEFT and x2 == charts.WIDTH - charts.RIGHT
    assert y2 < y1  # the better, later score is drawn higher
    assert all(charts.TOP <= y <= charts.HEIGHT - charts.BOTTOM for _, y in series.points)
    assert [t.label for t in chart.y_ticks] == ["0", "25", "50", "75", "100"]


def test_an_empty_metric_draws_no_chart_and_a_band_is_shaded(user: User) -> None:
    _attempt_at(user, "behavioral", GOOD, 1)
    categories = selectors.history(owner=user).categories
    assert charts.over_time(categories, "pace", title="Pace", unit="").empty
    chart = charts.over_time(categories, "fillers", title="F", unit="", band=(1.0, 2.0))
    assert chart.band is not None and chart.band.height > 0
