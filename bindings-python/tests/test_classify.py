"""The classify API from Python: conventions the vectors do not show (types, code-point
offsets, errors with codes, pickling, the GIL-releasing batch, hostile input)."""

from __future__ import annotations

import json
import pickle
import re
import threading
import time
from pathlib import Path

import pytest

import webcare

STUBS = Path(webcare.__file__).with_name("_webcare.pyi")

TRAIN_TEXTS = [
    "my parcel never arrived",
    "the app keeps crashing again",
    "still no refund after 6 weeks",
    "new store opening in Utrecht",
    "watching the match tonight",
    "lovely weather in Amsterdam",
]
TRAIN_LABELS = ["complaint", "complaint", "complaint", "other", "other", "other"]


def literal(name: str) -> list[str]:
    match = re.search(rf"^{name} = Literal\[(.*)\]$", STUBS.read_text(), re.M)
    assert match, name
    return [s.strip().strip('"') for s in match.group(1).split(",")]


def test_result_types() -> None:
    c = webcare.Classifier().classify("Still waiting for my refund after 6 weeks!!")
    assert isinstance(c, webcare.Classification)
    assert c.label == "complaint"
    assert c.language == "en"
    assert set(c.scores) == {"complaint", "question", "praise", "other"}
    assert sum(c.scores.values()) == pytest.approx(1.0)
    assert max(c.scores, key=lambda k: c.scores[k]) == c.label
    assert isinstance(c.severity, float) and 0.0 <= c.severity <= 1.0
    assert c.severity_level in literal("_SeverityLevel")
    assert c.signals and all(isinstance(s, webcare.Signal) for s in c.signals)
    s = c.signals[0]
    assert (s.kind, s.label, type(s.weight), type(s.start), type(s.end)) == (
        "still_waiting", "complaint", float, int, int,
    )
    assert "Classification(label=" in repr(c) and "Signal(kind=" in repr(s)


def test_literals_in_the_stubs_match_core() -> None:
    assert literal("_Label") == webcare.Classifier.labels()
    assert literal("_Language") == ["en", "nl", "unknown"]
    assert "still_waiting" in webcare.Signal.kinds()
    assert len(set(webcare.Signal.kinds())) == len(webcare.Signal.kinds())


def test_to_dict_and_to_json_agree() -> None:
    text = "😡 Nog steeds geen internet, ik ga overstappen!"
    c = webcare.Classifier().classify(text, channel="x", reach=40_000)
    d = c.to_dict()
    assert d == json.loads(c.to_json())
    assert d["label"] == c.label == "complaint"
    assert d["severity_level"] == c.severity_level
    assert d["scores"] == c.scores
    assert [(s["kind"], s["start"], s["end"]) for s in d["signals"]] == [
        (s.kind, s.start, s.end) for s in c.signals
    ]


def test_offsets_are_code_points_with_emoji_and_rtl() -> None:
    classifier = webcare.Classifier()
    for prefix in ["", "😡👋🏽 ", "שלום עליכם ", "مرحبا 🇳🇱 ", "e\u0301\u200d "]:
        text = prefix + "Still waiting for my refund, I am switching to another provider"
        c = classifier.classify(text)
        spans = {s.kind: text[s.start : s.end] for s in c.signals}
        assert spans["still_waiting"] == "Still waiting", prefix
        assert spans["churn_threat"].lower().startswith("switching"), prefix
        # The byte spans of core, converted back, land on the same text.
        data = text.encode()
        b = classifier.classify_bytes(data)
        assert b == c


def test_context_raises_severity_not_the_label() -> None:
    classifier = webcare.Classifier()
    text = "Still no refund after 6 weeks"
    quiet = classifier.classify(text)
    loud = classifier.classify(text, channel=webcare.Channel("x"), reach=250_000, promoted=True)
    assert quiet.label == loud.label == "complaint"
    assert loud.severity > quiet.severity
    with pytest.raises(webcare.InvalidInputError) as info:
        classifier.classify(text, channel="carrier-pigeon")
    assert info.value.code == "unknown_channel"
    with pytest.raises(OverflowError):
        classifier.classify(text, reach=-1)


def test_empty_and_non_text_input() -> None:
    c = webcare.Classifier().classify("")
    assert (c.label, c.language, c.signals) == ("other", "unknown", [])
    with pytest.raises(TypeError):
        webcare.Classifier().classify(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        webcare.Classifier().classify_batch("not a list")  # type: ignore[arg-type]


def test_invalid_utf8_bytes() -> None:
    with pytest.raises(webcare.InvalidInputError) as info:
        webcare.Classifier().classify_bytes(b"fine \xff")
    assert info.value.code == "invalid_encoding"
    assert info.value.offset == 5


def test_one_megabyte_of_text() -> None:
    classifier = webcare.Classifier()
    for unit in ["Still waiting for my refund after 6 weeks. ", "Nog steeds 😡 wachten, العربية. "]:
        text = unit * (1_000_000 // len(unit.encode()) + 1)
        assert len(text.encode()) > 1_000_000
        c = classifier.classify(text)
        assert c.label == "complaint"
        last = c.signals[-1]
        assert 0 <= last.start < last.end <= len(text)
        assert text[last.start : last.end].strip()


def test_config_as_dict_text_and_json_round_trip() -> None:
    config = {
        "words": [{"word": "storing", "weight": 2.0, "label": "complaint"}],
        "rules": [{"pattern": r"order \d+", "weight": 1.5, "label": "question"}],
    }
    from_dict = webcare.Classifier(config)
    from_text = webcare.Classifier(json.dumps(config))
    assert from_dict.to_json() == from_text.to_json()
    assert webcare.Classifier.from_json(from_dict.to_json()).to_json() == from_dict.to_json()
    c = from_dict.classify("Er is weer een storing")
    assert c.label == "complaint"
    assert "user_word" in [s.kind for s in c.signals]
    assert "words=1, rules=1" in repr(from_dict)


def test_bad_configs_raise_typed_errors() -> None:
    def rule(pattern: str) -> dict[str, object]:
        return {"rules": [{"pattern": pattern, "weight": 1.0, "label": "complaint"}]}

    with pytest.raises(webcare.InvalidInputError) as info:
        webcare.Classifier(rule("(a+)+{1000}{1000}"))
    assert info.value.code == "regex_too_big"
    assert info.value.pattern == "(a+)+{1000}{1000}"
    with pytest.raises(webcare.InvalidInputError) as info:
        webcare.Classifier(rule("(unclosed"))
    assert info.value.code == "invalid_regex_rule"
    with pytest.raises(webcare.JsonError) as info:
        webcare.Classifier('{"wordz": []}')
    assert info.value.code == "invalid_json"
    with pytest.raises(webcare.JsonError):
        webcare.Classifier.from_json("{not json")
    with pytest.raises(TypeError):
        webcare.Classifier({"words": {1, 2}})


def test_catastrophic_backtracking_pattern_runs_in_linear_time() -> None:
    # (a+)+$ takes exponential time in a backtracking engine; core's regexes are linear.
    classifier = webcare.Classifier({"rules": [{"pattern": "(a+)+$", "weight": 1.0, "label": "complaint"}]})
    c = classifier.classify("a" * 100_000 + "!")
    assert c.label == "other"


def test_train_options_reload_and_pickle() -> None:
    trained = webcare.Classifier.train(TRAIN_TEXTS, TRAIN_LABELS)
    assert trained.has_model and not webcare.Classifier().has_model
    same = webcare.Classifier.train(TRAIN_TEXTS, TRAIN_LABELS, {"seed": 42})
    assert same.to_json() == trained.to_json()
    other_seed = webcare.Classifier.train(TRAIN_TEXTS, TRAIN_LABELS, '{"seed": 7, "epochs": 3}')
    assert other_seed.has_model
    again = pickle.loads(pickle.dumps(trained))
    assert isinstance(again, webcare.Classifier)
    for text in TRAIN_TEXTS:
        assert again.classify(text) == trained.classify(text)


def test_train_errors() -> None:
    with pytest.raises(webcare.InvalidInputError) as info:
        webcare.Classifier.train(["a", "b"], ["complaint", "grumble"])
    assert info.value.code == "unknown_label"
    with pytest.raises(webcare.InvalidInputError) as info:
        webcare.Classifier.train(["a", "b"], ["complaint"])
    assert info.value.code == "label_count_mismatch"
    with pytest.raises(webcare.InvalidInputError) as info:
        webcare.Classifier.train([], [])
    assert info.value.code == "empty_training_set"
    with pytest.raises(webcare.JsonError):
        webcare.Classifier.train(["a", "b"], ["complaint", "other"], {"epoch": 3})
    with pytest.raises(webcare.InvalidInputError) as info:
        webcare.Classifier.train(["a", "b"], ["complaint", "other"], {"learning_rate": -1.0})
    assert info.value.code == "invalid_classifier_config"


def test_batch_matches_single_calls_in_order() -> None:
    classifier = webcare.Classifier()
    texts = ["Still waiting!!", "Dank je wel", "How do I change my address?", "", "😀 top"]
    batch = classifier.classify_batch(texts, channel="x", reach=100)
    assert batch == [classifier.classify(t, channel="x", reach=100) for t in texts]
    assert classifier.classify_batch([]) == []


def test_batch_releases_the_gil() -> None:
    classifier = webcare.Classifier()
    texts = ["Waarom is mijn pakket nog steeds niet bezorgd? Ik wacht al 3 weken! " * 8] * 20_000
    took: list[float] = []

    def work() -> None:
        start = time.perf_counter()
        classifier.classify_batch(texts)
        took.append(time.perf_counter() - start)

    worker = threading.Thread(target=work)
    worker.start()
    gaps = []
    last = time.perf_counter()
    while worker.is_alive():
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
    worker.join()
    # Holding the GIL for the whole batch would stall this loop for all of it.
    assert max(gaps) < took[0] / 2, (max(gaps), took[0])
