"""The sample inbox in examples/data: reproducible from its generator, and well formed."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import webcare

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
GENERATOR = DATA / "generate.py"
INBOX = DATA / "inbox.jsonl"
LINKS = DATA / "links.jsonl"


def generate(tmp_path: Path, *args: str) -> tuple[Path, Path]:
    out, links = tmp_path / "inbox.jsonl", tmp_path / "links.jsonl"
    subprocess.run(
        [sys.executable, str(GENERATOR), "--out", str(out), "--links", str(links), *args],
        check=True,
    )
    return out, links


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return INBOX.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def messages(lines: list[str]) -> list[webcare.Message]:
    return [webcare.Message.from_json(line) for line in lines]


def test_default_seed_reproduces_the_committed_files(tmp_path: Path) -> None:
    out, links = generate(tmp_path)
    assert out.read_bytes() == INBOX.read_bytes()
    assert links.read_bytes() == LINKS.read_bytes()


def test_every_line_is_a_message_of_the_sample_week(
    lines: list[str], messages: list[webcare.Message]
) -> None:
    assert 1800 <= len(messages) <= 2300
    for line, m in zip(lines, messages):
        raw = json.loads(line)
        assert m.id == raw["id"]
        assert m.case_id, f"{m.id} has no case"
        # The week of Monday 2026-03-23 in Amsterdam, summer time from Sunday 02:00.
        assert m.sent_at >= webcare.Message.from_json(
            '{"id": "s", "channel": "x", "direction": "inbound", "author": "@a", '
            '"sent_at": "2026-03-23T00:00:00+01:00"}'
        ).sent_at
        assert m.sent_at < webcare.Message.from_json(
            '{"id": "e", "channel": "x", "direction": "inbound", "author": "@a", '
            '"sent_at": "2026-03-30T00:00:00+02:00"}'
        ).sent_at
        if m.direction == "inbound":
            # Customers' handles are valid on their channel, so contacts can be merged.
            webcare.Handle.for_channel(m.channel, m.author)
    dutch_offsets = {json.loads(line)["sent_at"][-6:] for line in lines}
    assert {"+01:00", "+02:00"} <= dutch_offsets


def test_ids_are_unique_and_messages_sorted_by_time(messages: list[webcare.Message]) -> None:
    assert len({m.id for m in messages}) == len(messages)
    times = [m.sent_at for m in messages]
    assert times == sorted(times)


def test_replies_point_to_earlier_messages_in_the_same_case(
    messages: list[webcare.Message],
) -> None:
    seen: dict[str, webcare.Message] = {}
    replies = 0
    for m in messages:
        if m.reply_to is not None:
            parent = seen[m.reply_to]  # earlier in the file
            assert parent.sent_at < m.sent_at
            assert parent.case_id == m.case_id
            replies += 1
        seen[m.id] = m
    assert replies > len(messages) // 3


def test_every_channel_both_languages_and_company_replies(
    messages: list[webcare.Message],
) -> None:
    channels = {m.channel.name for m in messages}
    assert channels == set(webcare.Channel.built_in())
    outbound = [m for m in messages if m.direction == "outbound"]
    assert len(outbound) > len(messages) // 4
    results = webcare.Classifier().classify_batch([m.text for m in messages])
    languages = [c.language for c in results]
    english, dutch = languages.count("en"), languages.count("nl")
    assert 0.5 <= english / (english + dutch) <= 0.7  # about 60/40
    assert any(m.promoted for m in messages)


def test_the_high_reach_complaint_is_there_and_unanswered(
    messages: list[webcare.Message],
) -> None:
    big = [m for m in messages if (m.reach or 0) >= 30000]
    assert len(big) == 1
    post = big[0]
    assert post.channel.name == "x" and post.direction == "inbound"
    assert 35000 <= (post.reach or 0) <= 45000
    later_in_case = [m for m in messages if m.case_id == post.case_id and m.id != post.id]
    assert later_in_case == []
    assert all(m.reply_to != post.id for m in messages)
    # The same customer e-mailed and phoned earlier in the week, and the links say so.
    links = [json.loads(line) for line in LINKS.read_text(encoding="utf-8").splitlines()]
    pairs = [(webcare.Handle.parse(link["a"]), webcare.Handle.parse(link["b"])) for link in links]
    same_person = {webcare.Handle.for_channel("x", post.author)}
    for _ in pairs:
        for a, b in pairs:
            if a in same_person or b in same_person:
                same_person |= {a, b}
    earlier = {
        m.channel.name
        for m in messages
        if m.sent_at < post.sent_at
        and m.direction == "inbound"
        and webcare.Handle.for_channel(m.channel, m.author) in same_person
    }
    assert {"email", "phone"} <= earlier


def test_links_join_handles_that_wrote_in(messages: list[webcare.Message]) -> None:
    authors = {
        webcare.Handle.for_channel(m.channel, m.author)
        for m in messages
        if m.direction == "inbound"
    }
    links = [json.loads(line) for line in LINKS.read_text(encoding="utf-8").splitlines()]
    assert len(links) >= 10
    for link in links:
        a, b = webcare.Handle.parse(link["a"]), webcare.Handle.parse(link["b"])
        assert a.kind != b.kind
        assert a in authors or b in authors
        assert link["evidence"]


def test_more_weeks_give_proportionally_more_unique_messages(
    tmp_path: Path, lines: list[str]
) -> None:
    out, _ = generate(tmp_path, "--weeks", "3")
    three = out.read_text(encoding="utf-8").splitlines()
    assert 2.7 * len(lines) <= len(three) <= 3.5 * len(lines)
    ids = [json.loads(line)["id"] for line in three]
    assert len(set(ids)) == len(ids)
    cases = {json.loads(line)["case_id"] for line in three}
    assert len(cases) > 3 * 600
