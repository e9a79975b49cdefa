"""webcare: social customer care in Rust, for Python.

Contacts across channels, complaint classification, business-hours SLA clocks, triage and
cross-channel consistency. Everything here is re-exported from the compiled module
``webcare._webcare``; see the type stubs for the documented API.
"""

from webcare._webcare import (
    Answer,
    AnswerGroup,
    Calendar,
    Channel,
    Classification,
    Classifier,
    Conflict,
    ConsistencyChecker,
    ConsistencyReport,
    Contact,
    ContactBook,
    Fact,
    Gap,
    Handle,
    InternalError,
    InvalidInputError,
    JsonError,
    Message,
    NotFoundError,
    PairRate,
    RepeatContact,
    Signal,
    WebcareError,
    extract_facts,
    __version__,
)

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
