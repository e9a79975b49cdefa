// The contact API from Node: conventions the vectors do not show (Date in and out, errors
// with code and fields, plain objects).
import { test } from 'node:test'
import assert from 'node:assert/strict'

import webcare from '../index.js'

const { Channel, ContactBook, Handle } = webcare

const msg = (id, channel, author, iso, extra = {}) => ({
  id, channel, direction: 'inbound', author, sentAt: new Date(iso), text: '...', ...extra,
})

test('errors carry the core code and fields', () => {
  assert.throws(() => new Handle('email', 'ann@'), (err) => {
    assert.ok(err instanceof Error)
    assert.equal(err.code, 'invalid_email')
    assert.equal(err.value, 'ann@')
    assert.equal(typeof err.reason, 'string')
    return true
  })
  assert.throws(() => webcare.messageFromJson('{"id": '), (err) => err.code === 'invalid_json' && err.line === 1)
})

test('an invalid Date is refused, not read as the epoch', () => {
  const book = new ContactBook()
  assert.throws(() => book.addMessage(msg('m1', 'x', '@ann', 'not a date')), (err) => err.code === 'invalid_datetime')
  assert.equal(book.messageCount, 0)
})

test('a Date beyond the representable range is a typed error', () => {
  const book = new ContactBook()
  const m = { ...msg('m1', 'x', '@ann', '2026-03-02T09:00:00Z'), sentAt: new Date(8.64e15) }
  assert.throws(() => book.addMessage(m), (err) => err.code === 'instant_out_of_range')
})

test('Dates come back unchanged to the millisecond', () => {
  const book = new ContactBook()
  const sentAt = new Date('2026-03-02T09:00:00.123+01:00')
  const id = book.addMessage(msg('m1', 'email', 'Ann@Example.nl', sentAt.toISOString()))
  const contact = book.contact(id)
  assert.ok(contact.messages[0].sentAt instanceof Date)
  assert.equal(contact.messages[0].sentAt.getTime(), sentAt.getTime())
})

test('merging keeps every message; repeat contact across channels', () => {
  const book = new ContactBook()
  book.addMessages([
    msg('m1', 'email', 'ann@example.nl', '2026-03-02T09:00:00+01:00'),
    msg('m2', 'phone', '+31 6 12345678', '2026-03-03T10:00:00+01:00'),
    msg('m3', 'x', '@AnnDV', '2026-03-04T11:00:00+01:00'),
  ])
  assert.equal(book.size, 3)
  book.link('email:ann@example.nl', new Handle('phone', '0031612345678'), 'same order')
  const ann = book.link(Handle.parse('x:@ANNDV'), 'email:ann@example.nl')
  assert.equal(book.size, 1)
  assert.deepEqual(book.contact(ann).messages.map((m) => m.id), ['m1', 'm2', 'm3'])
  const repeats = book.repeatContacts(7 * 24 * 3600 * 1000)
  assert.deepEqual(repeats.map((r) => r.channels), [['email', 'phone', 'x']])
  assert.ok(repeats[0].firstAt instanceof Date)
  const again = ContactBook.fromJson(book.toJson())
  assert.equal(again.toJson(), book.toJson())
})

test('unknown contact id', () => {
  assert.throws(() => new ContactBook().contact(3), (err) => err.code === 'unknown_contact')
  assert.throws(() => new ContactBook().contact(1.5), (err) => err.code === 'unknown_contact')
})

test('channel names match core', () => {
  assert.deepEqual(Channel.builtIn(), ['x', 'x_dm', 'facebook', 'instagram', 'whatsapp', 'email', 'phone', 'web_form', 'chat'])
  assert.equal(new Channel('twitter').isPublic, true)
})

test('a panic in core is an Error with code internal, and the process lives on', () => {
  assert.throws(() => webcare._panic('deliberate'), (err) => {
    assert.ok(err instanceof Error)
    assert.equal(err.code, 'internal')
    assert.match(err.message, /deliberate/)
    return true
  })
  assert.equal(new Channel('x').name, 'x')
})
