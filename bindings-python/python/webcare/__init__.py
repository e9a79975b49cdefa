"""webcare: social customer care in Rust, for Python.

Contacts across channels, complaint classification, business-hours SLA clocks, triage and
cross-channel consistency. Everything here is re-exported from the compiled module
``webcare._webcare``; see the type stubs for the documented API.
"""

from webcare._webcare import (
    Calendar,
    Channel,
    Contact,
    ContactBook,
    Handle,
    InternalError,
    InvalidInputError,
    JsonError,
    Message,
    NotFoundError,
    RepeatContact,
    WebcareError,
    __version__,
)

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
