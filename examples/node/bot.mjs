#!/usr/bin/env node
// A care bot: reads mentions as JSON lines on stdin (one message per line, as in
// examples/data/inbox.jsonl) and writes, per customer mention, one JSON line on stdout:
//
//   {"id": "m42", "priority": "urgent", "language": "nl", "reply": "Bedankt voor je bericht, ..."}
//
// The reply acknowledges the message in its language with the expected response time the
// desk publishes for the channel (webcare's expected-time sentence, from the first replies
// seen so far). Company messages on stdin are taken in (they answer conversations and feed
// the expected times) without output.
//
//   node examples/node/bot.mjs [--history FILE.jsonl] < mentions.jsonl
//
// `--history` loads earlier traffic first, so the expected response times rest on it.
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { Inbox, messageFromJson } = require('../../bindings-node/index.js')

// The acknowledgement around webcare's sentence, per language. The sentence itself ("We
// usually reply within 25 minutes") comes from the report; without enough first replies
// to publish one, the acknowledgement says only that the message was seen.
const TEXTS = {
  en: {
    thanks: (name) => `Thanks for your message${name ? `, ${name}` : ''}!`,
    seen: 'We have seen it and will get back to you as soon as possible.',
    expected: (sentence) => `We have seen it. ${sentence}.`,
    private: 'Please send us a private message with your booking or customer number so we can look into it.',
  },
  nl: {
    thanks: (name) => `Bedankt voor je bericht${name ? `, ${name}` : ''}!`,
    seen: 'We hebben het gezien en komen zo snel mogelijk bij je terug.',
    expected: (sentence) => `We hebben het gezien. ${sentence}.`,
    private: 'Stuur ons een privébericht met je boekings- of klantnummer, dan zoeken we het uit.',
  },
}

// A friendly name from the author handle: "@ann_de_vries" -> "@ann_de_vries" on social
// channels (a mention), nothing for e-mail addresses and phone numbers.
const nameOf = (m) => (m.author.startsWith('@') ? m.author : '')

export function acknowledge(message, item, expected) {
  const language = item?.triage?.language === 'nl' ? 'nl' : 'en'
  const t = TEXTS[language]
  const sentence = expected?.[language]
  const parts = [t.thanks(nameOf(message)), sentence ? t.expected(sentence) : t.seen]
  if (item?.triage?.advice.some((a) => a.kind === 'continue_in_private')) parts.push(t.private)
  return { language, reply: parts.join(' ') }
}

// The expected response times change slowly: the report is read again once the mentions
// are a quarter of an hour past the last reading.
const REFRESH_MS = 15 * 60 * 1000
let reading = null

function expectedTimes(inbox, at) {
  if (reading === null || at.getTime() - reading.at.getTime() >= REFRESH_MS || at < reading.at) {
    reading = inbox.report(at)
    reading = { at, channels: reading.channels }
  }
  return reading.channels
}

function answer(inbox, message) {
  // The whole waiting queue: the mention's own conversation is in it, whatever its rank.
  const item = inbox.queue(message.sentAt, 0xffffffff).find((q) => q.messageId === message.id)
  const channel = expectedTimes(inbox, message.sentAt).find((c) => c.channel === message.channel)
  const { language, reply } = acknowledge(message, item, channel?.figures.expected)
  return { id: message.id, priority: item?.priority ?? null, language, reply }
}

async function main() {
  const argv = process.argv.slice(2)
  const inbox = new Inbox()
  const h = argv.indexOf('--history')
  if (h !== -1) inbox.pushJsonl(readFileSync(argv[h + 1]))
  let line = 0
  for await (const text of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    line++
    if (!text.trim()) continue
    let message
    try {
      message = messageFromJson(text)
      inbox.push(message)
    } catch (e) {
      console.error(`stdin:${line}: ${e.message} (${e.code})`)
      continue
    }
    if (message.direction !== 'inbound') continue
    process.stdout.write(JSON.stringify(answer(inbox, message)) + '\n')
  }
}

await main()
