"""Ops of the channel, handle, message and contact modules, through the Python API."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import webcare


def _handle_json(h: webcare.Handle) -> dict[str, Any]:
    return {"handle": str(h), "kind": h.kind, "value": h.value}


def _message(obj: dict[str, Any]) -> webcare.Message:
    return webcare.Message.from_json(json.dumps(obj))


def _book(inp: dict[str, Any]) -> webcare.ContactBook:
    book = webcare.ContactBook()
    for h in inp.get("handles", []):
        book.add_handle(h)
    for link in inp.get("links", []):
        book.link(link[0], link[1], link[2] if len(link) > 2 else "")
    book.add_messages([_message(m) for m in inp.get("messages", [])])
    return book


def _contact_json(c: webcare.Contact) -> dict[str, Any]:
    return {
        "handles": sorted(str(h) for h in c.handles),
        "messages": sorted(m.id for m in c.messages),
    }


def _merge(inp: dict[str, Any]) -> dict[str, Any]:
    contacts = [_contact_json(c) for c in _book(inp).contacts()]
    contacts.sort(key=lambda c: c["handles"][0])
    return {"contacts": contacts}


def _lookup(inp: dict[str, Any]) -> dict[str, Any]:
    book = _book(inp)
    cid = book.contact_of(inp["handle"])
    if cid is None:
        return {"found": False}
    return {"found": True, **_contact_json(book.contact(cid))}


def _repeat(inp: dict[str, Any]) -> dict[str, Any]:
    book = _book(inp)
    window = timedelta(milliseconds=inp["window_ms"]) if "window_ms" in inp else None
    repeats = book.repeat_contacts(window=window, min_channels=inp.get("min_channels"))
    return {
        "repeats": [
            {
                "handles": sorted(str(h) for h in r.handles),
                "channels": [c.name for c in r.channels],
                "messages": r.messages,
                "first_at": r.first_at.isoformat(),
                "last_at": r.last_at.isoformat(),
            }
            for r in repeats
        ]
    }


OPS = {
    "channel.parse": lambda i: (
        lambda c: {"channel": c.name, "public": c.is_public}
    )(webcare.Channel(i["name"])),
    "handle.normalize": lambda i: _handle_json(webcare.Handle(i["kind"], i["value"])),
    "handle.parse": lambda i: _handle_json(webcare.Handle.parse(i["text"])),
    "handle.for_channel": lambda i: _handle_json(
        webcare.Handle.for_channel(i["channel"], i["author"])
    ),
    "message.parse": lambda i: {"message": json.loads(_message(i["message"]).to_json())},
    "contact.merge": _merge,
    "contact.lookup": _lookup,
    "contact.get": lambda i: _contact_json(_book(i).contact(i["id"])),
    "contact.repeat": _repeat,
}
