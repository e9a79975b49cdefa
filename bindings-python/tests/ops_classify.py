"""Ops of the classify module, through the Python API. Signal spans come back as code-point
offsets and are converted to UTF-8 byte offsets here, as the vectors hold them."""

from __future__ import annotations

import json
from typing import Any

import webcare


def _byte(text: str, i: int) -> int:
    return len(text[:i].encode("utf-8"))


def _classifier(inp: dict[str, Any]) -> webcare.Classifier:
    if "config" in inp:
        return webcare.Classifier(inp["config"])
    if "config_text" in inp:
        return webcare.Classifier.from_json(inp["config_text"])
    return webcare.Classifier()


def _report(text: str, c: webcare.Classification) -> dict[str, Any]:
    kinds = sorted({s.kind for s in c.signals})
    return {
        "label": c.label,
        "language": c.language,
        "severity": c.severity_level,
        "kinds": kinds,
        "has_kind": {k: True for k in kinds},
        "has": {
            f"{s.kind}@{_byte(text, s.start)}..{_byte(text, s.end)}": True for s in c.signals
        },
    }


def _one(inp: dict[str, Any]) -> dict[str, Any]:
    text = inp["text"]
    return _report(text, _classifier(inp).classify(text, **inp.get("context", {})))


def _bytes(inp: dict[str, Any]) -> dict[str, Any]:
    data = bytes.fromhex(inp["hex"])
    c = webcare.Classifier().classify_bytes(data, **inp.get("context", {}))
    return _report(data.decode("utf-8"), c)


def _config(inp: dict[str, Any]) -> dict[str, Any]:
    written = _classifier(inp).to_json()
    again = webcare.Classifier.from_json(written)
    return {"config": json.loads(written), "round_trips": again.to_json() == written}


def _train(inp: dict[str, Any]) -> dict[str, Any]:
    classifier = webcare.Classifier.train(inp["texts"], inp["labels"], inp.get("options"))
    check = inp["check"]
    reloaded = webcare.Classifier.from_json(classifier.to_json())
    return {
        "labels": [c.label for c in classifier.classify_batch(check)],
        "reloads_identically": all(reloaded.classify(t) == classifier.classify(t) for t in check),
    }


OPS = {
    "classify.one": _one,
    "classify.bytes": _bytes,
    "classify.config": _config,
    "classify.train": _train,
}
