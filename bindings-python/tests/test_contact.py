"""The contact API from Python: conventions the vectors do not show (types, errors with
fields, pickling, aware datetimes)."""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta, timezone

import pytest

import webcare

CET = timezone(timedelta(hours=1))


def message(id: str, channel: str, author: str, at: datetime, text: str = "...") -> webcare.Message:
    return webcare.Message(id, channel, "inbound", author, at, text)


def test_error_hierarchy_and_fields() -> None:
    with pytest.raises(ValueError) as info:
        webcare.Handle("email", "ann@")
    err = info.value
    assert isinstance(err, webcare.InvalidInputError)
    assert isinstance(err, webcare.WebcareError)
    assert err.code == "invalid_email"
    assert err.value == "ann@"
    assert err.reason


def test_json_error_has_position() -> None:
    with pytest.raises(webcare.JsonError) as info:
        webcare.Message.from_json('{"id": ')
    assert info.value.code == "invalid_json"
    assert info.value.line == 1


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(webcare.InvalidInputError) as info:
        message("m1", "x", "@ann", datetime(2026, 3, 2, 9, 0))
    assert info.value.code == "naive_datetime"


def test_sent_at_comes_back_in_utc_unchanged() -> None:
    at = datetime(2026, 3, 2, 9, 0, 0, 123456, tzinfo=CET)
    m = message("m1", "x", "@ann", at)
    assert m.sent_at == at
    assert m.sent_at.utcoffset() == timedelta(0)
    assert m.sent_at.microsecond == 123456


def test_not_found_is_a_lookup_error() -> None:
    book = webcare.ContactBook()
    with pytest.raises(LookupError) as info:
        book.contact(7)
    assert isinstance(info.value, webcare.NotFoundError)
    assert info.value.code == "unknown_contact"


def test_merge_keeps_everything_and_pickles() -> None:
    book = webcare.ContactBook()
    book.add_message(message("m1", "email", "Ann@Example.nl", datetime(2026, 3, 2, 9, tzinfo=CET)))
    book.add_message(message("m2", "phone", "+31 6 12345678", datetime(2026, 3, 3, 10, tzinfo=CET)))
    book.add_message(message("m3", "x", "@AnnDV", datetime(2026, 3, 4, 11, tzinfo=CET)))
    assert len(book) == 3
    book.link("email:ann@example.nl", webcare.Handle("phone", "0031612345678"), "same order")
    ann = book.link("x:anndv", "email:ann@example.nl")
    assert len(book) == 1
    contact = book.contact(ann)
    assert [m.id for m in contact.messages] == ["m1", "m2", "m3"]
    assert {c.name for c in contact.channels} == {"email", "phone", "x"}
    repeats = book.repeat_contacts(window=timedelta(days=7))
    assert [r.messages for r in repeats] == [["m1", "m2", "m3"]]
    again = pickle.loads(pickle.dumps(book))
    assert again.to_json() == book.to_json()
    assert again.contact_of("x:@ANNDV") == book.contact_of("x:anndv")


def test_batch_add_is_all_or_nothing() -> None:
    book = webcare.ContactBook()
    good = message("m1", "email", "ann@example.nl", datetime(2026, 3, 2, 9, tzinfo=CET))
    bad = message("m2", "whatsapp", "not a number", datetime(2026, 3, 2, 9, tzinfo=CET))
    with pytest.raises(webcare.InvalidInputError):
        book.add_messages([good, bad])
    assert book.message_count == 0


def test_values_pickle_and_hash() -> None:
    h = webcare.Handle.parse("x:@KLM")
    assert pickle.loads(pickle.dumps(h)) == h
    assert len({h, webcare.Handle("x", "klm")}) == 1
    c = webcare.Channel("twitter")
    assert pickle.loads(pickle.dumps(c)) == c
    m = message("m1", "x", "@ann", datetime(2026, 3, 2, 9, tzinfo=CET))
    assert pickle.loads(pickle.dumps(m)) == m


def test_channel_names_match_core() -> None:
    assert webcare.Channel.built_in() == [
        "x", "x_dm", "facebook", "instagram", "whatsapp", "email", "phone", "web_form", "chat",
    ]
    assert webcare.Channel("x").is_public and not webcare.Channel("x_dm").is_public


def test_panic_in_core_is_an_exception_not_a_crash() -> None:
    with pytest.raises(webcare.InternalError) as info:
        webcare._webcare._panic("deliberate")
    assert info.value.code == "internal"
    assert "deliberate" in str(info.value)
    # The interpreter is still usable afterwards.
    assert webcare.Channel("x").name == "x"
