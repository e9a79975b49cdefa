// The case API from Node: event objects with Dates, clocks with Dates and milliseconds,
// errors with code, the async batch replay, bad input.
import { test } from 'node:test'
import assert from 'node:assert/strict'

import webcare from '../index.js'

const { Case, Estimator, Policy } = webcare

const at = (text) => new Date(text)

test('events as plain objects with Dates or RFC 3339 text give the same case', () => {
  const a = new Case(Policy.preset())
  a.apply({ id: 'm1', at: at('2026-03-06T22:50:00Z'), type: 'customer_message', channel: 'x' })
  a.apply({ id: 'n1', at: '2026-03-07T00:00:00+01:00', type: 'internal_note' })
  const b = new Case(Policy.preset())
  b.applyJson('{"id": "n1", "at": "2026-03-06T23:00:00Z", "type": "internal_note"}')
  b.applyMany([{ id: 'm1', at: '2026-03-06T23:50:00+01:00', type: 'customer_message', channel: 'x' }])
  assert.ok(a.equals(b))
  assert.equal(a.eventCount, 2)
})

test('clocks come back with Dates and milliseconds', () => {
  const c = new Case(Policy.preset())
  c.apply({ id: 'm1', at: at('2026-03-06T22:50:00Z'), type: 'customer_message', channel: 'x' })
  c.apply({ id: 'n1', at: at('2026-03-06T23:00:00Z'), type: 'internal_note' })
  const now = at('2026-03-06T23:10:00Z')
  const [first] = c.clocks(now)
  assert.equal(first.metric, 'first_reply')
  assert.equal(first.state, 'running')
  assert.ok(first.due instanceof Date)
  assert.equal(first.due.toISOString(), '2026-03-06T23:50:00.000Z')
  assert.equal(first.businessLeftMs, 40 * 60 * 1000)
  assert.equal(first.breachedByMs, undefined)
  const next = c.nextDeadline(now)
  assert.ok(next instanceof Date)
  assert.equal(c.nextDeadline(at('2026-03-08T00:00:00Z')), null)
  const r = c.read(now)
  assert.equal(r.status, 'open')
  assert.equal(r.rule, 'public social')
  const why = c.explain('first_reply', now)
  assert.match(why.text, /internal note n1/)
  assert.equal(why.instances[0].steps[0].eventType, 'customer_message')
  c.apply({ id: 'd1', at: at('2026-03-06T23:20:00Z'), type: 'reply_private', channel: 'x_dm' })
  assert.equal(c.clocks(at('2026-03-07T09:00:00Z'))[0].state, 'met')
})

test('bad input throws Errors with a code', () => {
  const c = new Case(Policy.preset())
  const code = (fn, expected) => assert.throws(fn, (err) => err instanceof Error && err.code === expected)
  code(() => c.apply({ id: 'm1', at: new Date('nope'), type: 'customer_message', channel: 'x' }), 'invalid_datetime')
  code(() => c.apply({ id: 'm1', at: '2026-03-06T10:00:00', type: 'customer_message', channel: 'x' }), 'naive_datetime')
  code(() => c.apply({ id: 'm1', at: at('2026-03-06T10:00:00Z'), type: 'customer_message', channel: 'x', needsReply: false }), 'invalid_json')
  code(() => c.apply({ id: 'm1', at: at('2026-03-06T10:00:00Z'), type: 'shouted' }), 'unknown_event_type')
  code(() => c.clocks(new Date(NaN)), 'invalid_datetime')
  code(() => c.explain('first_answer', new Date()), 'unknown_metric')
  code(() => Policy.fromJson('{"rules": [], "rulez": []}'), 'invalid_json')
  code(() => Case.fromSnapshot('{"version": 99, "policy": "preset", "events": []}'), 'unsupported_snapshot_version')
  assert.throws(() => c.apply('not an event'))
  c.apply({ id: 'm1', at: at('2026-03-06T10:00:00Z'), type: 'customer_message', channel: 'x' })
  code(() => c.applyMany([
    { id: 's1', at: at('2026-03-06T11:00:00Z'), type: 'solved' },
    { id: 'm1', at: at('2026-03-06T10:05:00Z'), type: 'customer_message', channel: 'x' },
  ]), 'duplicate_event_id')
  assert.equal(c.eventCount, 1)
})

test('snapshot restores the identical case; a policy change takes a Policy', () => {
  const c = new Case(Policy.preset())
  c.apply({ id: 'm1', at: at('2026-03-06T10:00:00Z'), type: 'customer_message', channel: 'x', contact_tags: ['VIP'] })
  c.apply({ id: 'p1', at: at('2026-03-06T10:10:00Z'), type: 'priority_change', priority: 'urgent' })
  c.apply({ id: 'pc', at: at('2026-03-06T10:20:00Z'), type: 'policy_change', policy: Policy.preset() })
  const back = Case.fromSnapshot(c.toSnapshot())
  assert.ok(back.equals(c))
  assert.equal(back.toSnapshot(), c.toSnapshot())
})

test('replayCasesAsync runs off the event loop and matches replayCases', async () => {
  const events = {}
  for (let i = 0; i < 500; i++) {
    events[`c${i}`] = [
      { id: 'm1', at: at('2026-03-06T10:00:00Z'), type: 'customer_message', channel: 'x' },
      { id: 'r1', at: at('2026-03-06T10:30:00Z'), type: 'reply_public' },
    ]
  }
  const now = at('2026-03-06T12:00:00Z')
  const pending = webcare.replayCasesAsync(Policy.preset(), events, now)
  assert.ok(pending instanceof Promise)
  const out = await pending
  assert.equal(Object.keys(out).length, 500)
  assert.equal(out.c7[0].state, 'met')
  assert.deepEqual(out, webcare.replayCases(Policy.preset(), events, now))
  await assert.rejects(
    webcare.replayCasesAsync(Policy.preset(), { a: [{ id: 'm1', at: now, type: 'customer_message', channel: 'x' }, { id: 'm1', at: at('2026-03-06T10:00:00Z'), type: 'customer_message', channel: 'x' }] }, now),
    (err) => err.code === 'duplicate_event_id',
  )
})

test('estimator: figures in milliseconds and sentences', () => {
  const now = at('2026-03-06T12:00:00Z')
  const samples = [12, 18, 20, 23, 9, 15].map((m, i) => {
    const customerAt = new Date(now.getTime() - (i + 1) * 3600e3)
    return { channel: 'x', customerAt, firstReplyAt: new Date(customerAt.getTime() + m * 60e3) }
  })
  const [est] = Estimator.percentileOfLast(100, 90).estimate(samples, now)
  assert.equal(est.channel, 'x')
  assert.equal(est.sampleSize, 6)
  assert.equal(est.timeMs, 23 * 60e3)
  assert.equal(est.roundedMs, 25 * 60e3)
  assert.equal(est.sentenceEn, 'We usually reply within 25 minutes')
  assert.equal(est.sentenceNl, 'Meestal reageren we binnen 25 minuten')
  const [few] = Estimator.fastest90PercentOf30Days().withMinSamples(10).estimate(samples, now)
  assert.equal(few.timeMs, undefined)
  assert.throws(() => new Estimator('last_replies', 0, 'percentile', 90, 5), (err) => err.code === 'invalid_estimator_setting')
})
