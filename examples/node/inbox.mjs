#!/usr/bin/env node
// The main example in Node: streams an inbox of messages through webcare's pipeline and
// prints the work queue (what to answer first, why, by when, and how) and the report per
// channel. The same program as examples/rust/inbox.rs, with the same arguments and output.
//
//   node examples/node/inbox.mjs [FILE] [--links FILE] [--mapping twcs|MAPPING.json] [--now RFC3339] [--json] [--html FILE]
//
// JSON lines are read in chunks of whole lines and parsed in Rust (`pushJsonl`, one call
// per chunk); CSV goes through webcare's reader in batches. `--json` prints
// {"queue": [...], "report": {...}} instead of the text; `--html FILE` also writes the report
// as one self-contained HTML page with the complaints of the queue (top 100). Build the addon first:
// `cd bindings-node && npx napi build --platform --js index.js --dts index.d.ts`.
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const webcare = require('../../bindings-node/index.js')
const { ColumnMapping, Inbox, readMessages } = webcare

const DATA = join(dirname(fileURLToPath(import.meta.url)), '..', 'data')
const CHUNK = 1 << 20
const BATCH = 4096

function parseArgs(argv) {
  const out = { file: join(DATA, 'inbox.jsonl'), links: null, mapping: null, now: null, json: false, html: null }
  let fileGiven = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`)
      return argv[++i]
    }
    if (arg === '--links') out.links = value()
    else if (arg === '--mapping') out.mapping = value()
    else if (arg === '--now') out.now = value()
    else if (arg === '--json') out.json = true
    else if (arg === '--html') out.html = value()
    else if (arg === '-h' || arg === '--help') {
      console.log('usage: inbox [FILE] [--links FILE] [--mapping twcs|MAPPING.json] [--now RFC3339] [--json] [--html FILE]')
      process.exit(0)
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`)
    else {
      out.file = arg
      fileGiven = true
    }
  }
  if (out.links === null && !fileGiven) out.links = join(DATA, 'links.jsonl')
  return out
}

export function human(seconds) {
  const s = Math.abs(seconds)
  const pad = (n) => String(n).padStart(2, '0')
  let text
  if (s < 60) text = `${s}s`
  else if (s < 3600) text = `${Math.floor(s / 60)}m`
  else if (s < 86400) text = `${Math.floor(s / 3600)}h${pad(Math.floor((s % 3600) / 60))}m`
  else text = `${Math.floor(s / 86400)}d${pad(Math.floor((s % 86400) / 3600))}h`
  return seconds < 0 ? `-${text}` : text
}

export function shorten(text, max) {
  const flat = text.split(/\s+/u).filter(Boolean).join(' ')
  const chars = [...flat]
  return chars.length <= max ? flat : chars.slice(0, max - 1).join('') + '…'
}

// Pads to a width in characters (code points), as Rust's `{:<n}` does.
const padEnd = (text, n) => text + ' '.repeat(Math.max(0, n - [...text].length))
const padStart = (text, n) => ' '.repeat(Math.max(0, n - [...text].length)) + text

// One decimal, ties to even as Rust and Python round the exact binary value.
function fixed1(x) {
  const twenty = x * 20
  if (Number.isInteger(twenty) && Math.abs(twenty) % 2 === 1) {
    const lower = Math.floor(x * 10)
    const even = lower % 2 === 0 ? lower : lower + 1
    return (even / 10).toFixed(1)
  }
  return x.toFixed(1)
}

// RFC 3339 in UTC with `Z`, milliseconds only when present (as webcare writes instants).
const fmtInstant = (d) => d.toISOString().replace('.000Z', 'Z')

function pushJsonl(inbox, path) {
  const fd = openSync(path, 'r')
  let count = 0
  let line = 1
  let rest = Buffer.alloc(0)
  try {
    const block = Buffer.alloc(CHUNK)
    for (;;) {
      const n = readSync(fd, block, 0, CHUNK, null)
      if (n === 0) break
      const data = Buffer.concat([rest, block.subarray(0, n)])
      const cut = data.lastIndexOf(0x0a) + 1
      if (cut === 0) {
        rest = data
        continue
      }
      const chunk = data.subarray(0, cut)
      rest = Buffer.from(data.subarray(cut))
      count += inbox.pushJsonl(chunk, line)
      for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) line++
    }
    if (rest.toString().trim()) count += inbox.pushJsonl(rest, line)
  } finally {
    closeSync(fd)
  }
  return count
}

function pushCsv(inbox, path, mapping) {
  const reader = readMessages(path, mapping)
  let count = 0
  let skipped = 0
  for (;;) {
    let batch
    try {
      batch = reader.read(BATCH)
    } catch (e) {
      // A malformed row of an export (an unquoted line break in a tweet): skip it, say so,
      // and read on.
      if (e.code !== 'invalid_record') throw e
      skipped++
      if (skipped <= 3) console.error(`${path}: skipped: ${e.message}`)
      continue
    }
    if (batch.length === 0) break
    inbox.pushMany(batch)
    count += batch.length
  }
  if (skipped > 0) console.error(`${path}: ${skipped} malformed records skipped`)
  return count
}

function main() {
  const args = parseArgs(process.argv.slice(2))
  const inbox = new Inbox()
  if (args.links !== null && existsSync(args.links)) {
    for (const text of readFileSync(args.links, 'utf8').split('\n')) {
      if (!text.trim()) continue
      const link = JSON.parse(text)
      inbox.link(link.a, link.b, link.evidence ?? '')
    }
  }
  statSync(args.file)
  const started = process.hrtime.bigint()
  let count
  try {
    if (args.file.toLowerCase().endsWith('.csv')) {
      const mapping =
        args.mapping === 'twcs'
          ? ColumnMapping.twcs()
          : args.mapping !== null
            ? ColumnMapping.fromJson(readFileSync(args.mapping, 'utf8'))
            : new ColumnMapping()
      count = pushCsv(inbox, args.file, mapping)
    } else {
      count = pushJsonl(inbox, args.file)
    }
  } catch (e) {
    console.error(`${args.file}: ${e.message} (${e.code})`)
    return 1
  }
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9
  const now = args.now !== null ? new Date(args.now) : inbox.latest
  if (now === null || now === undefined) {
    console.error('no messages')
    return 1
  }
  console.error(
    `${count} messages in ${elapsed.toFixed(2)}s (${(count / Math.max(elapsed, 1e-9)).toFixed(0)} messages/s); ${inbox.openConversations} conversations open`,
  )

  const queue = inbox.queue(now, 20)
  const report = inbox.report(now)
  if (args.html) {
    writeFileSync(args.html, report.toHtml({ queue: inbox.queue(now, 100) }))
    console.error(`wrote ${args.html}`)
  }
  if (args.json) {
    const out = {
      queue: queue.map((q) => ({ conversation: q.conversation, message_id: q.messageId, priority: q.priority })),
      report: JSON.parse(report.toJson()),
    }
    console.log(JSON.stringify(out))
    return 0
  }
  const lines = [`${count} messages from ${basename(args.file)}; queue and report at ${fmtInstant(now)}`, '']
  lines.push(`Queue: the ${queue.length} conversations to answer first`)
  queue.forEach((item, i) => {
    const due =
      item.due != null
        ? `due ${fmtInstant(item.due)} (in ${human(Math.trunc((item.due.getTime() - now.getTime()) / 1000))})`
        : 'no deadline'
    const handle = item.handles[0] ?? ''
    lines.push(
      `${padStart(String(i + 1), 2)}. ${padEnd(item.priority.toUpperCase(), 6)} ${padEnd(item.channel, 8)} ${padEnd(shorten(handle, 28), 28)} waiting ${padEnd(human(Math.trunc(item.waitingMs / 1000)), 7)} ${due}`,
    )
    lines.push(`    [${item.label}] "${shorten(item.text, 100)}"`)
    if (item.triage) {
      const reasons = item.triage.reasons.map((r) => r.detail)
      if (reasons.length > 0) lines.push(`    why: score ${fixed1(item.triage.score)}: ${reasons.join('; ')}`)
      for (const advice of item.triage.advice.slice(0, 2)) lines.push(`    do:  ${advice.text}`)
    }
  })
  lines.push('')
  process.stdout.write(lines.join('\n') + '\n' + report.toText())
  return 0
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main()
