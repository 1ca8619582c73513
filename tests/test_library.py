"""The library answers what the CLI answers: queries from typed words, windows, rendering."""

from datetime import date

import pytest

from axiscli import AxisError, Format, build_query, by_date, open_catalog, render_records, select
from axiscli.query import Query, imprecise_extra, in_window
from tests.conftest import FIXTURES, STORE

TODAY = date(2025, 3, 1)


@pytest.fixture(scope="module")
def catalog():
    return open_catalog([STORE, FIXTURES / "undated"], bundled=False)


def _ids(records):
    return [record.id for record in records]


def test_a_query_from_typed_words_resolves_names_and_dates(catalog):
    query = build_query(catalog, actors=["north korea"], since="last year", today=TODAY)
    assert query.actors == ("PRK",)
    assert (query.since, query.until) == (date(2024, 1, 1), None)
    assert _ids(by_date(select(catalog.events, query))) == ["treaty-signed", "troops-arrive"]


@pytest.mark.parametrize(
    ("typed", "field"),
    [
        ({"actors": ["Atlantis"]}, "actor"),
        ({"since": "soon"}, "since"),
        ({"until": "June"}, "until"),
        ({"today": "someday"}, "today"),
        ({"since": "2025", "until": "2024"}, "since"),
        ({"sources": ["nowhere"]}, "source"),
    ],
)
def test_what_does_not_resolve_names_its_field_and_no_flag(catalog, typed, field):
    with pytest.raises(AxisError) as raised:
        build_query(catalog, **{"today": TODAY, **typed})
    assert raised.value.field == field
    assert "--" not in raised.value.message and "axis " not in raised.value.message


@pytest.mark.parametrize(
    ("edtf_id", "window", "inside", "overlapping"),
    [
        ("joint-drills", (date(2022, 1, 1), date(2022, 12, 31)), True, True),
        ("joint-drills", (date(2025, 1, 1), date(2025, 12, 31)), False, True),
        ("containers-crossed", (date(2023, 12, 1), date(2023, 12, 31)), True, True),
        ("containers-crossed", (date(1960, 1, 1), date(1965, 12, 31)), False, True),
        ("troops-arrive", (date(2025, 3, 1), date(2025, 3, 31)), False, True),
        ("summit-remembered", (date(1900, 1, 1), date(2100, 12, 31)), False, False),
    ],
)
def test_in_a_window_means_anchored_inside_and_overlap_means_may_fall_inside(
    catalog, edtf_id, window, inside, overlapping
):
    record = next(event for event in catalog.events if event.id == edtf_id)
    since, until = window
    assert in_window(record, Query(since=since, until=until)) is inside
    assert in_window(record, Query(since=since, until=until, overlap=True)) is overlapping


def test_imprecise_extra_counts_what_overlap_adds(catalog):
    query = Query(since=date(2025, 3, 1), until=date(2025, 3, 31))
    assert imprecise_extra(catalog.events, query) == 2
    assert imprecise_extra(catalog.events, Query(since=date(2025, 3, 1), overlap=True)) == 0
    assert imprecise_extra(catalog.events, Query()) == 0


def test_render_records_takes_the_fields_of_the_records_kind(catalog):
    events_csv = render_records(catalog.events, catalog, Format.csv)
    figures_csv = render_records(catalog.figures, catalog, Format.csv)
    mixed_csv = render_records([catalog.events[0], catalog.figures[0]], catalog, Format.csv)
    assert isinstance(events_csv, str) and events_csv.startswith("type,id,date,date_text,")
    assert isinstance(figures_csv, str) and figures_csv.startswith("type,id,metric,")
    assert isinstance(mixed_csv, str) and mixed_csv.startswith("type,id,date,when,actors,headline,")
    assert render_records([], catalog, Format.json) == "[]\n"
