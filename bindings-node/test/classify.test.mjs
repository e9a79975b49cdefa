// The classify API from Node: conventions the vectors do not show (plain objects, UTF-16
// offsets, err.code, the async batch off the event loop, hostile input).
import { test } from 'node:test'
import assert from 'node:assert/strict'

import webcare from '../index.js'

const { Classifier } = webcare

const TEXTS = ['my parcel never arrived', 'the app keeps crashing again', 'still no refund after 6 weeks',
  'new store opening in Utrecht', 'watching the match tonight', 'lovely weather in Amsterdam']
const LABELS = ['complaint', 'complaint', 'complaint', 'other', 'other', 'other']

test('results are plain objects with scores, severity, language and signals', () => {
  const c = new Classifier().classify('Still waiting for my refund after 6 weeks!!')
  assert.equal(c.label, 'complaint')
  assert.equal(c.language, 'en')
  assert.deepEqual(Object.keys(c.scores).sort(), ['complaint', 'other', 'praise', 'question'])
  assert.ok(Math.abs(Object.values(c.scores).reduce((a, b) => a + b) - 1) < 1e-9)
  assert.ok(c.severity > 0 && c.severity <= 1)
  assert.ok(['no_explicit_reproach', 'disapproval', 'accusation', 'blame'].includes(c.severityLevel))
  assert.deepEqual(Object.keys(c.signals[0]).sort(), ['end', 'kind', 'label', 'start', 'weight'])
  assert.equal(c.signals[0].kind, 'still_waiting')
  assert.deepEqual(Classifier.labels(), ['complaint', 'question', 'praise', 'other'])
  assert.ok(Classifier.signalKinds().includes('churn_threat'))
})

test('offsets are UTF-16 units, with emoji and right-to-left text', () => {
  const classifier = new Classifier()
  for (const prefix of ['', '😡👋🏽 ', 'שלום עליכם ', 'مرحبا 🇳🇱 ']) {
    const text = `${prefix}Still waiting for my refund, I am switching to another provider`
    const c = classifier.classify(text)
    const spans = Object.fromEntries(c.signals.map((s) => [s.kind, text.slice(s.start, s.end)]))
    assert.equal(spans.still_waiting, 'Still waiting', prefix)
    assert.match(spans.churn_threat, /^switching/i, prefix)
    assert.deepEqual(classifier.classifyBytes(Buffer.from(text)), c)
  }
})

test('lone surrogates read as U+FFFD: no crash, offsets still index the JS string', () => {
  const classifier = new Classifier()
  const text = 'Still waiting \uD83D for my refund \uDE00 I am switching to another provider \uD800'
  const c = classifier.classify(text)
  assert.equal(c.label, 'complaint')
  const spans = Object.fromEntries(c.signals.map((s) => [s.kind, text.slice(s.start, s.end)]))
  assert.equal(spans.still_waiting, 'Still waiting')
  assert.match(spans.churn_threat, /^switching/)
  assert.deepEqual(classifier.classify(text.replace(/[\uD800-\uDFFF]/g, '\uFFFD')), c)
  assert.equal(classifier.classifyBatch([text])[0].label, 'complaint')
})

test('context raises severity, not the label; bad context is a typed error', () => {
  const classifier = new Classifier()
  const text = 'Still no refund after 6 weeks'
  const quiet = classifier.classify(text)
  const loud = classifier.classify(text, { channel: 'x', reach: 250000, promoted: true })
  assert.equal(quiet.label, loud.label)
  assert.ok(loud.severity > quiet.severity)
  assert.deepEqual(classifier.classify(text, {}), quiet)
  assert.throws(() => classifier.classify(text, { channel: 'carrier-pigeon' }), (err) => err.code === 'unknown_channel')
  assert.throws(() => classifier.classify(text, { reach: -1 }), (err) => err.code === 'invalid_option' && err.option === 'reach')
  assert.throws(() => classifier.classify(text, { reach: NaN }), (err) => err.code === 'invalid_option')
  assert.throws(() => classifier.classify(42), (err) => err instanceof Error)
})

test('bad input: empty text, invalid UTF-8, a megabyte of text', () => {
  const classifier = new Classifier()
  const empty = classifier.classify('')
  assert.deepEqual([empty.label, empty.language, empty.signals], ['other', 'unknown', []])
  assert.throws(() => classifier.classifyBytes(Buffer.from([0x66, 0x69, 0x6e, 0x65, 0x20, 0xff])), (err) => err.code === 'invalid_encoding' && err.offset === 5)
  const text = 'Nog steeds 😡 wachten, العربية. '.repeat(40000)
  assert.ok(Buffer.byteLength(text) > 1_000_000)
  const big = classifier.classify(text)
  const last = big.signals.at(-1)
  assert.ok(last.end <= text.length && text.slice(last.start, last.end).trim().length > 0)
})

test('config errors carry the core code and fields', () => {
  const rule = (pattern) => JSON.stringify({ rules: [{ pattern, weight: 1, label: 'complaint' }] })
  assert.throws(() => new Classifier(rule('(a+)+{1000}{1000}')), (err) => err.code === 'regex_too_big' && err.pattern === '(a+)+{1000}{1000}')
  assert.throws(() => new Classifier(rule('(unclosed')), (err) => err.code === 'invalid_regex_rule')
  assert.throws(() => new Classifier('{"wordz": []}'), (err) => err.code === 'invalid_json' && err.line === 1)
  const linear = new Classifier(rule('(a+)+$'))
  assert.equal(linear.classify('a'.repeat(100000) + '!').label, 'other')
})

test('train, reload and options', () => {
  const trained = Classifier.train(TEXTS, LABELS)
  assert.ok(trained.hasModel)
  assert.ok(!new Classifier().hasModel)
  assert.equal(Classifier.train(TEXTS, LABELS, '{"seed": 42}').toJson(), trained.toJson())
  const again = Classifier.fromJson(trained.toJson())
  for (const t of TEXTS) assert.deepEqual(again.classify(t), trained.classify(t))
  assert.throws(() => Classifier.train(['a', 'b'], ['complaint', 'grumble']), (err) => err.code === 'unknown_label')
  assert.throws(() => Classifier.train(['a', 'b'], ['complaint']), (err) => err.code === 'label_count_mismatch')
  assert.throws(() => Classifier.train([], []), (err) => err.code === 'empty_training_set')
  assert.throws(() => Classifier.train(['a', 'b'], ['complaint', 'other'], '{"epoch": 3}'), (err) => err.code === 'invalid_json')
})

test('trainAsync resolves to a classifier and rejects with the core code', async () => {
  const trained = await Classifier.trainAsync(TEXTS, LABELS)
  assert.ok(trained instanceof Classifier)
  assert.equal(trained.toJson(), Classifier.train(TEXTS, LABELS).toJson())
  await assert.rejects(Classifier.trainAsync(['a'], ['complaint']), (err) => err.code === 'invalid_classifier_config')
  await assert.rejects(Classifier.trainAsync(['a', 'b'], ['complaint', 'grumble']), (err) => err.code === 'unknown_label')
})

test('classifyBatchAsync runs off the event loop and matches classifyBatch', async () => {
  const classifier = new Classifier()
  const texts = Array(20000).fill('Waarom is mijn pakket nog steeds niet bezorgd? Ik wacht al 3 weken! '.repeat(8))
  let ticks = 0
  let done = false
  const tick = () => { ticks += 1; if (!done) setImmediate(tick) }
  setImmediate(tick)
  const out = await classifier.classifyBatchAsync(texts, { channel: 'email' })
  done = true
  assert.equal(out.length, texts.length)
  // Computing on the event loop would leave no turn for the ticker while the batch runs.
  assert.ok(ticks > 10, `ticks ${ticks}`)
  const small = ['Still waiting!!', 'Dank je wel', '', 'How do I change my address?']
  assert.deepEqual(await classifier.classifyBatchAsync(small), classifier.classifyBatch(small))
  assert.deepEqual(classifier.classifyBatch(small), small.map((t) => classifier.classify(t)))
  await assert.rejects(classifier.classifyBatchAsync(small, { channel: 'nope' }), (err) => err.code === 'unknown_channel')
})

test('classify, classifyBatch and classifyBatchAsync build the same objects, field order included', async () => {
  const classifier = new Classifier()
  const texts = ['NOT HAPPY!!! 😡😡 still waiting 6 weeks #fail, my lawyer will call :(',
    'Bedankt, top geholpen! 👍 echt super', 'How do I change my address??', '', 'x\ud800y niet blij 🇳🇱',
    'Al 3 keer gebeld en nog steeds geen internet. Ik ga overstappen!']
  const batch = classifier.classifyBatch(texts, { reach: 5000 })
  const json = JSON.stringify(batch)
  assert.equal(JSON.stringify(texts.map((t) => classifier.classify(t, { reach: 5000 }))), json)
  assert.equal(JSON.stringify(await classifier.classifyBatchAsync(texts, { reach: 5000 })), json)
  assert.deepEqual(Object.keys(batch[0]), ['label', 'scores', 'severity', 'severityLevel', 'language', 'signals'])
  assert.deepEqual(Object.keys(batch[0].scores), ['complaint', 'question', 'praise', 'other'])
  assert.deepEqual(Object.keys(batch[0].signals[0]), ['kind', 'label', 'weight', 'start', 'end'])
  const kinds = new Set(batch.flatMap((c) => c.signals.map((s) => s.kind)))
  for (const k of ['shouting', 'negative_emoji', 'fail_hashtag', 'legal_threat', 'churn_threat', 'thanks']) {
    assert.ok(kinds.has(k), k)
  }
})
