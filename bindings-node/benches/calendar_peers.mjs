// Calendar.elapsed per call and over a Float64Array batch, against npm
// `moment-business-time` on the same inputs (issue 3, item 7).
//
// The calendar: 9-to-5 Monday-Friday in Europe/Amsterdam with 10 holidays a year; spans of
// 30 minutes and 30 business days (240 open hours) from 1,000 starts inside opening hours
// spread over 2026. The peer is optional (not a dependency) and skipped with a message when
// it is not installed:
//
//   cd bindings-node && npm install --no-save moment-business-time moment-timezone   # optional
//   node benches/calendar_peers.mjs [pairs]
//
// moment-business-time works in a moment's zone: it gets moment-timezone moments in
// Europe/Amsterdam. Each number is the best of a few repeats; a ratio is peer time /
// webcare time (above 1: webcare is faster).
import { createRequire } from 'node:module'
import { performance } from 'node:perf_hooks'

import webcare from '../index.js'

const require = createRequire(import.meta.url)
const { Calendar } = webcare

const HOLIDAYS = [
  '2026-01-01', '2026-04-03', '2026-04-06', '2026-04-27', '2026-05-05',
  '2026-05-14', '2026-05-25', '2026-12-24', '2026-12-25', '2026-12-31',
  '2027-01-01', '2027-03-26', '2027-03-29', '2027-04-27', '2027-05-05',
  '2027-05-06', '2027-05-17', '2027-12-24', '2027-12-27', '2027-12-31',
]
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri']
const CALENDAR = {
  timezone: 'Europe/Amsterdam',
  hours: Object.fromEntries(DAYS.map((d) => [d, ['09:00-17:00']])),
  holidays: HOLIDAYS,
}
const HOUR = 3600 * 1000
const SPANS = { '30 minutes': HOUR / 2, '30 business days': 30 * 8 * HOUR }

function best(run, repeats = 5) {
  let min = Infinity
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now()
    run()
    min = Math.min(min, performance.now() - t0)
  }
  return min / 1000
}

// A small deterministic generator, so every run measures the same inputs.
function rng(seed) {
  let s = seed
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648
    return s / 2147483648
  }
}

function starts(cal, n) {
  const next = rng(7)
  const t0 = Date.parse('2026-01-05T00:00:00Z')
  const out = []
  while (out.length < n) {
    const t = new Date(t0 + Math.floor(next() * 330 * 24 * 60) * 60000)
    if (cal.isOpen(t)) out.push(t)
  }
  return out
}

const cal = Calendar.fromJson(JSON.stringify(CALENDAR))
const pairs = Number(process.argv[2] ?? 1_000_000)
const mbt = (() => {
  try {
    const moment = require('moment-timezone')
    require('moment-business-time')
    const workinghours = { 0: null, 6: null }
    for (let d = 1; d <= 5; d++) workinghours[d] = ['09:00:00', '17:00:00']
    moment.updateLocale('en', { workinghours, holidays: HOLIDAYS })
    return { moment, diff: (a, b) => b.workingDiff(a, 'milliseconds') }
  } catch (err) {
    console.log(`moment-business-time: not installed, skipped (${err.code ?? err.message})\n`)
    return null
  }
})()

console.log(`webcare, Node ${process.version}`)
const a = starts(cal, 1000)
const typedA = new Float64Array(a.map((d) => d.getTime()))
for (const [label, span] of Object.entries(SPANS)) {
  const b = cal.addMany(a, a.map(() => span))
  const ours = best(() => {
    for (let i = 0; i < a.length; i++) cal.elapsed(a[i], b[i])
  }) / a.length
  console.log(`elapsed per call, ${label}: webcare ${(ours * 1e9).toFixed(0)} ns`)
  const typedB = new Float64Array(b.map((d) => d.getTime()))
  const batch = best(() => cal.elapsedMany(typedA, typedB)) / a.length
  console.log(`  webcare elapsedMany (Float64Array)  ${(batch * 1e9).toFixed(0)} ns a pair`)
  if (mbt) {
    const ma = a.map((d) => mbt.moment.tz(d, 'Europe/Amsterdam'))
    const mb = b.map((d) => mbt.moment.tz(d, 'Europe/Amsterdam'))
    const theirs = best(() => {
      for (let i = 0; i < ma.length; i++) mbt.diff(ma[i], mb[i])
    }, 3) / a.length
    let agree = 0
    for (let i = 0; i < ma.length; i++) if (mbt.diff(ma[i], mb[i]) === span) agree++
    console.log(`  moment-business-time  ${(theirs * 1e9).toFixed(0)} ns   ratio ${(theirs / ours).toFixed(1)}x per call, ${(theirs / batch).toFixed(1)}x against the batch`)
    console.log(`  (moment-business-time agrees with webcare on ${agree} of ${a.length} pairs)`)
  }
  console.log()
}

const big = new Float64Array(pairs)
const bigEnd = new Float64Array(pairs)
const ends = cal.addMany(typedA, new Float64Array(typedA.length).fill(SPANS['30 business days']))
for (let i = 0; i < pairs; i++) {
  big[i] = typedA[i % typedA.length]
  bigEnd[i] = ends[i % ends.length]
}
const batch = best(() => cal.elapsedMany(big, bigEnd), 3)
console.log(`elapsedMany over ${pairs.toLocaleString('en')} pairs (30 business days, Float64Array): ${batch.toFixed(3)} s (${((batch / pairs) * 1e9).toFixed(0)} ns a pair)`)
const dates = Array.from(big, (ms) => new Date(ms))
const dateEnds = Array.from(bigEnd, (ms) => new Date(ms))
const loop = best(() => {
  for (let i = 0; i < pairs; i++) cal.elapsed(dates[i], dateEnds[i])
}, 1)
console.log(`  webcare elapsed in a JS loop: ${loop.toFixed(3)} s   ratio ${(loop / batch).toFixed(1)}x`)
