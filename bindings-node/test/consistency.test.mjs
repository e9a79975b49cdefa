// The consistency API from Node: conventions the vectors do not show (Date in, plain
// objects out, UTF-16 spans, errors with code, the async batch, bad input).
import { test } from 'node:test'
import assert from 'node:assert/strict'

import webcare from '../index.js'

const { ConsistencyChecker, extractFacts } = webcare

const AT = new Date('2026-03-06T10:00:00+01:00')
const ANSWERS = [
  { channel: 'x', at: AT, question: 'How much is an extra bag?', answer: '😀 Het kost €25,00.' },
  { channel: 'email', at: AT, question: 'How much does an extra bag cost?', answer: 'An extra bag is £25.' },
  { channel: 'chat', at: AT, question: 'Can I bring my dog?', answer: 'Yes, you can.' },
  { channel: 'email', at: AT, question: 'Can I bring my dog along?', answer: 'Yes.' },
]

test('check returns plain objects with UTF-16 spans', () => {
  const report = new ConsistencyChecker().check(ANSWERS)
  assert.equal(Object.getPrototypeOf(report), Object.prototype)
  assert.deepEqual(report.groups.map((g) => g.answers), [[0, 1], [2, 3]])
  const [bag, dog] = report.groups
  assert.equal(bag.verdict, 'conflict')
  assert.equal(dog.verdict, 'consistent')
  assert.equal(bag.topic, undefined)
  assert.deepEqual(bag.channels, ['x', 'email'])
  assert.equal(bag.conflicts.length, 1)
  const [conflict] = bag.conflicts
  assert.equal(conflict.kind, 'money')
  assert.deepEqual(conflict.answers, [0, 1])
  assert.deepEqual(conflict.values, ['EUR 25.00', 'GBP 25.00'])
  const [[s0, e0], [s1, e1]] = conflict.spans
  assert.equal(ANSWERS[0].answer.slice(s0, e0), '€25,00')
  assert.equal(ANSWERS[1].answer.slice(s1, e1), '£25')
  assert.equal(report.rate, 0.5)
  assert.deepEqual(report.pairs, [
    { channels: ['x', 'email'], groups: 1, consistent: 0, rate: 0 },
    { channels: ['email', 'chat'], groups: 1, consistent: 1, rate: 1 },
  ])
})

test('at may be a Date or RFC 3339 text; both give the same report', () => {
  const checker = new ConsistencyChecker()
  const asText = ANSWERS.map((a) => ({ ...a, at: '2026-03-06T10:00:00+01:00' }))
  assert.deepEqual(checker.check(asText), checker.check(ANSWERS))
})

test('an invalid Date is refused, not read as the epoch', () => {
  const answers = [{ ...ANSWERS[0], at: new Date('not a date') }]
  assert.throws(() => new ConsistencyChecker().check(answers), (err) => err instanceof Error && err.code === 'invalid_datetime')
  const naive = [{ ...ANSWERS[0], at: '2026-03-06T10:00:00' }]
  assert.throws(() => new ConsistencyChecker().check(naive), (err) => err.code === 'naive_datetime')
  assert.throws(() => new ConsistencyChecker().check([{ ...ANSWERS[0], at: [] }]), (err) => err instanceof Error)
})

test('topics group answers and gaps list what is missing', () => {
  const report = new ConsistencyChecker().check([
    { channel: 'x', at: AT, question: '', answer: 'Within 14 days.', topic: 'refund-time' },
    { channel: 'email', at: AT, question: 'Anything', answer: 'We will refund you.', topic: 'refund-time' },
  ])
  const [group] = report.groups
  assert.equal(group.topic, 'refund-time')
  assert.equal(group.verdict, 'incomplete')
  assert.deepEqual(group.gaps, [{ kind: 'duration', value: '14d', missingIn: [1], channels: ['email'] }])
})

test('options: defaults, object, JSON text', () => {
  const checker = new ConsistencyChecker()
  assert.equal(checker.threshold, 0.5)
  assert.equal(checker.shingleSize, 1)
  const tuned = new ConsistencyChecker({ threshold: 0.6, shingleSize: 2 })
  assert.deepEqual(JSON.parse(tuned.toJson()), { threshold: 0.6, shingle_size: 2 })
  const fromText = new ConsistencyChecker('{"threshold": 0.6, "shingle_size": 2}')
  assert.equal(fromText.toJson(), tuned.toJson())
  assert.equal(ConsistencyChecker.fromJson(tuned.toJson()).toJson(), tuned.toJson())
  assert.equal(new ConsistencyChecker({}).toJson(), checker.toJson())
})

test('a threshold outside (0, 1] is invalid_option', () => {
  for (const threshold of [0, -0.5, 1.5, NaN, Infinity]) {
    assert.throws(() => new ConsistencyChecker({ threshold }), (err) => {
      assert.ok(err instanceof Error)
      assert.equal(err.code, 'invalid_option')
      assert.equal(err.option, 'threshold')
      return true
    })
  }
  for (const shingleSize of [0, 9, -1, 2.5]) {
    assert.throws(() => new ConsistencyChecker({ shingleSize }), (err) => err.code === 'invalid_option')
  }
  assert.throws(() => ConsistencyChecker.fromJson('{"treshold": 0.5}'), (err) => err.code === 'invalid_json')
})

test('an empty array is an empty report', () => {
  assert.deepEqual(new ConsistencyChecker().check([]), { groups: [], rate: null, pairs: [] })
})

test('an answer with no question is empty_question', () => {
  const answers = [ANSWERS[0], { ...ANSWERS[1], question: ' ' }]
  assert.throws(() => new ConsistencyChecker().check(answers), (err) => {
    assert.equal(err.code, 'empty_question')
    assert.equal(err.index, 1)
    return true
  })
  const { question, ...noQuestion } = ANSWERS[0]
  assert.equal(typeof question, 'string')
  assert.throws(() => new ConsistencyChecker().check([noQuestion]), (err) => err.code === 'invalid_json')
  assert.throws(() => new ConsistencyChecker().check([{ ...ANSWERS[0], topicId: 'x' }]), (err) => err.code === 'invalid_json')
  assert.throws(() => new ConsistencyChecker().check([{ ...ANSWERS[0], channel: 'telegraph' }]), (err) => err.code === 'unknown_channel')
})

test('one-megabyte answers give a result', async () => {
  const chunk = 'Refunds take 14 days; het kost €25,00 — zie klm.com/refunds. 😀 '
  const big = chunk.repeat(Math.ceil(1_000_000 / Buffer.byteLength(chunk)) + 1)
  assert.ok(Buffer.byteLength(big) > 1_000_000)
  const other = big.replaceAll('14 days', '30 days')
  const answers = [
    { channel: 'x', at: AT, question: 'How long does a refund take?', answer: big },
    { channel: 'email', at: AT, question: 'How long will my refund take?', answer: other },
  ]
  const report = await new ConsistencyChecker().checkAsync(answers)
  const [group] = report.groups
  assert.equal(group.verdict, 'conflict')
  const conflict = group.conflicts.find((c) => c.kind === 'duration')
  const [[s0, e0], [s1, e1]] = conflict.spans
  assert.equal(big.slice(s0, e0), '14 days')
  assert.equal(other.slice(s1, e1), '30 days')
  const facts = extractFacts(big)
  assert.ok(facts.length > 0)
  assert.ok(facts.every((f) => f.end <= big.length && big.slice(f.start, f.end).length > 0))
})

test('checkAsync resolves to the same report off the event loop, and rejects with code', async () => {
  const checker = new ConsistencyChecker()
  const pending = checker.checkAsync(ANSWERS)
  assert.ok(pending instanceof Promise)
  let ticked = false
  setImmediate(() => { ticked = true })
  assert.deepEqual(await pending, checker.check(ANSWERS))
  await new Promise((resolve) => setImmediate(resolve))
  assert.ok(ticked)
  await assert.rejects(checker.checkAsync([{ ...ANSWERS[0], question: '' }]), (err) => err instanceof Error && err.code === 'empty_question')
})

test('extractFacts returns plain facts with UTF-16 offsets', () => {
  const text = '😀 Ja, u krijgt €25,00 terug binnen 2 weken.'
  const facts = extractFacts(text)
  assert.deepEqual(facts.map((f) => [f.kind, f.value]), [['polarity', 'yes'], ['money', 'EUR 25.00'], ['duration', '14d']])
  assert.equal(text.slice(facts[1].start, facts[1].end), '€25,00')
  assert.equal(facts[1].role, undefined)
  assert.deepEqual(extractFacts(''), [])
})
