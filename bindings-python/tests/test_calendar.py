"""The calendar API from Python: conventions the vectors do not show (aware datetimes in,
UTC out, microseconds, errors with codes, pickling, batches with lists and numpy arrays,
the GIL released during a batch)."""

from __future__ import annotations

import pickle
import threading
import time
from datetime import datetime, timedelta, timezone

import pytest

import webcare

CET = timezone(timedelta(hours=1))
UTC = timezone.utc

OFFICE = """{"timezone": "Europe/Amsterdam",
  "hours": {"mon": ["09:00-17:00"], "tue": ["09:00-17:00"], "wed": ["09:00-17:00"],
            "thu": ["09:00-17:00"], "fri": ["09:00-17:00"]},
  "holidays": ["2026-12-25"]}"""

ICS = (
    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261231\r\n"
    "SUMMARY:Old year\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.fixture
def office() -> webcare.Calendar:
    return webcare.Calendar.from_json(OFFICE)


def test_add_and_elapsed_with_aware_datetimes(office: webcare.Calendar) -> None:
    fri = datetime(2026, 3, 6, 16, 0, tzinfo=CET)
    due = office.add(fri, timedelta(hours=2))
    assert due == datetime(2026, 3, 9, 10, 0, tzinfo=CET)
    assert due.utcoffset() == timedelta(0)
    assert office.elapsed(fri, due) == timedelta(hours=2)
    assert office.elapsed(due, fri) == timedelta(hours=-2)
    assert office.sub(due, timedelta(hours=2)) == fri
    assert office.is_open(fri)
    assert not office.is_open(datetime(2026, 3, 7, 12, tzinfo=CET))
    assert office.next_open(datetime(2026, 3, 7, 12, tzinfo=CET)) == datetime(2026, 3, 9, 9, tzinfo=CET)
    assert office.next_close(fri) == datetime(2026, 3, 6, 17, tzinfo=CET)


def test_microseconds_pass_through(office: webcare.Calendar) -> None:
    t = datetime(2026, 3, 7, 3, 4, 5, 123457, tzinfo=CET)  # Saturday: closed
    assert office.add(t, timedelta(0)) == t
    assert office.sub(t, timedelta(0)) == t
    mon = datetime(2026, 3, 9, 9, 0, 0, 1, tzinfo=CET)
    assert office.add(mon, timedelta(microseconds=7)) == mon + timedelta(microseconds=7)
    assert office.elapsed(mon, mon + timedelta(microseconds=999)) == timedelta(microseconds=999)


def test_naive_datetime_is_refused(office: webcare.Calendar) -> None:
    naive = datetime(2026, 3, 2, 9, 0)
    for call in (
        lambda: office.add(naive, timedelta(hours=1)),
        lambda: office.elapsed(naive, datetime(2026, 3, 2, 9, tzinfo=UTC)),
        lambda: office.is_open(naive),
        lambda: office.add_many([naive], [timedelta(0)]),
    ):
        with pytest.raises(webcare.InvalidInputError) as info:
            call()
        assert info.value.code == "naive_datetime"
        assert isinstance(info.value, ValueError)


def test_negative_duration_and_wrong_types(office: webcare.Calendar) -> None:
    t = datetime(2026, 3, 2, 9, tzinfo=UTC)
    with pytest.raises(webcare.InvalidInputError) as info:
        office.add(t, timedelta(seconds=-1))
    assert info.value.code == "negative_duration"
    with pytest.raises(webcare.InvalidInputError) as info:
        office.add_many([t], [timedelta(seconds=-1)])
    assert info.value.code == "negative_duration"
    with pytest.raises(TypeError):
        office.add("2026-03-02T09:00:00Z", timedelta(0))  # type: ignore[arg-type]


def test_bad_documents_raise_typed_errors() -> None:
    with pytest.raises(webcare.InvalidInputError) as info:
        webcare.Calendar.from_json('{"timezone": "Mars/Olympus", "always_open": true}')
    assert info.value.code == "unknown_timezone"
    assert info.value.value == "Mars/Olympus"
    with pytest.raises(webcare.JsonError) as json_info:
        webcare.Calendar.from_json('{"timezone": "UTC", "always_open": true, "typo": 1}')
    assert json_info.value.code == "invalid_json"
    with pytest.raises(webcare.InvalidInputError) as info:
        webcare.Calendar.any_of([])
    assert info.value.code == "calendar_never_open"


def test_json_round_trip_equality_and_pickle(office: webcare.Calendar) -> None:
    again = webcare.Calendar.from_json(office.to_json())
    assert again == office
    assert again.to_json() == office.to_json()
    assert pickle.loads(pickle.dumps(office)) == office
    assert office != webcare.Calendar.from_json('{"timezone": "UTC", "always_open": true}')
    assert "Europe/Amsterdam" in repr(office)


def test_any_of_and_ics() -> None:
    ams = webcare.Calendar.from_json('{"timezone": "Europe/Amsterdam", "hours": {"mon": ["09:00-17:00"]}}')
    nyc = webcare.Calendar.from_json('{"timezone": "America/New_York", "hours": {"mon": ["09:00-17:00"]}}')
    desk = webcare.Calendar.any_of([ams, nyc])
    assert desk.is_open(datetime(2026, 3, 2, 18, tzinfo=UTC))
    assert not ams.is_open(datetime(2026, 3, 2, 18, tzinfo=UTC))
    with pytest.raises(TypeError):
        webcare.Calendar.any_of([ams, "nyc"])  # type: ignore[list-item]
    closed = ams.with_ics_holidays(ICS)
    assert '"Old year"' in closed.to_json()
    with pytest.raises(webcare.InvalidInputError) as info:
        desk.with_ics_holidays(ICS)
    assert info.value.code == "invalid_ics"


def test_batches_with_lists(office: webcare.Calendar) -> None:
    starts = [datetime(2026, 3, 6, 16, tzinfo=CET), datetime(2026, 3, 2, 8, tzinfo=CET)]
    durations = [timedelta(hours=2), timedelta(minutes=30)]
    due = office.add_many(starts, durations)
    assert due == [office.add(s, d) for s, d in zip(starts, durations)]
    assert office.elapsed_many(starts, due) == durations
    assert office.add_many((), ()) == []
    with pytest.raises(webcare.InvalidInputError) as info:
        office.elapsed_many(starts, due[:1])
    assert info.value.code == "batch_length_mismatch"


def test_batch_releases_the_gil() -> None:
    # Beyond the years of the precomputed ledgers (up to 2298) a union walks day by day, so
    # each of these 90-year spans costs Rust real work while the GIL should be free.
    cal = webcare.Calendar.from_json(
        '{"any_of": [{"timezone": "Europe/Amsterdam", "hours": {"mon": ["09:00-17:00"]}},'
        ' {"timezone": "Asia/Kolkata", "hours": {"tue": ["09:00-17:00"]}}]}'
    )
    t0 = datetime(2300, 1, 1, tzinfo=UTC)
    starts = [t0] * 16
    ends = [t0 + timedelta(days=90 * 365)] * 16
    ticks = 0
    done = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0)

    counter = threading.Thread(target=count)
    counter.start()
    try:
        before = ticks
        cal.elapsed_many(starts, ends)
        during = ticks - before
    finally:
        done.set()
        counter.join()
    # Holding the GIL, the batch would let the counter run at most a step or two; released,
    # the counter keeps counting while Rust works.
    assert during > 20


def test_panic_in_core_is_an_internal_error() -> None:
    with pytest.raises(webcare.InternalError):
        webcare._webcare._panic("deliberate")


try:
    import numpy
except ImportError:  # numpy is optional: the numpy batch forms are then not tested
    numpy = None


@pytest.mark.skipif(numpy is None, reason="numpy is not installed")
class TestNumpy:
    np = numpy

    def test_elapsed_many_datetime64_in_timedelta64_out(self, office: webcare.Calendar) -> None:
        np = self.np
        starts = np.array(["2026-03-06T15:00:00", "2026-03-02T07:00:00"], dtype="datetime64[ns]")
        ends = np.array(["2026-03-09T09:00:00", "2026-03-02T08:30:00.000123"], dtype="datetime64[us]")
        out = office.elapsed_many(starts, ends)
        assert out.dtype == np.dtype("timedelta64[ns]")
        assert out.tolist() == [2 * 3600 * 10**9, 30 * 60 * 10**9 + 123_000]
        assert out.flags.writeable

    def test_add_many_matches_the_single_call(self, office: webcare.Calendar) -> None:
        np = self.np
        starts = np.array(["2026-03-06T15:00:00.123", "2026-12-24T15:30:00"], dtype="datetime64[ms]")
        durations = np.array([2 * 3600 * 1000, 60 * 60 * 1000], dtype="timedelta64[ms]")
        due = office.add_many(starts, durations)
        assert due.dtype == np.dtype("datetime64[ms]")
        expected = [
            office.add(datetime(2026, 3, 6, 15, 0, 0, 123000, tzinfo=UTC), timedelta(hours=2)),
            office.add(datetime(2026, 12, 24, 15, 30, tzinfo=UTC), timedelta(hours=1)),
        ]
        assert [d.replace(tzinfo=UTC) for d in due.astype("datetime64[us]").tolist()] == expected

    def test_numpy_mixed_with_lists(self, office: webcare.Calendar) -> None:
        np = self.np
        starts = np.array(["2026-03-06T15:00:00"], dtype="datetime64[s]")
        due = office.add_many(starts, [timedelta(hours=2, microseconds=5)])
        assert due.dtype == np.dtype("datetime64[us]")
        assert due[0] == np.datetime64("2026-03-09T09:00:00.000005")
        out = office.elapsed_many([datetime(2026, 3, 6, 15, tzinfo=UTC)], starts)
        assert out.dtype == np.dtype("timedelta64[us]") and out.tolist() == [timedelta(0)]

    def test_numpy_bad_input(self, office: webcare.Calendar) -> None:
        np = self.np
        t = np.array(["2026-03-02T09:00"], dtype="datetime64[ns]")
        with pytest.raises(webcare.InvalidInputError) as info:
            office.elapsed_many(np.array(["NaT"], dtype="datetime64[ns]"), t)
        assert info.value.code == "invalid_datetime"
        with pytest.raises(webcare.InvalidInputError) as info:
            office.add_many(t, np.array([-1], dtype="timedelta64[ns]"))
        assert info.value.code == "negative_duration"
        with pytest.raises(TypeError):
            office.elapsed_many(t.astype("datetime64[D]"), t)
        with pytest.raises(TypeError):
            office.add_many(t, t)
        with pytest.raises(TypeError):
            office.elapsed_many(t.reshape(1, 1), t)
        empty = np.array([], dtype="datetime64[ns]")
        assert office.elapsed_many(empty, empty).shape == (0,)
