// The calendar API from Node: conventions the vectors do not show (Date in and out,
// milliseconds, err.code, Float64Array batches, async batches, bad input).
import { test } from 'node:test'
import assert from 'node:assert/strict'

import webcare from '../index.js'

const { Calendar } = webcare

const OFFICE = JSON.stringify({
  timezone: 'Europe/Amsterdam',
  hours: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-17:00'] },
  holidays: ['2026-12-25'],
})
const ICS = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261231\r\nSUMMARY:Old year\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'
const HOUR = 3600 * 1000
const office = Calendar.fromJson(OFFICE)

test('Dates in and out, durations in milliseconds', () => {
  const fri = new Date('2026-03-06T16:00:00+01:00')
  const due = office.add(fri, 2 * HOUR)
  assert.ok(due instanceof Date)
  assert.equal(due.toISOString(), '2026-03-09T09:00:00.000Z')
  assert.equal(office.elapsed(fri, due), 2 * HOUR)
  assert.equal(office.elapsed(due, fri), -2 * HOUR)
  assert.equal(office.sub(due, 2 * HOUR).getTime(), fri.getTime())
  assert.equal(office.isOpen(fri), true)
  assert.equal(office.isOpen(new Date('2026-03-07T12:00:00Z')), false)
  assert.equal(office.nextOpen(new Date('2026-03-07T12:00:00Z')).toISOString(), '2026-03-09T08:00:00.000Z')
  assert.equal(office.nextClose(fri).toISOString(), '2026-03-06T16:00:00.000Z')
})

test('milliseconds pass through unchanged', () => {
  const sat = new Date('2026-03-07T03:04:05.123Z')
  assert.equal(office.add(sat, 0).getTime(), sat.getTime())
  assert.equal(office.sub(sat, 0).getTime(), sat.getTime())
  const mon = new Date('2026-03-09T08:00:00.001Z')
  assert.equal(office.add(mon, 7).getTime(), mon.getTime() + 7)
  assert.equal(office.elapsed(mon, new Date(mon.getTime() + 999)), 999)
})

test('an invalid Date is refused with invalid_datetime, not read as the epoch', () => {
  const bad = new Date('not a date')
  for (const call of [
    () => office.add(bad, HOUR),
    () => office.elapsed(bad, new Date()),
    () => office.isOpen(bad),
    () => office.addMany([bad], [0]),
    () => office.elapsedMany(new Float64Array([NaN]), new Float64Array([0])),
  ]) {
    assert.throws(call, (err) => {
      assert.ok(err instanceof Error)
      assert.equal(err.code, 'invalid_datetime')
      return true
    })
  }
})

test('negative durations, bad documents and batch lengths carry the core code', () => {
  const t = new Date('2026-03-02T09:00:00Z')
  assert.throws(() => office.add(t, -1), (err) => err.code === 'negative_duration')
  assert.throws(() => office.addMany(new Float64Array([t.getTime()]), new Float64Array([-1])), (err) => err.code === 'negative_duration')
  assert.throws(() => Calendar.fromJson('{"timezone": "Mars/Olympus", "always_open": true}'), (err) => {
    assert.ok(err instanceof Error)
    assert.equal(err.code, 'unknown_timezone')
    assert.equal(err.value, 'Mars/Olympus')
    return true
  })
  assert.throws(() => Calendar.fromJson('{"timezone": "UTC", "always_open": true, "typo": 1}'), (err) => err.code === 'invalid_json')
  assert.throws(() => Calendar.anyOf([]), (err) => err.code === 'calendar_never_open')
  assert.throws(() => office.elapsedMany([t, t], [t]), (err) => err.code === 'batch_length_mismatch')
})

test('JSON round trip, equality, anyOf and iCalendar holidays', () => {
  const again = Calendar.fromJson(office.toJson())
  assert.equal(again.toJson(), office.toJson())
  assert.ok(again.equals(office))
  const ams = Calendar.fromJson('{"timezone": "Europe/Amsterdam", "hours": {"mon": ["09:00-17:00"]}}')
  const nyc = Calendar.fromJson('{"timezone": "America/New_York", "hours": {"mon": ["09:00-17:00"]}}')
  const desk = Calendar.anyOf([ams, nyc])
  assert.equal(desk.isOpen(new Date('2026-03-02T18:00:00Z')), true)
  assert.equal(ams.isOpen(new Date('2026-03-02T18:00:00Z')), false)
  assert.ok(ams.withIcsHolidays(ICS).toJson().includes('"Old year"'))
  assert.throws(() => desk.withIcsHolidays(ICS), (err) => err.code === 'invalid_ics')
})

test('batches: arrays of Date give Dates, Float64Arrays give Float64Arrays', () => {
  const starts = [new Date('2026-03-06T16:00:00+01:00'), new Date('2026-03-02T08:00:00+01:00')]
  const durations = [2 * HOUR, HOUR / 2]
  const due = office.addMany(starts, durations)
  assert.ok(due.every((d) => d instanceof Date))
  assert.deepEqual(due.map((d) => d.getTime()), starts.map((s, i) => office.add(s, durations[i]).getTime()))
  assert.deepEqual(office.elapsedMany(starts, due), durations)

  const typedStarts = new Float64Array(starts.map((d) => d.getTime()))
  const typedDue = office.addMany(typedStarts, new Float64Array(durations))
  assert.ok(typedDue instanceof Float64Array)
  assert.deepEqual([...typedDue], due.map((d) => d.getTime()))
  const elapsed = office.elapsedMany(typedStarts, typedDue)
  assert.ok(elapsed instanceof Float64Array)
  assert.deepEqual([...elapsed], durations)
  assert.ok(office.elapsedMany(starts, typedDue) instanceof Float64Array)
  assert.deepEqual(office.addMany([], []), [])
})

test('async batches run off the event loop and reject with the core code', async () => {
  const starts = new Float64Array([Date.parse('2026-03-06T15:00:00Z'), Date.parse('2026-03-02T07:00:00Z')])
  const pending = office.addManyAsync(starts, [2 * HOUR, HOUR])
  assert.ok(pending instanceof Promise)
  const due = await pending
  assert.ok(due instanceof Float64Array)
  assert.deepEqual([...due], [...office.addMany(starts, [2 * HOUR, HOUR])])
  const elapsed = await office.elapsedManyAsync([new Date(starts[0])], [new Date(due[0])])
  assert.deepEqual(elapsed, [2 * HOUR])
  await assert.rejects(office.elapsedManyAsync(starts, new Float64Array(1)), (err) => {
    assert.ok(err instanceof Error)
    assert.equal(err.code, 'batch_length_mismatch')
    return true
  })
  await assert.rejects(office.addManyAsync([new Date(starts[0])], [-5]), (err) => err.code === 'negative_duration')
  // Bad input is refused before the task starts.
  assert.throws(() => office.addManyAsync([new Date(NaN)], [0]), (err) => err.code === 'invalid_datetime')
})

test('wrong argument types throw', () => {
  assert.throws(() => office.add('2026-03-02T09:00:00Z', 0))
  assert.throws(() => Calendar.anyOf([office, 'nyc']))
})
