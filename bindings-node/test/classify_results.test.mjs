// The form of classify results from Node: plain objects of one fixed shape, the same from
// `classify`, `classifyBytes`, `classifyBatch` and `classifyBatchAsync`, whichever way the
// batch's texts are read (joined into one string, or one by one when lone surrogates of two
// neighbouring texts would pair up), with UTF-16 offsets on emoji and other non-BMP text.
import { test } from 'node:test'
import assert from 'node:assert/strict'

import webcare from '../index.js'

const { Classifier } = webcare

const PIECES = ['Still waiting', ' for my refund', ' 😡', ' 🙏', ' 👋🏽', ' 🇳🇱', ' 𝔘𝔫𝔦𝔠𝔬𝔡𝔢', ' שלום', ' مرحبا',
  ' 日本語', ' NOT HAPPY!!!', ' #fail', ' ik ga overstappen', ' niet blij', ' é', ' e\u0301', ' my lawyer',
  ' switching to another provider', ' thanks!', ' how do I?', '\n\n', ' 6 weeks', ' al 3 keer gebeld', '']

// Deterministic texts made of the pieces (a linear congruential generator, its high bits).
function texts(n, seed) {
  let s = seed
  const below = (k) => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return (s >>> 16) % k }
  return Array.from({ length: n }, () => {
    let t = ''
    for (let j = below(10); j > 0; j--) t += PIECES[below(PIECES.length)]
    return t
  })
}

// A result rebuilt field by field in the documented form, keys in the documented order.
const documented = (r) => ({
  label: r.label,
  scores: { complaint: r.scores.complaint, question: r.scores.question, praise: r.scores.praise, other: r.scores.other },
  severity: r.severity,
  severityLevel: r.severityLevel,
  language: r.language,
  signals: r.signals.map((s) => ({ kind: s.kind, label: s.label, weight: s.weight, start: s.start, end: s.end })),
})

const isHigh = (u) => u >= 0xd800 && u <= 0xdbff
const isLow = (u) => u >= 0xdc00 && u <= 0xdfff

function assertShape(text, r) {
  assert.equal(Object.getPrototypeOf(r), Object.prototype)
  assert.equal(JSON.stringify(r), JSON.stringify(documented(r)))
  assert.deepEqual(r, documented(r))
  assert.ok(Array.isArray(r.signals))
  for (const s of r.signals) {
    assert.equal(Object.getPrototypeOf(s), Object.prototype)
    assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.end <= text.length, text)
    // Offsets are UTF-16 units on character boundaries: never inside a surrogate pair.
    for (const at of [s.start, s.end]) {
      assert.ok(!(isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at))), `${JSON.stringify(text)} @${at}`)
    }
  }
}

test('every result is a plain object of the documented shape, on emoji and non-BMP text', () => {
  const classifier = new Classifier()
  const many = texts(2000, 1)
  const batch = classifier.classifyBatch(many, { channel: 'x', reach: 1234 })
  assert.equal(batch.length, many.length)
  batch.forEach((r, i) => assertShape(many[i], r))
  const kinds = new Set(batch.flatMap((r) => r.signals.map((s) => s.kind)))
  for (const k of ['still_waiting', 'negative_emoji', 'shouting', 'fail_hashtag', 'churn_threat', 'legal_threat', 'thanks']) {
    assert.ok(kinds.has(k), k)
  }
})

test('offsets count UTF-16 units: worked by hand on non-BMP text', () => {
  const classifier = new Classifier()
  // 😡 and 𝔘 are two UTF-16 units each (four UTF-8 bytes); é is one unit (two bytes).
  const text = '😡𝔘 é Still waiting'
  const r = classifier.classify(text)
  const waiting = r.signals.find((s) => s.kind === 'still_waiting')
  assert.deepEqual([waiting.start, waiting.end], [7, 20])
  assert.equal(text.slice(7, 20), 'Still waiting')
  const emoji = r.signals.find((s) => s.kind === 'negative_emoji')
  assert.deepEqual([emoji.start, emoji.end], [0, 2])
})

test('classify, classifyBytes, classifyBatch and classifyBatchAsync give the same JSON', async () => {
  const classifier = new Classifier()
  const many = texts(600, 2)
  const ctx = { channel: 'email', promoted: true }
  const one = JSON.stringify(many.map((t) => classifier.classify(t, ctx)))
  assert.equal(JSON.stringify(classifier.classifyBatch(many, ctx)), one)
  assert.equal(JSON.stringify(await classifier.classifyBatchAsync(many, ctx)), one)
  assert.equal(JSON.stringify(many.map((t) => classifier.classifyBytes(Buffer.from(t), ctx))), one)
  // Batches of every size read the same, the empty one included.
  for (const n of [0, 1, 2, 7, 64]) {
    assert.deepEqual(classifier.classifyBatch(many.slice(0, n), ctx), many.slice(0, n).map((t) => classifier.classify(t, ctx)))
  }
})

test('lone surrogates: each text reads on its own, also where two would pair up when joined', async () => {
  const classifier = new Classifier()
  const cases = [
    ['Still waiting \uD83D', '\uDE00 still waiting for my refund'], // high then low: 😀 if joined
    ['\uDE00 NOT HAPPY', 'niet blij \uD83D', '\uDE00'],
    ['\uD800', '\uDC00', '\uD800\uDC00', 'Still waiting 😡 \uDFFF'],
    ['', '\uD83D', '', '\uDE00', ''],
  ]
  for (const batch of cases) {
    const each = batch.map((t) => classifier.classify(t))
    assert.deepEqual(classifier.classifyBatch(batch), each)
    assert.deepEqual(await classifier.classifyBatchAsync(batch), each)
    batch.forEach((t, i) => {
      assertShape(t, each[i])
      // A lone surrogate reads as U+FFFD: one unit either way, so offsets index the JS string.
      const replaced = t.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
      assert.deepEqual(classifier.classify(replaced), each[i])
    })
  }
  const [, second] = classifier.classifyBatch(cases[0])
  const waiting = second.signals.find((s) => s.kind === 'still_waiting')
  assert.equal(cases[0][1].slice(waiting.start, waiting.end), 'still waiting')
})

test('a batch that is no array of strings throws as before, synchronously for the async variant', () => {
  const classifier = new Classifier()
  const holey = ['Still waiting']
  holey[2] = 'again'
  for (const bad of [[42], [null], holey, ['ok', undefined]]) {
    assert.throws(() => classifier.classifyBatch(bad), (err) => err.code === 'StringExpected')
    assert.throws(() => classifier.classifyBatchAsync(bad), (err) => err.code === 'StringExpected')
  }
  for (const bad of ['Still waiting', null, undefined, 42, { length: 1, 0: 'a' }]) {
    assert.throws(() => classifier.classifyBatch(bad), (err) => err.code === 'ArrayExpected')
  }
})

test('results from a worker thread have the same form', async () => {
  const { Worker } = await import('node:worker_threads')
  const many = texts(50, 3)
  const code = `
    const { parentPort, workerData } = require('node:worker_threads')
    const { Classifier } = require(workerData.path)
    parentPort.postMessage(JSON.stringify(new Classifier().classifyBatch(workerData.texts)))`
  const path = new URL('../index.js', import.meta.url).pathname
  const json = await new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { path, texts: many } })
    w.once('message', resolve)
    w.once('error', reject)
  })
  assert.equal(json, JSON.stringify(new Classifier().classifyBatch(many)))
})
