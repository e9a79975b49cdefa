// The triage API from Node: conventions the vectors do not show (Message and
// Classification objects in, a plain object out, Dates, err.code with fields, bad input).
import { test } from 'node:test'
import assert from 'node:assert/strict'

import webcare from '../index.js'

const { Classifier, Triager, classificationFromJson, messageFromJson } = webcare

const NOW = new Date('2026-03-06T11:30:00+01:00')

const message = (extra = {}) => ({
  id: 'm1',
  channel: 'x',
  direction: 'inbound',
  author: '@ann',
  sentAt: new Date('2026-03-06T10:00:00Z'),
  text: 'Still waiting for my refund after 6 weeks #fail',
  promoted: false,
  ...extra,
})

const complaint = (score = 0.5, language = 'en') =>
  classificationFromJson(JSON.stringify({ label: 'complaint', severity: { score, level: 'disapproval' }, language }))

test('the result is a plain object with priority, score, reasons, advice and language', () => {
  const t = new Triager().triage(message(), complaint(), { now: NOW })
  assert.deepEqual(Object.keys(t).sort(), ['advice', 'language', 'priority', 'reasons', 'score'])
  assert.equal(t.priority, 'high')
  assert.equal(t.score, 30)
  assert.deepEqual(t.reasons.map((r) => [r.kind, r.points]), [['severity', 20], ['public_channel', 10]])
  assert.ok(t.reasons.every((r) => typeof r.detail === 'string' && r.detail.length > 0))
  assert.deepEqual(t.advice.map((a) => a.kind), ['answer_in_public', 'continue_in_private', 'apologise', 'do_not_delete'])
  assert.equal(t.language, 'en')
  assert.deepEqual(JSON.parse(JSON.stringify(t)), t)
})

test('every option, with Dates and milliseconds', () => {
  const t = new Triager().triage(message({ channel: 'facebook' }), complaint(0.25, 'nl'), {
    now: NOW,
    earlierChannels: ['email', 'phone', 'facebook'],
    unresolvedSince: new Date(NOW.getTime() - 14 * 86400000),
    slaLeftMs: 30 * 60000,
    slaTargetMs: 60 * 60000,
  })
  // 10 severity + 10 public + 2 x 15 repeat (own channel ignored) + 2 weeks x 8 + 10 SLA.
  assert.deepEqual(Object.fromEntries(t.reasons.map((r) => [r.kind, r.points])), {
    repeat_contact: 30, unresolved_age: 16, severity: 10, public_channel: 10, sla_time_left: 10,
  })
  assert.equal(t.score, 76)
  assert.equal(t.priority, 'urgent')
  assert.equal(t.language, 'nl')
  assert.match(t.advice[0].text, /^Reageer eerst openbaar/)
})

test('a message from messageFromJson and a classification from the classifier', () => {
  const m = messageFromJson(JSON.stringify({
    id: 'm2', channel: 'x', direction: 'inbound', author: '@bob', sent_at: '2026-03-06T10:00:00Z',
    text: 'My lawyer will contact you about the refund I am still waiting for', reach: 40000,
  }))
  const c = new Classifier().classify(m.text)
  const t = new Triager().triage(m, c, { now: NOW })
  assert.ok(['high', 'urgent'].includes(t.priority))
  assert.ok(t.reasons.some((r) => r.kind === 'reach' && r.detail === '40,000 followers'))
  const escalate = t.advice.find((a) => a.kind === 'escalate')
  assert.match(escalate.text, /legal steps; 40,000 followers see the complaint\.$/)
})

test('weights: JSON in and out, errors with code and option', () => {
  const t = new Triager('{"promoted": 40}')
  const written = JSON.parse(t.toJson())
  assert.equal(written.promoted, 40)
  assert.equal(written.severity, 40)
  assert.equal(Triager.fromJson(t.toJson()).toJson(), t.toJson())
  assert.equal(new Triager().toJson(), new Triager(undefined).toJson())
  assert.throws(() => new Triager('{"reach": -1}'), (err) => {
    assert.ok(err instanceof Error)
    assert.equal(err.code, 'invalid_option')
    assert.equal(err.option, 'reach')
    return true
  })
  assert.throws(() => Triager.fromJson('{"thresholds": {"high": 80}}'), (err) => err.code === 'invalid_option' && err.option === 'thresholds')
  assert.throws(() => new Triager('{"severty": 40}'), (err) => err.code === 'invalid_json')
})

test('bad input throws, never crashes', () => {
  const triager = new Triager()
  assert.throws(() => triager.triage(message(), complaint(), { now: new Date('nonsense') }), (err) => err.code === 'invalid_datetime')
  assert.throws(() => triager.triage(message(), complaint(), { now: NOW, unresolvedSince: new Date(NaN) }), (err) => err.code === 'invalid_datetime')
  assert.throws(() => triager.triage(message(), complaint(), { now: NOW, earlierChannels: ['fax'] }), (err) => err.code === 'unknown_channel')
  assert.throws(() => triager.triage(message(), complaint(), { now: NOW, slaLeftMs: 60000 }), /together/)
  assert.throws(() => triager.triage(message(), complaint(), { now: NOW, slaLeftMs: NaN, slaTargetMs: 60000 }), (err) => err.code === 'invalid_option')
  assert.throws(() => triager.triage(message(), complaint(), {}))
  assert.throws(() => triager.triage(message({ sentAt: 'yesterday' }), complaint(), { now: NOW }))
  assert.throws(() => triager.triage(message(), { ...complaint(), severity: 2 }, { now: NOW }), (err) => err.code === 'invalid_option')
  assert.throws(() => triager.triage(message(), { ...complaint(), severityLevel: 'furious' }, { now: NOW }), (err) => err.code === 'invalid_json')
  const withBadSignal = { ...complaint(), signals: [{ kind: 'no_such_kind', label: 'complaint', weight: 1, start: 0, end: 0 }] }
  assert.throws(() => triager.triage(message(), withBadSignal, { now: NOW }), (err) => err.code === 'invalid_option')
  assert.throws(() => classificationFromJson('{"label": "complaint"}'), (err) => err.code === 'invalid_json')
  assert.throws(() => classificationFromJson(JSON.stringify({ label: 'complaint', severity: { score: -1, level: 'none' }, language: 'en' })), (err) => err.code === 'invalid_option')
})
