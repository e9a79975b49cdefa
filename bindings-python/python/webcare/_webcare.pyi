"""Type stubs of the compiled module ``webcare._webcare``."""

from datetime import datetime, timedelta
from collections.abc import Iterable, Sequence
from typing import Any, final, overload

__all__ = [
    "Calendar",
    "Channel",
    "Contact",
    "ContactBook",
    "Handle",
    "InternalError",
    "InvalidInputError",
    "JsonError",
    "Message",
    "NotFoundError",
    "RepeatContact",
    "WebcareError",
    "__version__",
]

__version__: str

class WebcareError(Exception):
    """Root of every error webcare raises. `.code` is the stable snake_case error code."""

    code: str

class InvalidInputError(WebcareError, ValueError):
    """A value passed to webcare is malformed or out of range."""

    value: Any

class JsonError(InvalidInputError):
    """A JSON document did not parse or had the wrong shape. `.line`, `.column`, `.detail`."""

    line: int
    column: int
    detail: str

class NotFoundError(WebcareError, LookupError):
    """An id that does not exist."""

    value: int

class InternalError(WebcareError, RuntimeError):
    """A bug in webcare (a caught panic). Please report it."""

    detail: str

@final
class Channel:
    """A channel on which customers and the company exchange messages.

    `Channel("x")`, `Channel("email")`, `Channel("custom:tiktok")`; `twitter` is accepted
    for `x`. An unknown name raises `InvalidInputError` with code `unknown_channel`.
    """

    def __new__(cls, name: str) -> Channel: ...
    @staticmethod
    def built_in() -> list[str]:
        """Every built-in channel name."""
    @property
    def name(self) -> str:
        """The canonical name (`x`, `x_dm`, ..., `custom:<name>`)."""
    @property
    def is_public(self) -> bool:
        """Whether everyone can see messages on this channel."""
    @property
    def is_social(self) -> bool:
        """Whether this is a social-media channel."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __getnewargs__(self) -> tuple[str]: ...

@final
class Message:
    """One message on one channel.

    `sent_at` must be a timezone-aware `datetime` (any zone; it is stored as UTC). A naive
    datetime raises `InvalidInputError` with code `naive_datetime`.
    """

    def __new__(
        cls,
        id: str,
        channel: Channel | str,
        direction: str,
        author: str,
        sent_at: datetime,
        text: str = "",
        reply_to: str | None = None,
        case_id: str | None = None,
        reach: int | None = None,
        promoted: bool = False,
    ) -> Message: ...
    @staticmethod
    def from_json(text: str) -> Message:
        """Parses a message from its JSON form."""
    def to_json(self) -> str:
        """The message as JSON text."""
    @property
    def id(self) -> str: ...
    @property
    def channel(self) -> Channel: ...
    @property
    def direction(self) -> str: ...
    @property
    def author(self) -> str: ...
    @property
    def sent_at(self) -> datetime: ...
    @property
    def text(self) -> str: ...
    @property
    def reply_to(self) -> str | None: ...
    @property
    def case_id(self) -> str | None: ...
    @property
    def reach(self) -> int | None: ...
    @property
    def promoted(self) -> bool: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

@final
class Handle:
    """A normalized handle: a kind and a value such that two spellings of one address are
    equal. `Handle("email", " Ann@Example.NL")`, `Handle.parse("x:@KLM")`.
    """

    def __new__(cls, kind: str, value: str) -> Handle: ...
    @staticmethod
    def parse(text: str) -> Handle:
        """Parses the text form `kind:value`."""
    @staticmethod
    def for_channel(channel: Channel | str, author: str) -> Handle:
        """The handle of a message's author on `channel`."""
    @property
    def kind(self) -> str:
        """The kind (`email`, `phone`, `x`, `instagram`, `facebook`, `chat`, `custom:<name>`)."""
    @property
    def value(self) -> str:
        """The normalized value."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __lt__(self, value: Handle, /) -> bool: ...
    def __le__(self, value: Handle, /) -> bool: ...
    def __gt__(self, value: Handle, /) -> bool: ...
    def __ge__(self, value: Handle, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

@final
class Contact:
    """One person as the book knows them: a snapshot of every handle and message."""

    @property
    def id(self) -> int:
        """The contact's canonical id."""
    @property
    def handles(self) -> list[Handle]:
        """Every handle, in the order added."""
    @property
    def messages(self) -> list[Message]:
        """Every message, in time order."""
    @property
    def channels(self) -> list[Channel]:
        """The distinct channels of the contact's inbound messages, sorted by name."""

@final
class RepeatContact:
    """One episode of repeat contact: one person on several channels within the window."""

    @property
    def contact(self) -> int:
        """The contact's id."""
    @property
    def handles(self) -> list[Handle]:
        """Every handle of the contact."""
    @property
    def channels(self) -> list[Channel]:
        """The episode's distinct channels, in the order first used."""
    @property
    def messages(self) -> list[str]:
        """The ids of the episode's inbound messages, in time order."""
    @property
    def first_at(self) -> datetime:
        """The first message's instant (UTC)."""
    @property
    def last_at(self) -> datetime:
        """The last message's instant (UTC)."""

@final
class ContactBook:
    """Knows which handles belong to one person and keeps every message each person sent."""

    def __new__(cls) -> ContactBook: ...
    def add_handle(self, handle: Handle | str) -> int:
        """Adds a handle (`Handle` or `"kind:value"`) and returns its contact id."""
    def link(self, a: Handle | str, b: Handle | str, evidence: str = "") -> int:
        """Records that `a` and `b` belong to one person; returns the merged contact's id."""
    def add_message(self, message: Message) -> int:
        """Adds a message under its author's handle; returns the author's contact id."""
    def add_messages(self, messages: list[Message]) -> list[int]:
        """Adds many messages, all or none; returns each message's contact id."""
    def contact_of(self, handle: Handle | str) -> int | None:
        """The contact id of a handle, or `None` when the book does not know it."""
    def contact(self, id: int) -> Contact:
        """The contact with this id; raises `NotFoundError` for an id the book never issued."""
    def contacts(self) -> list[Contact]:
        """Every contact, in the order its first handle was added."""
    def repeat_contacts(
        self, window: timedelta | None = None, min_channels: int | None = None
    ) -> list[RepeatContact]:
        """Every episode of repeat contact. `window` and `min_channels` default to core's
        defaults (7 days, 2 channels).
        """
    @property
    def message_count(self) -> int:
        """The number of messages."""
    def to_json(self) -> str:
        """The book as JSON text (its handles, links and messages)."""
    @staticmethod
    def from_json(text: str) -> ContactBook:
        """Loads a book from its JSON form."""
    def __len__(self) -> int: ...
    def __getstate__(self) -> str: ...
    def __setstate__(self, state: str) -> None: ...

@final
class Calendar:
    """A business-hours calendar: when a team is open, in its own time zone.

    Build it from its JSON document with `Calendar.from_json`; `Calendar.any_of` joins
    several into a follow-the-sun desk. Instants are timezone-aware `datetime`s (any zone in,
    UTC out; a naive datetime raises `InvalidInputError` with code `naive_datetime`),
    durations are `timedelta`s of open time. Microseconds pass through unchanged.
    """

    @staticmethod
    def from_json(text: str) -> Calendar:
        """Parses a calendar from its JSON document."""
    def to_json(self) -> str:
        """The calendar's JSON document, as it was given."""
    @staticmethod
    def any_of(members: Iterable[Calendar]) -> Calendar:
        """A follow-the-sun calendar: open whenever any of `members` is open."""
    def with_ics_holidays(self, ics: str) -> Calendar:
        """This calendar with the all-day events of an iCalendar (`.ics`) document added as
        closed holidays. Dates that are already holidays keep their entry.
        """
    def add(self, start: datetime, duration: timedelta) -> datetime:
        """The due instant: the first instant `u >= start` with `elapsed(start, u) == duration`.
        `add(t, timedelta(0))` is `t`, also while closed.
        """
    def sub(self, end: datetime, duration: timedelta) -> datetime:
        """The latest instant `u <= end` with `elapsed(u, end) == duration`: when work must
        start to be done by `end`.
        """
    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        """The open time between `start` and `end`; negative when `end` is before `start`."""
    def is_open(self, t: datetime) -> bool:
        """Whether the calendar is open at `t` (open at an interval's start, closed at its end)."""
    def next_open(self, t: datetime) -> datetime:
        """The first instant at or after `t` at which the calendar is open."""
    def next_close(self, t: datetime) -> datetime:
        """The first instant at or after `t` at which the calendar is closed."""
    @overload
    def add_many(
        self, starts: Sequence[datetime], durations: Sequence[timedelta]
    ) -> list[datetime]:
        """`add(starts[i], durations[i])` for every `i`, in one call that releases the GIL.

        Lists of aware `datetime` and `timedelta` give a list of `datetime`. numpy
        `datetime64[s|ms|us|ns]` (read as UTC) and `timedelta64[s|ms|us|ns]` arrays are
        accepted too; when either argument is one, the result is a `datetime64` array in the
        finest unit of the inputs (`us` for a list).
        """
    @overload
    def add_many(self, starts: Any, durations: Any) -> Any: ...
    @overload
    def elapsed_many(
        self, starts: Sequence[datetime], ends: Sequence[datetime]
    ) -> list[timedelta]:
        """`elapsed(starts[i], ends[i])` for every `i`, in one call that releases the GIL.

        Lists of aware `datetime` give a list of `timedelta`. numpy `datetime64[s|ms|us|ns]`
        arrays (read as UTC) are accepted too; when either argument is one, the result is a
        `timedelta64` array in the finest unit of the inputs (`us` for a list).
        """
    @overload
    def elapsed_many(self, starts: Any, ends: Any) -> Any: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

def _panic(message: str) -> None: ...
