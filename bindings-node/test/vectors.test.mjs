// Runs every conformance vector through the Node package, each as its own test named by
// its full id. WEBCARE_VECTOR=<prefix> filters.
import { test } from 'node:test'
import assert from 'node:assert/strict'

import { loadCases, subsetEq } from './vectors.mjs'
import { OPS as CASE_OPS } from './ops_case.mjs'
import { OPS as CLASSIFY_OPS } from './ops_classify.mjs'
import { OPS as CONSISTENCY_OPS } from './ops_consistency.mjs'
import { OPS as CONTACT_OPS } from './ops_contact.mjs'
import { OPS as TRIAGE_OPS } from './ops_triage.mjs'
import { OPS as REPORT_OPS } from './ops_report.mjs'
import { OPS as CALENDAR_OPS, NOT_SUPPORTED as CALENDAR_NOT_SUPPORTED } from './ops_calendar.mjs'

const OPS = { ...CONTACT_OPS, ...CALENDAR_OPS, ...CASE_OPS, ...CLASSIFY_OPS, ...CONSISTENCY_OPS, ...TRIAGE_OPS, ...REPORT_OPS }
// Ops (or single case ids) the Node runner does not run, with the reason.
const NOT_SUPPORTED = { ...CALENDAR_NOT_SUPPORTED }

const cases = loadCases()

for (const { id, case: c } of cases) {
  test(id, { skip: NOT_SUPPORTED[id] ?? false }, () => {
    const op = OPS[c.op]
    assert.ok(op, `unknown op ${c.op}`)
    if ('error' in c) {
      assert.throws(() => op(c.input), (err) => {
        assert.ok(err instanceof Error)
        assert.equal(err.code, c.error)
        return true
      })
    } else {
      const actual = op(c.input)
      assert.ok(subsetEq(c.expect, actual), `expected ${JSON.stringify(c.expect)}\n got ${JSON.stringify(actual)}`)
    }
  })
}

test('every op in the vectors runs here', () => {
  for (const { case: c } of cases) assert.ok(c.op in OPS || c.op in NOT_SUPPORTED, c.op)
})
