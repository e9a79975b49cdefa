// Loads the language-neutral conformance vectors (tests/vectors) and compares results the
// way every runner does (see tests/vectors/README.md).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const VECTORS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'vectors')

export function loadCases() {
  const prefix = process.env.WEBCARE_VECTOR ?? ''
  const out = []
  for (const module of readdirSync(VECTORS).sort()) {
    const dir = join(VECTORS, module)
    if (!statSync(dir).isDirectory()) continue
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const data = JSON.parse(readFileSync(join(dir, file), 'utf8'))
      for (const c of data.cases) {
        const id = `${module}/${file.slice(0, -5)}/${c.name}`
        if (id.startsWith(prefix)) out.push({ id, case: c })
      }
    }
  }
  return out
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i

function instant(text) {
  if (!RFC3339.test(text)) return null
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? null : ms
}

export function subsetEq(expect, actual) {
  if (Array.isArray(expect)) {
    return Array.isArray(actual) && expect.length === actual.length && expect.every((e, i) => subsetEq(e, actual[i]))
  }
  if (expect !== null && typeof expect === 'object') {
    return actual !== null && typeof actual === 'object' && Object.entries(expect).every(([k, v]) => k in actual && subsetEq(v, actual[k]))
  }
  if (typeof expect === 'string' && typeof actual === 'string') {
    if (expect === actual) return true
    const e = instant(expect)
    const a = instant(actual)
    return e !== null && a !== null && e === a
  }
  return expect === actual
}
