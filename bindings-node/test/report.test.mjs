// The inbox and report API from Node: Dates in and out, JSON lines as strings and Buffers,
// errors with code and line, the async batch entries, bad input.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import webcare from '../index.js'

const { ColumnMapping, Inbox, Policy, Report, messageFromJson, readMessages, report } = webcare

const SAMPLE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'data', 'inbox.jsonl')
const at = (text) => new Date(text)

const complaint = (over = {}) => ({
  id: 'x1',
  channel: 'x',
  direction: 'inbound',
  author: '@ann',
  sentAt: at('2026-03-06T10:00:00Z'),
  text: 'Still no refund after 6 weeks and nobody answers my emails! #fail',
  reach: 40000,
  promoted: false,
  ...over,
})
const reply = { id: 'r1', channel: 'x', direction: 'outbound', author: '@airline', sentAt: at('2026-03-06T10:20:00Z'), text: 'Sorry Ann, please DM us.', replyTo: 'x1', promoted: false }

const sampleLines = () => readFileSync(SAMPLE, 'utf8').split('\n').filter((l) => l.trim())

test('the queue puts the high-reach repeat complaint first, with Dates and milliseconds', () => {
  const inbox = new Inbox()
  inbox.link('x:@ann', 'email:ann@example.com', 'gave her address in a DM')
  inbox.push({ id: 'e1', channel: 'email', direction: 'inbound', author: 'ann@example.com', sentAt: at('2026-03-05T09:00:00Z'), text: 'Where is my refund? I have been waiting for weeks.', promoted: false })
  inbox.push(complaint())
  inbox.push({ id: 'q1', channel: 'chat', direction: 'inbound', author: 'bob', sentAt: at('2026-03-06T10:05:00Z'), text: 'What are your opening hours?', promoted: false })
  const queue = inbox.queue(at('2026-03-06T10:10:00Z'), 20)
  const [top] = queue
  assert.equal(top.messageId, 'x1')
  assert.ok(['high', 'urgent'].includes(top.priority))
  assert.equal(top.label, 'complaint')
  assert.ok(top.sentAt instanceof Date)
  assert.equal(top.sentAt.getTime(), at('2026-03-06T10:00:00Z').getTime())
  assert.equal(top.waitingMs, 10 * 60 * 1000)
  assert.ok(top.handles.includes('x:ann'))
  const kinds = top.triage.reasons.map((r) => r.kind)
  assert.ok(kinds.includes('reach') && kinds.includes('repeat_contact'))
  assert.equal(top.triage.score > 0, true)
  assert.equal(inbox.queue(at('2026-03-06T10:10:00Z'), 1).length, 1)
  assert.ok(inbox.latest instanceof Date)
})

test('report: figures, text, JSON round trip', () => {
  const r = report([complaint({ reach: undefined }), reply], Policy.preset())
  const [x] = r.channels
  assert.equal(x.channel, 'x')
  assert.equal(x.figures.answered, 1)
  assert.equal(x.figures.answeredShare, 1)
  assert.equal(x.figures.firstResponse.medianS, 1200)
  assert.equal(x.figures.sla.firstReply.met, 1)
  assert.equal(x.figures.unresolved.under1h, 0)
  assert.equal(r.total.inbound, 1)
  assert.equal(r.at.getTime(), at('2026-03-06T10:20:00Z').getTime())
  assert.match(r.toText(), /20m/)
  assert.ok(Report.fromJson(r.toJson()).equals(r))
  assert.equal(r.consistency.answers, 1)
})

test('pushJsonl (string, Buffer), pushMany and report() agree on the sample inbox', async () => {
  const lines = sampleLines()
  const messages = lines.map((l) => messageFromJson(l))
  const direct = report(messages)
  const a = new Inbox()
  const b = new Inbox()
  const c = new Inbox()
  const d = new Inbox()
  assert.equal(a.pushJsonl(lines.join('\n')), lines.length)
  assert.equal(b.pushJsonl(readFileSync(SAMPLE)), lines.length)
  c.pushMany(messages)
  assert.equal(await d.pushJsonlAsync(readFileSync(SAMPLE)), lines.length)
  for (const inbox of [a, b, c, d]) assert.ok(inbox.report(direct.at).equals(direct))
  assert.deepEqual(a.queue(direct.at, 20), c.queue(direct.at, 20))
  assert.equal(a.pushed, lines.length)
})

test('pushManyAsync runs off the event loop and rejects with the core error', async () => {
  const inbox = new Inbox()
  const pending = inbox.pushManyAsync(sampleLines().map((l) => messageFromJson(l)))
  assert.ok(pending instanceof Promise)
  assert.equal(await pending, sampleLines().length)
  const bad = new Inbox()
  bad.push(complaint())
  await assert.rejects(bad.pushManyAsync([complaint({ sentAt: at('2026-03-06T11:00:00Z') })]), (err) => {
    assert.equal(err.code, 'duplicate_message_id')
    return true
  })
  await assert.rejects(bad.pushJsonlAsync('{"id": 1}\n', 7), (err) => {
    assert.equal(err.code, 'invalid_record')
    assert.equal(err.line, 7)
    return true
  })
})

test('a malformed line names its line; the lines before it are pushed', () => {
  const lines = sampleLines().slice(0, 3)
  const inbox = new Inbox()
  assert.throws(() => inbox.pushJsonl([lines[0], lines[1], '{"id": "bad", "channel": "x",', lines[2]].join('\n'), 101), (err) => {
    assert.equal(err.code, 'invalid_record')
    assert.equal(err.line, 103)
    return true
  })
  assert.equal(inbox.pushed, 2)
})

test('bad input: invalid Date, unknown channel, bad options', () => {
  const inbox = new Inbox()
  assert.throws(() => inbox.queue(new Date('nope'), 20), (err) => err.code === 'invalid_datetime')
  assert.throws(() => inbox.report(new Date(NaN)), (err) => err.code === 'invalid_datetime')
  assert.throws(() => inbox.push(complaint({ channel: 'pigeon_post' })), (err) => err.code === 'unknown_channel')
  const line = JSON.stringify({ id: 'm1', channel: 'pigeon_post', direction: 'inbound', author: 'ann', sent_at: '2026-03-06T10:00:00Z', text: 'hi' })
  assert.throws(() => inbox.pushJsonl(line), (err) => err.code === 'invalid_record' && err.line === 1)
  assert.throws(() => new Inbox({ triager: '{"no_such_weight": 1}' }), (err) => err.code === 'invalid_json')
  assert.throws(() => inbox.link('x:@ann', 'pigeon:ann'), (err) => typeof err.code === 'string')
  const custom = new Inbox({ policy: Policy.preset(), classifier: new webcare.Classifier(), triager: '{}', repeatWindowMs: 3 * 86400e3, retentionMs: 86400e3, consistencyWindow: 100 })
  custom.push(complaint())
  assert.equal(custom.openConversations, 1)
})

test('readMessages: CSV through a mapping, JSON lines in batches, errors keep the messages before them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'webcare-test-'))
  try {
    const csv = join(dir, 'twcs.csv')
    writeFileSync(csv, 'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n2,115712,True,Tue Oct 31 22:08:27 +0000 2017,@sprintcare my phone is broken,1,\n1,sprintcare,False,Tue Oct 31 22:10:47 +0000 2017,@115712 We can help.,,2.0\n')
    const twcs = readMessages(csv, ColumnMapping.twcs()).read(10)
    assert.deepEqual(twcs.map((m) => m.id), ['2', '1'])
    assert.equal(twcs[1].replyTo, '2')
    assert.ok(twcs[1].sentAt instanceof Date)
    const reader = readMessages(SAMPLE)
    const first = reader.read(5)
    const rest = reader.read(100000)
    assert.equal(first.length + rest.length, sampleLines().length)
    assert.deepEqual(reader.read(5), [])
    const bad = join(dir, 'bad.csv')
    writeFileSync(bad, 'id,author,direction,sent_at,text,channel\nm0,ann,inbound,2026-03-02T10:00:00Z,hi,email\nm1,ann,sideways,2026-03-02T10:00:00Z,hi,email\nm2,ann,inbound,2026-03-02T10:01:00Z,hi,email\n')
    const r = readMessages(bad)
    assert.deepEqual(r.read(10).map((m) => m.id), ['m0'])
    assert.throws(() => r.read(10), (err) => err.code === 'invalid_record' && err.line === 3)
    assert.deepEqual(r.read(10).map((m) => m.id), ['m2'])
    assert.throws(() => readMessages(bad, undefined, 'xml'), (err) => err.code === 'invalid_option')
    assert.throws(() => readMessages(join(dir, 'absent.jsonl')))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
