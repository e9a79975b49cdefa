// The README's JavaScript snippet runs as written (with `require('webcare')` pointing at
// this package), so the tour cannot drift from the API.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const readme = readFileSync(join(here, '..', '..', 'README.md'), 'utf8')
const require = createRequire(import.meta.url)

test('README JavaScript snippet runs', () => {
  const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1])
  assert.ok(blocks.length > 0, 'README has a JavaScript snippet')
  const localRequire = (name) => require(name === 'webcare' ? '../index.js' : name)
  for (const block of blocks) new Function('require', block)(localRequire)
})
