"""Type stubs of the compiled module ``webcare._webcare``."""

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from os import PathLike
from typing import Any, Literal, Protocol, TypedDict, final, overload

import pyarrow  # type: ignore[import-untyped, import-not-found, unused-ignore]
from typing_extensions import disjoint_base

__all__ = [
    "Advice",
    "Answer",
    "AnswerGroup",
    "AutomatedReply",
    "Calendar",
    "Case",
    "CaseReading",
    "Channel",
    "ChannelReport",
    "Classification",
    "Classifier",
    "Clock",
    "ColumnMapping",
    "Conflict",
    "ConsistencyChecker",
    "ConsistencyReport",
    "Contact",
    "ContactBook",
    "CustomerMessage",
    "Estimate",
    "Estimator",
    "Event",
    "Explanation",
    "Fact",
    "Figures",
    "Gap",
    "Handle",
    "Inbox",
    "InstanceTrace",
    "InternalError",
    "InternalNote",
    "InvalidInputError",
    "JsonError",
    "Message",
    "MessageReader",
    "NotFoundError",
    "PairRate",
    "Policy",
    "PolicyChange",
    "PriorityChange",
    "QueueItem",
    "Reason",
    "Reopened",
    "RepeatContact",
    "ReplyPrivate",
    "ReplyPublic",
    "Report",
    "ReportPart",
    "RuleSelection",
    "Signal",
    "Solved",
    "TagChange",
    "TraceSpan",
    "TraceStep",
    "Triage",
    "Triager",
    "WaitingOnCustomer",
    "WaitingOnThirdParty",
    "WebcareError",
    "arrow_business_elapsed",
    "arrow_classify",
    "arrow_due",
    "arrow_triage",
    "extract_facts",
    "read_messages",
    "replay_cases",
    "report",
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

    @staticmethod
    def from_json(text: str) -> Classification:
        """A classification from core's JSON form, for one made elsewhere:
        `{"label", "severity": {"score", "level"}, "language"}`, optionally `scores` and
        `signals` (spans as given, in UTF-8 bytes). This is not the shape `to_json` writes.
        A severity score outside 0 to 1 raises `InvalidInputError` (`invalid_option`).
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


_Metric = Literal[
    "first_reply", "next_reply", "periodic_update", "pausable_update", "requester_wait", "resolution"
]
_Priority = Literal["low", "normal", "high", "urgent"]

@final
class RuleSelection:
    """The outcome of rule selection: the first matching rule, or the report that none matched."""

    @property
    def rule(self) -> str | None:
        """The name of the first rule whose conditions match, or `None`."""
    @property
    def index(self) -> int | None:
        """Its 0-based position in the policy's rules, or `None`."""
    @property
    def no_rule_matched(self) -> bool:
        """`True` when no rule's conditions match."""

@final
class Policy:
    """A response-time policy: named calendars and ordered rules; the first rule whose
    conditions match a case gives its targets per metric and priority.

    Made from its JSON document (`Policy.from_json`) or the preset (`Policy.preset()`).
    Unknown fields, unknown calendar, metric or priority names and zero or negative
    durations raise `InvalidInputError` naming the bad value.
    """

    @staticmethod
    def from_json(text: str) -> Policy:
        """Parses a policy from its JSON document."""
    @staticmethod
    def preset() -> Policy:
        """The preset that follows the published facts: public social first reply 1h on a 24/7
        calendar (30m when urgent), private social 4h 24/7, email and web form 24 business
        hours, phone 5 minutes.
        """
    def to_json(self) -> str:
        """The policy's JSON document; `Policy.from_json` reads it back to an equal policy."""
    @property
    def rules(self) -> list[str]:
        """The rules' names, in order."""
    @property
    def praise_needs_no_reply(self) -> bool:
        """Whether a customer message labelled `"praise"` starts no reply clock."""
    def select(
        self,
        channel: Channel | str | None = None,
        priority: _Priority | None = None,
        language: str | None = None,
        tags: list[str] | None = None,
        contact_tags: list[str] | None = None,
    ) -> RuleSelection:
        """The first rule whose conditions match a case with these facts. Absent facts are
        core's defaults (no channel, priority normal, no language, no tags).
        """
    @staticmethod
    def parse_duration(text: str) -> timedelta:
        """Parses a policy duration (`"30s"`, `"45m"`, `"1h30m"`, `"2d"`, `"PT1H30M"`): an
        amount of open time on a calendar, where a day is 24 hours of it.
        """
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

@disjoint_base
class Event:
    """One event of a case: an id (unique in the case), an instant and what happened. Each event
    type is a subclass (`CustomerMessage`, `ReplyPublic`, ...); `Event.from_json` gives the
    subclass of the event's type.
    """

    @staticmethod
    def from_json(text: str) -> Event:
        """Parses an event from its JSON object."""
    def to_json(self) -> str:
        """The event's JSON text (`at` in UTC)."""
    @property
    def id(self) -> str:
        """The event's id, unique within its case."""
    @property
    def at(self) -> datetime:
        """When it happened (UTC)."""
    @property
    def type(self) -> str:
        """The event's `type` in JSON (`customer_message`, `reply_public`, ...)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

@final
class CustomerMessage(Event):
    """A message from the customer. `needs_reply=False` marks a message that needs no answer
    (a closing "thanks"); `None` leaves core's default (it needs one).
    """

    def __new__(
        cls,
        id: str,
        at: datetime | str,
        channel: Channel | str,
        needs_reply: bool | None = None,
        label: str | None = None,
        language: str | None = None,
        contact_tags: list[str] | None = None,
    ) -> CustomerMessage: ...
    @property
    def channel(self) -> Channel | None:
        """Where it was posted. The case's channel is that of its first customer message."""
    @property
    def needs_reply(self) -> bool:
        """`False` for a message that needs no answer: it starts no clock, resumes nothing and
        does not reopen a solved case.
        """
    @property
    def label(self) -> str | None:
        """The host's classification label (`complaint`, `question`, `praise`, `other`)."""
    @property
    def language(self) -> str | None:
        """The message's language (`en`, `nl`); the first one given is the case's language."""
    @property
    def contact_tags(self) -> list[str] | None:
        """The customer's tags (`vip`) as the host knows them now; replaces earlier ones."""

@final
class ReplyPublic(Event):
    """A reply everyone can see. Visible to the customer: stops reply clocks."""

    def __new__(
        cls, id: str, at: datetime | str, channel: Channel | str | None = None
    ) -> ReplyPublic: ...
    @property
    def channel(self) -> Channel | None:
        """Where it was sent, if the host says."""

@final
class ReplyPrivate(Event):
    """A private reply (DM, e-mail). Visible to the customer: stops reply clocks."""

    def __new__(
        cls, id: str, at: datetime | str, channel: Channel | str | None = None
    ) -> ReplyPrivate: ...
    @property
    def channel(self) -> Channel | None:
        """Where it was sent, if the host says."""

@final
class InternalNote(Event):
    """A note only agents see. Changes no clock."""

    def __new__(cls, id: str, at: datetime | str) -> InternalNote: ...

@final
class AutomatedReply(Event):
    """An automated acknowledgement. Changes no clock."""

    def __new__(cls, id: str, at: datetime | str) -> AutomatedReply: ...

@final
class WaitingOnCustomer(Event):
    """The company waits on the customer: pausable metrics pause."""

    def __new__(cls, id: str, at: datetime | str) -> WaitingOnCustomer: ...

@final
class WaitingOnThirdParty(Event):
    """The company waits on a third party: pauses nothing, resumes paused metrics."""

    def __new__(cls, id: str, at: datetime | str) -> WaitingOnThirdParty: ...

@final
class Solved(Event):
    """The case is solved: open reply, update and resolution clocks stop."""

    def __new__(cls, id: str, at: datetime | str) -> Solved: ...

@final
class Reopened(Event):
    """An agent reopens a solved case."""

    def __new__(cls, id: str, at: datetime | str) -> Reopened: ...

@final
class PriorityChange(Event):
    """The priority changes (`low`, `normal`, `high`, `urgent`); open clocks are re-targeted
    from their start.
    """

    def __new__(cls, id: str, at: datetime | str, priority: _Priority) -> PriorityChange: ...
    @property
    def priority(self) -> _Priority:
        """The new priority."""

@final
class TagChange(Event):
    """Tags are added and removed; open clocks are re-targeted from their start."""

    def __new__(
        cls,
        id: str,
        at: datetime | str,
        add: list[str] | None = None,
        remove: list[str] | None = None,
    ) -> TagChange: ...
    @property
    def add(self) -> list[str]:
        """Tags added."""
    @property
    def remove(self) -> list[str]:
        """Tags removed."""

@final
class PolicyChange(Event):
    """The policy changes from this instant; time already counted is kept."""

    def __new__(cls, id: str, at: datetime | str, policy: Policy) -> PolicyChange: ...
    @property
    def policy(self) -> Policy | None:
        """The new policy."""

@final
class Clock:
    """One clock instance read at an instant. Durations are business time on the target's
    calendar, except `calendar_left` and `breached_by_calendar` (wall-clock time); `None`
    where they do not apply to the state.
    """

    @property
    def metric(self) -> _Metric:
        """The metric (`first_reply`, `next_reply`, `periodic_update`, `pausable_update`,
        `requester_wait`, `resolution`).
        """
    @property
    def state(self) -> Literal["running", "paused", "met", "breached"]:
        """`running`, `paused`, `met` or `breached`."""
    @property
    def started_at(self) -> datetime:
        """The instance's start (its original start, also after a re-target)."""
    @property
    def target(self) -> timedelta:
        """The target, in business time."""
    @property
    def calendar(self) -> str:
        """The name of the target's calendar."""
    @property
    def due(self) -> datetime | None:
        """Running: the due instant; met: the due instant when it stopped; breached: when the
        target was reached.
        """
    @property
    def warn_at(self) -> datetime | None:
        """When the clock warns, while running with a warning point."""
    @property
    def elapsed(self) -> timedelta:
        """Business time counted, until now or until the clock stopped."""
    @property
    def business_left(self) -> timedelta | None:
        """Business time left before due, while running or paused and not breached."""
    @property
    def calendar_left(self) -> timedelta | None:
        """Wall-clock time left before due, while running and not breached."""
    @property
    def breached_by(self) -> timedelta | None:
        """Business time past due, when breached."""
    @property
    def breached_by_calendar(self) -> timedelta | None:
        """Wall-clock time past due, when breached."""
    @property
    def stopped_at(self) -> datetime | None:
        """When the clock stopped (a visible reply, solved)."""
    def to_json(self) -> str:
        """The reading as JSON text (seconds as `elapsed_s`, ...; absent where they do not apply)."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class CaseReading:
    """Everything about a case at one instant."""

    @property
    def status(
        self,
    ) -> Literal["new", "open", "waiting_on_customer", "waiting_on_third_party", "solved"]:
        """Where the case stands: `new`, `open`, `waiting_on_customer`,
        `waiting_on_third_party` or `solved`.
        """
    @property
    def priority(self) -> _Priority:
        """The priority (`low`, `normal`, `high`, `urgent`)."""
    @property
    def rule(self) -> str | None:
        """The name of the rule the case matches, if any."""
    @property
    def no_rule_matched(self) -> bool:
        """`True` when the case has begun and no rule of the policy matches it."""
    @property
    def clocks(self) -> list[Clock]:
        """Every clock instance that has a target, by metric then start."""
    @property
    def next_deadline(self) -> datetime | None:
        """The earliest warn or due instant after the reading instant, or `None`."""
    def to_json(self) -> str:
        """The reading as JSON text."""

@final
class TraceStep:
    """One step of a clock instance's trace."""

    @property
    def at(self) -> datetime:
        """When it happened."""
    @property
    def kind(
        self,
    ) -> Literal[
        "started", "paused", "resumed", "stopped", "reopened", "retargeted", "breached", "ignored", "kept"
    ]:
        """`started`, `paused`, `resumed`, `stopped`, `reopened`, `retargeted`, `breached`,
        `ignored` or `kept`.
        """
    @property
    def event(self) -> str | None:
        """The id of the event that caused it (none for a breach, which time causes)."""
    @property
    def event_type(self) -> str | None:
        """The type of that event (`customer_message`, `reply_private`, ...)."""
    @property
    def detail(self) -> str | None:
        """More detail in English (the new target, the time kept)."""

@final
class TraceSpan:
    """A span of time during which an instance counted, with its business time."""

    @property
    def start(self) -> datetime:
        """Start of the span (`from` in JSON)."""
    @property
    def end(self) -> datetime:
        """End of the span (`to` in JSON; the reading instant while it still runs)."""
    @property
    def business(self) -> timedelta:
        """Open time of the target's calendar between them."""

@final
class InstanceTrace:
    """The trace of one clock instance."""

    @property
    def reading(self) -> Clock | None:
        """Its reading; `None` when it has no target (no clock is shown)."""
    @property
    def rule(self) -> str | None:
        """The rule that gave the target."""
    @property
    def within(self) -> str | None:
        """The target as written (`"1h"`)."""
    @property
    def warn(self) -> str | None:
        """The warning point as written (`"80%"`)."""
    @property
    def kept(self) -> timedelta:
        """Business time counted under earlier policies, kept at a policy change."""
    @property
    def spans(self) -> list[TraceSpan]:
        """The spans counted under the current target, each with its business time."""
    @property
    def steps(self) -> list[TraceStep]:
        """Every start, pause, resume, stop, re-target and breach, with its event."""
    @property
    def text(self) -> str:
        """The trace as English sentences."""

@final
class Explanation:
    """The trace behind one metric's clocks at an instant: the matched rule, and per instance
    the target, each step with its event and the calendar arithmetic; `.text` says it in
    English.
    """

    @property
    def metric(self) -> _Metric:
        """The metric explained."""
    @property
    def rule(self) -> str | None:
        """The rule the case matches now, if any."""
    @property
    def no_rule_matched(self) -> bool:
        """`True` when the case has begun and no rule matches it."""
    @property
    def priority(self) -> _Priority:
        """The case's priority now."""
    @property
    def instances(self) -> list[InstanceTrace]:
        """One trace per instance of the metric, oldest first."""
    @property
    def text(self) -> str:
        """The whole explanation in English."""
    def to_json(self) -> str:
        """The explanation as JSON text."""

_EventInput = Event | Mapping[str, Any]

@final
class Case:
    """A conversation's events under a policy, read as SLA clocks at any instant.

    Events (an `Event` object or a dict in the event JSON form) may come in any order and
    twice; the clocks equal in-order, once-only delivery. Instants are aware `datetime`s.
    """

    def __new__(cls, policy: Policy) -> Case: ...
    def apply(self, event: _EventInput) -> None:
        """Adds an event. Re-delivering an applied event changes nothing; an event with an
        applied id but other content raises `InvalidInputError` (`duplicate_event_id`).
        """
    def apply_json(self, text: str) -> None:
        """Parses an event's JSON and applies it."""
    def apply_many(self, events: Sequence[_EventInput]) -> None:
        """Applies many events, all or none."""
    @property
    def policy(self) -> Policy:
        """The policy the case started with (a `PolicyChange` event may replace it later)."""
    @property
    def events(self) -> list[Event]:
        """The events, in replay order (time, then id)."""
    def clocks(self, now: datetime) -> list[Clock]:
        """Every clock instance that has a target, read at `now`, by metric then start."""
    def read(self, now: datetime) -> CaseReading:
        """Everything about the case at `now`: status, priority, matched rule, clocks and the
        next deadline.
        """
    def next_deadline(self, now: datetime) -> datetime | None:
        """The earliest warn or due instant strictly after `now` over the running, unbreached
        clocks, or `None`: the one timer a host sets for this case.
        """
    def explain(self, metric: _Metric, now: datetime) -> Explanation:
        """The trace behind `metric`'s clocks at `now`, as data and as sentences (`.text`)."""
    def to_snapshot(self) -> str:
        """The case as a JSON snapshot: `{"version": 1, "policy": ..., "events": [...]}`."""
    @staticmethod
    def from_snapshot(text: str) -> Case:
        """Restores a case from `to_snapshot` output, to the identical state."""
    def __len__(self) -> int:
        """The number of events."""
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

def replay_cases(
    policy: Policy, events_by_case: Mapping[str, Sequence[_EventInput]], now: datetime
) -> dict[str, list[Clock]]:
    """Replays many cases under one policy and reads each one's clocks at `now`: one call
    across the boundary, the work done without the GIL. `events_by_case` maps a case id to
    its events (`Event` objects or dicts). All or none: the first bad event raises.
    """

@final
class Estimate:
    """The estimate for one channel."""

    @property
    def channel(self) -> Channel:
        """The channel."""
    @property
    def sample_size(self) -> int:
        """How many first replies were in the window."""
    @property
    def time(self) -> timedelta | None:
        """The figure; `None` when there are fewer samples than the minimum."""
    @property
    def rounded(self) -> timedelta | None:
        """The figure rounded up the way a person says it: whole minutes up to 5, then steps
        of 5 minutes, an hour, an hour and a half, whole hours, whole days.
        """
    def sentence(self, language: Literal["en", "nl"]) -> str | None:
        """The sentence to publish in `"en"` ("We usually reply within 25 minutes") or `"nl"`
        ("Meestal reageren we binnen 25 minuten"); `None` when there are too few samples.
        """

_Sample = tuple[Channel | str, datetime, datetime] | Mapping[str, Any]

@final
class Estimator:
    """An expected-response-time estimator: a window, a method and a minimum sample size.

    `Estimator(window, size, method, value, min_samples)`: `window` is `"last_replies"`
    (the last `size` first replies), `"last_hours"` or `"last_days"`; `method` is
    `"percentile"` (`value` in (0, 100]) or `"fastest_share_mean"` (`value` in (0, 1]).
    The named constructors use core's default minimum (5 samples).
    """

    def __new__(
        cls,
        window: Literal["last_replies", "last_hours", "last_days"],
        size: int,
        method: Literal["percentile", "fastest_share_mean"],
        value: float,
        min_samples: int,
    ) -> Estimator: ...
    @staticmethod
    def percentile_of_last(n: int, percentile: float) -> Estimator:
        """The `percentile` of the last `n` first replies."""
    @staticmethod
    def percentile_of_last_hours(hours: int, percentile: float) -> Estimator:
        """The `percentile` of the first replies of the last `hours` hours."""
    @staticmethod
    def fastest_90_percent_of_30_days() -> Estimator:
        """The mean of the fastest 90% of the first replies of the last 30 days."""
    def with_min_samples(self, min_samples: int) -> Estimator:
        """The same estimator with another minimum sample size."""
    def estimate(self, samples: Sequence[_Sample], now: datetime) -> list[Estimate]:
        """The estimate per channel at `now`, one per channel that has samples, built-in
        channels first. Samples are `(channel, customer_at, first_reply_at)` tuples or dicts
        with those keys. Runs without the GIL.
        """

class _Summary(TypedDict):
    count: int
    mean_s: float | None
    median_s: float | None
    p90_s: float | None
    exact: bool

class _Attainment(TypedDict):
    met: int
    breached: int
    rate: float | None

class _MetricAttainment(_Attainment):
    metric: str

class _Sla(TypedDict):
    first_reply: _Attainment
    metrics: list[_MetricAttainment]

class _ChannelConsistency(TypedDict):
    answers: int
    consistent: int
    rate: float | None

class _AgeBuckets(TypedDict):
    under_1h: int
    from_1h_to_1d: int
    from_1d_to_7d: int
    from_1w_to_4w: int
    over_4w: int

class _Expected(TypedDict):
    seconds: int | None
    sample_size: int
    en: str | None
    nl: str | None

class _PairFigures(TypedDict):
    channels: list[str]
    groups: int
    consistent: int
    rate: float | None

class _ConsistencySummary(TypedDict):
    answers: int
    groups: int
    consistent: int
    rate: float | None
    pairs: list[_PairFigures]

class _Reason(TypedDict):
    kind: str
    points: float
    detail: str

class _Advice(TypedDict):
    kind: str
    text: str

class _Triage(TypedDict):
    priority: Literal["low", "normal", "high", "urgent"]
    score: float
    reasons: list[_Reason]
    advice: list[_Advice]
    language: Literal["en", "nl", "unknown"]

@final
class Inbox:
    """The streaming pipeline: messages in, a prioritized queue and a report out.

    `Inbox(policy=None, classifier=None, triager=None, repeat_window=None, retention=None,
    consistency_window=None)`; every option left `None` takes core's default (the preset
    policy, the default classifier and triage weights, a 7-day repeat window, a 7-day
    retention, consistency windows of 5,000 answers). `triager` is the JSON form of the
    triage weights (missing fields take the defaults).
    """

    def __new__(
        cls,
        policy: Policy | None = None,
        classifier: Classifier | None = None,
        triager: str | None = None,
        repeat_window: timedelta | None = None,
        retention: timedelta | None = None,
        consistency_window: int | None = None,
    ) -> Inbox: ...
    def link(self, a: Handle | str, b: Handle | str, evidence: str = "") -> None:
        """Records that two handles (`Handle` or `"kind:value"` text) belong to one person, with
        the evidence. Messages pushed afterwards see the merged contact.
        """
    def push(self, message: Message) -> None:
        """Adds one message."""
    def push_many(self, messages: Sequence[Message]) -> None:
        """Adds messages in order, classifying the batch's customer texts in parallel first;
        the same as pushing them one by one. Runs without the GIL. On an error the messages
        before the failing one are applied.
        """
    def push_jsonl(self, data: bytes | str | list[str], first_line: int = 1) -> int:
        """Parses JSON lines in Rust and pushes them as one batch: `data` is `bytes`/`str` (lines
        separated by newlines; blank lines are skipped) or a list of lines. `first_line` is
        the number of the data's first line, so a host streaming a file in chunks gets
        errors (`invalid_record`) with the file's line numbers. The messages before a
        malformed line are pushed. Returns how many messages were pushed. Runs without the
        GIL.
        """
    def queue(self, now: datetime, limit: int = 20) -> list[QueueItem]:
        """The conversations waiting for an answer at `now`, most urgent first (priority, next
        deadline, triage score, longest waiting); at most `limit`.
        """
    def report(self, now: datetime) -> Report:
        """The report at `now`: the folded-in conversations and answers, plus the open ones
        read at `now`.
        """
    def report_part(self, now: datetime) -> ReportPart:
        """What `report(now)` folds, before it becomes figures: a `ReportPart` that merges with
        the parts of other inboxes (each holding whole conversations) into one report.
        Runs without the GIL.
        """
    @property
    def pushed(self) -> int:
        """Messages pushed (duplicates included)."""
    @property
    def open_conversations(self) -> int:
        """Conversations held open now."""
    @property
    def open_contacts(self) -> int:
        """Contacts held now (those that wrote within the repeat window)."""
    @property
    def latest(self) -> datetime | None:
        """The latest message instant seen; `None` before the first message."""

@final
class QueueItem:
    """One conversation waiting for an answer."""

    @staticmethod
    def from_json(text: str) -> QueueItem:
        """A queue item from its JSON form."""
    def to_json(self) -> str:
        """The queue item as JSON text."""
    @property
    def conversation(self) -> str:
        """The conversation's id: its case id, or the id of the message that started it."""
    @property
    def channel(self) -> Channel:
        """The channel of the waiting customer message."""
    @property
    def handles(self) -> list[Handle]:
        """The customers' handles in the conversation, normalized."""
    @property
    def message_id(self) -> str:
        """The id of the latest unanswered customer message."""
    @property
    def text(self) -> str:
        """Its text."""
    @property
    def sent_at(self) -> datetime:
        """When it was sent."""
    @property
    def label(self) -> Literal["complaint", "question", "praise", "other"]:
        """Its classification label (`complaint`, `question`, `praise`, `other`)."""
    @property
    def severity(self) -> float:
        """Its severity score, from 0 to 1."""
    @property
    def priority(self) -> Literal["low", "normal", "high", "urgent"]:
        """The conversation's priority (`low`, `normal`, `high`, `urgent`): the highest any
        triage of it gave.
        """
    @property
    def triage(self) -> _Triage | None:
        """The latest triage of the conversation as a dict: `priority`, `score`, `reasons`
        (`kind`, `points`, `detail`), `advice` (`kind`, `text`) and `language`.
        """
    @property
    def score(self) -> float:
        """The triage score (0 without a triage)."""
    @property
    def due(self) -> datetime | None:
        """The case's next deadline after now (a warning point or a due instant), if any."""
    @property
    def waiting(self) -> timedelta:
        """How long the customer has been waiting: since the oldest unanswered message."""
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

@final
class ColumnMapping:
    """Which CSV column holds which message field. `ColumnMapping()` reads a CSV whose header
    uses the message's JSON field names; `ColumnMapping.twcs()` the Kaggle "Customer Support
    on Twitter" export; `ColumnMapping.from_json(text)` any other.
    """

    def __new__(cls) -> ColumnMapping: ...
    @staticmethod
    def twcs() -> ColumnMapping:
        """The Kaggle "Customer Support on Twitter" export (`twcs.csv`), every message on `x`."""
    @staticmethod
    def from_json(text: str) -> ColumnMapping:
        """A mapping from its JSON form."""
    def to_json(self) -> str:
        """The mapping as JSON text."""
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

@final
class MessageReader:
    """Messages read from a file one record at a time (JSON lines, or CSV through a column
    mapping); iterate for one `Message` at a time or call `read(n)` for batches.
    """

    def read(self, n: int) -> list[Message]:
        """Up to `n` messages; an empty list at the end. Runs without the GIL. A bad record
        (`invalid_record`, with the line and column) ends a batch: the messages before it
        come back, and the next call raises its error; reading can continue after that.
        """
    def __iter__(self) -> MessageReader: ...
    def __next__(self) -> Message: ...

def read_messages(
    path: str | PathLike[str],
    mapping: ColumnMapping | None = None,
    format: Literal["jsonl", "csv"] | None = None,
) -> MessageReader:
    """Opens a file of messages. CSV when `mapping` is given or the path ends in `.csv`
    (`mapping` defaults to `ColumnMapping()`), else JSON lines; `format` (`"jsonl"` or
    `"csv"`) says so explicitly.
    """

@final
class Report:
    """A report on a stream of messages at one instant: one row per channel, the totals and
    the consistency of the company's answers across channels.
    """

    @staticmethod
    def from_json(text: str) -> Report:
        """A report from `to_json` output."""
    def to_json(self) -> str:
        """The report as JSON text."""
    def to_text(self) -> str:
        """The report as a plain-text table: one row per channel and a total, then the expected
        response times and the consistency per pair of channels.
        """
    def to_html(
        self,
        lang: Literal["en", "nl"] | None = None,
        queue: Sequence[QueueItem] | None = None,
        title: str | None = None,
    ) -> str:
        """The report as one self-contained HTML page: inline CSS and SVG charts (each with a
        title and a table of its figures), no script and no external resource, a narrow
        layout for phones and print styles. Every customer and agent text is HTML-escaped.
        `lang` is `"en"` or `"nl"` (English when `None`), `queue` the work queue to list
        (from `Inbox.queue`), `title` the page title.
        """
    def to_dict(self) -> dict[str, Any]:
        """The report as a dict (its JSON form)."""
    def rows(self) -> list[dict[str, Any]]:
        """One flat dict per channel (the figures with `_`-joined keys), then one for the total
        with channel `"total"`: the rows of `to_pandas` and `to_polars`.
        """
    def to_pandas(self) -> Any:
        """The rows as a pandas DataFrame (needs pandas; raises ImportError without it)."""
    def to_polars(self) -> Any:
        """The rows as a polars DataFrame (needs polars; raises ImportError without it)."""
    @property
    def at(self) -> datetime:
        """The instant the report was read at."""
    @property
    def channels(self) -> list[ChannelReport]:
        """One row per channel that has a conversation, in channel order."""
    @property
    def total(self) -> Figures:
        """All channels together (without `expected`)."""
    @property
    def consistency(self) -> _ConsistencySummary:
        """The overall consistency of the company's answers across channels: `answers`,
        `groups`, `consistent`, `rate` and `pairs` (`channels`, `groups`, `consistent`,
        `rate`).
        """
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

@final
class ChannelReport:
    """The figures of one channel."""

    @property
    def channel(self) -> Channel:
        """The channel (of the conversations' first customer message)."""
    @property
    def figures(self) -> Figures:
        """Its figures."""

@final
class Figures:
    """The figures of a channel, or of all channels."""

    @property
    def inbound(self) -> int:
        """Customer messages."""
    @property
    def conversations(self) -> int:
        """Conversations with at least one customer message."""
    @property
    def answered(self) -> int:
        """Conversations with a company reply after their first customer message."""
    @property
    def answered_share(self) -> float | None:
        """`answered / conversations`; `None` without conversations."""
    @property
    def first_response(self) -> _Summary:
        """First-response time in calendar seconds: `count`, `mean_s`, `median_s`, `p90_s`,
        `exact`.
        """
    @property
    def first_response_business(self) -> _Summary:
        """First-response time in business seconds on the first-reply target's calendar."""
    @property
    def sla(self) -> _Sla:
        """SLA attainment: `first_reply` (`met`, `breached`, `rate`) and `metrics`."""
    @property
    def consistency(self) -> _ChannelConsistency:
        """Consistency of the answers given on this channel: `answers`, `consistent`, `rate`."""
    @property
    def unresolved(self) -> _AgeBuckets:
        """Unresolved complaints by age: `under_1h`, `from_1h_to_1d`, `from_1d_to_7d`,
        `from_1w_to_4w`, `over_4w`.
        """
    @property
    def expected(self) -> _Expected | None:
        """The expected response time to publish (per channel only): `seconds`,
        `sample_size`, `en`, `nl`.
        """

@final
class ReportPart:
    """The accumulators of a report before they become figures (from `Inbox.report_part`): a
    piece of a report that merges with the parts of other inboxes into one report, for a
    report made on many machines. Put each conversation's messages in one part and read
    every part at the same instant under the same policy. Pickles through its JSON.
    """

    @staticmethod
    def from_json(text: str) -> ReportPart:
        """A part from `to_json` output. Raises `InvalidJsonError` for text that is not a
        report part and `InvalidInputError` (`unsupported_snapshot_version`) for a part of
        another format version.
        """
    def to_json(self) -> str:
        """The part as JSON text."""
    def merge(self, other: ReportPart) -> None:
        """Adds `other`'s accumulators to this part. Raises `InvalidInputError`
        (`report_part_mismatch`) when the parts were read at different instants, under
        different policies or with different consistency windows; this part is then
        unchanged. Runs without the GIL.
        """
    @staticmethod
    def merge_all(parts: Iterable[ReportPart | str]) -> ReportPart:
        """All `parts` (`ReportPart`s or their JSON text) merged into one. Raises
        `InvalidInputError` (`invalid_option`) for no part at all and
        (`report_part_mismatch`) for a part that does not match the first. Runs without
        the GIL.
        """
    def finish(self) -> Report:
        """The report: checks the pending answers for consistency and turns every
        accumulator into figures. The part stays as it is. Runs without the GIL.
        """
    @property
    def at(self) -> datetime:
        """The instant the part was read at (the report's `at`)."""
    @property
    def policy(self) -> Policy:
        """The policy the part was made under."""
    @property
    def consistency_window(self) -> int:
        """The consistency window of the inbox the part came from."""
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

def report(messages: Sequence[Message], policy: Policy | None = None) -> Report:
    """Runs an inbox with default options and `policy` (the preset when `None`) over
    `messages` in the order given and reports at the latest instant among them. Runs
    without the GIL.
    """

_ReasonKind = Literal[
    "severity",
    "reach",
    "promoted",
    "public_channel",
    "repeat_contact",
    "unresolved_age",
    "sla_time_left",
]
_AdviceKind = Literal[
    "answer_in_public",
    "continue_in_private",
    "apologise",
    "escalate",
    "do_not_delete",
    "answer",
    "thank",
]

@final
class Reason:
    """One reason with the points it added to the score."""

    @property
    def kind(self) -> _ReasonKind:
        """What it is: `severity`, `reach`, `promoted`, `public_channel`, `repeat_contact`,
        `unresolved_age` or `sla_time_left`.
        """
    @property
    def points(self) -> float:
        """Points added to the score."""
    @property
    def detail(self) -> str:
        """A short English description with the figure behind it ("40,000 followers")."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class Advice:
    """One step of the suggested approach, with the reason for it."""

    @property
    def kind(self) -> _AdviceKind:
        """What to do: `answer_in_public`, `continue_in_private`, `apologise`, `escalate`,
        `do_not_delete`, `answer` or `thank`.
        """
    @property
    def text(self) -> str:
        """The step and its reason as one sentence in the triage's language."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class Triage:
    """The result of triage: priority, score, reasons and the suggested approach.

    Pickles as its JSON.
    """

    @staticmethod
    def from_json(text: str) -> Triage:
        """Reads a triage from its JSON form (as written by `to_json`)."""
    @property
    def priority(self) -> _Priority:
        """The priority the score maps to: `low`, `normal`, `high` or `urgent`."""
    @property
    def score(self) -> float:
        """The sum of the reasons' points, 0 or more."""
    @property
    def reasons(self) -> list[Reason]:
        """Every reason that added points, largest first."""
    @property
    def advice(self) -> list[Advice]:
        """What to do, each step with its reason, in `language`."""
    @property
    def language(self) -> Literal["en", "nl"]:
        """The language of the advice texts: `en` or `nl` (English when the message is in
        neither).
        """
    def to_json(self) -> str:
        """The triage as JSON text: `{"priority", "score", "reasons": [{"kind", "points",
        "detail"}], "advice": [{"kind", "text"}], "language"}`.
        """
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

@final
class Triager:
    """Scores inbound messages: which to answer first, and how.

    `Triager()` has the default weights; `Triager(weights_json)` reads weights from JSON
    text (missing fields take the defaults). Bad weights raise `InvalidInputError` with code
    `invalid_option` and `.option` naming the field, or `JsonError` (`invalid_json`) for
    malformed JSON and unknown fields. Pickles as its JSON.
    """

    def __new__(cls, weights_json: str | None = None) -> Triager: ...
    @staticmethod
    def from_json(text: str) -> Triager:
        """A triager from the JSON form of its weights (as written by `to_json`)."""
    def to_json(self) -> str:
        """The weights as JSON text, every field written."""
    def triage(
        self,
        message: Message,
        classification: Classification,
        *,
        now: datetime,
        earlier_channels: Iterable[Channel | str] = (),
        unresolved_since: datetime | None = None,
        sla_left: timedelta | None = None,
        sla_target: timedelta | None = None,
    ) -> Triage:
        """Triages one inbound message.

        `classification` is the message's `Classification` (made without channel, reach or
        promoted, which triage counts itself). `now` is the aware instant of triage;
        `earlier_channels` the channels the customer used before this message;
        `unresolved_since` when the customer's complaint began to go unresolved; `sla_left`
        and `sla_target` (both or neither) the business time left of the case's SLA target
        (negative when breached) and the target.
        """
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

class _ArrowArrayLike(Protocol):
    """An Arrow array through the PyCapsule interface (pyarrow.Array, arro3, nanoarrow)."""

    def __arrow_c_array__(self, requested_schema: object | None = None) -> tuple[object, object]: ...

class _ArrowStreamLike(Protocol):
    """A chunked Arrow array through the PyCapsule interface (pyarrow.ChunkedArray,
    polars.Series)."""

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...

def arrow_classify(
    texts: _ArrowArrayLike | _ArrowStreamLike,
    classifier: Classifier | None = None,
    *,
    channels: _ArrowArrayLike | _ArrowStreamLike | None = None,
    reach: _ArrowArrayLike | _ArrowStreamLike | None = None,
    promoted: _ArrowArrayLike | _ArrowStreamLike | None = None,
) -> pyarrow.RecordBatch:
    """Classifies every text of an Arrow string column on all cores, with the GIL released,
    and returns a `pyarrow.RecordBatch` with one row per text.

    `texts` is any Arrow array or chunked array of `utf8`, `large_utf8` or `utf8_view` (a
    `pyarrow.Array`, `pyarrow.ChunkedArray`, polars `Series`, or any object with
    `__arrow_c_array__` / `__arrow_c_stream__`); a chunked input gives one batch. The
    optional context columns have one value per text, as `Classifier.classify`'s keywords:
    `channels` (channel names), `reach` (follower counts, any integer type, 0 or more) and
    `promoted` (booleans); a null counts as not given. `classifier` defaults to
    `Classifier()`.

    Columns: `label` (utf8), `scores` (struct of float64 `complaint`, `question`, `praise`,
    `other`), `severity` (float64), `severity_level` (utf8), `language` (utf8), `signals`
    (list of struct `kind`, `label` (utf8), `weight` (float64), `start`, `end` (int64)),
    with `start`/`end` as code-point offsets into the text, as `Signal`'s. A null text gives
    a row that is null in every column.

    Errors (`InvalidInputError`): `invalid_option` for an argument that is not an Arrow
    array or has the wrong type (naming both), `batch_length_mismatch` for a context column
    of another length, `invalid_encoding` for a value that is not UTF-8, `unknown_channel`,
    `invalid_option` for a negative reach.
    """

def arrow_business_elapsed(
    calendar: Calendar,
    starts: _ArrowArrayLike | _ArrowStreamLike,
    ends: _ArrowArrayLike | _ArrowStreamLike,
) -> pyarrow.Array:
    """`Calendar.elapsed(starts[i], ends[i])` for every row, with the GIL released: the open
    time between two timestamp columns, as a `pyarrow.Array` of `duration`.

    `starts` and `ends` are timestamp arrays (or chunked arrays, polars `Series`) of any
    unit with a time zone (any zone: the values are instants); a timestamp array without a
    time zone raises `InvalidInputError` with code `naive_datetime`. The result's unit is
    the finer of the two inputs' units, so every value is exactly the `timedelta` the
    per-message `Calendar.elapsed` gives (up to the microsecond `timedelta` holds). A null
    in either input gives a null. Other errors: `invalid_option` (not a timestamp array),
    `batch_length_mismatch`.
    """

def arrow_due(
    calendar: Calendar,
    starts: _ArrowArrayLike | _ArrowStreamLike,
    durations: _ArrowArrayLike | _ArrowStreamLike | timedelta,
) -> pyarrow.Array:
    """`Calendar.add(starts[i], durations[i])` for every row, with the GIL released: when
    each clock falls due, as a `pyarrow.Array` of `timestamp` with time zone `UTC`.

    `starts` is a timestamp array of any unit with a time zone (none raises
    `naive_datetime`); `durations` a duration array of any unit, or one `timedelta` for
    every row. The result's unit is the finer of the two (a `timedelta` counts as
    microseconds), so every value is exactly the per-message `Calendar.add`'s. A null in
    either input gives a null. Other errors: `invalid_option` (wrong type),
    `batch_length_mismatch`, and those of `Calendar.add` (`beyond_horizon`, ...).
    """

def arrow_triage(
    batch: _ArrowArrayLike | _ArrowStreamLike,
    triager: Triager | None = None,
    classifier: Classifier | None = None,
    *,
    now: datetime,
) -> pyarrow.RecordBatch:
    """Triages every message of an Arrow table on all cores, with the GIL released, and
    returns a `pyarrow.RecordBatch` with one row per message: what `Triager.triage` gives
    for each message with `Classifier.classify(text)` (no context) at `now`.

    `batch` is a record batch, table or stream (`pyarrow.RecordBatch`, `pyarrow.Table`,
    polars `DataFrame`, anything with `__arrow_c_array__` / `__arrow_c_stream__`) whose
    columns are named as the message's JSON form: `id`, `channel` (a channel name),
    `author`, `text` (strings), `sent_at` (timestamp with a time zone), and optionally
    `direction` (`inbound`/`outbound`; without the column every row is inbound),
    `reply_to`, `case_id` (strings), `reach` (integers, 0 or more), `promoted` (booleans;
    null is false), plus triage's inputs `earlier_channels` (list of channel names),
    `unresolved_since` (timestamp with a time zone), `sla_left` and `sla_target` (durations,
    both or neither in a row). A row with a null `id`, `channel`, `author`, `sent_at` or
    `text` gives a row that is null in every column. `triager` and `classifier` default to
    `Triager()` and `Classifier()`; `now` is an aware `datetime`.

    Columns: `priority` (utf8), `score` (float64), `reasons` (list of struct `kind`
    (utf8), `points` (float64), `detail` (utf8)), `advice` (list of struct `kind`, `text`
    (utf8)), `language` (utf8): the fields of `Triage.to_json`.

    Errors (`InvalidInputError`): `invalid_option` for a missing column or a column of the
    wrong type (naming both), `naive_datetime` for a timestamp column without a time zone,
    `unknown_channel`, `unknown_direction`, `empty_field`, `invalid_encoding`.
    """

def _panic(message: str) -> None: ...
