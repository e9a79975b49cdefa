// Report parts from Node: inboxes over pieces of a stream merged into the report of the
// whole, Dates in and out, errors with code, JSON round trips, bad input.
import { test } from 'node:test'
import assert from 'node:assert/strict'

import webcare from '../index.js'

const { Inbox, Policy, Report, ReportPart } = webcare

const at = (hm) => new Date(`2026-03-02T${hm}:00Z`)
const conversation = (c, author, asked, answered) => {
  const out = [{ id: `${c}q`, caseId: c, channel: 'x', direction: 'inbound', author, sentAt: at(asked), text: 'Where is my bag?', promoted: false }]
  if (answered) out.push({ id: `${c}r`, caseId: c, channel: 'x', direction: 'outbound', author: '@airline', sentAt: at(answered), text: 'We are tracing it.', replyTo: `${c}q`, promoted: false })
  return out
}
// First responses 10m, 30m and 2h on X; one unanswered.
const C1 = conversation('c1', '@ann', '10:00', '10:10')
const C2 = conversation('c2', '@bob', '10:05', '10:35')
const C3 = conversation('c3', '@cas', '10:20', '12:20')
const C4 = conversation('c4', '@dirk', '11:00', null)
const NOW = at('12:20')

const part = (messages, { now = NOW, ...options } = {}) => {
  const inbox = new Inbox(options)
  inbox.pushMany(messages)
  return inbox.reportPart(now)
}

const code = (fn, expected) =>
  assert.throws(fn, (err) => {
    assert.ok(err instanceof Error)
    assert.equal(err.code, expected)
    return true
  })

test('parts merge into the report of the whole stream', () => {
  const whole = new Inbox()
  whole.pushMany([...C1, ...C2, ...C3, ...C4])
  const single = whole.report(NOW)
  const merged = part([...C1, ...C3])
  merged.merge(part(C2))
  merged.merge(ReportPart.fromJson(part(C4).toJson()))
  const report = merged.finish()
  assert.ok(report instanceof Report)
  assert.ok(report.equals(single))
  const x = report.channels[0].figures
  assert.equal(x.conversations, 4)
  assert.equal(x.answered, 3)
  assert.equal(x.firstResponse.medianS, 1800)
  assert.equal(x.firstResponse.p90S, 7200)
  assert.equal(x.firstResponse.meanS, 3200)
  // finish leaves the part as it was.
  assert.ok(merged.finish().equals(report))
})

test('mergeAll merges a list of parts into the report of the whole stream', () => {
  const whole = new Inbox()
  whole.pushMany([...C1, ...C2, ...C3, ...C4])
  const single = whole.report(NOW)
  const parts = [part([...C1, ...C3]), part(C2), ReportPart.fromJson(part(C4).toJson())]
  const before = parts.map((p) => p.toJson())
  const merged = ReportPart.mergeAll(parts)
  assert.ok(merged instanceof ReportPart)
  const report = merged.finish()
  assert.ok(report.equals(single))
  assert.equal(report.total.conversations, 4)
  assert.equal(report.channels[0].figures.answered, 3)
  // The same part as merging one by one; the given parts stay as they were.
  const oneByOne = ReportPart.fromJson(before[0])
  oneByOne.merge(parts[1])
  oneByOne.merge(parts[2])
  assert.equal(merged.toJson(), oneByOne.toJson())
  assert.deepEqual(parts.map((p) => p.toJson()), before)
  // One part merges into a copy of itself; a part given twice counts twice.
  assert.equal(ReportPart.mergeAll([parts[1]]).toJson(), parts[1].toJson())
  assert.equal(ReportPart.mergeAll([parts[1], parts[1]]).finish().total.conversations, 2)
})

test('mergeAll throws invalid_option for no part and report_part_mismatch for a mismatch', () => {
  code(() => ReportPart.mergeAll([]), 'invalid_option')
  code(() => ReportPart.mergeAll([part(C1), part(C2, { now: at('13:20') })]), 'report_part_mismatch')
  code(() => ReportPart.mergeAll([part(C1), part(C2), part(C3, { consistencyWindow: 3 })]), 'report_part_mismatch')
  assert.throws(() => ReportPart.mergeAll([part(C1), {}]))
  assert.throws(() => ReportPart.mergeAll(part(C1)))
})

test('a part carries its instant as a Date, its window and its policy', () => {
  const p = part(C1, { consistencyWindow: 10 })
  assert.ok(p.at instanceof Date)
  assert.equal(p.at.getTime(), NOW.getTime())
  assert.equal(p.consistencyWindow, 10)
  assert.ok(p.policy instanceof Policy)
  const doc = JSON.parse(p.toJson())
  assert.equal(doc.version, 1)
  assert.equal(doc.at, '2026-03-02T12:20:00Z')
  assert.equal(doc.channels.x.inbound, 1)
})

test('a part merged with itself counts twice', () => {
  const p = part(C1)
  p.merge(p)
  assert.equal(p.finish().total.conversations, 2)
})

test('mismatched parts throw report_part_mismatch and leave the part unchanged', () => {
  const a = part(C1)
  const before = a.toJson()
  code(() => a.merge(part(C2, { now: at('13:20') })), 'report_part_mismatch')
  code(() => a.merge(part(C2, { consistencyWindow: 3 })), 'report_part_mismatch')
  const other = Policy.fromJson('{"calendars": {"a": {"timezone": "UTC", "always_open": true}}, "rules": [{"name": "r", "targets": {"first_reply": {"normal": {"within": "2h", "calendar": "a"}}}}]}')
  code(() => a.merge(part(C2, { policy: other })), 'report_part_mismatch')
  assert.equal(a.toJson(), before)
})

test('bad input throws typed errors', () => {
  code(() => ReportPart.fromJson('{not json'), 'invalid_json')
  const doc = JSON.parse(part(C1).toJson())
  code(() => ReportPart.fromJson(JSON.stringify({ ...doc, version: 7 })), 'unsupported_snapshot_version')
  code(() => ReportPart.fromJson(JSON.stringify({ ...doc, hours: { ...doc.hours, inbound: [1] } })), 'invalid_json')
  code(() => new Inbox().reportPart(new Date('nonsense')), 'invalid_datetime')
  assert.throws(() => part(C1).merge({}))
})
