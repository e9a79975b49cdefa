"""Type stubs of the compiled module ``webcare._webcare``."""

from datetime import datetime, timedelta
from collections.abc import Mapping
from typing import Any, Literal, final

__all__ = [
    "Channel",
    "Classification",
    "Classifier",
    "Contact",
    "ContactBook",
    "Handle",
    "InternalError",
    "InvalidInputError",
    "JsonError",
    "Message",
    "NotFoundError",
    "RepeatContact",
    "Signal",
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

_Label = Literal["complaint", "question", "praise", "other"]
_SeverityLevel = Literal["none", "no_explicit_reproach", "disapproval", "accusation", "blame"]
_Language = Literal["en", "nl", "unknown"]

@final
class Signal:
    """One reason behind a classification: what matched, how much it weighs, and where.

    `start` and `end` are code-point offsets into the classified text: `text[start:end]` is
    the matched text.
    """

    @staticmethod
    def kinds() -> list[str]:
        """Every signal kind code, in core's fixed order."""
    @property
    def kind(self) -> str:
        """What kind of evidence this is (a stable snake_case code such as `still_waiting`)."""
    @property
    def label(self) -> _Label:
        """The label it supports."""
    @property
    def weight(self) -> float:
        """How strongly it counts towards its label (after negation and intensifiers)."""
    @property
    def start(self) -> int:
        """Code-point offset of the start of the matched text."""
    @property
    def end(self) -> int:
        """Code-point offset just past the end of the matched text."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class Classification:
    """The result of `Classifier.classify`: a label with a score per label, the severity, the
    detected language and the signals behind it.

    Signal offsets are code points into the classified text.
    """

    @property
    def label(self) -> _Label:
        """The most likely label: `complaint`, `question`, `praise` or `other`."""
    @property
    def scores(self) -> dict[_Label, float]:
        """A probability per label (they sum to 1)."""
    @property
    def severity(self) -> float:
        """The severity score, from 0 (no complaint evidence) to 1; raised by the context."""
    @property
    def severity_level(self) -> _SeverityLevel:
        """The severity level: `none` (not a complaint), `no_explicit_reproach`, `disapproval`,
        `accusation` or `blame`.
        """
    @property
    def language(self) -> _Language:
        """The detected language: `en`, `nl` or `unknown`."""
    @property
    def signals(self) -> list[Signal]:
        """Every reason found, ordered by span."""
    def to_dict(self) -> dict[str, Any]:
        """The result as a dict of plain values (keys as the attributes; code-point offsets)."""
    def to_json(self) -> str:
        """The result as JSON text (the shape of `to_dict`)."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class Classifier:
    """The classifier: built-in English and Dutch rules, the user's words and regex rules, and
    optionally a trained model.

    `Classifier()` has the built-in rules only; `Classifier(config)` adds a config given as
    JSON text or a dict (`{"words": [...], "rules": [...], "model": {...}}`). A bad config
    raises `InvalidInputError` whose `.code` names the problem (`invalid_regex_rule`,
    `regex_too_big`, `invalid_weight`, ...) or `JsonError` (`invalid_json`). Pickles as its
    JSON.
    """

    def __new__(cls, config: str | Mapping[str, Any] | None = None) -> Classifier: ...
    @staticmethod
    def from_json(text: str) -> Classifier:
        """A classifier from a JSON config (as written by `to_json`)."""
    @staticmethod
    def labels() -> list[_Label]:
        """Every label code, in core's order."""
    @staticmethod
    def train(
        texts: list[str],
        labels: list[str],
        options: str | Mapping[str, Any] | None = None,
    ) -> Classifier:
        """Fits a model on labelled examples (label codes, as many as texts) with the built-in
        rules, and returns the classifier that combines both. `options` is a dict or JSON
        text of the training options (`seed`, `epochs`, `learning_rate`, `l2`, `hash_bits`,
        `char_ngrams`, `balance_labels`, `runs`, `average`); missing ones take core's
        defaults. Deterministic for a seed. Releases the GIL while training.
        """
    @property
    def has_model(self) -> bool:
        """Whether a trained model is part of this classifier."""
    def to_json(self) -> str:
        """The configuration as JSON text, trained weights included; `from_json` loads it."""
    def classify(
        self,
        text: str,
        channel: Channel | str | None = None,
        reach: int | None = None,
        promoted: bool = False,
    ) -> Classification:
        """Classifies one message. `channel`, `reach` (followers) and `promoted` describe where
        it was posted; they raise severity, never change the label.
        """
    def classify_bytes(
        self,
        data: bytes,
        channel: Channel | str | None = None,
        reach: int | None = None,
        promoted: bool = False,
    ) -> Classification:
        """Classifies UTF-8 bytes; offsets are code points of the decoded text. Invalid UTF-8
        raises `InvalidInputError` with code `invalid_encoding` and `.offset`.
        """
    def classify_batch(
        self,
        texts: list[str],
        channel: Channel | str | None = None,
        reach: int | None = None,
        promoted: bool = False,
    ) -> list[Classification]:
        """Classifies many messages on all cores, in input order, with the GIL released."""
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

def _panic(message: str) -> None: ...
