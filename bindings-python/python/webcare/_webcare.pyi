"""Type stubs of the compiled module ``webcare._webcare``."""

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol, final, overload

__all__ = [
    "Answer",
    "AnswerGroup",
    "Calendar",
    "Channel",
    "Classification",
    "Classifier",
    "Conflict",
    "ConsistencyChecker",
    "ConsistencyReport",
    "Contact",
    "ContactBook",
    "Fact",
    "Gap",
    "Handle",
    "InternalError",
    "InvalidInputError",
    "JsonError",
    "Message",
    "NotFoundError",
    "PairRate",
    "RepeatContact",
    "Signal",
    "WebcareError",
    "extract_facts",
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

_FactKind = Literal[
    "money",
    "duration",
    "percent",
    "count",
    "date",
    "time_of_day",
    "url",
    "phone",
    "email",
    "polarity",
]
_Verdict = Literal["consistent", "incomplete", "conflict"]

class _AnswerLike(Protocol):
    """Any object with an answer's attributes."""

    @property
    def channel(self) -> Channel | str: ...
    @property
    def at(self) -> datetime | str: ...
    @property
    def question(self) -> str: ...
    @property
    def answer(self) -> str: ...

@final
class Answer:
    """One answer the company gave: on which channel, when, to which question, and what.

    `Answer(channel, at, question, answer, topic=None)`; `at` must be timezone-aware (it is
    kept in UTC). Answers with a topic are grouped by topic alone.
    """

    def __new__(
        cls,
        channel: Channel | str,
        at: datetime,
        question: str,
        answer: str,
        topic: str | None = None,
    ) -> Answer: ...
    @property
    def channel(self) -> Channel:
        """The channel the answer was given on."""
    @property
    def at(self) -> datetime:
        """When it was given (UTC)."""
    @property
    def question(self) -> str:
        """The customer's question it answers."""
    @property
    def answer(self) -> str:
        """The answer's text."""
    @property
    def topic(self) -> str | None:
        """The topic id, if any."""
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[str, datetime, str, str, str | None]]: ...

@final
class ConsistencyChecker:
    """Checks that the company gives the same answer to the same question on every channel.

    `ConsistencyChecker(threshold=None, shingle_size=None)`: `None` takes core's default
    (threshold 0.5, shingle size 1). A threshold outside (0, 1] or a shingle size outside
    1 to 8 raises `InvalidInputError` with code `invalid_option`.
    """

    def __new__(
        cls, threshold: float | None = None, shingle_size: int | None = None
    ) -> ConsistencyChecker: ...
    @staticmethod
    def from_json(text: str) -> ConsistencyChecker:
        """A checker from its JSON options (`{"threshold": 0.5, "shingle_size": 1}`)."""
    def to_json(self) -> str:
        """The options as JSON."""
    @property
    def threshold(self) -> float:
        """The Jaccard index of two questions' shingle sets from which they ask the same thing."""
    @property
    def shingle_size(self) -> int:
        """Words per shingle."""
    def group(self, answers: Iterable[Any]) -> list[list[int]]:
        """Groups the answers to the same question (topic id, else question similarity by
        MinHash/LSH) and returns each group's answer positions. Runs without the GIL.
        """
    def group_exact(self, answers: Iterable[Any]) -> list[list[int]]:
        """The exact all-pairs grouping that `group` approximates: the reference for measuring
        it, quadratic in the number of answers. Runs without the GIL.
        """
    def check(
        self, answers: Iterable[Answer | Mapping[str, Any] | _AnswerLike]
    ) -> ConsistencyReport:
        """Groups the answers, extracts their facts and judges each group.

        `answers`: `Answer` objects, dicts `{channel, at, question, answer, topic?}` or
        objects with those attributes (`at` an aware `datetime` or RFC 3339 text). An empty
        list gives an empty report. Runs without the GIL. Raises `InvalidInputError` with
        code `empty_question` for an answer without topic whose question is empty or blank.
        """
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

@final
class ConsistencyReport:
    """What `ConsistencyChecker.check` found."""

    @property
    def groups(self) -> list[AnswerGroup]:
        """Groups of answers to the same question, ordered by their first answer."""
    @property
    def rate(self) -> float | None:
        """The share of groups answered on more than one channel that are consistent; `None`
        when no group spans two channels.
        """
    @property
    def pairs(self) -> list[PairRate]:
        """The same rate per pair of channels: over the groups answered on both, judging only
        the answers on those two channels. Ordered by channel pair.
        """
    def to_json(self) -> str:
        """The report as JSON text, in core's shape with spans as code-point offsets."""
    def to_dict(self) -> dict[str, Any]:
        """The report as a dict of lists, strings and numbers (the JSON shape of `to_json`)."""

@final
class AnswerGroup:
    """One group of answers to the same question."""

    @property
    def answers(self) -> list[int]:
        """Positions of the answers in the input, ascending."""
    @property
    def topic(self) -> str | None:
        """The topic id, when the group was formed by topic."""
    @property
    def channels(self) -> list[Channel]:
        """The distinct channels of the answers, sorted."""
    @property
    def verdict(self) -> _Verdict:
        """The verdict: `consistent`, `incomplete` or `conflict`."""
    @property
    def conflicts(self) -> list[Conflict]:
        """Facts that disagree (empty unless the verdict is `conflict`). At most 16 per fact
        kind and role are listed.
        """
    @property
    def gaps(self) -> list[Gap]:
        """Facts that some answers leave out (listed when a kind and role has no conflict; at
        most 256 per group).
        """

@final
class Conflict:
    """Two answers stating different values for the same fact kind and role."""

    @property
    def kind(self) -> _FactKind:
        """The fact kind."""
    @property
    def role(self) -> str | None:
        """The role within the kind, if any (for counts: the thing counted)."""
    @property
    def answers(self) -> tuple[int, int]:
        """The two answers' positions in the input."""
    @property
    def channels(self) -> tuple[Channel, Channel]:
        """Their channels."""
    @property
    def values(self) -> tuple[str, str]:
        """The disagreeing normalized values, one from each answer."""
    @property
    def spans(self) -> tuple[tuple[int, int], tuple[int, int]]:
        """Where each value stands in its answer: `(start, end)` code-point offsets."""

@final
class Gap:
    """A fact that some answers of a group state and others leave out."""

    @property
    def kind(self) -> _FactKind:
        """The fact kind."""
    @property
    def role(self) -> str | None:
        """The role within the kind, if any."""
    @property
    def value(self) -> str:
        """The normalized value that is missing."""
    @property
    def missing_in(self) -> list[int]:
        """The answers that leave it out."""
    @property
    def channels(self) -> list[Channel]:
        """Their distinct channels, sorted."""

@final
class PairRate:
    """The consistency rate of one pair of channels."""

    @property
    def channels(self) -> tuple[Channel, Channel]:
        """The two channels, in order."""
    @property
    def groups(self) -> int:
        """Groups answered on both."""
    @property
    def consistent(self) -> int:
        """Of those, the groups whose answers on these two channels are consistent."""
    @property
    def rate(self) -> float:
        """`consistent / groups`."""

@final
class Fact:
    """One fact stated in an answer, with its normalized value and where it is
    (`start`/`end`: code-point offsets into the text).
    """

    @property
    def kind(self) -> _FactKind:
        """What kind of fact this is."""
    @property
    def role(self) -> str | None:
        """What the fact is about within its kind (for counts: the thing counted), if known."""
    @property
    def value(self) -> str:
        """The normalized value: equal facts in other words have equal values."""
    @property
    def start(self) -> int:
        """Code-point offset of the fact's first character in the text."""
    @property
    def end(self) -> int:
        """Code-point offset one past the fact's last character."""
    def __eq__(self, value: object, /) -> bool: ...

def extract_facts(text: str) -> list[Fact]:
    """Extracts the facts stated in `text`, in order of position.

    English and Dutch. Each piece of text is at most one fact; identifiers (order, booking,
    flight and reference numbers) are no facts at all.
    """

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
