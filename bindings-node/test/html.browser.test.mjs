// The HTML report in a real browser: headless Debian Chromium (driven by playwright-core,
// which downloads no browser) loads the report of the sample inbox from a file:// URL. The
// test fails on any console error, page error or request other than the file itself, checks
// every figure marked with `data-figure` against the report's JSON, checks the phone layout
// does not overflow, and saves full-page screenshots to target/report.png (desktop) and
// target/report-phone.png (390 px wide) for a person to look at.
//
//   cd bindings-node && node --test test/html.browser.test.mjs
//
// Skips with a message where /usr/bin/chromium is absent (`apt-get install chromium`).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { Inbox } = require('../index.js')

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const SAMPLE = join(ROOT, 'examples', 'data', 'inbox.jsonl')
const TARGET = join(ROOT, 'target')
const CHROMIUM = '/usr/bin/chromium'
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

const skip = existsSync(CHROMIUM)
  ? false
  : `no browser at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) to run the browser test`

/** The JSON value a `data-figure` key names (see core/src/report/html/mod.rs). */
function resolve(report, queue, figure) {
  const [head, ...rest] = figure.split('.')
  let node
  if (head === 'total') node = report.total
  else if (head === 'hours') node = report.hours
  else if (head === 'queue') {
    return queue.filter((q) => q.label === 'complaint' && q.priority === rest[0]).length
  } else if (head === 'consistency') {
    node = report.consistency
    if (rest[0] === 'pairs') {
      const [a, b] = rest[1].split('/')
      node = node.pairs.find((p) => p.channels[0] === a && p.channels[1] === b)
      rest.splice(0, 2)
    }
  } else {
    const m = /^channel-(\d+)$/.exec(head)
    node = m ? report.channels[Number(m[1])] : report.channels.find((c) => c.channel === head)
  }
  assert.ok(node !== undefined, `${figure}: no such place in the report`)
  for (const key of rest) {
    node = node?.[/^\d+$/.test(key) ? Number(key) : key]
  }
  return node ?? null
}

/** The text a figure shows, from its JSON value. */
function shown(figure, value, text) {
  if (value === null) return text === '-' || /norm|target/.test(text)
  if (/(_share|\.rate)$/.test(figure)) return text === `${Math.round(value * 100)}%`
  if (/(_s|\.seconds)$/.test(figure)) return /^-?\d+[smhud]/.test(text)
  if (figure.startsWith('queue.')) return text === `(${value})`
  return text.replace(/[,.]/g, '') === String(value)
}

test('the sample report renders in Chromium with no error and no request, and its figures equal the JSON', { skip, timeout: 120_000 }, async () => {
  const { chromium } = await import('playwright-core')
  const inbox = new Inbox()
  inbox.pushJsonl(readFileSync(SAMPLE))
  const now = inbox.latest
  const report = inbox.report(now)
  const queue = inbox.queue(now, 100)
  const html = report.toHtml({ queue, title: 'Velder: the sample week' })
  mkdirSync(TARGET, { recursive: true })
  const file = join(TARGET, 'report.html')
  writeFileSync(file, html)
  const url = pathToFileURL(file).href
  const json = JSON.parse(report.toJson())

  const profile = mkdtempSync(join(tmpdir(), 'webcare-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  })
  try {
    const problems = []
    const requests = []
    context.on('request', (r) => requests.push(r.url()))
    const page = context.pages()[0] ?? (await context.newPage())
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`)
    })
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`))
    const response = await page.goto(url, { waitUntil: 'load' })
    assert.ok(response === null || response.ok())
    await page.waitForLoadState('networkidle')

    assert.deepEqual(problems, [])
    assert.deepEqual(requests, [url], 'the page loads nothing but itself')
    assert.equal(await page.title(), 'Velder: the sample week')
    assert.equal(await page.evaluate(() => document.scripts.length), 0)
    const svgs = await page.evaluate(() =>
      [...document.querySelectorAll('svg')].map((s) => s.querySelector(':scope > title')?.textContent ?? ''),
    )
    assert.ok(svgs.length >= 10, `${svgs.length} charts`)
    assert.ok(svgs.every((t) => t.length > 0), 'every chart has a title')

    const figures = await page.evaluate(() =>
      [...document.querySelectorAll('[data-figure]')].map((e) => ({
        figure: e.getAttribute('data-figure'),
        value: e.getAttribute('data-value'),
        text: e.textContent.trim(),
        visible: e.getClientRects().length > 0,
      })),
    )
    assert.ok(figures.length > 500, `${figures.length} figures`)
    for (const { figure, value, text, visible } of figures) {
      const expected = resolve(json, queue, figure)
      const got = value === 'null' ? null : Number(value)
      if (expected === null || got === null) assert.equal(got, expected, figure)
      else assert.ok(Math.abs(got - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${figure}: page ${got}, JSON ${expected}`)
      assert.ok(shown(figure, got, text), `${figure}: shows ${JSON.stringify(text)} for ${got}`)
      assert.ok(visible, `${figure} is laid out`)
    }
    // Spot checks against the sample's known counts (examples/data/README.md).
    const byFigure = Object.fromEntries(figures.map((f) => [f.figure, Number(f.value)]))
    assert.equal(byFigure['total.inbound'], 1277)
    assert.equal(
      json.hours.inbound.reduce((a, b) => a + b, 0),
      1277,
    )
    // The high-reach complaint left waiting is listed in the queue section.
    const queueText = await page.locator('#queue').innerText()
    assert.ok(queue.some((q) => q.messageId === 'm0001843'))
    assert.ok(queueText.includes(queue.find((q) => q.messageId === 'm0001843').text.slice(0, 40)))

    await page.screenshot({ path: join(TARGET, 'report.png'), fullPage: true })
    await page.setViewportSize({ width: 390, height: 844 })
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `the phone layout is ${overflow} px too wide`)
    await page.screenshot({ path: join(TARGET, 'report-phone.png'), fullPage: true })
    assert.deepEqual(problems, [])
    assert.deepEqual(requests, [url])
  } finally {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  }
})
