"""Runs every conformance vector through the Python package, each as its own test named
by its full id. WEBCARE_VECTOR=<prefix> filters."""

from __future__ import annotations

from typing import Any, Callable

import pytest

import webcare
from ops_calendar import NOT_SUPPORTED as CALENDAR_NOT_SUPPORTED
from ops_calendar import OPS as CALENDAR_OPS
from ops_case import OPS as CASE_OPS
from ops_classify import OPS as CLASSIFY_OPS
from ops_consistency import OPS as CONSISTENCY_OPS
from ops_contact import OPS as CONTACT_OPS
from ops_triage import OPS as TRIAGE_OPS
from ops_report import OPS as REPORT_OPS
from vectors import load_cases, subset_eq

OPS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    **CONTACT_OPS,
    **CALENDAR_OPS,
    **CASE_OPS,
    **CLASSIFY_OPS,
    **CONSISTENCY_OPS,
    **TRIAGE_OPS,
    **REPORT_OPS,
}

# Ops (or single case ids) that the Python runner does not run, with the reason.
NOT_SUPPORTED: dict[str, str] = {**CALENDAR_NOT_SUPPORTED}

CASES = load_cases()


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[i for i, _ in CASES])
def test_vector(case: dict[str, Any], request: pytest.FixtureRequest) -> None:
    reason = NOT_SUPPORTED.get(request.node.callspec.id)
    if reason is not None:
        pytest.skip(reason)
    op = OPS.get(case["op"])
    assert op is not None, f"unknown op {case['op']!r}"
    if "error" in case:
        with pytest.raises(webcare.WebcareError) as info:
            op(case["input"])
        assert info.value.code == case["error"]
    else:
        actual = op(case["input"])
        assert subset_eq(case["expect"], actual), f"expected {case['expect']}\n got {actual}"


def test_every_op_in_the_vectors_runs_here() -> None:
    ops = {c["op"] for _, c in CASES}
    assert ops <= set(OPS) | set(NOT_SUPPORTED)
