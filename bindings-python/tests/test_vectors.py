"""Runs every conformance vector through the Python package, each as its own test named
by its full id. WEBCARE_VECTOR=<prefix> filters."""

from __future__ import annotations

from typing import Any, Callable

import pytest

import webcare
from ops_case import OPS as CASE_OPS
from ops_contact import OPS as CONTACT_OPS
from vectors import load_cases, subset_eq

OPS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {**CONTACT_OPS, **CASE_OPS}

# Ops that the Python runner does not run, with the reason. Empty: every op runs here.
NOT_SUPPORTED: dict[str, str] = {}

CASES = load_cases()


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[i for i, _ in CASES])
def test_vector(case: dict[str, Any]) -> None:
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
