"""Arrow in, Arrow out: webcare over whole columns.

Every function takes Arrow arrays through the Arrow PyCapsule interface, so pyarrow
arrays and chunked arrays, polars Series, arro3 and nanoarrow arrays all work, and returns
pyarrow objects (pyarrow must be installed to receive them). The work runs in Rust with the
GIL released and no Python object per row; nulls in give nulls out.

- ``classify(texts, classifier=None, *, channels=None, reach=None, promoted=None)``
  -> ``pyarrow.RecordBatch`` of ``label``, ``scores``, ``severity``, ``severity_level``,
  ``language`` and ``signals`` (code-point offsets, as ``Signal``).
- ``business_elapsed(calendar, starts, ends)`` -> ``pyarrow.Array`` of ``duration``.
- ``due(calendar, starts, durations)`` -> ``pyarrow.Array`` of ``timestamp[..., tz=UTC]``.
- ``triage(batch, triager=None, classifier=None, *, now)`` -> ``pyarrow.RecordBatch`` of
  ``priority``, ``score``, ``reasons``, ``advice`` and ``language``.

The full contracts (column names, types, units, errors) are in each function's docstring.
"""

from webcare._webcare import arrow_business_elapsed as business_elapsed
from webcare._webcare import arrow_classify as classify
from webcare._webcare import arrow_due as due
from webcare._webcare import arrow_triage as triage

__all__ = [
    "business_elapsed",
    "classify",
    "due",
    "triage",
]
